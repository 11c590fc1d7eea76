"""Benchmarks of hiraku: `make bench` (bench/run.py), the soak test (soak.py) and search latency (search_latency.py)."""
