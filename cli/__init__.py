"""The `hiraku` command line for operators."""
