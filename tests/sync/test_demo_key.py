"""The public demo issuer key is trusted only by the demo (issue 13, section 6): a real server,
`import-catalog`, `init` and every terminal that syncs leave it out; `check-catalog` warns."""

from __future__ import annotations

import io
import json

import pytest

from sync.server.admin import main as admin
from sync.server.store import CentralStore
from terminal.provisioning import demo
from terminal.provisioning.bootstrap import init_replica
from terminal.catalog import load_catalog_file
from terminal.entry.cli import run
from terminal.catalog import DEMO_PUBLIC_KEYS
from terminal.domain.reasons import CodeError, Reason
from terminal.usecases.service import RedemptionService

DEMO_KEY_ID = 200


def test_the_constant_is_the_public_key_of_the_shipped_demo_key():
    assert DEMO_PUBLIC_KEYS == {demo.load_demo_signer().public_b64()}
    assert {k.public_key for k in load_catalog_file(demo.demo_catalog_path()).issuer_keys} == DEMO_PUBLIC_KEYS


def test_a_real_server_leaves_the_demo_key_out_unless_demo(tmp_path, capsys):
    cat = str(demo.demo_catalog_path())
    assert admin(["--db", str(tmp_path / "real.db"), "import-catalog", cat]) == 0
    err = capsys.readouterr().err
    assert "warning: issuer key 200 is the public DEMO key" in err and "--demo" in err
    assert admin(["--db", str(tmp_path / "demo.db"), "import-catalog", cat, "--demo"]) == 0
    assert "DEMO key" not in capsys.readouterr().err
    real, dem = CentralStore(tmp_path / "real.db"), CentralStore(tmp_path / "demo.db")
    try:
        assert real.get("issuer_key", str(DEMO_KEY_ID)) is None and real.get("store", "CAFE-XINYI") is not None
        assert dem.get("issuer_key", str(DEMO_KEY_ID))["public_key"] in DEMO_PUBLIC_KEYS
    finally:
        real.close()
        dem.close()


def _scan_demo_card(replica):
    svc = RedemptionService(replica, store_id="CAFE-XINYI", terminal_id="T1")
    return svc.scan(demo.signed_member(demo.load_demo_signer(), "M000001"))


def test_a_terminal_initialised_from_the_demo_catalog_trusts_the_key_only_as_the_demo(tmp_path):
    real = init_replica(tmp_path / "real.db", demo.demo_catalog_path(), store_id="CAFE-XINYI", terminal_id="T1")
    assert "DEMO key" in real.init_warnings[0]
    with pytest.raises(CodeError) as exc:
        _scan_demo_card(real)
    assert exc.value.reason is Reason.UNKNOWN_KEY
    trusting = init_replica(tmp_path / "demo.db", demo.demo_catalog_path(), store_id="CAFE-XINYI", terminal_id="T1", demo=True)
    assert trusting.init_warnings == [] and _scan_demo_card(trusting).kind == "member"


def test_cli_init_and_check_catalog_warn(tmp_path, capsys):
    cat = str(demo.demo_catalog_path())
    assert run(["--db", str(tmp_path / "t.db"), "init", "--catalog", cat, "--store", "CAFE-XINYI", "--terminal", "T1"],
               out=io.StringIO()) == 0
    assert "warning: issuer key 200 is the public DEMO key" in capsys.readouterr().err
    out = io.StringIO()
    assert run(["--json", "check-catalog", cat], out=out) == 0
    assert "DEMO key" in json.loads(out.getvalue())["warnings"][0]
    assert "warning: issuer key 200 is the public DEMO key" in capsys.readouterr().err


def test_a_syncing_terminal_quarantines_the_demo_key(server, make_terminal):
    t = make_terminal("A-001", "T1")
    server.store.put("issuer_key", str(DEMO_KEY_ID), {"key_id": DEMO_KEY_ID, "public_key": next(iter(DEMO_PUBLIC_KEYS)),
                                                      "status": "active"})
    rep = t.client.pull()
    assert rep.quarantined == 1
    q = t.client.quarantined()
    assert [(r["kind"], r["key"]) for r in q] == [("issuer_key", "200")] and "DEMO issuer key" in q[0]["reason"]
    assert t.client.conn.execute("SELECT COUNT(*) FROM issuer_keys WHERE key_id = 200").fetchone()[0] == 0
