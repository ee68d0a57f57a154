"""Who may see, answer, organise and check in events. Group events follow the group policy.

Each rule has one function here; HTML views, the API, feeds and calendar files all ask it.
Secret group events are 404 for outsiders; private group events are 403 (the group is known).
"""

from sqlalchemy import and_, or_, select

from novanet.core.errors import Forbidden, NotFound
from novanet.events.models import Event, EventOrganiser, Rsvp
from novanet.extensions import db
from novanet.groups import policy as group_policy
from novanet.groups.models import Group


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def can_view(user, event: Event) -> bool:
    """May this person read the event page, its agenda and calendar file?"""
    if event.group is None:
        return True
    return group_policy.can_view_content(user, event.group)


def is_public(event: Event) -> bool:
    """May the event appear in public lists, site and group feeds (anyone, logged out)?"""
    return event.group is None or event.group.visibility == "public"


def get_visible(user, event_id: int) -> Event:
    """Load an event the person may see: 404 if missing or secret to them, 403 if private."""
    event = db.session.get(Event, event_id)
    if event is None:
        raise NotFound()
    if not can_view(user, event):
        if event.group is not None and not group_policy.can_view(user, event.group):
            raise NotFound()
        raise Forbidden()
    return event


def visible_filter(user):
    """SQL condition on Event: events this person may see in lists."""
    return group_policy.content_visible(user, Event.group_id)


def public_filter():
    """SQL condition on Event for public lists and feeds (no private or secret groups)."""
    public_groups = select(Group.id).where(Group.visibility == "public")
    return or_(Event.group_id.is_(None), Event.group_id.in_(public_groups))


def can_create(user, group: Group | None) -> bool:
    """Any active member may organise a site event; group events need posting rights there."""
    user = _user(user)
    if user is None or not user.is_active:
        return False
    if group is None:
        return True
    return group_policy.can_post(user, group)


def is_organiser(user, event: Event) -> bool:
    user = _user(user)
    return user is not None and user.id in event.organiser_ids


def can_manage(user, event: Event) -> bool:
    """Edit, cancel, see attendees, check in, announce: organisers, group moderators, admins."""
    user = _user(user)
    if user is None or not user.is_active:
        return False
    if is_organiser(user, event) or group_policy.is_admin(user):
        return True
    return event.group is not None and group_policy.can_moderate(user, event.group)


def can_rsvp(user, event: Event) -> bool:
    user = _user(user)
    return user is not None and user.is_active and can_view(user, event)


def sees_joining_link(user, event: Event, rsvp: Rsvp | None) -> bool:
    """The online link is for confirmed attendees (and the people running the event)."""
    if not event.is_online or not event.online_url:
        return False
    if can_manage(user, event):
        return True
    return rsvp is not None and rsvp.status == "going" and not event.is_cancelled


def organised_by(user):
    """SQL condition: events this person organises."""
    return Event.id.in_(select(EventOrganiser.event_id).where(EventOrganiser.user_id == user.id))


def require_manage(user, event: Event) -> None:
    if not can_manage(user, event):
        raise Forbidden()


def public_attendee_filter():
    return and_(Rsvp.status == "going", Rsvp.public.is_(True))
