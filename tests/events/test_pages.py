"""HTML pages: lists, month table, event page, forms without JavaScript, organiser tools."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from novanet.events import rsvp
from novanet.events.models import Event
from novanet.extensions import db
from tests.events.factories import make_event
from tests.factories import make_group, make_user


def test_index_lists_upcoming_and_past(app, client):
    make_event(title="Próximo encuentro")
    make_event(title="Encuentro pasado", days=-10)
    page = client.get("/events/").get_data(as_text=True)
    assert "Próximo encuentro" in page and "Encuentro pasado" not in page
    assert page.count("<h1") == 1
    past = client.get("/events/?when=past").get_data(as_text=True)
    assert "Encuentro pasado" in past and "Próximo encuentro" not in past


def test_filters_by_type_country_and_group(app, client):
    group = make_group(slug="lab-datos")
    make_event(title="Webinar PT", type="webinar", country="PT", mode="online",
               online_url="https://x.example/y")
    make_event(title="Meetup ES", country="ES")
    make_event(title="Del grupo", group=group)
    assert "Webinar PT" not in client.get("/events/?type=meetup").get_data(as_text=True)
    by_country = client.get("/events/?country=pt").get_data(as_text=True)
    assert "Webinar PT" in by_country and "Meetup ES" not in by_country
    by_group = client.get("/events/?group=lab-datos").get_data(as_text=True)
    assert "Del grupo" in by_group and "Meetup ES" not in by_group


def test_month_table(app, client):
    event = make_event(title="En el calendario", days=3)
    month = event.starts_at.strftime("%Y-%m")
    page = client.get(f"/events/calendar?month={month}").get_data(as_text=True)
    assert "<table" in page and 'scope="col"' in page and "En el calendario" in page
    assert client.get("/events/calendar?month=nonsense").status_code == 200


def test_event_page_shows_seats_zone_and_one_primary_button(app, client, auth):
    event = make_event(capacity=50, timezone="America/Mexico_City")
    for _ in range(19):
        rsvp.set_rsvp(make_user(), event, "going")
    viewer = make_user()
    auth.login(viewer)
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "19 / 50" in page
    assert "America/Mexico_City" in page
    assert page.count('class="primary"') + page.count('class="button primary"') == 1


def test_rsvp_form_post_and_waitlist_message(app, client, auth):
    event = make_event(capacity=1)
    rsvp.set_rsvp(make_user(), event, "going")
    me = make_user()
    auth.login(me)
    res = client.post(f"/events/{event.id}/rsvp", data={"status": "going"},
                      follow_redirects=True)
    page = res.get_data(as_text=True)
    assert "Waiting list – place 1" in page


def test_joining_link_only_for_confirmed(app, client, auth):
    event = make_event(mode="online", online_url="https://meet.example.org/secret-room", venue="")
    me = make_user()
    auth.login(me)
    assert "secret-room" not in client.get(f"/events/{event.id}").get_data(as_text=True)
    rsvp.set_rsvp(me, event, "going")
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "secret-room" in page and "<svg" in page  # link and the QR ticket


def test_create_form_errors_keep_input_and_store_nothing(app, client, auth):
    auth.login(make_user())
    start = datetime.now(UTC) + timedelta(days=5)
    fmt = "%Y-%m-%dT%H:%M"
    data = {"type": "lab", "title": "Laboratorio de compras", "timezone": "Europe/Lisbon",
            "starts_at": start.strftime(fmt), "ends_at": (start - timedelta(hours=1)).strftime(fmt),
            "mode": "in_person", "venue": "LabX", "capacity": "0"}
    res = client.post("/events/new", data=data)
    assert res.status_code == 400
    page = res.get_data(as_text=True)
    assert "Laboratorio de compras" in page and "error-summary" in page
    assert db.session.scalar(select(func.count()).select_from(Event)) == 0
    data.update(ends_at=(start + timedelta(hours=3)).strftime(fmt), capacity="12",
                challenge="¿Cómo simplificar los pliegos?")
    res = client.post("/events/new", data=data)
    assert res.status_code == 302
    event = db.session.scalar(select(Event))
    assert event.timezone == "Europe/Lisbon" and event.capacity == 12
    local = event.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Lisbon"))
    assert local.strftime(fmt) == start.strftime(fmt)


def test_non_organiser_cannot_edit(app, client, auth):
    event = make_event(title="Intacto")
    auth.login(make_user())
    assert client.get(f"/events/{event.id}/edit").status_code == 403
    assert client.post(f"/events/{event.id}/edit", data={"title": "x"}).status_code == 403
    assert client.post(f"/events/{event.id}/cancel").status_code == 403
    assert client.get(f"/events/{event.id}/attendees.csv").status_code == 403
    db.session.expire_all()
    assert db.session.get(Event, event.id).title == "Intacto"


def test_organiser_tools(app, client, auth):
    organiser = make_user()
    event = make_event(organiser)
    guest = make_user(display_name="=HYPERLINK(1)")
    rsvp.set_rsvp(guest, event, "going", note="Silla de ruedas")
    auth.login(organiser)
    csv_text = client.get(f"/events/{event.id}/attendees.csv").get_data(as_text=True)
    assert guest.username in csv_text and "'=HYPERLINK" in csv_text
    assert client.get(f"/events/{event.id}/attendees").status_code == 200
    res = client.post(f"/events/{event.id}/registration", data={"closed": "1"})
    assert res.status_code == 302
    db.session.expire_all()
    assert db.session.get(Event, event.id).registration_closed is True
    res = client.post(f"/events/{event.id}/announce", data={"subject": "", "body": ""})
    assert res.status_code == 400


def test_secret_group_event_page_is_404(app, client, auth):
    group = make_group(visibility="secret")
    event = make_event(group=group)
    assert client.get(f"/events/{event.id}").status_code == 404
    auth.login(make_user())
    assert client.get(f"/events/{event.id}").status_code == 404
    assert client.post(f"/events/{event.id}/rsvp", data={"status": "going"}).status_code == 404


def test_congress_agenda_tracks_rooms_and_my_agenda(app, client, auth):
    from novanet.events import services

    organiser, me = make_user(), make_user()
    event = make_event(organiser, type="congress", duration=30)
    services.add_session(organiser, event, {
        "title": "Datos abiertos que la gente usa", "starts_at": event.starts_at,
        "ends_at": event.starts_at + timedelta(hours=1), "room": "Sala 1", "track": "Datos",
        "speakers": ["@" + organiser.username, "Invitada externa"], "capacity": 2})
    rsvp.set_rsvp(me, event, "going")
    auth.login(me)
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Datos abiertos que la gente usa" in page and "Sala 1" in page
    assert "Invitada externa" in page and page.count("<h1") == 1
    session_id = event.sessions[0].id
    res = client.post(f"/events/{event.id}/sessions/{session_id}/agenda", follow_redirects=True)
    assert "Added to your agenda." in res.get_data(as_text=True)
    agenda = client.get(f"/events/{event.id}/my-agenda").get_data(as_text=True)
    assert "Datos abiertos que la gente usa" in agenda and "Sala 1" in agenda


def test_organiser_pages_render(app, client, auth):
    organiser = make_user()
    event = make_event(organiser, type="congress", duration=30)
    auth.login(organiser)
    for path in ("edit", "attendees", "check-in", "announce", "sessions/new"):
        res = client.get(f"/events/{event.id}/{path}")
        assert res.status_code == 200, path
        assert res.get_data(as_text=True).count("<h1") == 1
    assert client.get("/events/new").status_code == 200
    assert client.get("/events/calendar-feed").status_code == 200
