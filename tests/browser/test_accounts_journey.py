"""A newcomer registers, confirms the e-mail, logs in and fills in the profile, in Chromium
(the account pages pass axe-core in both languages in test_axe_pages.py)."""

import pytest

from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser


def test_register_verify_login_and_edit_profile(page, live_server, axe_check):
    page.goto("/register")
    page.get_by_label("Full name").fill("Lucía Martín Ortega")
    page.get_by_label("Username").fill("lucia_martin")
    page.get_by_label("Work e-mail").fill("lucia@zaragoza.es")
    page.get_by_label("Password").fill("tres palabras bastante largas")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your e-mail").wait_for()

    page.goto(live_server.last_link(to="lucia@zaragoza.es"))
    page.get_by_text("Your e-mail address is confirmed").wait_for()
    assert page.url.endswith("/login")

    page.get_by_label("Username or e-mail").fill("lucia@zaragoza.es")
    page.get_by_label("Password").fill("tres palabras bastante largas")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Welcome, Lucía Martín Ortega").wait_for()

    page.get_by_role("link", name="Settings").click()
    page.get_by_label("Position", exact=True).fill("Jefa de Servicio de Administración Electrónica")
    page.get_by_label("Administration or organisation").fill("Ayuntamiento de Zaragoza")
    page.get_by_label("Level of administration").select_option("local")
    page.get_by_label("Country").select_option("ES")
    page.get_by_label("City").fill("Zaragoza")
    page.get_by_label("Areas of expertise").fill("administración electrónica, datos abiertos")
    page.get_by_label("About you").fill("Digitalizo **trámites municipales** desde 2010.")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Your profile was saved.").wait_for()

    page.get_by_role("link", name="View your public profile").click()
    page.get_by_role("heading", name="Lucía Martín Ortega", level=1).wait_for()
    main = page.locator("main")
    for text in ("Jefa de Servicio de Administración Electrónica", "Ayuntamiento de Zaragoza",
                 "Spain", "Zaragoza", "administracion-electronica", "datos-abiertos"):
        assert text in main.inner_text(), text
    assert main.locator("strong", has_text="trámites municipales").count() == 1
    axe_check(page)


def test_two_factor_setup_page_is_accessible(page, live_server, axe_check):
    with live_server.app_context():
        make_user("carlos", display_name="Carlos Hernández")
    page.goto("/login")
    page.get_by_label("Username or e-mail").fill("carlos")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/settings/two-factor")
    page.get_by_role("button", name="Set up two-step verification").click()
    page.get_by_role("img", name="QR code for your authenticator app").wait_for()
    axe_check(page)


def test_axe_check_reports_violations(page, live_server, axe_check):
    page.goto("/")
    page.evaluate("""() => {
        const input = document.createElement("input");
        input.type = "text";
        document.querySelector("main").appendChild(input);
    }""")
    with pytest.raises(AssertionError, match="label"):
        axe_check(page)
