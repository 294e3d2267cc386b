"""Signed security rows of the pull feed (issue 13, section 6), shared by server and terminal.

The server holds a feed-signing Ed25519 key (generated at its first start, kept in the central
DB's `meta` as `feed_signing_key`; the DB file is the server's secret). Its public key is
returned at enrolment (`feed_public_key`) and pinned in the replica (meta
`sync_feed_public_key`). Every pulled row of a `SIGNED_KINDS` kind, upserts and tombstones
alike, carries `sig`: base64 Ed25519 over `row_message(kind, key, body, seq, epoch)`; the
allowance grant of GET /v1/allowances carries `sig` over `allowances_message(grant)`.

A terminal with a pinned key quarantines a row whose signature is missing or does not verify
and refuses such a grant. A replica enrolled before pinning existed has no pinned key: it
accepts rows unchecked, with a warning on every pull, until it is enrolled again (any
enrolment pins the key).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

SIGNED_KINDS = frozenset({"issuer_key", "staff", "revocation", "device_key"})  # device_key: sync/server/device_keys.py
PIN_META = "sync_feed_public_key"


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def row_message(kind: str, key: str, body: dict | None, seq: int, epoch: str) -> bytes:
    """The signed bytes of one feed row: canonical JSON of kind, key, body (null: tombstone), seq, epoch."""
    return _canonical({"kind": kind, "key": key, "body": body, "seq": seq, "epoch": epoch})


def allowances_message(grant: dict) -> bytes:
    """The signed bytes of an allowance grant: canonical JSON of every field but `sig`."""
    return _canonical({"kind": "allowances", **{k: v for k, v in grant.items() if k != "sig"}})


def verify(public_b64: str, message: bytes, sig: Any) -> bool:
    """True only for a well-formed signature of `message` by the key; never raises."""
    if not isinstance(sig, str) or len(sig) > 200:
        return False
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
        key.verify(base64.b64decode(sig, validate=True), message)
    except (InvalidSignature, ValueError, binascii.Error, TypeError):
        return False
    return True
