"""Creating and reading notifications. Other features call notify(); they never write rows.

Each kind is registered once with the sentence shown to the reader (rendered at display time,
in the reader's language), a label for the settings page and a default channel. A member's
preference per kind decides whether notify() stores it ("app"), also mails it in the daily
digest ("email"), or drops it ("off").
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from novanet.accounts.models import User
from novanet.core import signals
from novanet.core.db import utcnow
from novanet.core.errors import Invalid
from novanet.core.pagination import Page, paginate
from novanet.extensions import db
from novanet.notifications.models import CHANNELS, Notification, NotificationPreference


@dataclass
class Kind:
    message: Callable[[dict], str]
    label: object  # None: registered without one (a test refuses that)
    default: str = "app"
    name: str = ""

    @property
    def settings_label(self):
        """What the settings page shows; the kind's own name only if a feature forgot a label."""
        return self.label if self.label is not None else self.name.replace("_", " ").capitalize()


KINDS: dict[str, Kind] = {}


def register_kind(kind: str, message: Callable[[dict], str], *, label=None,
                  default: str = "app") -> None:
    """Declare a notification kind: its sentence, its settings label, its default channel."""
    if default not in CHANNELS:
        raise ValueError(f"unknown channel {default!r}")
    KINDS[kind] = Kind(message, label, default, kind)


def message(notification: Notification) -> str:
    kind = KINDS.get(notification.kind)
    if kind is None:
        return str(_l("Something happened that concerns you."))
    return str(kind.message(notification.params or {}))


def channels_for(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """Each member's channel for a kind (their preference, else the kind's default)."""
    ids = list(user_ids)
    default = KINDS[kind].default if kind in KINDS else "app"
    chosen = dict(db.session.execute(select(
        NotificationPreference.user_id, NotificationPreference.channel).where(
        NotificationPreference.kind == kind, NotificationPreference.user_id.in_(ids))).all()) \
        if ids else {}
    return {uid: chosen.get(uid, default) for uid in ids}


def notify(recipients: Iterable[User | int], kind: str, *, actor: User | None = None,
           url: str = "", params: dict | None = None) -> list[Notification]:
    """Create one notification per recipient (never the actor, never those who turned the
    kind off), commit, then signal each."""
    actor_id = actor.id if actor is not None else None
    ids = {r.id if isinstance(r, User) else int(r) for r in recipients}
    ids.discard(actor_id)
    wanted = [uid for uid, channel in channels_for(sorted(ids), kind).items() if channel != "off"]
    rows = [Notification(user_id=uid, kind=kind, actor_id=actor_id, url=url[:500],
                         params=dict(params or {})) for uid in wanted]
    if not rows:
        return []
    db.session.add_all(rows)
    db.session.commit()
    for row in rows:
        signals.notification_created.send("notifications", notification=row)
    return rows


def unread_count_sql(user_id):
    return (select(func.count()).where(Notification.user_id == user_id,
                                       Notification.read_at.is_(None)).scalar_subquery())


def unread_count(user: User) -> int:
    return db.session.scalar(select(unread_count_sql(user.id))) or 0


def mark_read(user: User, ids: list[int] | None = None) -> int:
    """Mark some (or, with ids=None, all) of my notifications read; others' ids are ignored."""
    stmt = update(Notification).where(Notification.user_id == user.id,
                                      Notification.read_at.is_(None))
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(ids))
    result = db.session.execute(stmt.values(read_at=utcnow()))
    db.session.commit()
    return result.rowcount or 0


def list_for(user: User, *, limit: int = 20, cursor: str | None = None,
             unread: bool = False) -> Page:
    stmt = select(Notification).where(Notification.user_id == user.id)
    if unread:
        stmt = stmt.where(Notification.read_at.is_(None))
    return paginate(stmt, [Notification.created_at, Notification.id], session=db.session,
                    limit=limit, cursor=cursor)


def preferences(user: User) -> dict[str, str]:
    """kind -> channel for every registered kind."""
    chosen = dict(db.session.execute(select(
        NotificationPreference.kind, NotificationPreference.channel).where(
        NotificationPreference.user_id == user.id)).all())
    return {kind: chosen.get(kind, spec.default) for kind, spec in sorted(KINDS.items())}


def set_preferences(user: User, choices: dict[str, str]) -> None:
    """Store channels for registered kinds; an unknown kind or channel is a field error."""
    errors = {k: _l("Choose in the app, by e-mail or off.") for k, v in choices.items()
              if k not in KINDS or v not in CHANNELS}
    if errors:
        raise Invalid(fields=errors)
    if choices:
        db.session.execute(delete(NotificationPreference).where(
            NotificationPreference.user_id == user.id,
            NotificationPreference.kind.in_(list(choices))))
        db.session.add_all(NotificationPreference(user_id=user.id, kind=k, channel=v)
                           for k, v in choices.items())
    db.session.commit()
