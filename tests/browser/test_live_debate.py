"""Two members read the same debate in two browsers: a reply sent in one shows up in the
other without a reload and is announced through the polite live region."""

import pytest

from tests.debates.factories import make_debate
from tests.factories import PASSWORD, add_member, make_group, make_user

pytestmark = pytest.mark.browser


def log_in(page, username):
    page.goto("/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def test_reply_appears_live_in_the_other_browser_and_is_announced(make_page, live_server,
                                                                   axe_check):
    with live_server.app_context():
        lucia = make_user("lucia", display_name="Lucía Martín")
        jordi = make_user("jordi", display_name="Jordi Puig")
        group = make_group("Datos abiertos", owner=lucia)
        add_member(group, jordi)
        debate_id = make_debate(group, lucia, title="¿Publicamos los contratos menores?").id

    writer, reader = make_page(), make_page()
    log_in(writer, "jordi")
    log_in(reader, "lucia")
    for p in (writer, reader):
        p.goto(f"/debates/{debate_id}")
        p.get_by_role("heading", name="¿Publicamos los contratos menores?", level=1).wait_for()
    # Only a page that was never reloaded keeps this value.
    reader.evaluate("() => { window.sameDocument = 'yes'; }")
    reader.wait_for_function("() => document.querySelector('[data-posts]') !== null")
    reader.wait_for_timeout(500)  # the socket joins the debate's room after loading

    writer.get_by_label("Your reply").fill("Sí: el portal ya tiene el formato preparado.")
    writer.get_by_role("button", name="Send reply").click()
    writer.locator("[data-posts]").get_by_text("el portal ya tiene el formato").wait_for()

    live = reader.locator("#live-region")
    reader.wait_for_function(
        "() => document.getElementById('live-region').textContent.includes('Jordi Puig')",
        timeout=15_000)
    assert live.get_attribute("aria-live") == "polite"
    assert "New reply from Jordi Puig" in live.text_content()
    reader.locator("[data-show-new]").click()
    reader.locator("[data-posts]").get_by_text(
        "Sí: el portal ya tiene el formato preparado.").wait_for()
    assert reader.evaluate("() => window.sameDocument") == "yes"
    axe_check(reader)
