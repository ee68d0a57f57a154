"""Real-browser tests: the app served over HTTP and a headless Chromium driven by Playwright.

Fixtures
--------
``live_server`` (per test)
    The application served by a threaded Werkzeug server on a free port of 127.0.0.1, in a
    background thread, with its own temporary SQLite database (tables from ``db.create_all()``),
    media and mail folders, CSRF protection ON (real forms), rate limits and the admin two-step
    rule OFF. ``BASE_URL`` is the server's own address, so e-mailed links work. Each test gets
    a fresh app and database (creating one is cheap; the browser is what is shared). The
    Socket.IO extension is bound to the newest app, so it stays bound to this one for the whole
    test. Pass extra settings with ``@pytest.mark.config(KEY=value)``. A module whose tests
    only read can share one server (filled once, e.g. with the demo content) by overriding
    ``live_server`` with a module-scoped fixture around ``serve()``, as test_axe_pages.py does;
    ``make_page`` then opens its pages on that server. Helpers:

    - ``live_server.url`` – ``"http://127.0.0.1:PORT"``; ``live_server.url_for("/login")``
    - ``with live_server.app_context(): make_user(...)`` – use factories and services directly
    - ``live_server.unique("lucia")`` – a fresh username
    - ``live_server.outbox()`` – e-mails sent so far (``email.message.EmailMessage``, oldest
      first); ``live_server.last_link(to=address)`` – the last site link mailed to someone.

``browser`` (one for tests/browser: starting Chromium costs about a second)
    Chromium from ``/usr/bin/chromium`` through Playwright's sync API (headless, with
    ``--no-sandbox --disable-gpu --disable-background-networking``). Missing Playwright or
    Chromium skips the test locally with the reason and fails it when ``CI=true``.

``no_js``
    A page in English on the live server with JavaScript switched off.

``make_page(locale="en-GB")`` / ``page``
    A fresh browser context (own cookies) whose ``Accept-Language`` follows ``locale`` and whose
    relative URLs resolve against the live server; ``page`` is ``make_page()`` in English.
    Every JavaScript error or console error (CSP violations included) fails the test;
    failed loads (a form answered 400) are left to the test's own assertions.
    ``make_page(locale, with_axe=True)`` loads axe-core into every page of that context
    before the page's own scripts, for tests that check many pages.

``axe_check(page)``
    Injects ``/static/vendor/axe.min.js`` (copied by ``make static/vendor/.installed``) into the
    current page and fails with readable details if axe-core finds any WCAG 2.1 A/AA violation
    (tags wcag2a, wcag2aa, wcag21a, wcag21aa). It also holds pages to what our interface notes ask
    beyond those: axe's best practices (one main and one h1, headings in order, landmarks
    told apart) and WCAG 2.2's 24-pixel target size (tag wcag22aa).

Mark browser tests with ``@pytest.mark.browser`` (``pytest -m "not browser"`` skips them).
"""

import itertools
import logging
import os
import re
import shutil
import socket
import tempfile
import threading
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "static" / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_TAGS = WCAG_TAGS + ["wcag22aa", "best-practice"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, app, url: str):
        self.app = app
        self.url = url
        self._names = itertools.count(1)

    def url_for(self, path: str) -> str:
        return self.url + path

    def unique(self, prefix: str) -> str:
        """A username nobody else in this session has used."""
        return f"{prefix}{next(self._names)}"

    @contextmanager
    def app_context(self):
        from novanet.extensions import db

        with self.app.app_context():
            try:
                yield
            finally:
                db.session.remove()

    def outbox(self) -> list[EmailMessage]:
        from novanet.core import mail

        with self.app.app_context():
            return mail.outbox()

    def last_link(self, to: str) -> str:
        """The last link to this site in a message sent to ``to``."""
        for message in reversed(self.outbox()):
            if message["To"] == to:
                body = message.get_body(("plain",)).get_content()
                found = re.findall(re.escape(self.url) + r"/\S+", body)
                if found:
                    return found[-1]
        raise AssertionError(f"no e-mail with a link was sent to {to}")


