"""The live layer: who may connect, the one publish() call, and disconnecting ended sessions.

Services never talk to Socket.IO. They commit and send a signal; receivers in the features
call publish(). Room names are built here on the server ("user:7", "debate:42"), never taken
from the client. With NOVANET_REDIS_URL the message queue carries emits, disconnects and room
changes between server processes.
"""

import logging
import threading
import time
from functools import wraps

from flask import Flask, current_app, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room
from sqlalchemy import delete, select

from novanet.accounts.models import SocketConnection, User, hash_secret
from novanet.core import signals
from novanet.core.errors import DomainError, Unauthorized, ack_error
from novanet.extensions import db, socketio

log = logging.getLogger("novanet.realtime")


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def publish(event: str, payload: dict, room: str, skip_sid: str | None = None) -> None:
    """Push an event to a room on every server process. Never raises into the caller."""
    try:
        socketio.emit(event, payload, to=room, skip_sid=skip_sid)
    except Exception:  # the queue (Redis) may be down: pages keep working, live degrades
        log.exception("live delivery of %s to %s failed", event, room)


def socket_user() -> User | None:
    """The member behind the current Socket.IO event, re-checked on every event."""
    if current_user.is_authenticated:
        return current_user._get_current_object()
    token_hash = session.get("socket_token")
    if token_hash:
        from novanet.accounts.models import ApiToken

        token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash,
                                                         ApiToken.revoked_at.is_(None)))
        if token is not None and token.user.suspended_at is None:
            return token.user
    return None


_disconnect_hooks: list = []


def on_disconnect(fn):
    """Register fn(sid) to run when a socket goes away (features drop their per-socket state)."""
    if fn not in _disconnect_hooks:
        _disconnect_hooks.append(fn)
    return fn


class _QueueReason(logging.Filter):
    """The message queue logs "Cannot publish to redis" and keeps the cause in an extra field;
    put the cause in the message so the log says why live delivery degraded."""

    def filter(self, record: logging.LogRecord) -> bool:
        cause = getattr(record, "redis_exception", None)
        if cause and "redis_exception" not in str(record.msg):
            record.msg = f"{record.msg} (redis_exception: {cause}; live delivery degraded, " \
                         "pages and posting keep working)"
        return True


class _Bucket:
    __slots__ = ("tokens", "stamp")

    def __init__(self, tokens: float):
        self.tokens = tokens
        self.stamp = time.monotonic()


_buckets: dict[str, _Bucket] = {}
_lock = threading.Lock()


def _allow(sid: str, rate: str) -> bool:
    count, seconds = (int(x) for x in rate.split("/"))
    with _lock:
        bucket = _buckets.get(sid)
        if bucket is None:
            bucket = _buckets[sid] = _Bucket(count)
        now = time.monotonic()
        bucket.tokens = min(count, bucket.tokens + (now - bucket.stamp) * count / seconds)
        bucket.stamp = now
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"
    default_message = _l("Too many events. Slow down a little.")


def handler(fn):
    """Wrap a Socket.IO event handler: authenticated, rate-limited, errors become error acks."""

    @wraps(fn)
    def wrapped(data=None):
        from flask import current_app

        try:
            user = socket_user()
            if user is None:
                raise Unauthorized()
            if not _allow(request.sid, current_app.config["SOCKET_RATE_LIMIT"]):
                raise RateLimited()
            result = fn(user, data if isinstance(data, dict) else {})
            return {"ok": True, **(result or {})}
        except DomainError as exc:
            db.session.rollback()
            return ack_error(exc)
        except Exception:
            db.session.rollback()
            log.exception("socket event %s failed", fn.__name__)
            return {"ok": False, "error": {"code": "server_error",
                                           "message": str(_l("Something went wrong."))}}

    return wrapped


def disconnect_sids(sids: list[str]) -> None:
    for sid in sids:
        try:
            socketio.server.disconnect(sid, namespace="/")
        except Exception:
            log.exception("could not disconnect socket %s", sid)


def _on_sessions_ended(sender, user_id: int, key_hashes: list[str], **_):
    sids = list(db.session.scalars(select(SocketConnection.sid).where(
        SocketConnection.session_key_hash.in_(key_hashes))))
    disconnect_sids(sids)


def _on_suspended(sender, user: User, suspended: bool, **_):
    if suspended:
        sids = list(db.session.scalars(select(SocketConnection.sid).where(
            SocketConnection.user_id == user.id)))
        disconnect_sids(sids)


def init_app(app: Flask) -> None:
    @socketio.on("connect")
    def on_connect(auth=None):
        user = None
        key_hash = None
        if current_user.is_authenticated:
            user = current_user._get_current_object()
            key_hash = user.current_session.key_hash if user.current_session else None
        elif isinstance(auth, dict) and isinstance(auth.get("token"), str):
            from novanet.accounts.services import user_for_token

            user = user_for_token(auth["token"])
            if user is not None:
                session["socket_token"] = hash_secret(auth["token"])
        if user is None:
            log.info("socket refused: not authenticated")
            raise ConnectionRefusedError("unauthorized")
        if current_app.config["REQUIRE_ADMIN_2FA"] and user.is_admin and not user.totp_enabled:
            # As on pages and the API: an administrator turns on two-step verification first.
            log.info("socket refused: administrator %s without two-step verification", user.id)
            raise ConnectionRefusedError("two_factor_required")
        join_room(user_room(user.id))
        db.session.add(SocketConnection(sid=request.sid, user_id=user.id,
                                        session_key_hash=key_hash))
        db.session.commit()

    @socketio.on("disconnect")
    def on_disconnect_event(*_):
        with _lock:
            _buckets.pop(request.sid, None)
        for hook in _disconnect_hooks:
            try:
                hook(request.sid)
            except Exception:
                db.session.rollback()
                log.exception("disconnect hook %s failed", getattr(hook, "__name__", hook))
        db.session.execute(delete(SocketConnection).where(SocketConnection.sid == request.sid))
        db.session.commit()

    for name in ("socketio", "socketio.server", "socketio.client"):
        queue_log = logging.getLogger(name)
        if not any(isinstance(f, _QueueReason) for f in queue_log.filters):
            queue_log.addFilter(_QueueReason())

    signals.sessions_ended.connect(_on_sessions_ended, weak=False)
    signals.user_suspended.connect(_on_suspended, weak=False)
