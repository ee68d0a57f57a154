"""A member's event data in their download, and what happens to it when the account goes."""

from flask import g, has_request_context
from sqlalchemy import delete, select, update

from novanet.accounts.privacy import register_eraser, register_exporter
from novanet.core import signals
from novanet.events import rsvp
from novanet.events.models import (
    AgendaItem,
    CalendarFeed,
    Certificate,
    Event,
    EventOrganiser,
    EventSession,
    Rsvp,
)
from novanet.extensions import db


def export(user) -> dict:
    answers = db.session.execute(
        select(Rsvp, Event.title).join(Event, Event.id == Rsvp.event_id)
        .where(Rsvp.user_id == user.id).order_by(Rsvp.id)).all()
    organised = db.session.scalars(select(Event.title).join(
        EventOrganiser, EventOrganiser.event_id == Event.id)
        .where(EventOrganiser.user_id == user.id).order_by(Event.id)).all()
    certificates = db.session.scalars(select(Certificate).where(
        Certificate.user_id == user.id).order_by(Certificate.id)).all()
    agenda = db.session.scalars(select(EventSession.title).join(
        AgendaItem, AgendaItem.session_id == EventSession.id)
        .where(AgendaItem.user_id == user.id)).all()
    return {
        "rsvps": [{"event": title, "status": r.status, "public": r.public, "note": r.note,
                   "checked_in_at": r.checked_in_at, "created_at": r.created_at}
                  for r, title in answers],
        "organised": list(organised),
        "agenda": list(agenda),
        "certificates": [{"event": c.event.title, "hours": c.hours, "issued_at": c.issued_at}
                         for c in certificates],
        "calendar_feed": db.session.get(CalendarFeed, user.id) is not None,
    }


def erase(user, keep_content: bool) -> None:
    """Give up the member's seats (promoting people waiting) and drop personal rows.

    Runs inside the account deletion transaction; the promoted are told after it commits.
    """
    promoted: list[tuple[int, list[int]]] = []
    held = db.session.execute(select(Rsvp.event_id, Rsvp.status).where(
        Rsvp.user_id == user.id, Rsvp.status.in_(("going", "maybe")))).all()
    for event_id, status in held:
        rsvp.lock_event(event_id)
        column = Event.going_count if status == "going" else Event.maybe_count
        db.session.execute(update(Event).where(Event.id == event_id).values({column: column - 1})
                           .execution_options(synchronize_session=False))
    db.session.execute(delete(Rsvp).where(Rsvp.user_id == user.id))
    for event_id, status in held:
        if status == "going":
            promoted.append((event_id, rsvp.promote_waiting(event_id)))
    sessions = db.session.scalars(select(AgendaItem.session_id).where(
        AgendaItem.user_id == user.id)).all()
    if sessions:
        db.session.execute(update(EventSession).where(EventSession.id.in_(sessions))
                           .values(seats_taken=EventSession.seats_taken - 1)
                           .execution_options(synchronize_session=False))
        db.session.execute(delete(AgendaItem).where(AgendaItem.user_id == user.id))
    db.session.execute(delete(Certificate).where(Certificate.user_id == user.id))
    removed: list[int] = []
    if not keep_content:
        removed = list(db.session.scalars(select(Event.id).where(Event.created_by_id == user.id)))
        if removed:
            db.session.execute(delete(Event).where(Event.id.in_(removed)))
    if has_request_context():
        g.events_promoted_on_erase = promoted
        g.events_removed_on_erase = removed


def _after_deletion(sender, **_kw) -> None:
    if not has_request_context():
        return
    from novanet.events import notices

    for event_id in g.pop("events_removed_on_erase", []):
        notices.event_deleted(event_id)
    for event_id, user_ids in g.pop("events_promoted_on_erase", []):
        event = db.session.get(Event, event_id)
        if event is not None:
            rsvp.after_promotion(event, user_ids)


def init_app(app) -> None:
    register_exporter("events", export)
    register_eraser(erase)
    signals.user_deleted.connect(_after_deletion, weak=False)
