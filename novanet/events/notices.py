"""What events tell people and other features: notifications, e-mail, activity, search upkeep."""

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from novanet.accounts.models import User
from novanet.accounts.services import external_url
from novanet.activity import services as activity
from novanet.core import mail, signals
from novanet.events.models import Event, Rsvp
from novanet.extensions import db
from novanet.notifications.services import notify, register_kind


def _url(event: Event) -> str:
    return f"/events/{event.id}"


def promoted(event: Event, user_ids: list[int]) -> None:
    notify(user_ids, "event_promoted", url=_url(event), params={"title": event.title})


def over_capacity(event: Event, actor: User | None) -> None:
    notify(event.organiser_ids, "event_over_capacity", actor=actor, url=_url(event),
           params={"title": event.title, "going": event.going_count,
                   "capacity": event.capacity})


def announcement(event: Event, actor: User, people: list[User], subject: str, body: str) -> None:
    notify(people, "event_announcement", actor=actor, url=_url(event),
           params={"title": event.title, "subject": subject})
    link = external_url("events.detail", event_id=event.id)
    for person in people:
        with force_locale(person.locale or "es"):
            mail.send(person.email, f"[{event.title}] {subject}",
                      body + "\n\n" + _("Event page: %(link)s", link=link))


def _cancelled(sender, event: Event, actor=None, **_kw) -> None:
    people = db.session.scalars(select(Rsvp.user_id).where(
        Rsvp.event_id == event.id, Rsvp.status.in_(("going", "waitlisted", "maybe"))))
    notify(list(people), "event_cancelled", actor=actor, url=_url(event),
           params={"title": event.title})
    signals.content_changed.send("events", kind="event", id=event.id)


def _created(sender, event: Event, **_kw) -> None:
    activity.record(actor_id=event.created_by_id, verb="created", subject_type="event",
                    subject_id=event.id, group_id=event.group_id, title=event.title,
                    url=_url(event))
    signals.content_changed.send("events", kind="event", id=event.id)


def _updated(sender, event: Event, **_kw) -> None:
    signals.content_changed.send("events", kind="event", id=event.id)


def _removed(sender, kind=None, id=None, **_kw) -> None:
    if kind == "event" and sender != "events" and id is not None:
        activity.forget("event", id)


def event_deleted(event_id: int) -> None:
    activity.forget("event", event_id)
    signals.content_removed.send("events", kind="event", id=event_id)


def init_app(app) -> None:
    register_kind("event_promoted", lambda p: _l(
        "A seat became free: you are now confirmed for %(title)s.", title=p.get("title", "")),
        label=_l("A seat for me from the waiting list"))
    register_kind("event_over_capacity", lambda p: _l(
        "%(title)s has %(going)s confirmed people for %(capacity)s seats; everyone confirmed "
        "keeps their place.", title=p.get("title", ""), going=p.get("going", 0),
        capacity=p.get("capacity", 0)), label=_l("Events I organise going over capacity"))
    register_kind("event_announcement", lambda p: _l(
        "Announcement for %(title)s: %(subject)s", title=p.get("title", ""),
        subject=p.get("subject", "")), label=_l("Announcements and changes of my events"))
    register_kind("event_cancelled", lambda p: _l(
        "%(title)s has been cancelled.", title=p.get("title", "")),
        label=_l("Cancelled events I signed up for"))
    signals.event_created.connect(_created, weak=False)
    signals.event_updated.connect(_updated, weak=False)
    signals.event_cancelled.connect(_cancelled, weak=False)
    signals.content_removed.connect(_removed, weak=False)
