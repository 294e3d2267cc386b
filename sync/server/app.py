"""The HTTP API of the reference central server (FastAPI; OpenAPI at /openapi.json)."""

# no `from __future__ import annotations`: FastAPI reads the route annotations at run time

import logging
import math
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import (
    DEFAULT_PAGE, MAX_PAGE, PAGE_BYTES, PROTOCOL_VERSION, Allowances, Cursor, DeviceKeyRequest, DeviceKeyResponse, DeviceRevokeResponse, EnrolCancelResponse, EnrolConfirmRequest,
    EnrolConfirmResponse, EnrolRequest, EnrolResponse, ErrorResponse, Health, PullPage, PushRequest, PushResponse,
    MemberLookupRequest, MemberLookupResponse, MemberSearchRequest, MemberSearchResponse, MemberSignupRequest, MemberSignupResponse,
    QuarantineReport, QuarantineReportResponse, TransferRequest, TransferResponse,
)
from sqlalchemy import exc as sa_exc

from sync.server.limits import (
    BODY_TIMEOUT, JUDGE_NICE, JUDGE_THREADS, MAX_WRITES, RETRY_AFTER, WRITE_WAIT, BodyLimit, DatabaseDown, JudgePool, RateLimit,
    WriteGate, is_busy, is_unreachable, write_lock_free,
)
from sync.server.intake import PUSH_BUDGET_S
from sync.server.judges import BusyDatabase
from sync.server.member_search import RateLimited
from sync.server.quarantine import record_report
from sync.server.store import AuthError, CentralStore

_bearer = HTTPBearer(auto_error=False, description="the device credential returned by /v1/enrol")

AUTH_ERRORS = {401: {"model": ErrorResponse, "description": "missing or unknown credential"},
               403: {"model": ErrorResponse, "description": "revoked device, enrolment not confirmed yet, or acting for "
                                                            "another store/terminal"}}


def error(status: int, code: str, message: str, headers: dict | None = None, **details) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message, "details": details}}, headers=headers)


def _safe(v: Any, depth: int = 0) -> Any:
    """JSON-safe, bounded copy of what a client sent: no NaN/Infinity, no unpaired surrogates, no megabytes."""
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    if isinstance(v, (str, bytes)):
        s = v.decode("utf-8", "replace") if isinstance(v, bytes) else v.encode("utf-8", "replace").decode("utf-8")
        return s if len(s) <= 200 else s[:200] + "..."
    if depth > 3:
        return "..."
    if isinstance(v, dict):
        return {_safe(str(k)[:64]): _safe(x, depth + 1) for k, x in list(v.items())[:20]}
    if isinstance(v, (list, tuple)):
        return [_safe(x, depth + 1) for x in list(v)[:20]]
    return v if v is None or isinstance(v, (bool, int, float)) else _safe(str(v))


def validation_error(exc: RequestValidationError) -> JSONResponse:
    """A request that does not match the API: 400 when the body is not JSON at all, else 422.

    The body keeps FastAPI's `detail` list (loc, msg, type) and adds the documented
    `error` object. The client's input is echoed only in a bounded, JSON-safe form: FastAPI's
    default handler answered 500 for a body of `1e999` or `NaN`, or an unpaired surrogate."""
    errors = []
    for e in exc.errors()[:50]:
        out = {"type": str(e.get("type")), "loc": [x if isinstance(x, int) else _safe(str(x)) for x in e.get("loc", ())],
               "msg": _safe(str(e.get("msg")))}
        for key in ("input", "ctx"):
            if key in e:
                out[key] = _safe(e[key])
        errors.append(out)
    where = lambda e: ".".join(str(x) for x in e["loc"])  # noqa: E731
    if any(e["type"] == "json_invalid" for e in errors):
        return JSONResponse(status_code=400, content={"error": {"code": "bad_request", "message": "The request body is not valid JSON.",
                                                                "details": {}}, "detail": errors})
    message = "; ".join(f"{where(e)}: {e['msg']}" for e in errors[:5]) or "The request is not valid."
    return JSONResponse(status_code=422, content={"error": {"code": "invalid_request", "message": message[:1000],
                                                            "details": {"problems": len(exc.errors())}}, "detail": errors})


