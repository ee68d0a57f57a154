"""Events test factories (through the real services)."""

from datetime import UTC, datetime, timedelta

from novanet.events import services
from novanet.groups.policy import forget_memberships
from tests.factories import add_member, make_user


def make_event(organiser=None, *, group=None, days: int = 7, duration: int = 2, **fields):
    organiser = organiser or make_user()
    if group is not None and not any(m.user_id == organiser.id for m in _members(group)):
        add_member(group, organiser)
        forget_memberships()
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=days)
    data = {"type": "meetup", "title": "Datos abiertos municipales", "timezone": "Europe/Madrid",
            "starts_at": start, "ends_at": start + timedelta(hours=duration), "capacity": 50,
            "mode": "in_person", "venue": "Medialab", "city": "Madrid", "country": "ES",
            "description": "Un encuentro **práctico**."}
    data.update(fields)
    return services.create_event(organiser, data, group=group)


def _members(group):
    from sqlalchemy import select

    from novanet.extensions import db
    from novanet.groups.models import Membership

    return db.session.scalars(select(Membership).where(Membership.group_id == group.id)).all()
