"""At the door and after: attendee lists, check-in by personal code, certificates,
announcements, personal agendas and the purge of personal registration data."""

import csv
import io
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from novanet.accounts.models import User
from novanet.core import signals
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.events import policy
from novanet.events.models import AgendaItem, Certificate, Event, EventSession, Rsvp
from novanet.events.rsvp import CODE_ALPHABET
from novanet.extensions import db


def attendees(event: Event, statuses=("going", "waitlisted", "maybe")) -> list[Rsvp]:
    """Everyone who answered, confirmed first, then the queue in order (one query)."""
    rows = db.session.scalars(
        select(Rsvp).where(Rsvp.event_id == event.id, Rsvp.status.in_(statuses))
        .order_by(Rsvp.status, Rsvp.waitlist_seq, Rsvp.created_at, Rsvp.id))
    order = {"going": 0, "waitlisted": 1, "maybe": 2}
    return sorted(rows, key=lambda r: (order[r.status], r.waitlist_seq or 0, r.id))


def public_attendees(event: Event) -> list[User]:
    return list(db.session.scalars(
        select(User).join(Rsvp, Rsvp.user_id == User.id)
        .where(Rsvp.event_id == event.id, policy.public_attendee_filter())
        .order_by(User.display_name)))


def attendees_csv(event: Event) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["username", "name", "email", "organisation", "status", "waitlist_place",
                     "checked_in_at", "note"])
    place = 0
    for r in attendees(event):
        if r.status == "waitlisted":
            place += 1
        writer.writerow([r.user.username, _csv_safe(r.user.display_name), r.user.email,
                         _csv_safe(r.user.organisation), r.status,
                         place if r.status == "waitlisted" else "",
                         r.checked_in_at.isoformat() if r.checked_in_at else "",
                         _csv_safe(r.note)])
    return out.getvalue()


def _csv_safe(value: str) -> str:
    # Spreadsheets run cells that start with these as formulas.
    return "'" + value if value and value[0] in "=+-@\t\r" else value


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def check_in(actor: User, event: Event, code: str) -> Rsvp:
    """Mark the confirmed attendee holding this code as present and issue their certificate.

    Invalid when the code is malformed, NotFound when no confirmed attendee of this event holds
    it, Conflict when already checked in or the event is cancelled.
    """
    policy.require_manage(actor, event)
    code = normalise_code(code)
    if len(code) != 10 or any(ch not in CODE_ALPHABET for ch in code):
        raise Invalid(fields={"code": _l("Codes have 10 letters and digits.")})
    if event.is_cancelled:
        raise Conflict(_l("This event has been cancelled."))
    rsvp = db.session.scalar(select(Rsvp).where(Rsvp.event_id == event.id, Rsvp.code == code,
                                                Rsvp.status == "going"))
    if rsvp is None:
        raise NotFound(_l("No confirmed attendee of this event has that code."),
                       fields={"code": _l("No confirmed attendee of this event has that code.")})
    if rsvp.checked_in_at is not None:
        raise Conflict(_l("%(name)s is already checked in.", name=rsvp.user.display_name),
                       code="already_checked_in")
    rsvp.checked_in_at = utcnow()
    db.session.execute(update(Event).where(Event.id == event.id)
                       .values(checked_in_count=Event.checked_in_count + 1)
                       .execution_options(synchronize_session=False))
    if db.session.scalar(select(Certificate.id).where(Certificate.event_id == event.id,
                                                      Certificate.user_id == rsvp.user_id)) is None:
        db.session.add(Certificate(token=secrets.token_urlsafe(16), event_id=event.id,
                                   user_id=rsvp.user_id, name=rsvp.user.display_name,
                                   hours=certificate_hours(event)))
    db.session.commit()
    return rsvp


def certificate_hours(event: Event) -> float:
    """Training hours: the organisers' figure, else the agenda's length, else the event's."""
    if event.hours:
        return float(event.hours)
    sessions = event.sessions
    if sessions:
        spans = sorted((s.starts_at, s.ends_at) for s in sessions)
        total, (start, end) = timedelta(), spans[0]
        for s, e in spans[1:]:
            if s > end:
                total += end - start
                start, end = s, e
            else:
                end = max(end, e)
        total += end - start
    else:
        total = event.ends_at - event.starts_at
        if total > timedelta(hours=10):
            total = timedelta(hours=8) * max(1, round(total / timedelta(days=1)))
    return round(total.total_seconds() / 1800) / 2


