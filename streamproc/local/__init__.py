"""Local tooling: the embedded services, the quick start, and reading meeting files."""
