"""The shape of a central database, engine-neutral, for comparing schemas (tests only).

`shape(conn)` -> {"tables": {name: {...}}, "indexes": {name: (...)}, "triggers": {name: (...)}}:
columns in order as (name, type kind "int"/"text", nullable, default), primary key, unique
column sets, foreign keys, number of CHECK constraints (their text differs per engine; `checks`
keeps SQLite's normalised text where asked); indexes as (table, unique, parts, predicate) where a
part is a column name or "json:<field>"; triggers as (table, BEFORE-event). Bookkeeping tables
(alembic_version, schema_migrations) are left out.
"""

from __future__ import annotations

import re
import warnings

from sqlalchemy import Connection, inspect
from sqlalchemy.exc import SAWarning

BOOKKEEPING = {"alembic_version", "schema_migrations", "sqlite_sequence"}


def _kind(type_) -> str:
    name = type(type_).__name__.upper()
    if "INT" in name:
        return "int"
    if name in ("TEXT", "VARCHAR", "STRING", "NULLTYPE"):
        return "text"
    return name.lower()


def _default(value) -> str | None:
    if value is None or "nextval(" in str(value):
        return None  # an autoincrement (PostgreSQL serial) is not a default the code writes
    return re.sub(r"::[a-z ]+", "", str(value)).strip("()")


def _pred(text: str | None) -> str | None:
    if not text:
        return None
    return re.sub(r"[\s()\"]|::[a-z]+", "", text).lower()


def _part(expr: str) -> str:
    m = re.search(r"'\$\.(\w+)'", expr) or re.search(r"->>\s*'(\w+)'", expr)
    return f"json:{m.group(1)}" if m else expr.strip('"')


def _sqlite_indexes(conn: Connection) -> dict:
    out = {}
    for name, table, sql in conn.exec_driver_sql("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"):
        if table in BOOKKEEPING:
            continue
        m = re.match(r"CREATE\s+(UNIQUE\s+)?INDEX\s+(?:IF NOT EXISTS\s+)?\w+\s+ON\s+\W?\w+\W?\s*\((.*)\)\s*(?:WHERE\s+(.*))?$", " ".join(sql.split()),
                     re.IGNORECASE)
        assert m, sql
        body, depth, parts, cur = m.group(2), 0, [], ""
        for ch in body:  # split the column list on top-level commas
            if ch == "," and depth == 0:
                parts.append(cur)
                cur = ""
                continue
            depth += (ch == "(") - (ch == ")")
            cur += ch
        parts.append(cur)
        out[name] = (table, bool(m.group(1)), tuple(_part(p.strip()) for p in parts), _pred(m.group(3)))
    return out


def _pg_indexes(conn: Connection) -> dict:
    out = {}
    rows = conn.exec_driver_sql("""
        SELECT ic.relname, tc.relname, i.indisunique, i.indnatts, i.indexrelid, pg_get_expr(i.indpred, i.indrelid)
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = tc.relnamespace
        WHERE n.nspname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""")
    for name, table, unique, natts, oid, pred in list(rows):
        if table in BOOKKEEPING:
            continue
        parts = tuple(_part(conn.exec_driver_sql(f"SELECT pg_get_indexdef({oid}, {k}, true)").scalar_one()) for k in range(1, natts + 1))
        out[name] = (table, unique, parts, _pred(pred))
    return out


def _triggers(conn: Connection) -> dict:
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
        return {n: (t, re.search(r"BEFORE\s+(\w+)", s, re.I).group(1).upper()) for n, t, s in rows}
    rows = conn.exec_driver_sql("""SELECT trigger_name, event_object_table, event_manipulation FROM information_schema.triggers
                                   WHERE trigger_schema = current_schema()""")
    return {n: (t, e.upper()) for n, t, e in rows}


def shape(conn: Connection, *, check_text: bool = False) -> dict:
    with warnings.catch_warnings():  # SQLAlchemy skips SQLite's expression indexes with a warning: read below instead
        warnings.simplefilter("ignore", SAWarning)
        return _shape(conn, check_text)


def _shape(conn: Connection, check_text: bool) -> dict:
    insp = inspect(conn)
    tables = {}
    for name in sorted(set(insp.get_table_names()) - BOOKKEEPING):
        pk = insp.get_pk_constraint(name)["constrained_columns"]
        cols = [(c["name"], _kind(c["type"]), bool(c["nullable"]) and c["name"] not in pk, _default(c.get("default")))
                for c in insp.get_columns(name)]
        checks = insp.get_check_constraints(name)
        tables[name] = {
            "columns": cols, "pk": pk,
            "unique": sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(name)),
            "fks": sorted((tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                          for f in insp.get_foreign_keys(name)),
            "checks": sorted(re.sub(r"\s", "", c["sqltext"]).lower() for c in checks) if check_text else len(checks),
        }
    indexes = _sqlite_indexes(conn) if conn.dialect.name == "sqlite" else _pg_indexes(conn)
    return {"tables": tables, "indexes": indexes, "triggers": _triggers(conn)}
