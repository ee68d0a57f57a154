"""axe-core (the rules axe_check runs: WCAG 2.1 A and AA and more) on every page of the site,
in Spanish and in English, over the demo content (so pages show real lists, bodies, tags and
avatars, not empty states); on forms sent with bad input, whose error summary must also take the
focus and link to fields that say they are invalid and why; and on the error pages.

PAGES names one address per HTML page route, seen by the person who may open it: a visitor,
a member (organiser, group moderator and owner, author) or the site administrator.
test_every_html_route_is_checked_or_excluded keeps the list honest: a new page route fails it
until it is added here or excluded with its reason (only routes that answer something other
than an HTML page are)."""

import string

import pytest
from sqlalchemy import text

from tests.browser.conftest import serve

DEMO_PASSWORD = "demo-password-2026"
ANON = None
MEMBER = "lucia_martin"  # organises the congress, moderates datos-abiertos, owns rrhh-digital
ADMIN = "admin"
TWO_STEP = "emma_clarke"  # given two-step sign-in here, so her login stops at the code step
LOCALES = ["es-ES", "en-GB"]

KB_PAGE = "/wiki/pages/{kb_page}"
GROUP_WIKI = "/groups/{group}/wiki"
GROUP_PAGE = GROUP_WIKI + "/pages/{group_page}"

