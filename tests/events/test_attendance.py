"""Check-in at the door, certificates, announcements, agendas and the purge of personal data."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from novanet.core import mail
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden
from novanet.events import attendance, rsvp, services
from novanet.events.models import Certificate, Event, Rsvp
from novanet.extensions import db
from novanet.notifications.models import Notification
from tests.events.factories import make_event
from tests.factories import make_user


def test_check_in_page_accepts_scanned_link_and_typed_code(app, client, auth):
    organiser, guest, other = make_user(), make_user(), make_user()
    event = make_event(organiser, hours=3)
    code = rsvp.set_rsvp(guest, event, "going").code
    other_code = rsvp.set_rsvp(other, event, "going").code
    auth.login(organiser)
    # the QR code holds this link: GET only fills the form in, nothing is written
    page = client.get(f"/events/{event.id}/check-in?code={code}").get_data(as_text=True)
    assert f'value="{code}"' in page
    assert db.session.get(Event, event.id).checked_in_count == 0
    res = client.post(f"/events/{event.id}/check-in", data={"code": code})
    assert res.status_code == 302
    typed = f"{other_code[:5].lower()} {other_code[5:]}"
    assert client.post(f"/events/{event.id}/check-in", data={"code": typed}).status_code == 302
    again = client.post(f"/events/{event.id}/check-in", data={"code": code})
    assert again.status_code == 400 and "already checked in" in again.get_data(as_text=True)
    assert client.post(f"/events/{event.id}/check-in",
                       data={"code": "AAAAAAAAAA"}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Event, event.id).checked_in_count == 2


def test_code_of_another_event_is_refused(app):
    organiser, guest = make_user(), make_user()
    first, second = make_event(organiser), make_event(organiser)
    code = rsvp.set_rsvp(guest, first, "going").code
    with pytest.raises(Exception) as exc:
        attendance.check_in(organiser, second, code)
    assert exc.value.status == 404


def test_waitlisted_person_has_no_code(app):
    event = make_event(capacity=1)
    rsvp.set_rsvp(make_user(), event, "going")
    assert rsvp.set_rsvp(make_user(), event, "going").code is None


def test_certificate_pdf_and_public_verification(app, client, auth, make_client):
    organiser, guest, absent = make_user(), make_user(display_name="Lucía Martín"), make_user()
    event = make_event(organiser, hours=None, title="Laboratorio de datos")
    code = rsvp.set_rsvp(guest, event, "going").code
    rsvp.set_rsvp(absent, event, "going")
    attendance.check_in(organiser, event, code)
    cert = db.session.scalar(select(Certificate))
    assert cert.hours == 2.0 and cert.name == "Lucía Martín"
    auth.login(guest)
    res = client.get(f"/events/{event.id}/certificate.pdf")
    assert res.status_code == 200 and res.data.startswith(b"%PDF")
    assert f"/events/certificates/{cert.token}".encode() in res.data
    stranger = make_client()
    page = stranger.get(f"/events/certificates/{cert.token}").get_data(as_text=True)
    assert "Lucía Martín" in page and "Laboratorio de datos" in page
    assert stranger.get("/events/certificates/forged").status_code == 404
    other = make_client()
    other.post("/login", data={"login": absent.username,
                               "password": "correct horse battery staple"})
    assert other.get(f"/events/{event.id}/certificate.pdf").status_code == 403


def test_certificate_hours_follow_agenda(app):
    organiser = make_user()
    event = make_event(organiser, type="congress", duration=72)
    assert attendance.certificate_hours(event) == 24.0  # three days of eight hours
    start = event.starts_at
    for a, b in ((0, 2), (1, 3), (5, 6)):
        services.add_session(organiser, event, {"title": f"S{a}",
                                                "starts_at": start + timedelta(hours=a),
                                                "ends_at": start + timedelta(hours=b)})
    db.session.refresh(event)
    assert attendance.certificate_hours(event) == 4.0


def test_announcement_notifies_and_mails_attendees(app):
    organiser, going, waiting, maybe = make_user(), make_user(), make_user(), make_user()
    event = make_event(organiser, capacity=1)
    rsvp.set_rsvp(going, event, "going")
    rsvp.set_rsvp(waiting, event, "going")
    rsvp.set_rsvp(maybe, event, "maybe")
    with pytest.raises(Forbidden):
        attendance.announce(going, event, "Hola", "Texto")
    sent = attendance.announce(organiser, event, "Cambio de sala", "Nos vemos en la sala 3.")
    assert sent == 2
    recipients = sorted(m["To"] for m in mail.outbox())
    assert recipients == sorted([going.email, waiting.email])
    assert "sala 3" in mail.outbox()[0].get_content()
    kinds = db.session.scalars(select(Notification.user_id).where(
        Notification.kind == "event_announcement")).all()
    assert sorted(kinds) == sorted([going.id, waiting.id])


def test_agenda_respects_session_capacity(app, client, auth):
    organiser, a, b = make_user(), make_user(), make_user()
    event = make_event(organiser, type="congress", duration=8)
    session = services.add_session(organiser, event, {
        "title": "Taller", "starts_at": event.starts_at,
        "ends_at": event.starts_at + timedelta(hours=1), "capacity": 1})
    with pytest.raises(Forbidden):
        attendance.add_to_agenda(a, session)
    rsvp.set_rsvp(a, event, "going")
    rsvp.set_rsvp(b, event, "going")
    attendance.add_to_agenda(a, session)
    with pytest.raises(Conflict):
        attendance.add_to_agenda(b, session)
    auth.login(a)
    assert "Taller" in client.get(f"/events/{event.id}/my-agenda").get_data(as_text=True)
    client.post(f"/events/{event.id}/sessions/{session.id}/agenda/remove")
    attendance.add_to_agenda(b, session)
    assert attendance.agenda_ids(b, event) == {session.id}


def test_purge_cli_erases_personal_data_keeps_counts(app, runner):
    organiser, guest = make_user(), make_user()
    event = make_event(organiser, days=1)
    code = rsvp.set_rsvp(guest, event, "going", note="Dieta vegana", public=True).code
    attendance.check_in(organiser, event, code)
    recent = make_event(organiser, days=2)
    rsvp.set_rsvp(guest, recent, "going", note="Guardar")
    ended = utcnow() - timedelta(days=app.config["REGISTRATION_PURGE_DAYS"] + 1)
    db.session.execute(db.update(Event).where(Event.id == event.id).values(
        starts_at=ended - timedelta(hours=2), ends_at=ended))
    db.session.commit()
    result = runner.invoke(args=["events", "purge-registrations"])
    assert "1 event" in result.output, result.output
    db.session.expire_all()
    row = db.session.scalar(select(Rsvp).where(Rsvp.event_id == event.id))
    assert (row.code, row.checked_in_at, row.note, row.public) == (None, None, "", False)
    fresh = db.session.get(Event, event.id)
    assert (fresh.going_count, fresh.checked_in_count) == (1, 1)
    assert db.session.scalar(select(Certificate.id)) is not None
    kept = db.session.scalar(select(Rsvp).where(Rsvp.event_id == recent.id))
    assert kept.note == "Guardar" and kept.code
    assert "0 event" in runner.invoke(args=["events", "purge-registrations"]).output
