"""Pure redemption rules: models, codes, validation, pricing, earn/burn, settlement plan.

Standard library only: no I/O, no clock reads (time is always an argument), no Qt,
SQLite or HTTP. Everything here is deterministic and exhaustively testable.
"""
