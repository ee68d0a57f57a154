"""Two people edit the same group wiki page at once, each in their own browser. When their
changes touch different lines the second sees the conflict screen with the automatic merge and
saves it; when they touch the same line the second gets their own text back with both changes
shown, reconciles them by hand and saves. The conflict screen passes axe-core."""

import pytest
from sqlalchemy import select

from novanet.extensions import db
from novanet.groups.models import Group
from novanet.wiki.models import WikiPage
from novanet.wiki.wikis import Wiki
from tests.factories import PASSWORD, add_member, make_group, make_user
from tests.wiki.factories import make_page as make_wiki_page

pytestmark = pytest.mark.browser

BODY = "Intro line\nSecond line\nThird line\nFourth line\nLast line\n"
PAGE = "/groups/datos/wiki/pages/plan-de-datos"


@pytest.fixture
def editors(live_server):
    """Ana and Beto, members of a group whose wiki has the page they will both edit."""
    with live_server.app_context():
        ana, beto = make_user("ana_editora"), make_user("beto_editor")
        group = make_group("Datos", owner=ana, slug="datos")
        add_member(group, beto)
        make_wiki_page("Plan de datos", body=BODY, group=group, author=ana)
    return "ana_editora", "beto_editor"


def log_in(page, username: str) -> None:
    page.goto("/login")
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/login" not in url)


def save(page, body: str, summary: str) -> None:
    page.fill("textarea[name=body]", body)
    page.fill("input[name=summary]", summary)
    with page.expect_navigation():
        page.click("form.wiki-edit button[type=submit]")


def stored_page(live_server) -> WikiPage:
    with live_server.app_context():
        group = db.session.scalar(select(Group).where(Group.slug == "datos"))
        page = db.session.scalar(select(WikiPage).where(WikiPage.wiki_key == Wiki(group).key,
                                                        WikiPage.slug == "plan-de-datos"))
        db.session.expunge(page)
        return page


def test_two_editors_conflict_merge_and_resolve(make_page, live_server, editors, axe_check):
    a, b = make_page(), make_page()
    log_in(a, editors[0])
    log_in(b, editors[1])
    a.goto(PAGE + "/edit")
    b.goto(PAGE + "/edit")  # both start from revision 1

    save(a, BODY.replace("Intro line", "Intro line, by Ana"), "Ana's change")
    assert a.url.endswith(PAGE)
    assert "Intro line, by Ana" in a.inner_text("main")

    save(b, BODY.replace("Last line", "Last line, by Beto"), "Beto's change")
    assert b.locator("h1").inner_text() == \
        "Someone else changed this page while you were editing"
    assert b.locator("[data-merge=clean]").count() == 1
    # the other person's change is shown as an accessible insertion
    inserted = b.locator("#theirs-title + .diff ins").first.inner_text()
    assert ", by Ana" in inserted and "added:" in inserted
    merged = b.input_value("textarea[name=body]")
    assert "Intro line, by Ana" in merged and "Last line, by Beto" in merged
    assert b.input_value("input[name=base_revision]") == "2"
    axe_check(b)

    with b.expect_navigation():
        b.click("form.wiki-edit button[type=submit]")
    assert b.url.endswith(PAGE)
    text = b.inner_text("main")
    assert "Intro line, by Ana" in text and "Last line, by Beto" in text

    page = stored_page(live_server)
    assert page.version == 3
    assert page.body.startswith("Intro line, by Ana") and "Last line, by Beto" in page.body


@pytest.mark.parametrize("locale", ["es-ES", "en-GB"])
def test_overlapping_edits_are_reconciled_by_hand(make_page, live_server, editors, axe_check,
                                                  locale):
    a, b = make_page(locale), make_page(locale)
    log_in(a, editors[0])
    log_in(b, editors[1])
    a.goto(PAGE + "/edit")
    b.goto(PAGE + "/edit")

    save(a, BODY.replace("Third line", "Third line as Ana wrote it"), "Ana")
    save(b, BODY.replace("Third line", "Third line as Beto wrote it"), "Beto")
    assert b.locator("[data-merge=conflict]").count() == 1
    assert b.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    # nothing of Beto's is lost: the box holds his text, Ana's is shown beside it
    assert "Third line as Beto wrote it" in b.input_value("textarea[name=body]")
    assert "Third line as Ana wrote it" in b.locator("#theirs-text").input_value()
    assert b.locator("#regions-title").count() == 1
    axe_check(b)

    save(b, BODY.replace("Third line", "Third line as Ana and Beto agreed"), "Both")
    assert b.url.endswith(PAGE)
    page = stored_page(live_server)
    assert page.version == 3
    assert "Third line as Ana and Beto agreed" in page.body