# (who, address): every HTML page route, filled in with the demo's ids by _prepare().
PAGES = [
    (ANON, "/"),
    (ANON, "/accessibility"),
    (ANON, "/privacy"),
    (ANON, "/login"),
    (ANON, "/register"),
    (ANON, "/password/forgot"),
    (ANON, "/password/reset/{reset_token}"),
    (ANON, "/verify/resend"),
    (ANON, "/verify/{verify_token}"),
    (ANON, "/events/certificates/{certificate}"),
    (TWO_STEP, "/login/two-factor"),
    # accounts and people
    (MEMBER, "/"),
    (MEMBER, "/people"),
    (MEMBER, "/people/{member}"),
    (MEMBER, "/feed"),
    (MEMBER, "/settings"),
    (MEMBER, "/settings/profile"),
    (MEMBER, "/settings/account"),
    (MEMBER, "/settings/password"),
    (MEMBER, "/settings/preferences"),
    (MEMBER, "/settings/privacy"),
    (MEMBER, "/settings/tokens"),
    (MEMBER, "/settings/two-factor"),
    (MEMBER, "/notifications/"),
    (MEMBER, "/notifications/settings"),
    (MEMBER, "/messages/"),
    (MEMBER, "/messages/{conversation}"),
    (MEMBER, "/search?q=datos"),
    # groups
    (MEMBER, "/groups"),
    (MEMBER, "/groups/new"),
    (MEMBER, "/groups/{group}"),
    (MEMBER, "/groups/{group}/members"),
    (MEMBER, "/groups/{own_group}/edit"),
    (MEMBER, "/groups/{own_group}/settings"),
    (MEMBER, "/groups/{group}/invitations"),
    (MEMBER, "/groups/{group}/requests"),
    (MEMBER, "/groups/{group}/reports"),
    (MEMBER, "/groups/{group}/audit"),
    (MEMBER, "/groups/{private_group}/join"),
    (MEMBER, "/invitations/{invitation}"),
    (MEMBER, "/report/post/{post}"),
    # debates
    (MEMBER, "/debates"),
    (MEMBER, "/debates/my-groups"),
    (MEMBER, "/groups/{group}/debates"),
    (MEMBER, "/groups/{group}/debates/new"),
    (MEMBER, "/debates/{debate}"),
    (MEMBER, "/debates/{debate}/edit"),
    (MEMBER, "/debates/{debate}/close"),
    (MEMBER, "/posts/{own_post}"),
    (MEMBER, "/posts/{own_post}/edit"),
    (MEMBER, "/posts/{own_post}/revisions"),
    # blogs
    (MEMBER, "/blogs"),
    (MEMBER, "/blogs/new"),
    (MEMBER, "/blogs/drafts"),
    (MEMBER, "/blogs/posts/{blog_post}"),
    (MEMBER, "/blogs/posts/{blog_post}/edit"),
    (MEMBER, "/blogs/people/{member}"),
    (MEMBER, "/blogs/people/{member}/{blog_slug}"),
    (MEMBER, "/blogs/groups/{blog_group}"),
    (MEMBER, "/blogs/groups/{blog_group}/{group_blog_slug}"),
    (MEMBER, "/blogs/tags/{blog_tag}"),
    (MEMBER, "/blogs/comments/{blog_comment}/edit"),
    # knowledge-base wiki
    (MEMBER, "/wiki"),
    (MEMBER, "/wiki/changes"),
    (MEMBER, "/wiki/recent"),
    (MEMBER, "/wiki/new"),
    (MEMBER, KB_PAGE),
    (MEMBER, KB_PAGE + "/edit"),
    (MEMBER, KB_PAGE + "/history"),
    (MEMBER, KB_PAGE + "/diff"),
    (MEMBER, KB_PAGE + "/revisions/1"),
    (MEMBER, KB_PAGE + "/links"),
    (ADMIN, KB_PAGE + "/rename"),
    (ADMIN, "/wiki/deleted"),
    # group wiki
    (MEMBER, GROUP_WIKI),
    (MEMBER, GROUP_WIKI + "/recent"),
    (MEMBER, GROUP_WIKI + "/new"),
    (MEMBER, GROUP_WIKI + "/deleted"),
    (MEMBER, GROUP_PAGE),
    (MEMBER, GROUP_PAGE + "/edit"),
    (MEMBER, GROUP_PAGE + "/history"),
    (MEMBER, GROUP_PAGE + "/diff"),
    (MEMBER, GROUP_PAGE + "/revisions/1"),
    (MEMBER, GROUP_PAGE + "/links"),
    (MEMBER, GROUP_PAGE + "/rename"),
    # events
    (MEMBER, "/events/"),
    (MEMBER, "/events/calendar"),
    (MEMBER, "/events/calendar-feed"),
    (MEMBER, "/events/new"),
    (MEMBER, "/events/{event}"),
    (MEMBER, "/events/{event}/edit"),
    (MEMBER, "/events/{event}/my-agenda"),
    (MEMBER, "/events/{event}/attendees"),
    (MEMBER, "/events/{event}/check-in"),
    (MEMBER, "/events/{event}/announce"),
    (MEMBER, "/events/{event}/sessions/new"),
    # knowledge bank
    (MEMBER, "/knowledge/"),
    (MEMBER, "/knowledge/mine"),
    (MEMBER, "/knowledge/dashboard"),
    (MEMBER, "/knowledge/practices/new"),
    (MEMBER, "/knowledge/practices/{practice}"),
    (ADMIN, "/knowledge/practices/{practice}/edit"),
    (MEMBER, "/knowledge/practices/{practice}/print"),
    (MEMBER, "/knowledge/practices/{other_practice}/adopt"),
    (MEMBER, "/knowledge/projects"),
    (MEMBER, "/knowledge/projects/new"),
    (MEMBER, "/knowledge/projects/{project}"),
    (MEMBER, "/knowledge/projects/{project}/edit"),
    (ADMIN, "/knowledge/review"),
    (ADMIN, "/knowledge/moderators"),
    # site administration
    (ADMIN, "/admin/"),
    (ADMIN, "/admin/members"),
    (ADMIN, "/admin/groups"),
    (ADMIN, "/admin/reports"),
    (ADMIN, "/admin/audit"),
    (ADMIN, "/admin/verified-domains"),
    (ADMIN, "/moderation/reports/{report}"),
]

