"""Creating, changing and cancelling events and congress sessions.

Every function validates everything first, writes in one transaction, commits once and only
then sends signals, notifications and activity. Bad input raises Invalid and stores nothing.
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from novanet.accounts.models import User
from novanet.core import markup, signals
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden, Invalid
from novanet.core.i18n import is_timezone
from novanet.events import policy
from novanet.events.models import MODES, TYPES, Event, EventOrganiser, EventSession, SessionSpeaker
from novanet.extensions import db
from novanet.groups.models import Group

EDITABLE = ("type", "title", "description", "challenge", "starts_at", "ends_at", "timezone",
            "mode", "venue", "address", "city", "country", "online_url", "capacity", "hours",
            "registration_opens_at", "registration_closes_at", "registration_closed",
            "organisers")
MAX_CAPACITY = 100_000


def to_utc(value, zone: str) -> datetime | None:
    """Aware datetimes keep their instant; naive ones are wall-clock time in the event's zone."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(zone))
    return value.astimezone(UTC)


def _clean_url(value: str, errors: dict, field: str) -> str:
    value = (value or "").strip()
    if value:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            errors[field] = _l("Enter a full web address starting with https://.")
    return value


def _organisers(names, creator: User, errors: dict) -> list[User]:
    people = [creator] if creator is not None else []
    wanted = [n.strip().lstrip("@").lower() for n in (names or []) if n and n.strip()]
    if wanted:
        found = {u.username: u for u in db.session.scalars(
            select(User).where(User.username.in_(wanted)))}
        missing = [n for n in wanted if n not in found]
        if missing:
            errors["organisers"] = _l("No member called %(names)s.", names=", ".join(missing))
        for name in wanted:
            user = found.get(name)
            # compare ids: UserMixin equality compares login sessions, not people
            if user is not None and user.id not in {p.id for p in people}:
                people.append(user)
    if not people:
        errors["organisers"] = _l("An event needs at least one organiser.")
    return people


def validate(data: dict, event: Event | None = None) -> dict:
    """Check a full set of event values (current values filled in for a change)."""
    errors: dict = {}
    clean = dict(data)
    if clean.get("type") not in TYPES:
        errors["type"] = _l("Choose the kind of event.")
    title = (clean.get("title") or "").strip()
    if not title:
        errors["title"] = _l("Give the event a title.")
    elif len(title) > 200:
        errors["title"] = _l("Keep the title under 200 characters.")
    clean["title"] = title
    zone = clean.get("timezone") or ""
    if not is_timezone(zone):
        errors["timezone"] = _l("Choose a time zone such as Europe/Madrid.")
        zone = "UTC"
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        try:
            clean[name] = to_utc(clean.get(name), zone)
        except (TypeError, ValueError):
            errors[name] = _l("Enter a date and time.")
            clean[name] = None
    starts, ends = clean.get("starts_at"), clean.get("ends_at")
    if starts is None and "starts_at" not in errors:
        errors["starts_at"] = _l("Enter when the event starts.")
    if ends is None and "ends_at" not in errors:
        errors["ends_at"] = _l("Enter when the event ends.")
    if starts and ends and ends <= starts:
        errors["ends_at"] = _l("The end must be after the start.")
    opens, closes = clean.get("registration_opens_at"), clean.get("registration_closes_at")
    if closes and ends and closes > ends:
        errors["registration_closes_at"] = _l("Registration must close before the event ends.")
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = _l("Registration must close after it opens.")
    capacity = clean.get("capacity")
    if not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 1:
        errors["capacity"] = _l("Capacity must be at least 1.")
    elif capacity > MAX_CAPACITY:
        errors["capacity"] = _l("Capacity is limited to %(n)s.", n=MAX_CAPACITY)
    hours = clean.get("hours")
    if hours is not None and not (0 < float(hours) <= 500):
        errors["hours"] = _l("Enter the training hours, between 0.5 and 500.")
    mode = clean.get("mode") or "in_person"
    if mode not in MODES:
        errors["mode"] = _l("Choose in person, online or hybrid.")
    clean["mode"] = mode
    clean["online_url"] = _clean_url(clean.get("online_url", ""), errors, "online_url")
    if mode in ("online", "hybrid") and not clean["online_url"]:
        errors["online_url"] = _l("Online events need a joining link.")
    if mode in ("in_person", "hybrid") and not (clean.get("venue") or "").strip():
        errors["venue"] = _l("Say where the event takes place.")
    country = (clean.get("country") or "").strip().upper() or None
    if country is not None and (len(country) != 2 or not country.isalpha()):
        errors["country"] = _l("Use the two-letter country code, e.g. ES.")
    clean["country"] = country
    for name, limit in (("venue", 200), ("address", 300), ("city", 120)):
        clean[name] = (clean.get(name) or "").strip()
        if len(clean[name]) > limit:
            errors[name] = _l("Keep this under %(n)s characters.", n=limit)
    if errors:
        raise Invalid(fields=errors)
    return clean


