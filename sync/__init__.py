"""Sync between terminals and the central server: protocol, client, reference server. No Qt."""
