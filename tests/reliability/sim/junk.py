"""Hypothesis strategies for junk input: JSON values of every kind, and one-place mutations of good data."""

from __future__ import annotations

import json

from hypothesis import strategies as st

scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-(2**70), max_value=2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
           | st.sampled_from(["", "A-001", "T1", "C-100OFF-1", "M1", "bonus", "settlement", "void", "2026-11-20T04:00:00+00:00",
                              "not-a-date", "\x00", "\ud800x", "😀" * 10, "x" * 5000, "1e999", "NaN"]))
junk_json = st.recursive(scalars, lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=12), c, max_size=5), max_leaves=25)


def dumps(v) -> bytes:
    return json.dumps(v, allow_nan=True).encode()


@st.composite
def mutated(draw, value):
    """`value` with one place changed: replaced by junk, removed, or an extra key added."""
    value = json.loads(json.dumps(value))
    paths: list[tuple] = []

    def walk(v, path):
        paths.append(path)
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, path + (k,))
        elif isinstance(v, list):
            for i, x in enumerate(v):
                walk(x, path + (i,))

    walk(value, ())
    path = draw(st.sampled_from(paths))
    op = draw(st.sampled_from(["replace", "remove", "add", "borrow"]))
    if op == "borrow":  # a value from elsewhere in the same document: plausible, often valid, wrong place
        leaves = [p for p in paths if p]
        src = draw(st.sampled_from(leaves)) if leaves else ()
        borrowed = value
        for p in src:
            borrowed = borrowed[p]
        borrowed = json.loads(json.dumps(borrowed))
        op = "replace"
        junk = st.just(borrowed)
    else:
        junk = junk_json
    if not path:
        return draw(junk) if op == "replace" else value
    parent = value
    for p in path[:-1]:
        parent = parent[p]
    last = path[-1]
    if op == "replace":
        parent[last] = draw(junk)
    elif op == "remove":
        del parent[last]
    elif isinstance(parent, dict):
        parent[draw(st.text(max_size=10))] = draw(junk_json)
    else:
        parent.append(draw(junk_json))
    return value
