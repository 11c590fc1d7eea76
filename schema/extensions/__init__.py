"""Schema extensions, one per module: the node-count limit and the public error policy."""
