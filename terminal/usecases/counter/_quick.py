"""Adding a product by its SKU: a quick key tapped or a search result chosen (issue 17 §4.2), for
products without a barcode. The same basket line as a scan of it (quantity +1 on an existing line)."""

from __future__ import annotations

from datetime import datetime

from terminal.domain.reasons import Reason
from terminal.storage.quick_keys import product_by_sku
from terminal.usecases.counter._basket import BasketMixin
from terminal.usecases.counter._state import action
from terminal.usecases.counter._views import CounterView, Notice


class QuickMixin(BasketMixin):
    @action("add_product")
    def add_product(self, sku: str, at: datetime | None = None) -> CounterView:
        """One of product `sku` (SKU only, never a barcode); an unknown SKU: an unknown_product notice,
        the basket unchanged."""
        sku = (sku or "").strip()
        p = product_by_sku(self.service.replica.conn, sku) if sku else None
        if p is None:
            self.notice = Notice("error", "product", f"Unknown product {sku!r}.", Reason.UNKNOWN_PRODUCT.value,
                                 subject=sku[:64])
            return self.view()
        self._add_product(p["sku"], p["name"], p["price"])
        self.notice = Notice("ok", "product", f"{p['name']} {p['price']}", subject=p["name"])
        self._recompute(at)
        return self.view()
