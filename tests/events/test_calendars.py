"""Calendar files and feeds: valid RFC 5545, time zones, and no private events leaking."""

import re
from datetime import timedelta

from icalendar import Calendar

from novanet.events import rsvp, services
from tests.events.factories import make_event
from tests.factories import make_group, make_user


def _parse(res):
    assert res.status_code == 200
    assert res.mimetype == "text/calendar"
    return Calendar.from_ical(res.data)


def test_event_ics_has_required_properties(app, client):
    event = make_event(title="Congreso anual", timezone="America/Bogota", venue="Ágora",
                       city="Bogotá", country="CO")
    cal = _parse(client.get(f"/events/{event.id}.ics"))
    [vevent] = cal.walk("VEVENT")
    for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "LOCATION", "URL", "ORGANIZER",
                 "SUMMARY"):
        assert prop in vevent, prop
    assert vevent["DTSTART"].params["TZID"] == "America/Bogota"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/Bogota"]
    assert "Ágora" in str(vevent["LOCATION"])
    assert str(vevent["URL"]).endswith(f"/events/{event.id}")


def test_session_ics(app, client):
    organiser = make_user()
    event = make_event(organiser, type="congress", duration=48)
    session = services.add_session(organiser, event, {
        "title": "Datos abiertos", "starts_at": event.starts_at + timedelta(hours=2),
        "ends_at": event.starts_at + timedelta(hours=3), "room": "Sala 2"})
    cal = _parse(client.get(f"/events/{event.id}/sessions/{session.id}.ics"))
    [vevent] = cal.walk("VEVENT")
    assert "Sala 2" in str(vevent["LOCATION"]) and f"session-{session.id}" in str(vevent["UID"])
    assert client.get(f"/events/{event.id + 1}/sessions/{session.id}.ics").status_code == 404


def test_site_and_group_feeds_only_public(app, client):
    public = make_group(slug="publico", visibility="public")
    private = make_group(slug="privado", visibility="private")
    secret = make_group(slug="secreto", visibility="secret")
    make_event(title="Abierto")
    make_event(title="Del grupo público", group=public)
    make_event(title="Del grupo privado", group=private)
    make_event(title="Del grupo secreto", group=secret)
    site = client.get("/events/feed.ics").get_data(as_text=True)
    assert "Abierto" in site and "Del grupo público" in site
    assert "privado" not in site and "secreto" not in site
    group_feed = client.get("/events/groups/publico.ics").get_data(as_text=True)
    assert "Del grupo público" in group_feed and "Abierto" not in group_feed
    assert client.get("/events/groups/privado.ics").status_code == 403
    assert client.get("/events/groups/secreto.ics").status_code == 404
    assert client.get("/events/groups/nadie.ics").status_code == 404


def test_personal_feed_lists_going_and_can_be_revoked(app, client, auth):
    me = make_user()
    going, maybe = make_event(title="Voy"), make_event(title="Quizá")
    rsvp.set_rsvp(me, going, "going")
    rsvp.set_rsvp(me, maybe, "maybe")
    auth.login(me)
    client.post("/events/calendar-feed", data={"action": "reset"})
    page = client.get("/events/calendar-feed").get_data(as_text=True)
    url = re.search(r'id="feed-url"[^>]*value="([^"]+)"', page).group(1)
    path = url.split("localhost", 1)[1]
    feed = client.get(path).get_data(as_text=True)
    assert "Voy" in feed and "Quizá" not in feed
    client.post("/events/calendar-feed", data={"action": "reset"})
    assert client.get(path).status_code == 404
    client.post("/events/calendar-feed", data={"action": "reset"})
    page = client.get("/events/calendar-feed").get_data(as_text=True)
    path = re.search(r'id="feed-url"[^>]*value="([^"]+)"', page).group(1).split("localhost")[1]
    assert client.get(path).status_code == 200
    client.post("/events/calendar-feed", data={"action": "revoke"})
    assert client.get(path).status_code == 404
    assert 'id="feed-url"' not in client.get("/events/calendar-feed").get_data(as_text=True)
    assert client.get("/events/feeds/nope.ics").status_code == 404


def test_add_to_calendar_links(app, client):
    event = make_event()
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in page
    assert "outlook.live.com/calendar" in page
    assert f"/events/{event.id}.ics" in page
