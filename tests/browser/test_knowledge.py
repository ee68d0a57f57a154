"""The knowledge bank in a real Chromium: the long practice form works by keyboard without
JavaScript (its pages pass axe-core in test_axe_pages.py)."""

import pytest

from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser


def _login(page):
    page.goto("/login")
    page.get_by_label("Username or e-mail").fill("lucia")
    page.locator("#password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#password").press("Enter")


def test_practice_form_by_keyboard_without_javascript(no_js, live_server):
    with live_server.app_context():
        make_user("lucia", display_name="Lucía Martín", organisation="Ayuntamiento de Zaragoza",
                  country="ES", level="local")
    page = no_js
    _login(page)
    page.goto("/knowledge/practices/new")
    # every field is found through its label, as a screen reader announces it
    page.get_by_label("Title of the practice").fill("Ventanilla única de licencias")
    page.get_by_label("Category").focus()
    page.keyboard.type("E-gov")  # type-ahead selection in a focused <select>
    page.get_by_label("Objectives").fill("Menos visitas presenciales.")
    page.get_by_label("Description").fill("Todo el trámite **en línea**.")
    page.locator("#indicators-0-name").fill("Licencias en línea")
    page.locator("#indicators-0-value").fill("muchas")
    page.get_by_role("button", name="Send for review").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    link = summary.get_by_role("link", name="Value (1)")
    assert link.get_attribute("href") == "#indicators-0-value"
    field = page.locator("#indicators-0-value")
    assert field.get_attribute("aria-invalid") == "true"
    assert "indicators-0-value-error" in field.get_attribute("aria-describedby")
    assert page.get_by_label("Title of the practice").input_value() == \
        "Ventanilla única de licencias"
    field.fill("85")
    page.get_by_role("button", name="Send for review").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Ventanilla única de licencias"
    assert "Waiting for review" in page.content()
