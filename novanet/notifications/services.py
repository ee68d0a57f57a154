"""Creating and reading notifications. Other features call notify(); they never write rows."""

from collections.abc import Callable, Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from novanet.accounts.models import User
from novanet.core import signals
from novanet.core.db import utcnow
from novanet.extensions import db
from novanet.notifications.models import Notification

# kind -> function(params) returning the sentence shown to the reader (translated at display time)
KINDS: dict[str, Callable[[dict], str]] = {}


def register_kind(kind: str, message: Callable[[dict], str]) -> None:
    KINDS[kind] = message


def message(notification: Notification) -> str:
    render = KINDS.get(notification.kind)
    if render is None:
        return str(_l("Something happened that concerns you."))
    return str(render(notification.params or {}))


def notify(recipients: Iterable[User | int], kind: str, *, actor: User | None = None,
           url: str = "", params: dict | None = None) -> list[Notification]:
    """Create one notification per recipient (never the actor), commit, then signal each."""
    actor_id = actor.id if actor is not None else None
    ids = {r.id if isinstance(r, User) else int(r) for r in recipients}
    ids.discard(actor_id)
    rows = [Notification(user_id=uid, kind=kind, actor_id=actor_id, url=url,
                         params=dict(params or {})) for uid in sorted(ids)]
    if not rows:
        return []
    db.session.add_all(rows)
    db.session.commit()
    for row in rows:
        signals.notification_created.send("notifications", notification=row)
    return rows


def unread_count(user: User) -> int:
    return db.session.scalar(select(func.count()).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def mark_read(user: User, ids: list[int] | None = None) -> int:
    stmt = update(Notification).where(Notification.user_id == user.id,
                                      Notification.read_at.is_(None))
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(ids))
    result = db.session.execute(stmt.values(read_at=utcnow()))
    db.session.commit()
    return result.rowcount or 0
