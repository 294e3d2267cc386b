"""Loyalty Terminal: offline-first store-counter redemption terminal."""

__version__ = "0.1.0"
