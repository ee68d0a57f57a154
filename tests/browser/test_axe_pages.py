"""axe-core's WCAG 2.1 A and AA rules on every main page type, in Spanish and in English,
over the demo content (so pages show real lists, bodies, tags and avatars, not empty states)."""

import pytest
from sqlalchemy import text

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-password-2026"
MEMBER = "lucia_martin"


def _seed(live_server) -> dict[str, str]:
    """Fills the live app with the demo content and returns one address per page type."""
    result = live_server.app.test_cli_runner().invoke(
        args=["seed-demo", "--password", DEMO_PASSWORD])
    assert result.exit_code == 0, result.output
    from novanet.extensions import db

    def one(sql: str):
        row = db.session.execute(text(sql)).first()
        assert row is not None, sql
        return row

    with live_server.app_context():
        group = one("SELECT slug FROM groups WHERE visibility = 'public' ORDER BY id LIMIT 1")
        debate = one("SELECT id FROM debates ORDER BY id LIMIT 1")
        post = one("SELECT id FROM blog_posts WHERE status = 'published' AND hidden = false "
                   "AND group_id IS NULL ORDER BY id LIMIT 1")
        wiki = one("SELECT p.slug FROM wiki_pages p WHERE p.group_id IS NULL "
                   "AND p.deleted_at IS NULL ORDER BY p.version DESC, p.id LIMIT 1")
        event = one("SELECT id FROM events ORDER BY id LIMIT 1")
        practice = one("SELECT id FROM practices WHERE status = 'published' ORDER BY id LIMIT 1")
    return {
        "people directory": "/people",
        "profile": f"/people/{MEMBER}",
        "settings": "/settings/profile",
        "groups directory": "/groups",
        "group page": f"/groups/{group.slug}",
        "debate list": "/debates",
        "debate page": f"/debates/{debate.id}",
        "blog list": "/blogs",
        "blog post": f"/blogs/posts/{post.id}",
        "wiki home": "/wiki",
        "wiki page": f"/wiki/pages/{wiki.slug}",
        "wiki history": f"/wiki/pages/{wiki.slug}/history",
        "wiki diff": f"/wiki/pages/{wiki.slug}/diff",
        "events list": "/events/",
        "event page": f"/events/{event.id}",
        "calendar": "/events/calendar",
        "knowledge catalogue": "/knowledge/",
        "practice": f"/knowledge/practices/{practice.id}",
        "search results": "/search?q=datos",
        "notifications": "/notifications/",
        "home (member)": "/",
    }


@pytest.mark.parametrize("locale", ["es-ES", "en-GB"])
def test_every_page_type_passes_axe(make_page, live_server, axe_check, locale):
    pages = _seed(live_server)
    page = make_page(locale)
    lang = locale[:2]
    for path in ("/", "/login", "/register"):
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang").startswith(lang)
        axe_check(page)

    page.goto("/login")
    page.locator("input[name=login]").fill(MEMBER)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url(lambda url: "/login" not in url)

    failures = []
    for name, path in pages.items():
        response = page.goto(path)
        if response.status != 200:
            failures.append(f"{name} ({path}) answered {response.status}")
            continue
        assert page.locator("h1").count() == 1, f"{name}: one h1 per page"
        try:
            axe_check(page)
        except AssertionError as exc:
            failures.append(f"{name} ({path}): {exc}")
    assert not failures, "\n\n".join(failures)
