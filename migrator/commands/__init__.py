"""One module per CLI command: the work behind ``migrator.cli``'s thin click wrappers."""