# Routes that never answer an HTML page, with the reason.
EXCLUDED = {
    "/static/<path:filename>": "files from static/",
    "/people/<username>/avatar": "image",
    "/groups/<slug>/cover": "image",
    "/media/blogs/<name>": "image",
    "/knowledge/practices/<int:practice_id>/attachments/<int:attachment_id>": "file download",
    "/knowledge/practices/<int:practice_id>.pdf": "PDF",
    "/events/<int:event_id>/certificate.pdf": "PDF",
    "/knowledge/practices.csv": "CSV export",
    "/events/<int:event_id>/attendees.csv": "CSV export",
    "/knowledge/practices.json": "JSON export",
    "/settings/privacy/export.json": "JSON export",
    "/blogs/feed.atom": "Atom feed",
    "/blogs/groups/<group_slug>/feed.atom": "Atom feed",
    "/blogs/people/<username>/feed.atom": "Atom feed",
    "/blogs/tags/<tag>/feed.atom": "Atom feed",
    "/events/<int:event_id>.ics": "iCalendar",
    "/events/<int:event_id>/sessions/<int:session_id>.ics": "iCalendar",
    "/events/feed.ics": "iCalendar feed",
    "/events/feeds/<token>.ics": "iCalendar feed",
    "/events/groups/<slug>.ics": "iCalendar feed",
}
EXCLUDED_PREFIXES = {"/api/": "the JSON API (its own tests check the error format)"}

# (who, address, form, {field: value}, button): forms sent with bad input, shown again with
# their error summary; without a form, the address itself carries the bad input.
BAD_INPUT = [
    (ANON, "/login", "form:has([name=login])", {"login": MEMBER, "password": "not-it"}, None),
    (ANON, "/register", "form:has([name=username])", {}, None),
    (ANON, "/password/forgot", "form:has([name=email])", {"email": "no"}, None),
    (MEMBER, "/settings/profile", "form:has([name=display_name])", {"display_name": ""}, None),
    (MEMBER, "/settings/password", "form:has([name=current_password])",
     {"current_password": "not-it", "password": "short"}, None),
    (MEMBER, "/messages/", "form:has([name=username])", {"username": "nobody_here"}, None),
    (MEMBER, "/notifications/settings", "form:has([name^=kind-])",
     {"kind-blog_comment": "by-pigeon"}, None),
    (MEMBER, "/groups/new", "form:has([name=slug])", {}, None),
    (MEMBER, "/groups/{group}/debates/new", "form:has([name=title])", {}, None),
    (MEMBER, "/report/post/{post}", "form:has([name=reason])", {}, None),
    (MEMBER, "/blogs/new", "form:has([name=title])", {}, "button[name=save]"),
    (MEMBER, GROUP_WIKI + "/new", "form.wiki-edit", {}, None),
    (MEMBER, "/events/new", "form:has([name=starts_at])", {}, None),
    (MEMBER, "/events/{event}/check-in", "form:has([name=code])", {"code": "X"}, None),
    (MEMBER, "/knowledge/practices/new", "form.practice-form", {},
     "button[name=send_review]"),
    (MEMBER, "/knowledge/projects/new", "form:has([name=strategy_line])", {},
     "button[name=save]"),
    (MEMBER, "/knowledge/projects/{project}", "form:has([name=ind-name])", {}, None),
    (MEMBER, "/knowledge/", "form.filters", {"year": "pronto"}, None),
    (MEMBER, "/search?q=datos&type=nothing", None, {}, None),
]

# (who, address, status): the error pages.
ERROR_PAGES = [
    (ANON, "/no-such-page", 404),
    (ANON, "/groups/comite-direccion", 404),  # a secret group, to someone outside it
    (MEMBER, "/groups/{group}/edit", 403),  # she moderates the group; only its owner edits it
]


