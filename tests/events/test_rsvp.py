"""RSVP rules: seats, waiting list order, promotion, capacity changes, registration window."""

from datetime import UTC, datetime, timedelta

import pytest

from novanet.core.errors import Conflict, Forbidden, Invalid
from novanet.events import rsvp, services
from novanet.events.models import Event, Rsvp
from novanet.extensions import db
from novanet.notifications.models import Notification
from tests.events.factories import make_event
from tests.factories import add_member, make_group, make_user


def people(n):
    return [make_user() for _ in range(n)]


def test_going_until_full_then_waiting_list_in_order(app):
    event = make_event(capacity=2)
    a, b, c, d = people(4)
    assert rsvp.set_rsvp(a, event, "going").status == "going"
    assert rsvp.set_rsvp(b, event, "going").status == "going"
    third = rsvp.set_rsvp(c, event, "going")
    fourth = rsvp.set_rsvp(d, event, "going")
    assert (third.status, third.waitlist_position) == ("waitlisted", 1)
    assert (fourth.status, fourth.waitlist_position) == ("waitlisted", 2)
    db.session.refresh(event)
    assert event.going_count == 2
    # answering "going" again keeps the place in the queue
    assert rsvp.set_rsvp(d, event, "going").waitlist_position == 2


def test_cancellation_promotes_first_waiting_and_notifies(app):
    event = make_event(capacity=1)
    a, b, c = people(3)
    rsvp.set_rsvp(a, event, "going")
    rsvp.set_rsvp(b, event, "going")
    rsvp.set_rsvp(c, event, "going")
    result = rsvp.set_rsvp(a, event, "not_going")
    assert result.promoted == [b.id]
    assert rsvp.status_of(b, event).status == "going"
    assert rsvp.status_of(b, event).code
    assert rsvp.status_of(c, event).waitlist_position == 1
    kinds = db.session.scalars(db.select(Notification.kind).where(
        Notification.user_id == b.id)).all()
    assert "event_promoted" in kinds
    db.session.refresh(event)
    assert event.going_count == 1


def test_waiting_person_leaving_moves_queue_up(app):
    event = make_event(capacity=1)
    a, b, c = people(3)
    for p in (a, b, c):
        rsvp.set_rsvp(p, event, "going")
    rsvp.set_rsvp(b, event, "maybe")
    assert rsvp.status_of(c, event).waitlist_position == 1
    db.session.refresh(event)
    assert (event.going_count, event.maybe_count) == (1, 1)


def test_raising_capacity_promotes_in_order(app):
    organiser = make_user()
    event = make_event(organiser, capacity=1)
    a, b, c = people(3)
    for p in (a, b, c):
        rsvp.set_rsvp(p, event, "going")
    promoted = services.update_event(organiser, event, {"capacity": 2})
    assert promoted == [b.id]
    assert rsvp.status_of(c, event).waitlist_position == 1
    assert event.going_count == 2


def test_lowering_capacity_keeps_confirmed_and_tells_organiser(app):
    organiser, co = make_user(), make_user()
    event = make_event(organiser, capacity=3, organisers=[co.username])
    a, b, c, d = people(4)
    for p in (a, b, c, d):
        rsvp.set_rsvp(p, event, "going")
    services.update_event(organiser, event, {"capacity": 1})
    assert event.going_count == 3 and event.capacity == 1
    assert rsvp.over_capacity(event) == 2
    assert all(rsvp.status_of(p, event).status == "going" for p in (a, b, c))
    assert rsvp.status_of(d, event).status == "waitlisted"
    notes = db.session.scalars(db.select(Notification).where(
        Notification.kind == "event_over_capacity")).all()
    assert [n.user_id for n in notes] == [co.id]
    # one person leaving frees no seat while still over capacity
    rsvp.set_rsvp(a, event, "not_going")
    assert rsvp.status_of(d, event).status == "waitlisted"


def test_cancelled_event_refuses_answers_and_stores_nothing(app):
    organiser = make_user()
    event = make_event(organiser)
    services.cancel_event(organiser, event)
    with pytest.raises(Conflict):
        rsvp.set_rsvp(make_user(), event, "going")
    assert db.session.scalar(db.select(db.func.count()).select_from(Rsvp)) == 0


@pytest.mark.parametrize("opens,closes", [(1, 2), (-3, -1)])
def test_outside_registration_window(app, opens, closes):
    now = datetime.now(UTC)
    event = make_event(registration_opens_at=now + timedelta(days=opens),
                       registration_closes_at=now + timedelta(days=closes))
    with pytest.raises(Conflict):
        rsvp.set_rsvp(make_user(), event, "going")
    assert db.session.scalar(db.select(db.func.count()).select_from(Rsvp)) == 0


def test_closed_registration_still_lets_people_leave(app):
    organiser, a = make_user(), make_user()
    event = make_event(organiser, capacity=5)
    rsvp.set_rsvp(a, event, "going")
    services.close_registration(organiser, event)
    with pytest.raises(Conflict):
        rsvp.set_rsvp(make_user(), event, "going")
    assert rsvp.set_rsvp(a, event, "not_going").status == "not_going"


def test_unknown_answer_is_invalid(app):
    with pytest.raises(Invalid):
        rsvp.set_rsvp(make_user(), make_event(), "perhaps")


def test_private_group_event_needs_membership(app):
    owner, outsider, member = make_user(), make_user(), make_user()
    group = make_group(owner=owner, visibility="private")
    add_member(group, member)
    event = make_event(owner, group=group)
    with pytest.raises(Forbidden):
        rsvp.set_rsvp(outsider, event, "going")
    assert rsvp.set_rsvp(member, event, "going").status == "going"


def test_codes_are_personal_and_cleared_on_leaving(app):
    event = make_event(capacity=5)
    a, b = people(2)
    code_a = rsvp.set_rsvp(a, event, "going").code
    code_b = rsvp.set_rsvp(b, event, "going").code
    assert code_a and code_b and code_a != code_b
    assert rsvp.set_rsvp(a, event, "not_going").code is None
    assert db.session.get(Event, event.id).going_count == 1