GZIP_MIN_BYTES = 1024  # answers shorter than this are sent as they are (the gzip header would eat the gain)
GZIP_LEVEL = 1  # a 1,000-row pull page (230 KB): level 1 takes 1.2 ms for 4.1x (members) to 19x (coupons);
#                 level 6 2.7 ms for 4.4-18x, level 9 7-9 ms for 4.5-18x (docs/benchmarks.md, "Wire and backpressure")


def create_app(store: CentralStore, *, rate_limit: float = 0.0, burst: float = 0.0, body_timeout: float = BODY_TIMEOUT,
               max_writes: int = MAX_WRITES, write_wait: float = WRITE_WAIT, retry_after: int = RETRY_AFTER,
               page_bytes: int = PAGE_BYTES, maintenance_every_s: float = 0.0, judge_threads: int = JUDGE_THREADS,
               judge_nice: int = JUDGE_NICE, judge_processes: int = 0, push_budget_s: float = PUSH_BUDGET_S) -> FastAPI:
    """The API on `store`. Limits (sync/server/limits.py): `rate_limit` requests/s per credential (0: off) in
    bursts of `burst`; `body_timeout` s per body part; `max_writes` pushes judged at once, each waiting at most
    `write_wait` s for a slot or the database's write lock, else 503 with Retry-After `retry_after` s
    (`max_writes` 0: no shedding); the admitted pushes are judged on `judge_threads` threads of their own, `judge_nice`
    steps lower in CPU priority, so pulls never queue behind them (limits.JudgePool; 0: the shared pool), or with
    `judge_processes` > 0 (PostgreSQL) in that many judge processes of their own (sync/server/judges.py); one push
    of a device at a time (429 push_in_progress), each judged for at most `push_budget_s` s (intake.PUSH_BUDGET_S;
    0: no budget). `page_bytes`: the JSON budget of a pull page's items (sync.protocol.PAGE_BYTES).
    Answers of 1 KiB and more are gzipped for a client that accepts gzip (httpx does, and decodes them).
    `maintenance_every_s`: the daily upkeep (sync/server/maintenance.py: store slices pruned) runs while the app
    is up, first within an hour of start (0, the default of an app made in-process: off; the server's
    `--maintenance-hours`, default 24, sets it)."""
    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        upkeep = None
        judges = JudgePool(judge_threads, judge_nice)
        _app.state.judges = judges
        if judge_processes > 0:
            from sync.server.judges import JudgeProcesses

            _app.state.judge_processes = JudgeProcesses(store.path, judge_processes, judge_nice, push_budget_s)
            _app.state.judge_processes.warm()
        if maintenance_every_s > 0:
            from sync.server.maintenance import central_maintenance

            upkeep = central_maintenance(store, every_s=maintenance_every_s).start()
        try:
            yield
        finally:
            if upkeep is not None:
                upkeep.stop()
            judges.close()
            if judge_processes > 0:
                _app.state.judge_processes.close()

    app = FastAPI(title="Loyalty central server (reference)", version=f"{PROTOCOL_VERSION}.0", lifespan=lifespan,
                  description="Sync API for Loyalty Terminal: enrolment, event push, replica pull, offline allowances.")
    app.state.store = store
    store.push_budget_s = push_budget_s
    app.state.pushing = set()  # device ids whose push this process is judging (the push route)
    store.feed_signer()  # generated at first start (sync.feedsig)
    # the last added runs first: GZip -> RateLimit -> BodyLimit -> WriteGate -> the routes
    app.add_middleware(WriteGate, max_writes=max_writes, wait=write_wait, retry_after=retry_after)
    app.add_middleware(BodyLimit, body_timeout=body_timeout)
    if rate_limit > 0:  # requests per second per credential; 429 with Retry-After beyond it
        app.add_middleware(RateLimit, rate=rate_limit, burst=burst or 4 * rate_limit)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        # e.g. a body that is not JSON at all (400): answer in the documented error shape
        code = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 408: "body_timeout",
                413: "body_too_large"}.get(exc.status_code, "http_error")
        return error(exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        return validation_error(exc)

    @app.exception_handler(DatabaseDown)
    @app.exception_handler(sa_exc.DBAPIError)
    @app.exception_handler(sa_exc.TimeoutError)
    async def _database_error(request: Request, exc: Exception):
        # the database is down or restarting (PostgreSQL), or its lock is held elsewhere: a transient 503 the
        # terminal retries after Retry-After (it keeps selling offline meanwhile); anything else is a 500
        if is_unreachable(exc) or is_busy(exc):
            code = "database_busy" if is_busy(exc) and not is_unreachable(exc) else "database_unavailable"
            return error(503, code, f"The central database is not available right now; retry in {retry_after} s.",
                         headers={"Retry-After": str(retry_after)}, retry_after=retry_after)
        logging.getLogger("sync.server").error("database error on %s", request.url.path, exc_info=exc)
        return error(500, "internal_error", f"The server failed: {type(exc).__name__}")

    @app.exception_handler(AuthError)
    async def _auth_error(request: Request, exc: AuthError):
        return error(exc.status, exc.code, exc.message)

    @app.exception_handler(RateLimited)
    async def _rate_limited(request: Request, exc: RateLimited):
        # a device beyond its member lookup, search, sign-up or refused-transfer bound: nothing was written
        return error(429, "rate_limited", exc.message, headers={"Retry-After": str(exc.retry_after)}, retry_after=exc.retry_after)

    def device(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> dict:
        return store.authenticate(creds.credentials if creds else None)

    @app.get("/v1/health", response_model=Health, tags=["meta"])
    def health() -> dict:
        return {"status": "ok", "protocol": PROTOCOL_VERSION, "epoch": store.epoch, "head": store.head(store._reader())}

    @app.post("/v1/enrol", response_model=EnrolResponse, tags=["devices"],
              responses={400: {"model": ErrorResponse, "description": "the body is not JSON"},
                         401: {"model": ErrorResponse, "description": "unknown, used, revoked or expired enrolment token"},
                         409: {"model": ErrorResponse, "description": "wrong_store (the token is for another store than "
                               "store_id), token_for_other_terminal (a replacement token of another terminal), "
                               "terminal_in_use (the terminal id has an active device and this request may not replace it)"}})
    def enrol(body: EnrolRequest, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> dict:
        """Bearer (optional): the PC's CURRENT device credential when it re-enrols itself; it proves the PC
        is the terminal's active device, which a plain token may then replace."""
        return {**store.enrol(body.token, body.terminal_id, body.device_name, expected_store=body.store_id,
                              current_credential=creds.credentials if creds else None),
                "feed_public_key": store.feed_signer().public_b64()}

    @app.post("/v1/enrol/confirm", response_model=EnrolConfirmResponse, tags=["devices"],
              responses={400: {"model": ErrorResponse, "description": "the body is not JSON"},
                         401: {"model": ErrorResponse, "description": "missing or unknown enrolment credential; the "
                               "token was revoked or has expired since"},
                         403: {"model": ErrorResponse, "description": "not this enrolment's token, or the device was revoked"},
                         409: {"model": ErrorResponse, "description": "enrolment superseded, cancelled or lapsed: enrol "
                               "again; terminal_in_use: another device took the terminal id meanwhile"}})
    def enrol_confirm(body: EnrolConfirmRequest,
                      creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> dict:
        """Bearer: the PENDING credential of POST /v1/enrol, once the terminal has stored it. Idempotent."""
        return store.confirm_enrolment(creds.credentials if creds else None, body.token)

    @app.post("/v1/enrol/cancel", response_model=EnrolCancelResponse, tags=["devices"],
              responses={401: {"model": ErrorResponse, "description": "missing or unknown enrolment credential"},
                         409: {"model": ErrorResponse, "description": "nothing to cancel: enrolment_confirmed (revoke the "
                               "device instead), enrolment_cancelled, enrolment_superseded, enrolment_expired"}})
    def enrol_cancel(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> dict:
        """Bearer: a PENDING credential the terminal could not store; its token can be used again at once."""
        return store.cancel_enrolment(creds.credentials if creds else None)

    @app.post("/v1/device/revoke", response_model=DeviceRevokeResponse, tags=["devices"], responses=AUTH_ERRORS)
    def device_revoke(dev: Annotated[dict, Depends(device)]) -> dict:
        """The terminal gives up its credential (`unenroll`): every later call with it gets 403 device_revoked."""
        return store.revoke_self(dev)

    @app.post("/v1/device/key", response_model=DeviceKeyResponse, tags=["devices"],
              responses={**AUTH_ERRORS, 400: {"model": ErrorResponse, "description": "invalid_public_key"},
                         409: {"model": ErrorResponse, "description": "device_key_registered (another key is "
                               "registered: never replaced silently) or device_key_revoked"}})
    def device_key(body: DeviceKeyRequest, dev: Annotated[dict, Depends(device)]) -> dict:
        """Register the calling device's voucher signing key: for itself only (403 not_your_device), once
        (sync/server/device_keys.py); published to the terminals of its brand as a `device_key` feed row."""
        return store.register_device_key(dev, body.model_dump())

    @app.post("/v1/push", response_model=PushResponse, tags=["sync"],
              responses={**AUTH_ERRORS, 400: {"model": ErrorResponse, "description": "body not JSON, or events not in terminal_seq order"},
                         429: {"model": ErrorResponse, "description": "push_in_progress: a push of this device is "
                               "being judged (one at a time); nothing of this one was applied; retry after Retry-After"},
                         503: {"model": ErrorResponse, "description": "overloaded (too many pushes being judged) or "
                               "database_busy: nothing was applied; retry after the Retry-After header's seconds"}})
    async def push(body: PushRequest, dev: Annotated[dict, Depends(device)], request: Request):
        """503 `database_busy` (Retry-After) when the database's write lock cannot be had within the write
        wait (sync/server/limits.py `write_lock_free`); 503 `overloaded` from WriteGate before this runs.
        Judged on a judge thread (limits.JudgePool) or in a judge process (sync/server/judges.py), never on
        the thread pool the pulls use."""
        for ev in body.events:
            if ev.store_id != dev["store_id"]:
                return error(403, "wrong_store", f"This device acts for store {dev['store_id']}, not {ev.store_id}.",
                             event_id=ev.event_id)
            if ev.terminal_id != dev["terminal_id"]:
                return error(403, "wrong_terminal", f"This device is terminal {dev['terminal_id']}, not {ev.terminal_id}.",
                             event_id=ev.event_id)
        seqs = [ev.terminal_seq for ev in body.events]
        if any(b <= a for a, b in zip(seqs, seqs[1:])):
            return error(400, "unordered_batch", "Events must be in strictly increasing terminal_seq order.")
        # the payload as parsed: pydantic's serializer refuses nesting past ~255 levels (a 500)
        events = [{**ev.model_dump(mode="json", exclude={"payload"}), "payload": ev.payload} for ev in body.events]
        # one push of a device judged at a time (per process): a terminal pushes its outbox in order, one batch
        # after the other, so a second at once is a retry racing its first or a hostile till filling the judges
        pushing: set = request.app.state.pushing
        if dev["device_id"] in pushing:
            return error(429, "push_in_progress", f"A push of this device is being judged; retry in {retry_after} s.",
                         headers={"Retry-After": str(retry_after)}, retry_after=retry_after)
        pushing.add(dev["device_id"])
        try:
            processes = getattr(request.app.state, "judge_processes", None)
            if processes is not None:
                try:
                    return await processes.push(dev, events)
                except BusyDatabase:
                    return error(503, "database_busy", f"The central database is busy; retry in {retry_after} s.",
                                 headers={"Retry-After": str(retry_after)}, retry_after=retry_after)
            judges = getattr(request.app.state, "judges", None)
            if judges is None:  # an app whose lifespan did not run (e.g. a TestClient outside `with`): the shared pool
                judges = request.app.state.judges = JudgePool(0)
            return await judges.run(judge_push, dev, events)
        finally:
            pushing.discard(dev["device_id"])

    def judge_push(dev: dict, events: list[dict]):
        if max_writes > 0 and not write_lock_free(store, write_wait):
            return error(503, "database_busy", f"The central database is busy; retry in {retry_after} s.",
                         headers={"Retry-After": str(retry_after)}, retry_after=retry_after)
        return store.push(dev, events)

    @app.get("/v1/pull", response_model=PullPage, tags=["sync"], responses=AUTH_ERRORS)
    def pull(dev: Annotated[dict, Depends(device)], cursor: Annotated[Cursor | None, Query()] = None,
             limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
             answers_from: Annotated[int | None, Query(ge=1, le=10**12, description=(
                 "the terminal's lowest unacknowledged terminal_seq: the last page then carries the answers from there on"))] = None):
        """At most `limit` rows, and no more than PAGE_BYTES of JSON in `items` (a single larger row comes alone);
        `next_cursor` is the last row sent, so the next page goes on exactly there."""
        return Response(store.pull_page_json(cursor, limit, device=dev, answers_from=answers_from, max_bytes=page_bytes),
                        media_type="application/json")

    @app.post("/v1/quarantine", response_model=QuarantineReportResponse, tags=["sync"],
              responses={**AUTH_ERRORS, 400: {"model": ErrorResponse, "description": "the body is not JSON"},
                         422: {"model": ErrorResponse, "description": "a field out of bounds: more than 200 rows, an "
                               "unknown kind, a key or reason too long or with control characters, a naive time, "
                               "total below the rows listed, a row listed twice, an unknown field (a row body)"}})
    def quarantine(body: QuarantineReport, dev: Annotated[dict, Depends(device)]) -> dict:
        """The terminal's quarantined pulled rows (kind, key, reason, sha256 of its copy; never the row), as a
        snapshot: a complete one clears the rows it no longer lists. Idempotent. `admin list-quarantine` shows
        them (sync/server/quarantine.py)."""
        return record_report(store, dev, body)

    @app.post("/v1/member-lookup", response_model=MemberLookupResponse, tags=["sync"],
              responses={**AUTH_ERRORS, 400: {"model": ErrorResponse, "description": "the body is not JSON"},
                         404: {"model": ErrorResponse, "description": "no such member (only the audit row written)"},
                         422: {"model": ErrorResponse, "description": "not exactly one of member_id / card_hash, a malformed "
                               "id or hash, an unknown field"},
                         429: {"model": ErrorResponse, "description": "rate_limited: this device's lookups are beyond the "
                               "bound (sync/server/member_lookup_bound.py); retry after the Retry-After header's seconds"}})
    def member_lookup(body: MemberLookupRequest, dev: Annotated[dict, Depends(device)]):
        """A member outside this store's slice, looked up at the counter: the member enters the store's
        slice (a feed event, sync/server/slices.py) and the terminal's next pull brings its rows. Bounded per
        device and audited (sync/server/member_lookup_bound.py)."""
        try:
            return store.member_lookup(dev, member_id=getattr(body, "member_id", None), card_hash=getattr(body, "card_hash", None))
        except LookupError:
            return error(404, "unknown_member", "No such member in this chain.")

    member_errors = {**AUTH_ERRORS, 400: {"model": ErrorResponse, "description": "the body is not JSON"},
                     422: {"model": ErrorResponse, "description": "invalid_phone, invalid_name, invalid_birth_month, "
                           "consent_required, invalid_request (a wrong type, a field too long, an unknown field)"},
                     429: {"model": ErrorResponse, "description": "rate_limited: this device's searches or sign-ups are "
                           "beyond the bound; retry after the Retry-After header's seconds"}}

    def member_error(exc: Exception) -> JSONResponse:
        from sync.server.member_search import InvalidQuery, PhoneTaken
        from sync.server.member_signup import NoCatalog, existing_masked

        if isinstance(exc, InvalidQuery):
            return error(422, exc.code, exc.message, field=exc.field)
        if isinstance(exc, PhoneTaken):
            return error(409, "phone_taken", "This phone number is already a member's: attach that member instead.",
                         existing=existing_masked(store, exc.member_id))
        if isinstance(exc, NoCatalog):
            return error(409, "no_catalog", "The chain has no member tier yet: import a catalog first.")
        raise exc

    @app.post("/v1/members/search", response_model=MemberSearchResponse, tags=["members"], responses=member_errors)
    def member_search(body: MemberSearchRequest, dev: Annotated[dict, Depends(device)]):
        """Find a member by exact phone or by name (at least 2 characters): at most 5, masked; bounded per
        device and audited (sync/server/member_search.py). Attach one with POST /v1/member-lookup {member_id}."""
        from sync.server.member_search import InvalidQuery, search

        try:
            return search(store, dev, phone=body.phone, name=body.name)
        except InvalidQuery as exc:
            return member_error(exc)

    @app.post("/v1/members", response_model=MemberSignupResponse, tags=["members"],
              responses={**member_errors, 409: {"model": ErrorResponse, "description": "phone_taken (details.existing: "
                         "that member, masked) or no_catalog; nothing written"}})
    def member_signup(body: MemberSignupRequest, dev: Annotated[dict, Depends(device)]):
        """Sign a new member up at the counter (sync/server/member_signup.py): a new id and card number, the
        lowest tier, the device's store as home; the member is in that store's slice at `visible_seq`."""
        from sync.server.member_search import InvalidQuery, PhoneTaken
        from sync.server.member_signup import NoCatalog, sign_up

        try:
            return sign_up(store, dev, name=body.name, phone=body.phone, birth_month=body.birth_month, consent=body.consent,
                           request_id=body.request_id)
        except (InvalidQuery, PhoneTaken, NoCatalog) as exc:
            return member_error(exc)

    @app.post("/v1/transfer", response_model=TransferResponse, tags=["sync"],
              responses={**AUTH_ERRORS, 400: {"model": ErrorResponse, "description": "the body is not JSON"},
                         404: {"model": ErrorResponse, "description": "no such coupon (nothing written)"},
                         409: {"model": ErrorResponse, "description": "refused by the rules: gifted, wrong_member, "
                               "transfer_not_allowed, used_up, expired, voided, not_found (receiving member), revoked"},
                         422: {"model": ErrorResponse, "description": "a malformed id or an unknown field"},
                         429: {"model": ErrorResponse, "description": "rate_limited: this device's member lookups and refused "
                               "transfers are beyond the bound (sync/server/member_lookup_bound.py); nothing written"}})
    def transfer(body: TransferRequest, dev: Annotated[dict, Depends(device)]):
        """Gift a voucher (issue 15): online only; the coupon gets the new owner at a new feed position and the
        old owner's code is refused `gifted` at every store (sync/server/member_value_facts.py)."""
        from terminal.domain.reasons import DomainError

        from sync.server.member_value_facts import transfer_coupon

        try:
            return transfer_coupon(store, code=body.code, from_member=body.from_member, to_member=body.to_member,
                                   request_id=body.request_id, device=dev)
        except LookupError:
            return error(404, "unknown_coupon", f"No coupon {body.code}.")
        except DomainError as err:
            return error(409, err.reason.value, err.message)

    @app.get("/v1/allowances", response_model=Allowances, tags=["sync"], responses=AUTH_ERRORS)
    def allowances(dev: Annotated[dict, Depends(device)]) -> dict:
        return store.allowances(dev)

    return app
