"""Issuer keys can be revoked and retired (issue 13, section 6): a code signed with a revoked key is
refused offline with a precise reason at every terminal, and `retire-key` tombstones the key."""

from __future__ import annotations

import pytest

from sync.server.admin import main as admin
from terminal.domain.reasons import CodeError, Reason
from tests.conftest import signed_coupon, signed_member


def _refusal(t, code) -> CodeError:
    with pytest.raises(CodeError) as exc:
        t.svc.scan(code)
    return exc.value


def test_revoke_code_kind_key_is_refused_offline_with_the_reason(server, make_terminal):
    t = make_terminal("A-001", "T1")
    card = signed_member("M1")
    assert t.svc.scan(card).member.id == "M1"  # trusted before
    server.store.revoke_code("key", "1", "private key leaked")
    t.client.pull()
    err = _refusal(t, card)
    assert err.reason is Reason.REVOKED and "issuer key 1" in err.message and "private key leaked" in err.message
    err = _refusal(t, signed_coupon("SIG-X", "T-SIGNED"))
    assert err.reason is Reason.REVOKED
    server.store.unrevoke_code("key", "1")
    t.client.pull()
    assert t.svc.scan(card).member.id == "M1"


def test_retire_key_tombstones_it_and_codes_are_refused_as_revoked(server, make_terminal, capsys):
    t = make_terminal("A-001", "T1")
    assert admin(["--db", str(server.db), "retire-key", "--key-id", "1", "--reason", "rotated"]) == 0
    assert "retired" in capsys.readouterr().out
    assert server.store.get("issuer_key", "1") is None
    t.client.pull()
    assert t.client.conn.execute("SELECT COUNT(*) FROM issuer_keys WHERE key_id = 1").fetchone()[0] == 0
    err = _refusal(t, signed_member("M1"))
    assert err.reason is Reason.REVOKED and "rotated" in err.message
    # the server's re-judgement no longer trusts it either: a signed code not yet replicated
    from .handmade import HandDevice, reasons
    from .test_authority import coupon

    a = HandDevice(server, "A-001", "TA")
    token = signed_coupon("SIG-RETIRED", "T-SIGNED")
    ans = a.push(a.settlement(coupons=[coupon("SIG-RETIRED", "T-SIGNED", discount=30, in_replica=False, signed=token)], net=570))
    assert reasons(ans) != [] and server.store.get("coupon", "SIG-RETIRED") is None


@pytest.mark.parametrize("argv,msg", [
    (["retire-key", "--key-id", "9", "--reason", "x"], "no live issuer key 9"),
    (["retire-key", "--key-id", "300", "--reason", "x"], "0..255"),
    (["retire-key", "--key-id", "one", "--reason", "x"], "0..255"),
    (["retire-key", "--key-id", "1", "--reason", " "], "--reason"),
    (["revoke-code", "--kind", "key", "--value", "K1", "--reason", "x"], "0..255"),
])
def test_retire_key_bad_input_writes_nothing(server, argv, msg, capsys):
    before = server.store.conn.execute("SELECT MAX(seq) FROM entities").fetchone()[0]
    assert admin(["--db", str(server.db), *argv]) == 2
    assert msg in capsys.readouterr().err
    assert server.store.conn.execute("SELECT MAX(seq) FROM entities").fetchone()[0] == before
