"""A real browser: two people edit the same page at once; the second sees the conflict screen
with the automatic merge, and saves it. Minimal live-server and browser fixtures live here
until shared browser fixtures exist."""

import threading

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from novanet.extensions import db
from novanet.wiki.models import WikiPage
from tests.conftest import own_app_context
from tests.factories import PASSWORD, make_user
from tests.wiki.factories import make_page

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    with own_app_context():
        thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)


@pytest.fixture
def browser():
    import os

    from tests.conftest import require_service

    require_service("chromium", os.path.exists(CHROMIUM), "the browser tests drive Chromium")
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield instance
        instance.close()


def _login(context, base: str, username: str):
    page = context.new_page()
    page.goto(f"{base}/login")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return page


@pytest.mark.config(WTF_CSRF_ENABLED=True, BABEL_DEFAULT_LOCALE="en")
def test_two_editors_conflict_merge_and_resolve(app, live_server, browser):
    ana, beto = make_user("ana_editora"), make_user("beto_editor")
    body = "Intro line\nSecond line\nThird line\nFourth line\nLast line\n"
    make_page("Plan de datos", body=body, author=ana)

    first = browser.new_context(locale="en-GB")
    second = browser.new_context(locale="en-GB")
    try:
        a = _login(first, live_server, ana.username)
        b = _login(second, live_server, beto.username)
        edit_url = f"{live_server}/wiki/pages/plan-de-datos/edit"
        a.goto(edit_url)
        b.goto(edit_url)  # both start from revision 1

        a.fill("textarea[name=body]", body.replace("Intro line", "Intro line, by Ana"))
        a.fill("input[name=summary]", "Ana's change")
        a.click("form.wiki-edit button[type=submit]")
        a.wait_for_url(f"{live_server}/wiki/pages/plan-de-datos")
        assert "Intro line, by Ana" in a.inner_text("main")

        b.fill("textarea[name=body]", body.replace("Last line", "Last line, by Beto"))
        b.fill("input[name=summary]", "Beto's change")
        b.click("form.wiki-edit button[type=submit]")
        b.wait_for_load_state()
        assert b.locator("h1").inner_text() == \
            "Someone else changed this page while you were editing"
        assert b.locator("[data-merge=clean]").count() == 1
        # the other person's change is shown as an accessible insertion
        inserted = b.locator("#theirs-title + .diff ins").first.inner_text()
        assert ", by Ana" in inserted and "added:" in inserted
        merged = b.input_value("textarea[name=body]")
        assert "Intro line, by Ana" in merged and "Last line, by Beto" in merged
        assert b.input_value("input[name=base_revision]") == "2"
        b.click("form.wiki-edit button[type=submit]")
        b.wait_for_url(f"{live_server}/wiki/pages/plan-de-datos")
        text = b.inner_text("main")
        assert "Intro line, by Ana" in text and "Last line, by Beto" in text
    finally:
        first.close()
        second.close()

    with own_app_context(), app.app_context():
        page = db.session.scalar(select(WikiPage).where(WikiPage.slug == "plan-de-datos"))
        assert page.version == 3
        assert page.body.startswith("Intro line, by Ana") and "Last line, by Beto" in page.body
