"""Screenshots of the main pages for the README (`make screenshots`).

Starts the platform on a free local port with a throw-away database filled by `seed-demo`,
then photographs a handful of pages with Chromium at 1280×800 into docs/screenshots/.
"""

import logging
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from sqlalchemy import text
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from novanet import create_app  # noqa: E402
from novanet.extensions import db  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "demo-password-2026"
MEMBER = "lucia_martin"


def _pages(app) -> list[tuple[str, str]]:
    with app.app_context():
        first = lambda sql: db.session.execute(text(sql)).scalar()  # noqa: E731
        group = first("SELECT slug FROM groups WHERE visibility = 'public' ORDER BY id LIMIT 1")
        debate = first("SELECT id FROM debates ORDER BY id LIMIT 1")
        event = first("SELECT id FROM events ORDER BY id LIMIT 1")
        db.session.remove()
    return [("home", "/"), ("groups", "/groups"), ("group", f"/groups/{group}"),
            ("debate", f"/debates/{debate}"), ("events-calendar", "/events/calendar"),
            ("event", f"/events/{event}"), ("knowledge", "/knowledge/")]


def main() -> int:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="novanet-screens-"))
    server = None
    try:
        probe = make_server("127.0.0.1", 0, lambda e, s: [])
        port = probe.server_port
        probe.server_close()
        url = f"http://127.0.0.1:{port}"
        app = create_app({"SECRET_KEY": "screenshots-only-secret-key",
                          "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite'}",
                          "MEDIA_DIR": str(folder / "media"), "MAIL_DIR": str(folder / "mail"),
                          "BASE_URL": url, "RATELIMIT_ENABLED": False,
                          "REQUIRE_ADMIN_2FA": False})
        with app.app_context():
            db.create_all()
            db.session.remove()
        result = app.test_cli_runner().invoke(args=["seed-demo", "--password", PASSWORD])
        if result.exit_code != 0:
            print(result.output, file=sys.stderr)
            return 1
        pages = _pages(app)
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        server = make_server("127.0.0.1", port, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            context = browser.new_context(base_url=url, locale="es-ES",
                                          viewport={"width": 1280, "height": 800},
                                          extra_http_headers={"Accept-Language": "es-ES"})
            page = context.new_page()
            page.goto("/login")
            page.locator("input[name=login]").fill(MEMBER)
            page.locator("input[name=password]").fill(PASSWORD)
            page.locator("form:has(input[name=login]) button[type=submit]").click()
            page.wait_for_url(lambda u: "/login" not in u)
            for name, path in pages:
                page.goto(path)
                page.wait_for_timeout(400)  # web fonts and live counters settle
                target = OUT / f"{name}.png"
                page.screenshot(path=str(target))
                print(f"{target.relative_to(ROOT)}")
            browser.close()
        return 0
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