def create_event(creator: User, data: dict, group: Group | None = None) -> Event:
    """Create an event organised by creator (plus any organisers named by username)."""
    if not policy.can_create(creator, group):
        raise Forbidden(_l("You cannot organise events here."))
    errors: dict = {}
    people = _organisers(data.get("organisers"), creator, errors)
    clean = validate({k: data.get(k) for k in EDITABLE if k != "organisers"}
                     | {"capacity": data.get("capacity", 50)})
    if errors:
        raise Invalid(fields=errors)
    event = Event(group_id=group.id if group else None, created_by_id=creator.id,
                  **{k: v for k, v in clean.items() if k in EDITABLE and v is not None})
    event.description_html = markup.render(event.description)
    event.challenge_html = markup.render(event.challenge)
    event.organisers = [EventOrganiser(user_id=u.id, position=i) for i, u in enumerate(people)]
    db.session.add(event)
    db.session.commit()
    signals.event_created.send("events", event=event)
    return event


def update_event(actor: User, event: Event, changes: dict) -> list[int]:
    """Change an event; returns ids of people promoted from the waiting list.

    Raising capacity promotes people waiting; lowering it below the number going keeps everyone
    confirmed (the organiser is told through the over_capacity property).
    """
    from novanet.events import rsvp

    policy.require_manage(actor, event)
    if event.is_cancelled:
        raise Conflict(_l("This event has been cancelled and can no longer be changed."))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise Invalid(fields={k: _l("This field cannot be changed.") for k in unknown})
    zone = changes.get("timezone") or event.timezone
    current = {k: getattr(event, k) for k in EDITABLE if k != "organisers"}
    merged = current | {k: v for k, v in changes.items() if k != "organisers"}
    merged["timezone"] = zone
    errors: dict = {}
    people = None
    if "organisers" in changes:
        people = _organisers(changes["organisers"], None, errors)
    clean = validate(merged, event)
    if errors:
        raise Invalid(fields=errors)
    old_capacity = event.capacity
    for key in EDITABLE:
        if key in ("organisers", "capacity"):
            continue
        setattr(event, key, clean[key])
    event.description_html = markup.render(event.description)
    event.challenge_html = markup.render(event.challenge)
    if people is not None:
        event.organisers = [EventOrganiser(user_id=u.id, position=i) for i, u in enumerate(people)]
    promoted: list[int] = []
    if clean["capacity"] != old_capacity:
        rsvp.lock_event(event.id)
        db.session.execute(update(Event).where(Event.id == event.id)
                           .values(capacity=clean["capacity"])
                           .execution_options(synchronize_session=False))
        promoted = rsvp.promote_waiting(event.id)
    db.session.commit()
    db.session.refresh(event)
    signals.event_updated.send("events", event=event, actor=actor)
    rsvp.after_promotion(event, promoted)
    if event.going_count > event.capacity:
        rsvp.tell_over_capacity(event, actor)
    return promoted


def cancel_event(actor: User, event: Event) -> None:
    """Cancel: answers stay for the record; everyone who answered is told."""
    policy.require_manage(actor, event)
    if event.is_cancelled:
        return
    event.cancelled_at = utcnow()
    db.session.commit()
    signals.event_cancelled.send("events", event=event, actor=actor)


def close_registration(actor: User, event: Event, closed: bool = True) -> None:
    policy.require_manage(actor, event)
    event.registration_closed = closed
    db.session.commit()
    signals.event_updated.send("events", event=event, actor=actor)


def _session_values(event: Event, data: dict) -> dict:
    errors: dict = {}
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = _l("Give the session a title.")
    try:
        starts = to_utc(data.get("starts_at"), event.timezone)
        ends = to_utc(data.get("ends_at"), event.timezone)
    except (TypeError, ValueError):
        starts = ends = None
    if starts is None:
        errors["starts_at"] = _l("Enter when the session starts.")
    if ends is None:
        errors["ends_at"] = _l("Enter when the session ends.")
    if starts and ends:
        if ends <= starts:
            errors["ends_at"] = _l("The end must be after the start.")
        elif starts < event.starts_at or ends > event.ends_at:
            errors["starts_at"] = _l("Sessions must take place during the event.")
    capacity = data.get("capacity")
    if capacity is not None and (not isinstance(capacity, int) or capacity < 1):
        errors["capacity"] = _l("Capacity must be at least 1.")
    speakers = []
    for entry in data.get("speakers") or []:
        entry = (entry or "").strip()
        if not entry:
            continue
        if entry.startswith("@"):
            user = db.session.scalar(select(User).where(User.username == entry[1:].lower()))
            if user is None:
                errors["speakers"] = _l("No member called %(names)s.", names=entry)
                continue
            speakers.append(SessionSpeaker(user_id=user.id))
        else:
            speakers.append(SessionSpeaker(name=entry[:120]))
    if errors:
        raise Invalid(fields=errors)
    return {"title": title[:200], "starts_at": starts, "ends_at": ends,
            "room": (data.get("room") or "").strip()[:120],
            "track": (data.get("track") or "").strip()[:120], "capacity": capacity,
            "description": data.get("description") or "", "speakers": speakers}


def add_session(actor: User, event: Event, data: dict) -> EventSession:
    """Add a slot to the agenda. Speakers: '@username' for members, plain names otherwise."""
    policy.require_manage(actor, event)
    values = _session_values(event, data)
    session = EventSession(event_id=event.id, **values)
    session.description_html = markup.render(session.description)
    db.session.add(session)
    db.session.commit()
    signals.event_updated.send("events", event=event, actor=actor)
    return session


def delete_session(actor: User, session: EventSession) -> None:
    policy.require_manage(actor, session.event)
    event = session.event
    db.session.delete(session)
    db.session.commit()
    signals.event_updated.send("events", event=event, actor=actor)


def event_url(event: Event) -> str:
    return url_for("events.detail", event_id=event.id)