def certificate_for(user, event: Event) -> Certificate:
    if user is None or not getattr(user, "is_authenticated", False):
        raise Forbidden()
    cert = db.session.scalar(select(Certificate).where(Certificate.event_id == event.id,
                                                       Certificate.user_id == user.id))
    if cert is None:
        raise Forbidden(_l("Certificates are for attendees who were checked in at the event."))
    return cert


def announce(actor: User, event: Event, subject: str, body: str) -> int:
    """Send a message to everyone confirmed or waiting (notification and e-mail)."""
    from novanet.events import notices

    policy.require_manage(actor, event)
    errors = {}
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or len(subject) > 150:
        errors["subject"] = _l("Write a subject of up to 150 characters.")
    if not body or len(body) > 5000:
        errors["body"] = _l("Write a message of up to 5000 characters.")
    if errors:
        raise Invalid(fields=errors)
    people = [r.user for r in attendees(event, ("going", "waitlisted"))]
    notices.announcement(event, actor, people, subject, body)
    signals.event_announced.send("events", event=event, actor=actor, subject=subject)
    return len(people)


def agenda_ids(user, event: Event) -> set[int]:
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return set(db.session.scalars(
        select(AgendaItem.session_id).join(EventSession, EventSession.id == AgendaItem.session_id)
        .where(AgendaItem.user_id == user.id, EventSession.event_id == event.id)))


def add_to_agenda(user: User, session: EventSession) -> None:
    """Keep a seat in a session; for confirmed attendees, within the session's own capacity."""
    rsvp = db.session.scalar(select(Rsvp).where(Rsvp.event_id == session.event_id,
                                                Rsvp.user_id == user.id))
    if rsvp is None or rsvp.status != "going":
        raise Forbidden(_l("Confirm your place at the event first."))
    if db.session.get(AgendaItem, (session.id, user.id)) is not None:
        return
    stmt = update(EventSession).where(EventSession.id == session.id)
    if session.capacity is not None:
        stmt = stmt.where(EventSession.seats_taken < EventSession.capacity)
    result = db.session.execute(stmt.values(seats_taken=EventSession.seats_taken + 1)
                                .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict(_l("This session is full."), code="session_full")
    db.session.add(AgendaItem(session_id=session.id, user_id=user.id))
    db.session.commit()


def remove_from_agenda(user: User, session: EventSession) -> None:
    result = db.session.execute(delete(AgendaItem).where(AgendaItem.session_id == session.id,
                                                         AgendaItem.user_id == user.id))
    if result.rowcount:
        db.session.execute(update(EventSession).where(EventSession.id == session.id)
                           .values(seats_taken=EventSession.seats_taken - 1)
                           .execution_options(synchronize_session=False))
    db.session.commit()


def purge_registrations(days: int | None = None, now=None) -> int:
    """Erase codes, check-in times and notes of events that ended more than `days` ago.

    Counts on the event and issued certificates stay. Returns how many events were purged.
    """
    days = days if days is not None else current_app.config["REGISTRATION_PURGE_DAYS"]
    cutoff = (now or utcnow()) - timedelta(days=days)
    ids = list(db.session.scalars(select(Event.id).where(Event.ends_at < cutoff,
                                                         Event.purged_at.is_(None))))
    if not ids:
        return 0
    db.session.execute(update(Rsvp).where(Rsvp.event_id.in_(ids))
                       .values(code=None, checked_in_at=None, note="", public=False)
                       .execution_options(synchronize_session=False))
    db.session.execute(update(Event).where(Event.id.in_(ids)).values(purged_at=utcnow())
                       .execution_options(synchronize_session=False))
    db.session.commit()
    return len(ids)


def counts(event: Event) -> dict:
    rows = db.session.execute(select(Rsvp.status, func.count()).where(Rsvp.event_id == event.id)
                              .group_by(Rsvp.status)).all()
    return dict(rows)
