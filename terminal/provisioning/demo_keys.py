"""The demo catalog's quick keys (issue 17 §4.2): English names, the categories' tab order, key
colours, and café drinks and fresh bakes sold without a barcode (made to order: nothing to scan).

`with_quick_keys(categories, products)` returns copies of demo.py's lists with these added; the
products keep their barcodes (tests and the cheat sheet scan them), the barcode-less ones come last.
"""

from __future__ import annotations

CATEGORY_KEYS = {  # id -> (English name, tab order)
    "coffee": ("Coffee", 1), "tea": ("Tea", 2), "bread": ("Bakery", 3), "cake": ("Cake", 4),
    "gift": ("Gift boxes", 5), "goods": ("Merchandise", 6),
}
KEY_COLOURS = {"coffee": "#6d4c41", "tea": "#2e7d32", "bread": "#e65100"}
KEYED_CATEGORIES = ("coffee", "tea")  # drinks are on the keys even where they have a barcode

NAMES_EN = {
    "CF-AMERICANO": "Americano", "CF-LATTE": "Latte", "CF-VANILLA-LATTE": "Vanilla latte",
    "CF-CARAMEL-LATTE": "Caramel latte", "CF-OAT-LATTE": "Oat latte", "CF-CAPPUCCINO": "Cappuccino",
    "CF-MOCHA": "Mocha", "CF-COLDBREW": "Cold brew", "CF-ESPRESSO": "Espresso", "TEA-BLACK": "Ceylon black tea",
    "TEA-OOLONG": "Dong Ding oolong tea", "TEA-MATCHA-LATTE": "Matcha latte", "BR-CROISSANT": "Croissant",
    "BR-PINEAPPLE": "Pineapple bun", "BR-SCALLION": "Scallion bun", "BR-RED-BEAN": "Red bean bun",
    "BR-MILK-TOAST": "Milk toast", "BR-BAGEL": "Plain bagel", "BR-CHEESE": "Cheese bun",
    "CK-CHEESECAKE": "Baked cheesecake", "CK-TIRAMISU": "Tiramisu", "CK-CHIFFON": "Chiffon cake slice",
    "CK-STRAWBERRY-6": "Strawberry cream cake 6 in", "GF-PINEAPPLE-CAKE": "Pineapple cake box (12)",
    "GF-NOUGAT": "Nougat 300 g", "GF-COOKIES": "Handmade cookie box", "GD-DRIP": "Drip coffee bag",
    "GD-DRIP-10": "Drip coffee bags (10)", "GD-MUG": "Sunlight mug", "GD-TUMBLER": "Stainless tumbler",
    "GD-BEANS": "Sunlight house blend beans, half pound",
}

# sku, name, English name, category, price: no barcode, sold by quick key or name search only
KEY_ONLY = [
    ("CF-POUROVER", "手沖單品咖啡", "Pour-over single origin", "coffee", 160),
    ("CF-BROWN-SUGAR-LATTE", "黑糖拿鐵", "Brown sugar latte", "coffee", 140),
    ("CF-ICED-AMERICANO-L", "冰美式 大杯", "Iced Americano, large", "coffee", 95),
    ("CF-DIRTY", "髒髒咖啡", "Dirty coffee", "coffee", 150),
    ("TEA-BUBBLE-MILK", "珍珠奶茶", "Bubble milk tea", "tea", 75),
    ("TEA-FOUR-SEASONS", "四季春青茶", "Four Seasons Spring tea", "tea", 55),
    ("TEA-HONEY-LEMON", "蜂蜜檸檬綠茶", "Honey lemon green tea", "tea", 65),
    ("TEA-ORIENTAL-BEAUTY", "東方美人茶", "Oriental Beauty tea", "tea", 90),
    ("BR-CINNAMON-ROLL", "現烤肉桂捲", "Cinnamon roll, fresh", "bread", 65),
    ("BR-SCONE", "原味司康", "Plain scone", "bread", 60),
    ("BR-EGG-TART", "葡式蛋塔", "Portuguese egg tart", "bread", 45),
]


def with_quick_keys(categories: list[dict], products: list[dict]) -> tuple[list[dict], list[dict]]:
    cats = [{**c, "name_en": CATEGORY_KEYS[c["id"]][0], "key_order": CATEGORY_KEYS[c["id"]][1]} for c in categories]
    order: dict[str, int] = {}

    def key(cat: str) -> dict:
        order[cat] = order.get(cat, 0) + 10
        return {"order": order[cat], "colour": KEY_COLOURS[cat]}

    out = []
    for p in products:
        q = {**p, "name_en": NAMES_EN[p["sku"]]}
        if p["category"] in KEYED_CATEGORIES:
            q["quick_key"] = key(p["category"])
        out.append(q)
    for sku, name, name_en, cat, price in KEY_ONLY:
        out.append({"sku": sku, "name": name, "name_en": name_en, "category": cat, "price": price, "quick_key": key(cat)})
    return cats, out
