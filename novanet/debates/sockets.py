"""Live debates over Socket.IO: rooms, replies, typing and presence.

Room names are built here ("debate:42") after the debate policy allowed the join; the policy
is asked again on every join. Replies sent over the socket go through the same service as the
form and the API, which commits before the signal that makes the receivers below publish.
"""

import logging
import threading
import time

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from flask_socketio import join_room, leave_room, rooms
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from novanet.accounts.models import User
from novanet.core import signals
from novanet.core.errors import Conflict, Invalid
from novanet.core.realtime import handler, on_disconnect, publish
from novanet.debates import policy, presence, services
from novanet.debates.models import Debate, DebateViewer
from novanet.debates.schemas import post_data
from novanet.extensions import db, socketio

log = logging.getLogger("novanet.debates.live")

TYPING_EVERY = 3.0  # seconds between two "is writing" pushes from one socket for one debate
_typing_seen: dict[tuple[str, int], float] = {}
_typing_lock = threading.Lock()


def debate_room(debate_id: int) -> str:
    return f"debate:{debate_id}"


def _debate_id(data: dict) -> int:
    value = data.get("debate_id")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid(fields={"debate_id": _l("Expected the number of a debate.")})
    return value


def _send_presence(debate_id: int) -> None:
    publish("presence", presence.payload(debate_id), debate_room(debate_id))


def _presence_changed(debate_id: int) -> None:
    current_app.extensions["debate_presence"].changed(debate_id)


def _joined(debate_id: int) -> bool:
    return debate_room(debate_id) in (rooms() or [])


@handler
def on_join(user: User, data: dict):
    """debate:join {debate_id}: the policy decides; refusals leave the room untouched."""
    debate = policy.get_debate(user, _debate_id(data))
    join_room(debate_room(debate.id))
    if db.session.get(DebateViewer, (request.sid, debate.id)) is None:
        db.session.add(DebateViewer(sid=request.sid, debate_id=debate.id, user_id=user.id))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
    _presence_changed(debate.id)
    people, count = presence.viewers(debate.id)
    return {"debate_id": debate.id, "viewers": people, "count": count}


@handler
def on_leave(user: User, data: dict):
    debate_id = _debate_id(data)
    leave_room(debate_room(debate_id))
    db.session.execute(delete(DebateViewer).where(DebateViewer.sid == request.sid,
                                                  DebateViewer.debate_id == debate_id))
    db.session.commit()
    _presence_changed(debate_id)
    return {"debate_id": debate_id}


@handler
def on_post_create(user: User, data: dict):
    """post:create {debate_id, body, reply_to?}: the same service as the reply form."""
    debate = policy.get_debate(user, _debate_id(data))
    post = services.reply(user, debate, body=data.get("body"), reply_to_id=data.get("reply_to"))
    return {"post": post_data(post)}


@handler
def on_typing(user: User, data: dict):
    """typing {debate_id}: pushed to the others in the room at most every few seconds."""
    debate_id = _debate_id(data)
    if not _joined(debate_id):
        raise Conflict(_l("Join the debate first."), code="not_joined")
    key = (request.sid, debate_id)
    now = time.monotonic()
    with _typing_lock:
        if now - _typing_seen.get(key, 0.0) < TYPING_EVERY:
            return {"throttled": True}
        _typing_seen[key] = now
    publish("typing", {"debate_id": debate_id,
                       "user": {"username": user.username, "display_name": user.display_name}},
            debate_room(debate_id), skip_sid=request.sid)
    return {"throttled": False}


def _forget_socket(sid: str) -> None:
    with _typing_lock:
        for key in [k for k in _typing_seen if k[0] == sid]:
            _typing_seen.pop(key, None)
    debate_ids = list(db.session.scalars(select(DebateViewer.debate_id)
                                         .where(DebateViewer.sid == sid)))
    if not debate_ids:
        return
    db.session.execute(delete(DebateViewer).where(DebateViewer.sid == sid))
    db.session.commit()
    for debate_id in debate_ids:
        _presence_changed(debate_id)


def _remove_from_group_rooms(user_id: int, group_id: int) -> None:
    """Take a person out of every debate room of a group, on whichever process holds the socket
    (the message queue carries leave_room), and forget their presence there."""
    rows = db.session.execute(select(DebateViewer.sid, DebateViewer.debate_id)
                              .join(Debate, Debate.id == DebateViewer.debate_id)
                              .where(DebateViewer.user_id == user_id,
                                     Debate.group_id == group_id)).all()
    for sid, debate_id in rows:
        try:
            socketio.server.leave_room(sid, debate_room(debate_id), namespace="/")
        except Exception:
            log.exception("could not take socket %s out of debate %s", sid, debate_id)
    if rows:
        db.session.execute(delete(DebateViewer).where(
            DebateViewer.user_id == user_id,
            DebateViewer.debate_id.in_({d for _, d in rows})))
        db.session.commit()
        for debate_id in {d for _, d in rows}:
            _presence_changed(debate_id)


def _guarded(fn):
    # Live delivery must never turn a committed write into an error page.
    def receiver(sender, **kwargs):
        try:
            fn(sender, **kwargs)
        except Exception:
            log.exception("live receiver %s failed", fn.__name__)
    receiver.__name__ = fn.__name__
    return receiver


def _ids(kwargs: dict) -> tuple[int | None, int | None]:
    user = kwargs.get("user") or kwargs.get("member")
    group = kwargs.get("group")
    membership = kwargs.get("membership")
    user_id = kwargs.get("user_id") or getattr(user, "id", None) or getattr(membership, "user_id",
                                                                            None)
    group_id = kwargs.get("group_id") or getattr(group, "id", None) or getattr(
        membership, "group_id", None)
    return user_id, group_id


@_guarded
def on_member_left(sender, **kwargs):
    user_id, group_id = _ids(kwargs)
    if user_id and group_id:
        _remove_from_group_rooms(int(user_id), int(group_id))


@_guarded
def on_post_created(sender, post, debate, **_):
    publish("post:created", {"debate_id": debate.id, "post": post_data(post, {})},
            debate_room(debate.id))


@_guarded
def on_post_updated(sender, post, debate, **_):
    counts = services.reaction_counts([post.id])[post.id]
    publish("post:updated", {"debate_id": debate.id, "post": post_data(post, counts)},
            debate_room(debate.id))


@_guarded
def on_post_deleted(sender, post, debate, **_):
    publish("post:deleted", {"debate_id": debate.id, "post_id": post.id}, debate_room(debate.id))


@_guarded
def on_reactions_changed(sender, post, counts, **_):
    publish("reactions:updated", {"debate_id": post.debate_id, "post_id": post.id,
                                  "reactions": counts}, debate_room(post.debate_id))


def init_app(app) -> None:
    app.extensions["debate_presence"] = presence.Batcher(_send_presence)
    socketio.on_event("debate:join", on_join)
    socketio.on_event("debate:leave", on_leave)
    socketio.on_event("post:create", on_post_create)
    socketio.on_event("typing", on_typing)
    on_disconnect(_forget_socket)
    for signal, fn in ((signals.post_created, on_post_created),
                       (signals.post_updated, on_post_updated),
                       (signals.post_deleted, on_post_deleted),
                       (signals.reactions_changed, on_reactions_changed),
                       (signals.member_left, on_member_left)):
        signal.connect(fn, weak=False)
