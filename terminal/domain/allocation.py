"""Split a discount over basket lines, exactly, in integer money.

Discounts are spread over the lines they apply to in proportion to what is still left
to pay on each line (largest-remainder method), so line nets stay >= 0, always sum
exactly, and earn rules on "amount of given products" see the true paid amount.
"""

from __future__ import annotations


def split_proportionally(total: int, weights: dict[int, int]) -> dict[int, int]:
    """Split `total` over keys by non-negative integer weights; parts sum to `total`.

    Raises ValueError if total exceeds the weight sum (a line would go negative).
    """
    if total < 0:
        raise ValueError("negative total")
    weight_sum = sum(weights.values())
    if total > weight_sum:
        raise ValueError("total exceeds what is left to pay")
    if total == 0 or weight_sum == 0:
        return {k: 0 for k in weights}
    parts: dict[int, int] = {}
    remainders: list[tuple[int, int]] = []
    for key, w in weights.items():
        q, r = divmod(total * w, weight_sum)
        parts[key] = q
        remainders.append((r, key))
    leftover = total - sum(parts.values())
    # largest remainder first; ties broken by line order for determinism
    for _, key in sorted(remainders, key=lambda rk: (-rk[0], rk[1]))[:leftover]:
        parts[key] += 1
    return parts
