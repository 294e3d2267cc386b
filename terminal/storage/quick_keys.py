"""Products as the counter's quick keys and name search see them (replica migration 0023).

A product is on the quick-key grid when the catalog gave it a `quick_key` (`key_order`, optional
`key_colour` #RRGGBB) or when it has no barcode (nothing to scan: café drinks). Categories are the
grid's tabs, ordered by their `key_order` (unset last), then name; keyed products without a category
are under the tab `None`.

    key_categories(conn) -> list[dict]         {id, name, name_en} of tabs that hold at least one key
    key_products(conn, category_id) -> list[dict]  {sku, name, name_en, price, colour, category_id}
    search_products(conn, text, limit) -> list[dict]  name / English name / SKU containing `text`
    product_by_sku(conn, sku) -> dict | None    the same shape, by SKU only (never a barcode)

Prices are integer minor units. Matching is NFKC + casefold substring (full-width Latin typed with
an input method, any case, CJK as is); names starting with the text come first.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

SCHEMA = [
    """ALTER TABLE products ADD COLUMN name_en TEXT""",
    """ALTER TABLE products ADD COLUMN key_order INTEGER CHECK (key_order IS NULL OR key_order BETWEEN 0 AND 9999)""",
    """ALTER TABLE products ADD COLUMN key_colour TEXT CHECK (key_colour IS NULL OR (length(key_colour) = 7
        AND key_colour GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'))""",
    """ALTER TABLE categories ADD COLUMN name_en TEXT""",
    """ALTER TABLE categories ADD COLUMN key_order INTEGER CHECK (key_order IS NULL OR key_order BETWEEN 0 AND 9999)""",
]

MAX_QUERY = 100  # characters of a search; longer texts are refused by the caller (usecases/quick_keys.py)
MAX_RESULTS = 48
_KEYED = "(p.key_order IS NOT NULL OR p.barcode IS NULL)"
_COLS = "p.sku, p.name, p.name_en, p.price, p.key_colour, p.category_id"
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def fold(text: str) -> str:
    """The form names and queries are compared in: NFKC, casefolded, outer spaces gone."""
    return unicodedata.normalize("NFKC", text or "").casefold().strip()


def _row(r: tuple) -> dict:
    colour = r[4] if isinstance(r[4], str) and _COLOUR.match(r[4]) else None
    return {"sku": r[0], "name": r[1], "name_en": r[2], "price": int(r[3]), "colour": colour, "category_id": r[5]}


def key_categories(conn: sqlite3.Connection) -> list[dict]:
    """The quick-key tabs: categories holding a keyed product, then `id` None for keyed products without one."""
    rows = conn.execute(
        f"""SELECT c.id, c.name, c.name_en FROM categories c
            WHERE EXISTS (SELECT 1 FROM products p WHERE p.category_id = c.id AND {_KEYED})
            ORDER BY c.key_order IS NULL, c.key_order, c.name, c.id""").fetchall()
    out = [{"id": r[0], "name": r[1], "name_en": r[2]} for r in rows]
    if conn.execute(f"SELECT 1 FROM products p WHERE p.category_id IS NULL AND {_KEYED} LIMIT 1").fetchone():
        out.append({"id": None, "name": None, "name_en": None})
    return out


def key_products(conn: sqlite3.Connection, category_id: str | None, limit: int = 200) -> list[dict]:
    """The keys of one tab (`None`: keyed products without a category), grid order, at most `limit`."""
    where = "p.category_id IS NULL" if category_id is None else "p.category_id = ?"
    args: tuple = () if category_id is None else (category_id,)
    rows = conn.execute(
        f"""SELECT {_COLS} FROM products p WHERE {where} AND {_KEYED}
            ORDER BY p.key_order IS NULL, p.key_order, p.name, p.sku LIMIT ?""", (*args, int(limit))).fetchall()
    return [_row(r) for r in rows]


def search_products(conn: sqlite3.Connection, text: str, limit: int = MAX_RESULTS) -> list[dict]:
    """Products whose name, English name or SKU contains `text` (folded), at most `limit`; names that
    start with it first, then by name. Empty text: []. Reads every product row once (a chain's catalog:
    thousands, a few milliseconds), holding at most the matches."""
    q = fold(text)
    if not q or limit <= 0:
        return []
    hits: list[tuple[int, str, tuple]] = []
    for r in conn.execute(f"SELECT {_COLS} FROM products p"):
        names = (fold(r[1]), fold(r[2] or ""))
        if any(q in n for n in names) or q in fold(r[0]):
            rank = 0 if any(n.startswith(q) for n in names) else 1
            hits.append((rank, names[0], r))
    hits.sort(key=lambda h: (h[0], h[1], h[2][0]))
    return [_row(h[2]) for h in hits[:limit]]


def product_by_sku(conn: sqlite3.Connection, sku: str) -> dict | None:
    r = conn.execute(f"SELECT {_COLS} FROM products p WHERE p.sku = ?", (sku,)).fetchone()
    return _row(r) if r is not None else None
