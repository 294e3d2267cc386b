"""The public DEMO issuer key: trusted only by a server or terminal started as the demo.

resources/demo/DEMO-ONLY-issuer-key.txt is published with the program, so anyone can sign member
cards and coupons with it. A catalog that lists its public key (the bundled demo catalog does,
as key 200) is trusted with it only by `loyalty-terminal demo` / `--demo`, `init --demo`, and a
server or `import-catalog` given `--demo`; everywhere else the key is dropped with
`DEMO_KEY_WARNING`, and `check-catalog` warns.
"""

from __future__ import annotations

from terminal.catalog import CatalogIn

# the raw Ed25519 public key (base64) of resources/demo/DEMO-ONLY-issuer-key.txt
DEMO_PUBLIC_KEYS = frozenset({"scKa6JOltT1vEoLUqUJP87K98fN6VTd1xpQqvUwbWJk="})

DEMO_KEY_WARNING = ("issuer key {ids} is the public DEMO key (resources/demo/DEMO-ONLY-issuer-key.txt): anyone can sign "
                    "cards and coupons with it, so it is not trusted here and was left out; only the demo "
                    "(`loyalty-terminal demo`, or --demo) trusts it")


def demo_key_ids(cat: CatalogIn) -> list[int]:
    """Key ids of the catalog whose public key is the demo key (empty for a real catalog)."""
    return [k.key_id for k in cat.issuer_keys if k.public_key in DEMO_PUBLIC_KEYS]


def without_demo_keys(cat: CatalogIn) -> tuple[CatalogIn, list[int]]:
    """(the catalog minus the demo key, the key ids left out). The catalog is not modified."""
    ids = demo_key_ids(cat)
    if not ids:
        return cat, []
    return cat.model_copy(update={"issuer_keys": [k for k in cat.issuer_keys if k.key_id not in ids]}), ids


def warning(ids: list[int]) -> str:
    return DEMO_KEY_WARNING.format(ids=", ".join(map(str, ids)))
