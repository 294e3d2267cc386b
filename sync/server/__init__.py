"""The reference central server: `python -m sync.server --db central.db --port 8765`."""
