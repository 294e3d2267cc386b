"""Per-point-type figures: the one way every earned / spent / balance figure is summarised.

Several earn rules may credit the same point type in one checkout (rules of different
groups add up, see earn.py), and one point type may be paid from several lots. A figure
shown per point type (receipt, `--json`, printed slip, counter window, preview) is
therefore always a SUM over the rows that the ledgers hold, never a mapping filled
row by row where a later row would replace an earlier one of the same type.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Protocol


class _HasPoints(Protocol):
    point_type: str
    points: int


def points_by_type(rows: Iterable[_HasPoints]) -> dict[str, int]:
    """{point type: sum of `points`} over `rows` (earn results, lot burns, earned lots).

    Keys are sorted; a type whose sum is 0 is left out (nothing earned/spent of it).
    Points are integers; raises TypeError for anything else, so a float never sneaks in.
    """
    out: dict[str, int] = {}
    for row in rows:
        if not isinstance(row.points, int) or isinstance(row.points, bool):
            raise TypeError(f"points must be an integer, not {row.points!r}")
        out[row.point_type] = out.get(row.point_type, 0) + row.points
    return {pt: out[pt] for pt in sorted(out) if out[pt]}


def balances_after(before: Mapping[str, int], earned: Mapping[str, int], spent: Mapping[str, int]) -> dict[str, int]:
    """{point type: before + earned - spent}, over every type in any of the three (missing = 0)."""
    types = sorted(set(before) | set(earned) | set(spent))
    return {pt: before.get(pt, 0) + earned.get(pt, 0) - spent.get(pt, 0) for pt in types}