def _prepare(app) -> dict[str, str]:
    """The demo content plus what it lacks for some pages (a report, deleted wiki pages, an
    open invitation, a checked-in attendee, links mailed to a visitor); returns the ids."""
    result = app.test_cli_runner().invoke(args=["seed-demo", "--password", DEMO_PASSWORD])
    assert result.exit_code == 0, result.output

    from novanet.accounts import tokens, two_factor
    from novanet.accounts.models import User
    from novanet.debates import services as debates
    from novanet.debates.models import Debate
    from novanet.events import attendance
    from novanet.events.models import Event
    from novanet.extensions import db
    from novanet.groups import invitations
    from novanet.groups.models import Group
    from novanet.moderation import services as moderation
    from novanet.wiki import services as wiki
    from novanet.wiki.models import WikiPage

    def one(sql: str, **params):
        row = db.session.execute(text(sql), params).first()
        assert row is not None, sql
        return row[0]

    with app.test_request_context(headers={"Accept-Language": "en"}):
        people = {u.username: u for u in db.session.scalars(db.select(User))}
        member, admin = people[MEMBER], people[ADMIN]
        group = db.session.scalar(db.select(Group).where(Group.slug == "datos-abiertos"))
        private = db.session.scalar(db.select(Group).where(
            Group.slug == "laboratorio-innovacion"))
        other = db.session.scalar(db.select(Group).where(
            Group.slug == "participacion-ciudadana"))
        facts = {
            "member": MEMBER,
            "group": group.slug,
            "own_group": "rrhh-digital",
            "private_group": private.slug,
            "conversation": one("SELECT conversation_id FROM conversation_participants "
                                "WHERE user_id = :u ORDER BY conversation_id LIMIT 1",
                                u=member.id),
            "debate": one("SELECT id FROM debates WHERE group_id = :g ORDER BY id LIMIT 1",
                          g=group.id),
            "post": one("SELECT id FROM posts WHERE author_id != :u ORDER BY id LIMIT 1",
                        u=member.id),
            "blog_post": one("SELECT id FROM blog_posts WHERE author_id = :u AND group_id IS NULL "
                             "AND status = 'published' ORDER BY id LIMIT 1", u=member.id),
            "blog_slug": one("SELECT slug FROM blog_posts WHERE author_id = :u AND group_id IS "
                             "NULL AND status = 'published' ORDER BY id LIMIT 1", u=member.id),
            "blog_tag": one("SELECT t.tag FROM blog_post_tags t JOIN blog_posts p "
                            "ON p.id = t.post_id WHERE p.author_id = :u ORDER BY t.tag LIMIT 1",
                            u=member.id),
            "blog_group": one("SELECT g.slug FROM blog_posts p JOIN groups g "
                              "ON g.id = p.group_id WHERE g.visibility = 'public' "
                              "ORDER BY p.id LIMIT 1"),
            "group_blog_slug": one("SELECT p.slug FROM blog_posts p JOIN groups g "
                                   "ON g.id = p.group_id WHERE g.visibility = 'public' "
                                   "ORDER BY p.id LIMIT 1"),
            "blog_comment": one("SELECT id FROM blog_comments WHERE author_id = :u "
                                "ORDER BY id LIMIT 1", u=member.id),
            "kb_page": one("SELECT slug FROM wiki_pages WHERE group_id IS NULL "
                           "ORDER BY version DESC, id LIMIT 1"),
            "group_page": one("SELECT slug FROM wiki_pages WHERE group_id = :g "
                              "ORDER BY version DESC, id LIMIT 1", g=group.id),
            "event": one("SELECT e.id FROM events e JOIN event_organisers o "
                         "ON o.event_id = e.id WHERE o.user_id = :u ORDER BY e.id LIMIT 1",
                         u=member.id),
            "practice": one("SELECT id FROM practices WHERE author_id = :u "
                            "AND status = 'published' ORDER BY id LIMIT 1", u=member.id),
            "other_practice": one("SELECT id FROM practices WHERE author_id != :u "
                                  "AND status = 'published' ORDER BY id LIMIT 1", u=member.id),
            "project": one("SELECT id FROM modernization_projects WHERE created_by_id = :u "
                           "ORDER BY id LIMIT 1", u=member.id),
        }

        # One page deleted in each wiki, so the lists of deleted pages are not empty.
        for in_wiki, kept in ((WikiPage.group_id.is_(None), facts["kb_page"]),
                              (WikiPage.group_id == group.id, facts["group_page"])):
            wiki.delete_page(db.session.scalar(db.select(WikiPage).where(
                in_wiki, WikiPage.slug != kept).order_by(WikiPage.id).limit(1)), admin)
        # The member's own reply, edited once, so its previous versions exist.
        own = debates.reply(member, db.session.get(Debate, facts["debate"]),
                            body="Nosotros publicamos el **catálogo** cada trimestre.")
        debates.edit_post(member, own, body="Publicamos el **catálogo** cada mes.")
        facts["own_post"] = own.id
        facts["report"] = moderation.report(people["emma_clarke"], "post", int(facts["post"]),
                                            "Este mensaje incluye datos personales.").id
        _, facts["invitation"] = invitations.invite(people["carlos_hernandez"], other,
                                                    username=MEMBER)
        event = db.session.get(Event, facts["event"])
        code = one("SELECT code FROM rsvps WHERE event_id = :e AND user_id = :u",
                   e=event.id, u=member.id)
        attendance.check_in(member, event, code)
        facts["certificate"] = one("SELECT token FROM event_certificates WHERE user_id = :u",
                                   u=member.id)
        facts["verify_token"] = tokens.make("verify", people["joao_silva"])
        facts["reset_token"] = tokens.make("reset", people["joao_silva"])
        two_step = people[TWO_STEP]
        two_step.totp_secret = two_factor.new_secret()
        two_step.totp_enabled = True
        db.session.commit()
        db.session.remove()
    return {key: str(value) for key, value in facts.items()}


