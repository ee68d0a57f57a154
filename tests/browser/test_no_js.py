"""With JavaScript switched off the platform still works through plain forms and reloads:
register, confirm, log in, reply to a debate and answer an event."""

import pytest

from tests.debates.factories import make_debate
from tests.events.factories import make_event
from tests.factories import PASSWORD, add_member, make_group, make_user

pytestmark = pytest.mark.browser


def log_in(page, login, password=PASSWORD):
    page.goto("/login")
    page.get_by_label("Username or e-mail").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_register_confirm_and_log_in_without_javascript(no_js, live_server):
    page = no_js
    page.goto("/register")
    page.get_by_role("button", name="Create account").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert summary.locator("a").count() >= 2  # errors rendered by the server

    page.get_by_label("Full name").fill("João Silva")
    page.get_by_label("Username").fill("joao_silva")
    page.get_by_label("Work e-mail").fill("joao@ama.gov.pt")
    page.get_by_label("Password").fill("uma frase longa e segura")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your e-mail").wait_for()

    page.goto(live_server.last_link(to="joao@ama.gov.pt"))
    page.get_by_text("Your e-mail address is confirmed").wait_for()
    log_in(page, "joao_silva", "uma frase longa e segura")
    page.get_by_role("heading", name="Welcome, João Silva").wait_for()


def test_reply_and_rsvp_without_javascript(no_js, live_server):
    with live_server.app_context():
        owner = make_user("carlos", display_name="Carlos Hernández")
        valentina = make_user("valentina", display_name="Valentina Rojas")
        group = make_group("Compras públicas", owner=owner)
        add_member(group, valentina)
        debate_id = make_debate(group, owner, title="Pliegos tipo para software").id
        event_id = make_event(owner, title="Taller de contratación", capacity=10).id

    page = no_js
    log_in(page, "valentina")
    page.wait_for_url(lambda url: "/login" not in url)

    page.goto(f"/debates/{debate_id}")
    page.get_by_label("Your reply").fill("En Chile usamos el convenio marco de **software**.")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_load_state()
    replies = page.locator("[data-posts]")
    replies.get_by_text("En Chile usamos el convenio marco de").wait_for()
    assert replies.locator("strong", has_text="software").count() == 1

    page.goto(f"/events/{event_id}")
    page.get_by_label("Going", exact=True).check()
    page.get_by_role("button", name="Save my answer").click()
    page.wait_for_load_state()
    badge = page.locator(".rsvp-box .status-badge")
    badge.wait_for()
    assert badge.inner_text().strip() == "Going"
    with live_server.app_context():
        from sqlalchemy import text

        from novanet.extensions import db
        status = db.session.execute(text(
            "SELECT r.status FROM rsvps r JOIN users u ON u.id = r.user_id "
            "WHERE u.username = 'valentina' AND r.event_id = :e"), {"e": event_id}).scalar()
    assert status == "going"
