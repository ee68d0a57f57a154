"""Events can be reported to moderators (registered with the moderation registry)."""

from flask import url_for

from novanet.events import policy
from novanet.events.models import Event
from novanet.extensions import db
from novanet.moderation.registry import register_target


def _delete(event: Event) -> None:
    # The moderation service commits; activity is forgotten on its content_removed signal.
    db.session.delete(event)


def register() -> None:
    register_target(
        "event",
        load=lambda id: db.session.get(Event, id),
        group_of=lambda event: event.group,
        can_view=policy.can_view,
        author_of=lambda event: event.organisers[0].user if event.organisers else None,
        title_of=lambda event: event.title,
        url_of=lambda event: url_for("events.detail", event_id=event.id),
        delete=_delete,
    )
