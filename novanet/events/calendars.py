"""Calendar files (RFC 5545, via icalendar), personal feeds and "add to calendar" links."""

import secrets
from datetime import UTC
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from flask import Response, current_app
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent
from sqlalchemy import select

from novanet.accounts.services import external_url
from novanet.core.db import utcnow
from novanet.core.markup import plain_text
from novanet.events import policy
from novanet.events.models import CalendarFeed, Event, EventSession, Rsvp
from novanet.extensions import db

PRODID = "-//NovaNet//Events//ES"
FEED_LIMIT = 500


def _host() -> str:
    from urllib.parse import urlsplit

    return urlsplit(current_app.config["BASE_URL"]).hostname or "novanet"


def location(event: Event) -> str:
    parts = [event.venue, event.address, event.city, event.country or ""]
    return ", ".join(p for p in parts if p)


def _vevent(uid: str, title: str, starts, ends, zone: str, url: str, description: str,
            where: str, organiser=None, cancelled: bool = False, stamp=None) -> VEvent:
    item = VEvent()
    tz = ZoneInfo(zone)
    item.add("uid", uid)
    item.add("dtstamp", (stamp or utcnow()).astimezone(UTC))
    item.add("dtstart", starts.astimezone(tz))
    item.add("dtend", ends.astimezone(tz))
    item.add("summary", title)
    item.add("url", url)
    if description:
        item.add("description", description[:2000])
    if where:
        item.add("location", where)
    if organiser is not None:
        address = vCalAddress(f"mailto:no-reply@{_host()}")
        address.params["cn"] = vText(organiser.display_name)
        item.add("organizer", address)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return item


def event_component(event: Event) -> VEvent:
    organiser = event.organisers[0].user if event.organisers else None
    return _vevent(f"event-{event.id}@{_host()}", event.title, event.starts_at, event.ends_at,
                   event.timezone, external_url("events.detail", event_id=event.id),
                   plain_text(event.description_html), location(event) or
                   external_url("events.detail", event_id=event.id), organiser,
                   event.is_cancelled, event.updated_at)


def session_component(session: EventSession) -> VEvent:
    event = session.event
    where = ", ".join(p for p in (session.room, location(event)) if p)
    organiser = event.organisers[0].user if event.organisers else None
    return _vevent(f"event-{event.id}-session-{session.id}@{_host()}",
                   f"{session.title} – {event.title}", session.starts_at, session.ends_at,
                   event.timezone, external_url("events.detail", event_id=event.id) +
                   f"#session-{session.id}", plain_text(session.description_html), where,
                   organiser, event.is_cancelled, event.updated_at)


def calendar(components: list[VEvent], name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for component in components:
        cal.add_component(component)
    cal.add_missing_timezones()
    return cal


def ics_response(cal: Calendar, filename: str) -> Response:
    response = Response(cal.to_ical(), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


def feed_events(stmt, limit: int = FEED_LIMIT) -> list[Event]:
    return list(db.session.scalars(stmt.order_by(Event.starts_at.desc()).limit(limit)))


def site_feed() -> Calendar:
    events = feed_events(select(Event).where(policy.public_filter()))
    return calendar([event_component(e) for e in events], "NovaNet")


def group_feed(group) -> Calendar:
    events = feed_events(select(Event).where(Event.group_id == group.id))
    return calendar([event_component(e) for e in events], f"NovaNet – {group.name}")


def personal_feed(user) -> Calendar:
    stmt = (select(Event).join(Rsvp, Rsvp.event_id == Event.id)
            .where(Rsvp.user_id == user.id, Rsvp.status == "going"))
    events = [e for e in feed_events(stmt) if policy.can_view(user, e)]
    return calendar([event_component(e) for e in events], f"NovaNet – {user.display_name}")


def feed_of(user) -> CalendarFeed | None:
    return db.session.get(CalendarFeed, user.id)


def reset_feed(user) -> CalendarFeed:
    """Create the secret address, or replace it (the old address stops working at once)."""
    feed = db.session.get(CalendarFeed, user.id)
    if feed is None:
        feed = CalendarFeed(user_id=user.id)
        db.session.add(feed)
    feed.token = secrets.token_urlsafe(32)
    feed.created_at = utcnow()
    db.session.commit()
    return feed


def revoke_feed(user) -> None:
    feed = db.session.get(CalendarFeed, user.id)
    if feed is not None:
        db.session.delete(feed)
        db.session.commit()


def user_for_feed(token: str):
    if not token or len(token) > 64:
        return None
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token == token))
    if feed is None:
        return None
    from novanet.accounts.models import User

    user = db.session.get(User, feed.user_id)
    return user if user is not None and user.is_active else None


def add_links(event: Event) -> dict[str, str]:
    """Links that open a new-event form in common calendar apps, plus our .ics file."""
    fmt = "%Y%m%dT%H%M%SZ"
    start, end = event.starts_at.astimezone(UTC), event.ends_at.astimezone(UTC)
    page = external_url("events.detail", event_id=event.id)
    details = f"{plain_text(event.description_html)[:500]}\n\n{page}".strip()
    google = "https://calendar.google.com/calendar/render?" + urlencode({
        "action": "TEMPLATE", "text": event.title,
        "dates": f"{start.strftime(fmt)}/{end.strftime(fmt)}", "details": details,
        "location": location(event), "ctz": event.timezone})
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode({
        "path": "/calendar/action/compose", "rru": "addevent", "subject": event.title,
        "startdt": start.isoformat(), "enddt": end.isoformat(), "body": details,
        "location": location(event)})
    return {"google": google, "outlook": outlook,
            "ics": external_url("events.ics", event_id=event.id)}