def test_every_html_route_is_checked_or_excluded():
    """Needs no browser: it reads the routes of an application of its own, made before the
    module's server (the newest application is the one Socket.IO serves)."""
    from werkzeug.routing import RequestRedirect

    from novanet import create_app

    app = create_app({"SECRET_KEY": "route-listing-secret-key", "DATABASE_URL": "sqlite://"})
    adapter = app.url_map.bind("localhost")
    sample = {key: "1" for key in _placeholders()}
    checked = set()
    for _, path in PAGES:
        try:
            rule, _ = adapter.match(path.format(**sample).split("?")[0], method="GET",
                                    return_rule=True)
        except RequestRedirect as exc:
            pytest.fail(f"{path} redirects to {exc.new_url}: list the address it ends at")
        checked.add(rule.rule)
    routes = {rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    html = {r for r in routes if not r.startswith(tuple(EXCLUDED_PREFIXES))}
    missing = sorted(html - checked - set(EXCLUDED))
    assert not missing, f"page routes that axe never sees (add them to PAGES): {missing}"
    stale = sorted(set(EXCLUDED) - routes)
    assert not stale, f"excluded routes that no longer exist: {stale}"
    both = sorted(set(EXCLUDED) & checked)
    assert not both, f"routes both checked and excluded: {both}"


def _placeholders() -> set[str]:
    return {name for _, path in PAGES for _, name, _, _ in string.Formatter().parse(path)
            if name}


@pytest.fixture(scope="module")
def live_server():
    """One server for the whole module, filled once (seeding it for each test would cost
    more than the checks): nothing here changes what another test reads."""
    with serve() as server:
        server.facts = _prepare(server.app)
        yield server


def _log_in(page, username: str, locale: str) -> None:
    """Logs in and, as members' own language wins over the browser's, picks the locale's
    language with the switcher in the footer."""
    page.goto("/login")
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url(lambda url: not url.endswith("/login"))
    if username != TWO_STEP:
        page.locator("#language-select").select_option(locale[:2])
        page.locator("form.language button[type=submit]").click()
        page.wait_for_load_state()


def _check(page, axe_check, locale: str, label: str) -> str | None:
    """What is wrong with the page now shown (its language, its h1, axe-core), or None."""
    if page.locator("html").get_attribute("lang") != locale[:2]:
        return f"{label}: <html lang> is {page.locator('html').get_attribute('lang')!r}"
    if page.locator("h1").count() != 1:
        return f"{label}: {page.locator('h1').count()} h1 elements"
    try:
        axe_check(page)
    except AssertionError as exc:
        return f"{label}: {exc}"
    return None


def _by_person() -> list[str | None]:
    people = []
    for who, _ in PAGES:
        if who not in people:
            people.append(who)
    return people


@pytest.mark.browser
@pytest.mark.parametrize("who", _by_person(), ids=lambda who: who or "visitor")
@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_passes_axe(make_page, live_server, axe_check, locale, who):
    page = make_page(locale, with_axe=True)
    if who is not None:
        _log_in(page, who, locale)
    failures = []
    for _, path in (entry for entry in PAGES if entry[0] == who):
        address = path.format(**live_server.facts)
        response = page.goto(address)
        if response.status != 200:
            failures.append(f"{address} answered {response.status}")
            continue
        problem = _check(page, axe_check, locale, address)
        if problem:
            failures.append(problem)
    assert not failures, "\n\n".join(failures)


def _summary_problems(page) -> list[str]:
    """What is wrong with the error summary: it must be announced (role=alert), take the
    focus, and link each message to its field, which says it is invalid and why."""
    summary = page.locator("[data-error-summary]")
    if summary.count() != 1:
        return [f"{summary.count()} error summaries"]
    problems = []
    if summary.get_attribute("role") != "alert":
        problems.append("the error summary is not announced (role=alert)")
    if not page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')"):
        problems.append("focus did not move to the error summary")
    for href in summary.locator("a").evaluate_all("links => links.map(a => a.hash)"):
        target = page.locator(f"[id='{href[1:]}']")
        if target.count() != 1:
            problems.append(f"the summary links to {href}, which is not one field")
            continue
        if target.get_attribute("aria-invalid") != "true":
            problems.append(f"{href} is not marked aria-invalid")
        described = (target.get_attribute("aria-describedby") or "").split()
        if f"{href[1:]}-error" not in described:
            problems.append(f"{href} is not described by its error message")
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("locale", LOCALES)
def test_forms_shown_again_with_errors_pass_axe(make_page, live_server, axe_check, locale):
    pages = {}
    failures = []
    for who, path, form, values, button in BAD_INPUT:
        if who not in pages:
            pages[who] = make_page(locale, with_axe=True)
            if who is not None:
                _log_in(pages[who], who, locale)
        page = pages[who]
        address = path.format(**live_server.facts)
        page.goto(address)
        if form is not None:
            form = page.locator(f"main {form}")
            for name, value in values.items():
                field = form.locator(f"[name='{name}']").first
                if field.get_attribute("type") == "radio":  # a value no option offers
                    field.evaluate("(el, v) => { el.value = v; el.checked = true; }", value)
                else:
                    field.fill(value)
            with page.expect_navigation():
                form.locator(button or "button[type=submit]").first.click()
        label = f"{address} sent with bad input"
        problems = _summary_problems(page)
        if problems:
            failures.append(f"{label}: " + "; ".join(problems))
        problem = _check(page, axe_check, locale, label)
        if problem:
            failures.append(problem)
    assert not failures, "\n\n".join(failures)


@pytest.mark.browser
@pytest.mark.parametrize("locale", LOCALES)
def test_error_pages_pass_axe(make_page, live_server, axe_check, locale):
    failures = []
    for who, path, status in ERROR_PAGES:
        page = make_page(locale, with_axe=True)
        if who is not None:
            _log_in(page, who, locale)
        path = path.format(**live_server.facts)
        response = page.goto(path)
        if response.status != status:
            failures.append(f"{path} answered {response.status}, not {status}")
        problem = _check(page, axe_check, locale, path)
        if problem:
            failures.append(problem)
    assert not failures, "\n\n".join(failures)
