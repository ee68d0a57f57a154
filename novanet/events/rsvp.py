"""RSVPs with a waiting list that never lets more people in than there are seats.

Concurrency: every change to who holds a seat starts with lock_event(), an UPDATE of the event
row. On PostgreSQL that takes the row lock until commit; on SQLite it is the first write of the
transaction, so it takes the database write lock (pysqlite opens the transaction right before
it, after any reads) and the busy timeout queues the others. Seats are then taken with a
conditional UPDATE … WHERE going_count < capacity, which alone would also refuse an extra seat.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import lazyload

from novanet.accounts.models import User
from novanet.core import signals
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden, Invalid
from novanet.events import policy
from novanet.events.models import RSVP_CHOICES, Event, Rsvp
from novanet.extensions import db

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are typed by hand


@dataclass
class Answer:
    status: str
    waitlist_position: int | None
    public: bool
    code: str | None
    promoted: list[int]


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def lock_event(event_id: int) -> None:
    db.session.execute(update(Event).where(Event.id == event_id)
                       .values(lock_version=Event.lock_version + 1)
                       .execution_options(synchronize_session=False))


def _take_seat(event_id: int) -> bool:
    result = db.session.execute(
        update(Event).where(Event.id == event_id, Event.going_count < Event.capacity)
        .values(going_count=Event.going_count + 1)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def _bump(event_id: int, column: str, delta: int) -> None:
    col = getattr(Event, column)
    db.session.execute(update(Event).where(Event.id == event_id).values({col: col + delta})
                       .execution_options(synchronize_session=False))


def _next_ticket(event_id: int) -> int:
    _bump(event_id, "waitlist_seq", 1)
    return db.session.scalar(select(Event.waitlist_seq).where(Event.id == event_id))


def registration_problem(event: Event, now: datetime | None = None):
    """Why a new "going" or "maybe" is refused right now, or None when registration is open."""
    now = now or utcnow()
    if event.is_cancelled:
        return _l("This event has been cancelled.")
    if event.ends_at <= now:
        return _l("This event has already ended.")
    if event.registration_closed:
        return _l("The organisers have closed registration.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _l("Registration has not opened yet.")
    if event.registration_closes_at and now >= event.registration_closes_at:
        return _l("Registration has closed.")
    return None


def current(user, event: Event) -> Rsvp | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(select(Rsvp).where(Rsvp.event_id == event.id,
                                                Rsvp.user_id == user.id))


def waitlist_position(rsvp: Rsvp | None) -> int | None:
    """Place in the queue: 1 is next in line."""
    if rsvp is None or rsvp.status != "waitlisted" or rsvp.waitlist_seq is None:
        return None
    return db.session.scalar(select(func.count()).where(
        Rsvp.event_id == rsvp.event_id, Rsvp.status == "waitlisted",
        Rsvp.waitlist_seq <= rsvp.waitlist_seq))


def promote_waiting(event_id: int) -> list[int]:
    """Give free seats to the people waiting longest (caller holds the lock and commits)."""
    promoted = []
    while True:
        first = db.session.scalar(
            select(Rsvp).where(Rsvp.event_id == event_id, Rsvp.status == "waitlisted")
            .order_by(Rsvp.waitlist_seq, Rsvp.id).limit(1)
            .execution_options(populate_existing=True))
        if first is None or not _take_seat(event_id):
            return promoted
        first.status = "going"
        first.waitlist_seq = None
        first.code = new_code()
        db.session.flush()
        promoted.append(first.user_id)


def set_rsvp(user: User, event: Event, status: str, *, public: bool | None = None,
             note: str | None = None, now: datetime | None = None) -> Answer:
    """Answer going / maybe / not going. "going" on a full event joins the waiting list.

    Fails with Forbidden when the person may not answer, Conflict when the event is cancelled or
    outside its registration window, Invalid for an unknown answer. Leaving is always allowed
    until the event ends.
    """
    if status not in RSVP_CHOICES:
        raise Invalid(fields={"status": _l("Answer going, maybe or not going.")})
    if not policy.can_rsvp(user, event):
        raise Forbidden(_l("You cannot answer this event."))
    if note is not None and len(note) > 500:
        raise Invalid(fields={"note": _l("Keep the note under 500 characters.")})
    problem = registration_problem(event, now)
    if problem is not None and (status != "not_going" or event.is_cancelled
                    or event.ends_at <= (now or utcnow())):
        raise Conflict(problem, code="registration_closed")

    lock_event(event.id)
    rsvp = db.session.scalar(select(Rsvp).where(Rsvp.event_id == event.id,
                                                Rsvp.user_id == user.id)
                             .options(lazyload(Rsvp.user))
                             .execution_options(populate_existing=True))
    old = rsvp.status if rsvp else None
    if rsvp is None:
        rsvp = Rsvp(event_id=event.id, user_id=user.id, status="not_going")
        db.session.add(rsvp)
    promoted: list[int] = []
    if status == "going":
        if old not in ("going", "waitlisted"):
            if old == "maybe":
                _bump(event.id, "maybe_count", -1)
            if _take_seat(event.id):
                rsvp.status, rsvp.code, rsvp.waitlist_seq = "going", new_code(), None
            else:
                rsvp.status, rsvp.waitlist_seq = "waitlisted", _next_ticket(event.id)
    else:
        if old == "going":
            _bump(event.id, "going_count", -1)
        if old == "maybe" and status != "maybe":
            _bump(event.id, "maybe_count", -1)
        if status == "maybe" and old != "maybe":
            _bump(event.id, "maybe_count", 1)
        rsvp.status, rsvp.waitlist_seq, rsvp.code = status, None, None
        if old == "going":
            db.session.flush()
            promoted = promote_waiting(event.id)
    if public is not None:
        rsvp.public = bool(public)
    if note is not None:
        rsvp.note = note.strip()
    db.session.flush()
    # Read the answer inside the lock: the queue cannot move before this commit.
    answer = Answer(rsvp.status, waitlist_position(rsvp), rsvp.public, rsvp.code, promoted)
    db.session.commit()
    if old != answer.status:
        signals.rsvp_changed.send("events", event=event, user=user, old=old,
                                  status=answer.status)
    after_promotion(event, promoted)
    return answer


def after_promotion(event: Event, promoted: list[int]) -> None:
    """Tell the people who got a seat (after the commit that gave it to them)."""
    if not promoted:
        return
    from novanet.events import notices

    signals.waitlist_promoted.send("events", event=event, user_ids=promoted)
    notices.promoted(event, promoted)


def tell_over_capacity(event: Event, actor: User | None) -> None:
    from novanet.events import notices

    notices.over_capacity(event, actor)


def over_capacity(event: Event) -> int:
    """How many confirmed people exceed a lowered capacity (they keep their seats)."""
    return max(0, event.going_count - event.capacity)


def status_of(user, event: Event) -> Answer:
    rsvp = current(user, event)
    if rsvp is None:
        return Answer("not_going", None, False, None, [])
    return Answer(rsvp.status, waitlist_position(rsvp), rsvp.public, rsvp.code, [])
