"""Account download and deletion cover event data; a deleted member's seat goes to the queue."""

import json

from sqlalchemy import func, select

from novanet.events import attendance, rsvp
from novanet.events.models import Certificate, Event, Rsvp
from novanet.extensions import db
from novanet.notifications.models import Notification
from tests.events.factories import make_event
from tests.factories import PASSWORD, make_user


def test_export_includes_event_answers(app, client, auth):
    me = make_user()
    event = make_event(title="Exportable")
    rsvp.set_rsvp(me, event, "going", note="Vegetariana")
    auth.login(me)
    data = json.loads(client.get("/settings/privacy/export.json").data)
    assert data["events"]["rsvps"][0]["event"] == "Exportable"
    assert data["events"]["rsvps"][0]["note"] == "Vegetariana"


def test_deleting_account_frees_the_seat_for_the_first_waiting(app, client, auth):
    organiser, me, waiting = make_user(), make_user(), make_user()
    event = make_event(organiser, capacity=1)
    code = rsvp.set_rsvp(me, event, "going").code
    attendance.check_in(organiser, event, code)
    rsvp.set_rsvp(waiting, event, "going")
    mine_id = make_event(me, title="Mío").id
    auth.login(me)
    res = client.post("/settings/privacy/delete", data={"content": "remove",
                                                        "password": PASSWORD})
    assert res.status_code == 302
    db.session.expire_all()
    assert db.session.get(Event, event.id).going_count == 1
    assert db.session.scalar(select(Rsvp.status).where(Rsvp.user_id == waiting.id)) == "going"
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == 0
    assert db.session.get(Event, mine_id) is None
    kinds = db.session.scalars(select(Notification.kind).where(
        Notification.user_id == waiting.id)).all()
    assert "event_promoted" in kinds
