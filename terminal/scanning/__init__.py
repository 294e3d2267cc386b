"""Camera barcode decoding and keyboard-wedge scanner detection (no Qt here)."""
