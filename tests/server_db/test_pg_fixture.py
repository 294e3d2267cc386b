"""The throwaway PostgreSQL cluster itself (tests/pg.py): socket only, fresh databases, the skip/fail rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import make_url

from tests.pg import MISSING_PREFIX, locate_pg_bin, pg_bin_or_outcome


def test_cluster_listens_on_its_socket_only_and_gives_fresh_databases(pg_cluster, pg_url):
    assert pg_cluster.psql("SHOW listen_addresses") == ""  # no TCP listener at all
    assert pg_cluster.psql("SHOW fsync") == "off"
    assert list(Path(pg_cluster.socket_dir).glob(".s.PGSQL.*"))
    name = make_url(pg_url).database
    assert pg_cluster.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", database=name) == "0"
    assert pg_cluster.started_in > 0


def test_missing_binaries_skip_locally_and_fail_under_ci(tmp_path):
    nowhere = {"PATH": str(tmp_path)}
    root = str(tmp_path / "no-debian-packages")
    folder, outcome, message = pg_bin_or_outcome(nowhere, root)
    assert (folder, outcome) == (None, "skip") and message.startswith(MISSING_PREFIX) and "install-system-deps.sh" in message
    folder, outcome, message = pg_bin_or_outcome({**nowhere, "CI": "true"}, root)
    assert (folder, outcome) == (None, "fail") and "CI is set" in message
    folder, outcome, message = pg_bin_or_outcome({**nowhere, "LT_PG_BIN": str(tmp_path)}, root)  # named, but empty: a mistake
    assert (folder, outcome) == (None, "fail") and "LT_PG_BIN" in message


def test_lookup_prefers_the_newest_debian_major(tmp_path):
    for major in ("9.6", "15", "16"):
        b = tmp_path / "pg" / major / "bin"
        b.mkdir(parents=True)
        for tool in ("initdb", "pg_ctl"):
            (b / tool).write_text("")
    assert locate_pg_bin({"PATH": str(tmp_path / "nothing")}, debian_root=str(tmp_path / "pg")) == tmp_path / "pg" / "16" / "bin"
