"""Quick keys and product search for the counter (issue 17 §4.2): products without barcodes
(café drinks) are sold by tapping a key or by finding them by name.

Reads only; the caller runs them on the db worker and hands the frozen results to the UI:

    key_tabs(ctx) -> list[KeyTab]                  the grid's tabs (categories with keys)
    keys(ctx, category_id) -> list[KeyProduct]     one tab's keys, grid order
    search(ctx, text) -> list[KeyProduct]          name (zh_TW or English) or SKU containing `text`

Adding a product is `Counter.add_product(sku)` (counter/_quick.py). Prices are integer minor units.
`search` raises DomainError(INVALID_REQUEST) for a text over MAX_QUERY characters.
"""

from __future__ import annotations

from dataclasses import dataclass

from terminal.domain.reasons import DomainError, Reason
from terminal.storage import quick_keys as store
from terminal.usecases.context import ServiceContext

MAX_QUERY = store.MAX_QUERY
MAX_RESULTS = 24  # search results shown as keys: more than a screen of them helps nobody


@dataclass(frozen=True)
class KeyTab:
    category_id: str | None  # None: keyed products without a category ("Other")
    name: str | None
    name_en: str | None

    def label(self, english: bool) -> str | None:
        """The tab's text in the UI language; None for the uncategorised tab (the UI names it)."""
        return (self.name_en or self.name) if english else (self.name or self.name_en)


@dataclass(frozen=True)
class KeyProduct:
    sku: str
    name: str
    name_en: str | None
    price: int  # minor units
    colour: str | None  # "#RRGGBB" or None (the default key colour)
    category_id: str | None

    def label(self, english: bool) -> str:
        return (self.name_en or self.name) if english else self.name


def _product(row: dict) -> KeyProduct:
    return KeyProduct(row["sku"], row["name"], row["name_en"], row["price"], row["colour"], row["category_id"])


def key_tabs(ctx: ServiceContext) -> list[KeyTab]:
    return [KeyTab(r["id"], r["name"], r["name_en"]) for r in store.key_categories(ctx.replica.conn)]


def keys(ctx: ServiceContext, category_id: str | None) -> list[KeyProduct]:
    return [_product(r) for r in store.key_products(ctx.replica.conn, category_id)]


def search(ctx: ServiceContext, text: str, limit: int = MAX_RESULTS) -> list[KeyProduct]:
    """At most `limit` (<= MAX_RESULTS) products matching `text`; [] for blank text."""
    text = text or ""
    if len(text) > MAX_QUERY:
        raise DomainError(Reason.INVALID_REQUEST, f"A search is at most {MAX_QUERY} characters.")
    return [_product(r) for r in store.search_products(ctx.replica.conn, text, max(0, min(limit, MAX_RESULTS)))]
