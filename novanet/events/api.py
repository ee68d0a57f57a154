"""Events API: list, create, read, change and cancel events; sessions; RSVP; attendees; check-in."""

from flask import Blueprint, url_for
from flask_login import current_user
from sqlalchemy import select

from novanet.api.schema import endpoint, page_of
from novanet.core.errors import NotFound
from novanet.events import attendance, policy, queries, rsvp, services
from novanet.events.models import Event, EventSession
from novanet.events.schemas import (
    AttendeeList,
    CheckInIn,
    CheckInOut,
    EventIn,
    EventOut,
    EventPatch,
    EventQuery,
    RsvpIn,
    RsvpOut,
    SessionIn,
    SessionList,
    SessionOut,
)
from novanet.extensions import csrf, db
from novanet.groups import policy as group_policy
from novanet.groups.models import Group

bp = Blueprint("events_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


_UNSET = object()


def event_out(event: Event, viewer, mine=_UNSET) -> EventOut:
    if mine is _UNSET:
        mine = rsvp.current(viewer, event)
    return EventOut(
        id=event.id, type=event.type, title=event.title, description=event.description,
        description_html=event.description_html, challenge=event.challenge,
        starts_at=event.starts_at, ends_at=event.ends_at, timezone=event.timezone,
        mode=event.mode, venue=event.venue, address=event.address, city=event.city,
        country=event.country, capacity=event.capacity, going_count=event.going_count,
        seats_left=event.seats_left, hours=event.hours,
        registration_opens_at=event.registration_opens_at,
        registration_closes_at=event.registration_closes_at,
        registration_closed=event.registration_closed, cancelled=event.is_cancelled,
        group=event.group.slug if event.group else None,
        organisers=[o.user for o in event.organisers],
        url=url_for("events.detail", event_id=event.id),
        ics_url=url_for("events.ics", event_id=event.id),
        online_url=event.online_url if policy.sees_joining_link(viewer, event, mine) else None,
        over_capacity=rsvp.over_capacity(event))


def session_out(s: EventSession) -> SessionOut:
    return SessionOut(
        id=s.id, title=s.title, description_html=s.description_html, starts_at=s.starts_at,
        ends_at=s.ends_at, room=s.room, track=s.track, capacity=s.capacity,
        seats_taken=s.seats_taken,
        speakers=[{"name": sp.label, "username": sp.user.username if sp.user else None}
                  for sp in s.speakers],
        ics_url=url_for("events.session_ics", event_id=s.event_id, session_id=s.id))


def _group(slug: str | None) -> Group | None:
    if not slug:
        return None
    group = db.session.scalar(select(Group).where(Group.slug == slug))
    if group is None or not group_policy.can_view(current_user, group):
        raise NotFound(fields={"group": "no such group"})
    return group


@bp.get("/events")
@endpoint("List events (upcoming or past; by type, country, group)", tags=["events"],
          query=EventQuery, response=page_of(EventOut), auth=False, errors=[400])
def list_events(query: EventQuery):
    filters = queries.Filters(when=query.when, type=query.type, country=query.country,
                              group=query.group, mine=query.mine)
    page = queries.listing(current_user, filters, limit=query.limit, cursor=query.cursor)
    mine = rsvp.answers_of(current_user, [e.id for e in page.items])
    return {"items": [event_out(e, current_user, mine.get(e.id)) for e in page.items],
            "next": page.next}


@bp.post("/events")
@endpoint("Create an event", tags=["events"], body=EventIn, response=EventOut, status=201,
          errors=[403, 404, 422])
def create_event(body: EventIn):
    data = body.model_dump(exclude={"group"})
    event = services.create_event(current_user, data, group=_group(body.group))
    return event_out(event, current_user)


@bp.get("/events/<int:event_id>")
@endpoint("Read an event", tags=["events"], response=EventOut, auth=False, errors=[403, 404])
def get_event(event_id: int):
    return event_out(policy.get_visible(current_user, event_id), current_user)


@bp.patch("/events/<int:event_id>")
@endpoint("Change or cancel an event (organisers)", tags=["events"], body=EventPatch,
          response=EventOut, errors=[403, 404, 409, 422])
def patch_event(event_id: int, body: EventPatch):
    event = policy.get_visible(current_user, event_id)
    changes = body.model_dump(exclude_unset=True)
    cancel = changes.pop("cancelled", None)
    if changes:
        services.update_event(current_user, event, changes)
    if cancel:
        services.cancel_event(current_user, event)
    elif not changes:
        policy.require_manage(current_user, event)
    return event_out(event, current_user)


@bp.get("/events/<int:event_id>/sessions")
@endpoint("A congress agenda", tags=["events"], response=SessionList, auth=False,
          errors=[403, 404])
def list_sessions(event_id: int):
    event = policy.get_visible(current_user, event_id)
    return {"items": [session_out(s) for s in event.sessions]}


@bp.post("/events/<int:event_id>/sessions")
@endpoint("Add a session to the agenda (organisers)", tags=["events"], body=SessionIn,
          response=SessionOut, status=201, errors=[403, 404, 422])
def create_session(event_id: int, body: SessionIn):
    event = policy.get_visible(current_user, event_id)
    return session_out(services.add_session(current_user, event, body.model_dump()))


@bp.put("/events/<int:event_id>/rsvp")
@endpoint("Answer an event: going (or waiting list when full), maybe, not going",
          tags=["events"], body=RsvpIn, response=RsvpOut, errors=[403, 404, 409, 422])
def put_rsvp(event_id: int, body: RsvpIn):
    event = policy.get_visible(current_user, event_id)
    return rsvp.set_rsvp(current_user, event, body.status, public=body.public, note=body.note)


@bp.get("/events/<int:event_id>/rsvp")
@endpoint("My answer and place on the waiting list", tags=["events"], response=RsvpOut,
          errors=[403, 404])
def get_rsvp(event_id: int):
    return rsvp.status_of(current_user, policy.get_visible(current_user, event_id))


@bp.get("/events/<int:event_id>/attendees")
@endpoint("Everyone who answered (organisers)", tags=["events"], response=AttendeeList,
          errors=[403, 404])
def attendees(event_id: int):
    event = policy.get_visible(current_user, event_id)
    policy.require_manage(current_user, event)
    items, place = [], 0
    for r in attendance.attendees(event):
        place += r.status == "waitlisted"
        items.append({"username": r.user.username, "display_name": r.user.display_name,
                      "status": r.status, "checked_in_at": r.checked_in_at, "public": r.public,
                      "waitlist_position": place if r.status == "waitlisted" else None})
    return {"items": items, "going": event.going_count, "capacity": event.capacity,
            "checked_in": event.checked_in_count}


@bp.post("/events/<int:event_id>/check-ins")
@endpoint("Check in a confirmed attendee by personal code (organisers)", tags=["events"],
          body=CheckInIn, response=CheckInOut, status=201, errors=[403, 404, 409, 422])
def check_in(event_id: int, body: CheckInIn):
    event = policy.get_visible(current_user, event_id)
    r = attendance.check_in(current_user, event, body.code)
    return {"username": r.user.username, "display_name": r.user.display_name,
            "checked_in_at": r.checked_in_at}
