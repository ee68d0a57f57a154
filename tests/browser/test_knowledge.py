"""The knowledge bank in a real Chromium: the long practice form works by keyboard without
JavaScript, and the main pages pass axe-core's WCAG 2.1 A/AA checks."""

import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from novanet import create_app
from novanet.extensions import db
from tests.conftest import base_config, require_service, reset_schema
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "static" / "vendor" / "axe.min.js"


@pytest.fixture
def live(tmp_path):
    app = create_app(base_config(tmp_path, WTF_CSRF_ENABLED=True))
    with app.app_context():
        reset_schema()
        make_user("lucia", display_name="Lucía Martín", organisation="Ayuntamiento de Zaragoza",
                  country="ES", level="local")
        from tests.knowledge.factories import make_practice, make_project

        make_practice(status="published", title="Presupuestos participativos")
        project = make_project()
        from novanet.knowledge import projects

        indicator = projects.add_indicator(project.created_by, project, {"name": "Usuarios"})
        for quarter, value in ((1, 10), (2, 25)):
            projects.report_value(project.created_by, indicator,
                                  {"year": 2025, "quarter": quarter, "value": value})
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    with app.app_context():
        db.engine.dispose()


def _login(page, base):
    page.goto(f"{base}/login")
    page.get_by_label("Username or e-mail").fill("lucia")
    page.locator("#password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#password").press("Enter")


def test_practice_form_by_keyboard_without_javascript(live, browser):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    _login(page, live)
    page.goto(f"{live}/knowledge/practices/new")
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
    context.close()


@pytest.mark.parametrize("path", ["/knowledge/", "/knowledge/practices/1",
                                  "/knowledge/practices/new", "/knowledge/dashboard",
                                  "/knowledge/projects/1"])
def test_pages_pass_axe(live, browser, path):
    require_service("axe-core", AXE.exists(), "run `make static/vendor/.installed`")
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    page = context.new_page()
    _login(page, live)
    page.goto(f"{live}{path}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }""")
    assert result == [], result
    assert page.locator("h1").count() == 1
    context.close()
