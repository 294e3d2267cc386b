"""The throwaway PostgreSQL cluster itself (tests/pg.py): socket only, fresh databases, the skip/fail rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import make_url

from tests.pg import MISSING_PREFIX, PgNotFound, locate_pg_bin, pg_bin_or_outcome


def test_cluster_listens_on_its_socket_only_and_gives_fresh_databases(pg_cluster, pg_url):
    assert pg_cluster.psql("SHOW listen_addresses") == ""  # no TCP listener at all
    assert pg_cluster.psql("SHOW fsync") == "off"
    assert list(Path(pg_cluster.socket_dir).glob(".s.PGSQL.*"))
    name = make_url(pg_url).database
    assert pg_cluster.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", database=name) == "0"
    assert pg_cluster.started_in > 0


def test_missing_binaries_skip_locally_and_fail_under_ci(tmp_path):
    empty = {"PATH": str(tmp_path)}
    folder, outcome, message = pg_bin_or_outcome(empty)
    if folder is not None:  # /usr/lib/postgresql/*/bin exists here: point the lookup at an empty root instead
        with pytest.raises(PgNotFound) as err:
            locate_pg_bin(empty, debian_root=str(tmp_path / "none"))
        assert MISSING_PREFIX in str(err.value) and not err.value.explicit
    else:
        assert outcome == "skip" and MISSING_PREFIX in message
        assert pg_bin_or_outcome({**empty, "CI": "true"})[1] == "fail"
    folder, outcome, message = pg_bin_or_outcome({**empty, "LT_PG_BIN": str(tmp_path)})
    assert (folder, outcome) == (None, "fail") and "LT_PG_BIN" in message


def test_lookup_prefers_the_newest_debian_major(tmp_path):
    for major in ("9.6", "15", "16"):
        b = tmp_path / "pg" / major / "bin"
        b.mkdir(parents=True)
        for tool in ("initdb", "pg_ctl"):
            (b / tool).write_text("")
    assert locate_pg_bin({"PATH": str(tmp_path / "nothing")}, debian_root=str(tmp_path / "pg")) == tmp_path / "pg" / "16" / "bin"
