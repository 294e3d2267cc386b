"""The Qt-free imperative shell: one module per capability over one service context.

    context.py       ServiceContext (replica, store, terminal, clock, secrets, allowances, sync
                     hooks), the outbox append, status
    lookup.py        scan, parse, resolve member/coupon, member view
    checkout.py      checkout requests, basket, preview, settle
    staff.py         PIN check with the lockout, clearing a lockout
    voids.py         void a settlement (returns will live here)
    day_close.py     close of day
    service.py       RedemptionService: the context with one method per use case
    reports.py       the daily report
    manager_desk.py  the manager desk's model
    counter/         Counter, the counter's state machine: a State table, one module per use case

Loads from storage/, decides with domain/ (pure), writes in one transaction. The CLI
(terminal/entry/) and the Qt window (terminal/ui/) both drive these; none of them imports Qt.
"""
