"""Leaves without business rules: where files live, settings, logging, keys and hardware.

    paths.py        per-OS data, config and log directories
    config.py       layered settings (defaults < site < user < environment < flags)
    logs.py         log files, rotation, crash reports
    support.py      `about` and the support bundle
    crypto.py       Ed25519 signing and verifying (issuer keys)
    pins.py         staff PIN hashing and keyed wrapping
    printing.py     the receipt printer
    errors.py       SetupError, shared by provisioning/ and sync/

Bottom layer (with scanning/): imports nothing of terminal/ above it.
"""
