"""Staff: check a PIN (with the wrong-PIN lockout), and a manager clearing a lockout.

    verify_staff(ctx, staff_id, pin, role=) -> staff row     AuthorizationError with the reason otherwise
    clear_pin_lockout(ctx, staff_id, manager_id=, pin=)      audited; {staff_id, cleared, failures}

The lockout state is in the replica (terminal/storage/lockout.py); PIN hashes may be keyed with
the replica secret (terminal/infra/pins.py).
"""

from __future__ import annotations

import logging
from typing import Any

from terminal.domain.reasons import AuthorizationError, CheckoutError, Reason
from terminal.infra.pins import PinKeyUnavailable, is_keyed, is_plain, verify_pin
from terminal.storage import lockout
from terminal.storage.db import transaction
from terminal.usecases.context import ServiceContext

log = logging.getLogger("terminal.services")


def verify_staff(ctx: ServiceContext, staff_id: str, pin: str, *, role: str | None = None) -> dict[str, Any]:
    """The staff row when `pin` is `staff_id`'s PIN (and the role fits); AuthorizationError otherwise.

    staff_locked: too many wrong PINs in a row (terminal/storage/lockout.py), refused even with the
    right PIN until the lock passes or a manager clears it; bad_pin: unknown id or wrong PIN
    (a wrong PIN for a known id is counted in the replica); not_authorized: other store / role;
    vault_unavailable: the PIN hash is keyed (terminal/infra/pins.py) and the replica secret cannot be
    read (a locked OS vault), or it was keyed with an earlier secret: nothing is counted.
    """
    staff = ctx.replica.staff(staff_id)
    now = ctx.now()
    if staff is not None:
        locked = lockout.locked_until(ctx.replica.conn, staff_id, now)
        if locked:
            raise AuthorizationError(Reason.STAFF_LOCKED, f"Staff {staff_id} is locked after {locked[0]} wrong PINs until "
                                     f"{locked[1]:%Y-%m-%d %H:%M:%S} UTC; wait, or a manager "
                                     f"unlocks it (unlock-staff).")
    if staff is not None and is_plain(staff["pin_hash"]):
        _rewrap_pending(ctx)
        staff = ctx.replica.staff(staff_id) or staff
    secret = ctx.replica_secret("check a staff PIN") if staff is not None and is_keyed(staff["pin_hash"]) else None
    try:
        ok = staff is not None and verify_pin(pin, staff["pin_hash"], secret)
    except PinKeyUnavailable:  # keyed under a secret this replica replaced: not "wrong PIN", nothing counted
        raise AuthorizationError(Reason.VAULT_UNAVAILABLE, f"Cannot check the PIN of staff {staff_id}: its PIN hash "
                                 "was keyed with an earlier replica secret; sync to pull it again.",
                                 vault="rekeyed") from None
    if not ok:
        if staff is not None:
            with transaction(ctx.replica.db):
                failures, until = lockout.record_failure(ctx.replica.conn, staff_id, now)
            log.warning("wrong PIN for staff %s (%d in a row%s)", staff_id, failures, f", locked until {until}" if until else "")
        raise AuthorizationError(Reason.BAD_PIN, "Unknown staff id or wrong PIN.")
    if lockout.failures(ctx.replica.conn, staff_id):
        with transaction(ctx.replica.db):
            lockout.clear(ctx.replica.conn, staff_id)  # the right PIN ends the run of wrong ones
    if staff["stores"] and ctx.store_id not in staff["stores"]:
        raise AuthorizationError(Reason.NOT_AUTHORIZED, f"{staff['name']} is not staff of store {ctx.store_id}.")
    if role == "manager" and staff["role"] != "manager":
        raise AuthorizationError(Reason.NOT_AUTHORIZED, f"{staff['name']} is not a manager; a manager must approve this.")
    return staff


def _rewrap_pending(ctx: ServiceContext) -> None:
    """An upgraded replica still holding plain scrypt hashes (migration 0008, meta replica_rewrap): key
    them now if the vault can give (or take) this replica's secret. Best effort: the plain hash is
    checked as before when it cannot; the next sync keys them."""
    if ctx.replica.get_meta("replica_rewrap") != "1" or ctx.replica.conn.in_transaction:
        return
    try:
        ctx.secrets.vault_secret()
    except Exception as exc:  # a locked vault, a busy replica: the sync client does it later
        log.info("plain PIN hashes not keyed yet: %s", exc)


def clear_pin_lockout(ctx: ServiceContext, staff_id: str, *, manager_id: str, pin: str) -> dict[str, Any]:
    """A manager of this store clears `staff_id`'s wrong-PIN count and lock (audited).

    AuthorizationError when the manager's PIN or role fails; NOT_FOUND when `staff_id` is not
    staff here. Returns {staff_id, cleared (False: nothing was counted), failures}.
    """
    verify_staff(ctx, manager_id, pin, role="manager")
    if ctx.replica.staff(staff_id) is None:
        raise CheckoutError(Reason.NOT_FOUND, f"No staff {staff_id!r} on this terminal.")
    with transaction(ctx.replica.db):
        n = lockout.failures(ctx.replica.conn, staff_id)
        cleared = lockout.clear(ctx.replica.conn, staff_id)
        ctx.replica.audit(at=ctx.now(), actor_id=manager_id, action="unlock_staff", reason="PIN lockout cleared",
                           details={"staff_id": staff_id, "failures": n})
    log.warning("manager %s cleared the PIN lockout of staff %s (%d wrong PINs)", manager_id, staff_id, n)
    return {"staff_id": staff_id, "cleared": cleared, "failures": n}
