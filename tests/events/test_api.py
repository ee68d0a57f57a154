"""The events API: contract, permissions, bad input, visibility."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from novanet.events.models import Event, Rsvp
from novanet.extensions import db
from tests.events.factories import make_event
from tests.factories import add_member, make_group, make_user


def _payload(**over):
    start = (datetime.now(UTC) + timedelta(days=10)).replace(microsecond=0)
    body = {"type": "webinar", "title": "Identidad digital", "timezone": "America/Santiago",
            "starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=1)).isoformat(),
            "capacity": 2, "mode": "online", "online_url": "https://meet.example.org/x"}
    body.update(over)
    return body


def test_create_read_list(app, api):
    organiser = make_user()
    client = api.as_user(organiser)
    res = client.post("/api/v1/events", json=_payload())
    assert res.status_code == 201, res.json
    event = res.json
    assert event["seats_left"] == 2 and event["online_url"] == "https://meet.example.org/x"
    assert event["organisers"][0]["username"] == organiser.username
    anon = api.as_user(None).get(f"/api/v1/events/{event['id']}")
    assert anon.status_code == 200 and anon.json["online_url"] is None
    listed = api.as_user(None).get("/api/v1/events?type=webinar").json
    assert [e["id"] for e in listed["items"]] == [event["id"]]
    assert api.as_user(None).get("/api/v1/events?type=congress").json["items"] == []


@pytest.mark.parametrize("over,field", [
    ({"ends_at": (datetime.now(UTC) + timedelta(days=9)).isoformat()}, "ends_at"),
    ({"capacity": 0}, "capacity"),
    ({"registration_closes_at": (datetime.now(UTC) + timedelta(days=30)).isoformat()},
     "registration_closes_at"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"online_url": "javascript:alert(1)"}, "online_url"),
])
def test_bad_input_stores_nothing(app, api, over, field):
    res = api.as_user(make_user()).post("/api/v1/events", json=_payload(**over))
    assert res.status_code == 422
    assert field in res.json["error"]["fields"]
    assert db.session.scalar(select(func.count()).select_from(Event)) == 0


def test_rsvp_waitlist_via_api(app, api):
    event = make_event(capacity=1)
    a, b, c = make_user(), make_user(), make_user()
    assert api.as_user(a).put(f"/api/v1/events/{event.id}/rsvp",
                              json={"status": "going"}).json["status"] == "going"
    res = api.as_user(b).put(f"/api/v1/events/{event.id}/rsvp", json={"status": "going"})
    assert res.json == {"status": "waitlisted", "waitlist_position": 1, "public": False,
                        "code": None}
    api.as_user(c).put(f"/api/v1/events/{event.id}/rsvp", json={"status": "going"})
    assert api.as_user(c).get(f"/api/v1/events/{event.id}/rsvp").json["waitlist_position"] == 2
    api.as_user(a).put(f"/api/v1/events/{event.id}/rsvp", json={"status": "not_going"})
    mine = api.as_user(b).get(f"/api/v1/events/{event.id}/rsvp").json
    assert mine["status"] == "going" and mine["code"]
    bad = api.as_user(a).put(f"/api/v1/events/{event.id}/rsvp", json={"status": "waitlisted"})
    assert bad.status_code == 422


def test_rsvp_to_cancelled_event_is_conflict(app, api):
    organiser = make_user()
    event = make_event(organiser)
    res = api.as_user(organiser).patch(f"/api/v1/events/{event.id}", json={"cancelled": True})
    assert res.status_code == 200 and res.json["cancelled"] is True
    res = api.as_user(make_user()).put(f"/api/v1/events/{event.id}/rsvp",
                                       json={"status": "going"})
    assert res.status_code == 409
    assert db.session.scalar(select(func.count()).select_from(Rsvp)) == 0


def test_only_organisers_edit_and_see_attendees(app, api):
    organiser, stranger = make_user(), make_user()
    event = make_event(organiser, title="Original")
    res = api.as_user(stranger).patch(f"/api/v1/events/{event.id}", json={"title": "Hacked"})
    assert res.status_code == 403
    assert api.as_user(stranger).get(f"/api/v1/events/{event.id}/attendees").status_code == 403
    db.session.expire_all()
    assert db.session.get(Event, event.id).title == "Original"
    res = api.as_user(organiser).patch(f"/api/v1/events/{event.id}", json={"capacity": 0})
    assert res.status_code == 422
    res = api.as_user(organiser).patch(f"/api/v1/events/{event.id}", json={"title": "Nuevo"})
    assert res.status_code == 200 and res.json["title"] == "Nuevo"
    api.as_user(stranger).put(f"/api/v1/events/{event.id}/rsvp", json={"status": "going"})
    listed = api.as_user(organiser).get(f"/api/v1/events/{event.id}/attendees").json
    assert listed["going"] == 1 and listed["items"][0]["username"] == stranger.username


def test_lowering_capacity_reports_over_capacity(app, api):
    organiser = make_user()
    event = make_event(organiser, capacity=3)
    for _ in range(3):
        api.as_user(make_user()).put(f"/api/v1/events/{event.id}/rsvp", json={"status": "going"})
    res = api.as_user(organiser).patch(f"/api/v1/events/{event.id}", json={"capacity": 1})
    assert res.json["over_capacity"] == 2 and res.json["going_count"] == 3


def test_check_in_endpoint(app, api):
    organiser, guest = make_user(), make_user()
    event = make_event(organiser)
    code = api.as_user(guest).put(f"/api/v1/events/{event.id}/rsvp",
                                  json={"status": "going"}).json["code"]
    url = f"/api/v1/events/{event.id}/check-ins"
    assert api.as_user(guest).post(url, json={"code": code}).status_code == 403
    assert api.as_user(organiser).post(url, json={"code": "ZZZZZZZZZZ"}).status_code == 404
    assert api.as_user(organiser).post(url, json={"code": "x"}).status_code == 422
    res = api.as_user(organiser).post(url, json={"code": code.lower()})
    assert res.status_code == 201 and res.json["username"] == guest.username
    assert api.as_user(organiser).post(url, json={"code": code}).status_code == 409


def test_sessions_api(app, api):
    organiser = make_user()
    event = make_event(organiser, type="congress", duration=8)
    start = event.starts_at
    body = {"title": "Apertura", "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(), "room": "Sala A",
            "track": "Datos", "speakers": ["@" + organiser.username, "Ada Lovelace"]}
    res = api.as_user(organiser).post(f"/api/v1/events/{event.id}/sessions", json=body)
    assert res.status_code == 201, res.json
    assert [s["name"] for s in res.json["speakers"]][1] == "Ada Lovelace"
    outside = body | {"starts_at": (start - timedelta(days=1)).isoformat()}
    assert api.as_user(organiser).post(f"/api/v1/events/{event.id}/sessions",
                                       json=outside).status_code == 422
    assert api.as_user(make_user()).post(f"/api/v1/events/{event.id}/sessions",
                                         json=body).status_code == 403
    listed = api.as_user(None).get(f"/api/v1/events/{event.id}/sessions").json["items"]
    assert len(listed) == 1 and listed[0]["ics_url"].endswith(".ics")


def test_group_event_visibility(app, api):
    owner, member, outsider = make_user(), make_user(), make_user()
    secret = make_group(owner=owner, visibility="secret")
    private = make_group(owner=owner, visibility="private")
    add_member(secret, member)
    add_member(private, member)
    hidden = make_event(owner, group=secret, title="Secreto")
    members_only = make_event(owner, group=private, title="Privado")
    for who, code in ((outsider, 404), (None, 404), (member, 200)):
        assert api.as_user(who).get(f"/api/v1/events/{hidden.id}").status_code == code
        assert api.as_user(who).get(f"/events/{hidden.id}.ics").status_code == code
    assert api.as_user(outsider).get(f"/api/v1/events/{members_only.id}").status_code == 403
    titles = [e["title"] for e in api.as_user(outsider).get("/api/v1/events").json["items"]]
    assert titles == []
    titles = {e["title"] for e in api.as_user(member).get("/api/v1/events").json["items"]}
    assert titles == {"Secreto", "Privado"}
    res = api.as_user(outsider).post("/api/v1/events", json=_payload(group=secret.slug))
    assert res.status_code == 404