def _closing_responses(app):
    """The app, with each response closed when its request ends. Werkzeug's server can skip
    the close when the browser drops the connection at a bad moment (a page left before its
    favicon arrived); the open file then warns when collected, and warnings fail tests."""
    def wsgi(environ, start_response):
        return _closed_after(app(environ, start_response))

    return wsgi


def _closed_after(response):
    try:
        # not `yield from`: leaving early would close the response a second time
        for chunk in response:  # noqa: UP028
            yield chunk
    finally:
        if hasattr(response, "close"):
            response.close()


@contextmanager
def serve(**settings):
    """Serves a fresh app with its own database until the block ends (see ``live_server``)."""
    from werkzeug.serving import make_server

    from novanet import create_app
    from novanet.extensions import db

    folder = Path(tempfile.mkdtemp(prefix="novanet-live-"))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    app = create_app({
        "SECRET_KEY": "live-server-secret-key-for-tests",
        "DATABASE_URL": f"sqlite:///{folder / 'live.sqlite'}",
        "MEDIA_DIR": str(folder / "media"),
        "MAIL_DIR": str(folder / "mail"),
        "BASE_URL": url,
        "RATELIMIT_ENABLED": False,
        "REQUIRE_ADMIN_2FA": False,
        "BABEL_DEFAULT_LOCALE": "es",
        **settings,
    })
    with app.app_context():
        db.create_all()
        db.session.remove()
    quiet = logging.getLogger("werkzeug")
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # one line per request drowns the failure report
    server = make_server("127.0.0.1", port, _closing_responses(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, url)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        with app.app_context():
            db.engine.dispose()
        shutil.rmtree(folder, ignore_errors=True)
        quiet.setLevel(level)


@pytest.fixture
def live_server(request):
    marker = request.node.get_closest_marker("config")
    with serve(**(marker.kwargs if marker else {})) as server:
        yield server


@pytest.fixture(scope="package")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_service("playwright", False, "pip install playwright (the test extra)")
    require_service("chromium", os.path.exists(CHROMIUM), f"{CHROMIUM} is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                              headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def make_page(browser, live_server):
    contexts = []
    problems: list[str] = []

    def make(locale: str = "en-GB", *, with_axe: bool = False):
        context = browser.new_context(base_url=live_server.url, locale=locale,
                                      extra_http_headers={"Accept-Language": locale})
        context.set_default_timeout(10_000)
        if with_axe:  # for pages checked one after another: cheaper than a script tag each
            context.add_init_script(path=str(AXE))
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: problems.append(f"JavaScript error: {exc}"))
        page.on("console", lambda msg: _console(msg, problems))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


def _console(message, problems: list[str]) -> None:
    # A form sent with errors answers 400 on purpose; Chromium reports every 4xx load as a
    # console error, so those are left to the test's own assertions.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        problems.append(f"console {message.type}: {message.text}")


@pytest.fixture
def page(make_page):
    return make_page()


@pytest.fixture
def no_js(browser, live_server):
    """A page in English with JavaScript switched off, as on a locked-down office PC."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False,
                                  locale="en-GB", extra_http_headers={"Accept-Language": "en-GB"})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v.get('impact')}] {v['id']}: {v['help']} ({v.get('helpUrl', '')})")
        for node in v.get("nodes", [])[:10]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " / ")
            lines.append(f"    at {target}: {summary}")
            lines.append(f"       {node.get('html', '')[:200]}")
    return "\n".join(lines)


@pytest.fixture
def axe_check():
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make static/vendor/.installed` "
                    "(it copies axe-core from node_modules)")

    def check(page, context: str | None = None) -> None:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(url="/static/vendor/axe.min.js")
        result = page.evaluate(
            """async ([context, tags]) => {
                 const r = await axe.run(context || document,
                                         {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
                 return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                   helpUrl: v.helpUrl, nodes: v.nodes.map(n => ({target: n.target,
                   html: n.html, failureSummary: n.failureSummary}))}));
               }""", [context, AXE_TAGS])
        assert not result, (f"axe-core found {len(result)} accessibility violation(s) on "
                            f"{page.url}:\n{_describe(result)}")

    return check
