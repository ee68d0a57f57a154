"""The key journeys with the keyboard alone (Tab, Shift+Tab, Enter, Space): nothing here
clicks, so a control that cannot be reached or worked by keyboard fails the test."""

import pytest

from tests.debates.factories import make_debate
from tests.factories import PASSWORD, make_group, make_user

pytestmark = pytest.mark.browser


def tab_to(page, description: str, check: str, limit: int = 80) -> None:
    """Presses Tab until the focused element satisfies ``check`` (JS taking ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({check}); }}"):
            return
    raise AssertionError(f"{description} cannot be reached with Tab")


def focused(page, expression: str):
    return page.evaluate(f"() => {{ const el = document.activeElement; return {expression}; }}")


def by_name(text: str) -> str:
    return f"el && (el.textContent || el.value || '').trim() === {text!r}"


def keyboard_login(page, username: str) -> None:
    page.goto("/login")
    tab_to(page, "the login field", "el.name === 'login'")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    assert focused(page, "el.name") == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)


def test_skip_link_is_first_and_moves_focus_to_main(page, live_server):
    page.goto("/")
    page.keyboard.press("Tab")
    assert focused(page, "el.getAttribute('href')") == "#main"
    assert focused(page, "el.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert focused(page, "el.id") == "main"
    assert focused(page, "el.tagName") == "MAIN"


def test_log_in_join_a_group_and_reply_by_keyboard(page, live_server):
    with live_server.app_context():
        owner = make_user("lucia", display_name="Lucía Martín")
        make_user("emma", display_name="Emma Clarke")
        group = make_group("Interoperabilidad", owner=owner, slug="interoperabilidad")
        debate_id = make_debate(group, owner, title="Catálogo de APIs comunes").id

    keyboard_login(page, "emma")
    page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out")) \
        .first.wait_for(state="attached")

    page.goto("/groups/interoperabilidad")
    tab_to(page, "the join button", by_name("Join the group"))
    page.keyboard.press("Space")
    page.get_by_role("button", name="Leave the group").wait_for()

    page.goto(f"/debates/{debate_id}")
    tab_to(page, "the reply field", "el.tagName === 'TEXTAREA'")
    assert focused(page, "el.labels[0].textContent.trim()") == "Your reply"
    page.keyboard.type("Propongo empezar por el registro de apoderamientos.")
    tab_to(page, "the send button", by_name("Send reply"))
    page.keyboard.press("Enter")
    page.locator("[data-posts]").get_by_text("registro de apoderamientos").wait_for()


def test_form_errors_focus_the_summary_whose_links_focus_the_fields(page, live_server):
    page.goto("/register")
    tab_to(page, "the create account button", by_name("Create account"))
    page.keyboard.press("Enter")
    page.locator("[data-error-summary]").wait_for()
    page.wait_for_load_state()  # the element is there before the page's scripts have run
    assert focused(page, "el.hasAttribute('data-error-summary')"), \
        "focus must move to the error summary"
    assert focused(page, "el.getAttribute('role')") == "alert"

    links = page.locator("[data-error-summary] a")
    assert links.count() >= 2
    targets = [links.nth(i).get_attribute("href")[1:] for i in range(links.count())]
    tab_to(page, "the first link of the summary",
           f"el.getAttribute('href') === '#{targets[0]}'", limit=3)
    page.keyboard.press("Enter")
    assert focused(page, "el.id") == targets[0]
    field = page.locator(f"#{targets[0]}")
    assert field.get_attribute("aria-invalid") == "true"
    assert f"{targets[0]}-error" in field.get_attribute("aria-describedby")

    page.locator("[data-error-summary]").focus()  # start again from the summary
    tab_to(page, "the second link of the summary",
           f"el.getAttribute('href') === '#{targets[1]}'", limit=3)
    page.keyboard.press("Enter")
    assert focused(page, "el.id") == targets[1]
