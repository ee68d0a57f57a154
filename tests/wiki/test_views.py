"""The wiki in the browser without JavaScript: reading, editing, conflicts, history, diffs."""

import re

import pytest
from sqlalchemy import func, select

from novanet.extensions import db
from novanet.wiki import services
from novanet.wiki.models import WikiPage, WikiRevision
from tests.conftest import Auth
from tests.factories import add_member, make_group, make_user
from tests.wiki.factories import make_page


def test_kb_index_is_public_and_invites_to_write(client, auth, user):
    res = client.get("/wiki")
    assert res.status_code == 200
    assert "No pages yet" in res.text and "Log in to write" in res.text
    auth.login(user)
    res = client.get("/wiki")
    assert "Write a new page" in res.text and "<h1>" in res.text


def test_create_view_edit_and_see_history(client, auth, user):
    auth.login(user)
    res = client.post("/wiki/new", data={"title": "Guía de datos abiertos",
                                         "body": "## Uno\n\nTexto [[Otra página]]",
                                         "summary": "inicio"})
    assert res.status_code == 302 and res.location.endswith("/wiki/pages/guia-de-datos-abiertos")
    page = client.get(res.location)
    assert "<title>Guía de datos abiertos" in page.text
    assert "wiki-missing" in page.text and "create it" in page.text
    form = client.get("/wiki/pages/guia-de-datos-abiertos/edit")
    assert 'name="base_revision" type="hidden" value="1"' in form.text
    res = client.post("/wiki/pages/guia-de-datos-abiertos/edit",
                      data={"title": "Guía de datos abiertos", "body": "## Uno\n\nMejor texto",
                            "summary": "mejora", "base_revision": "1"})
    assert res.status_code == 302
    history = client.get("/wiki/pages/guia-de-datos-abiertos/history")
    assert "Revision 2" in history.text and "mejora" in history.text
    old = client.get("/wiki/pages/guia-de-datos-abiertos/revisions/1")
    assert "old revision" in old.text and "Texto" in old.text
    diff = client.get("/wiki/pages/guia-de-datos-abiertos/diff?from=1&to=2")
    assert diff.status_code == 200
    assert "<del>" in diff.text and "<ins>" in diff.text
    assert re.search(r'<ins><span class="visually-hidden">added:', diff.text)
    assert re.search(r'<del><span class="visually-hidden">removed:', diff.text)
    # word level: the unchanged word stays outside ins/del
    assert "Texto" in re.findall(r"<del>.*?</del>", diff.text, re.S)[0]


def test_empty_title_keeps_the_text_and_stores_nothing(client, auth, user):
    auth.login(user)
    res = client.post("/wiki/new", data={"title": " ", "body": "keep me", "summary": ""})
    assert res.status_code == 400
    assert "Give the page a title" in res.text and "keep me" in res.text
    assert 'aria-invalid="true"' in res.text
    assert db.session.scalar(select(func.count()).select_from(WikiPage)) == 0


def test_edit_conflict_screen_offers_the_merge_and_the_decision_saves(client, make_client, user):
    other = make_user()
    page = make_page("Plan", body="a\nb\nc\nd\ne\n", author=user)
    services.save_page(page, other, title="Plan", body="a\nb\nc\nd\nE\n", base_revision=1)
    Auth(client).login(user)
    res = client.post("/wiki/pages/plan/edit", data={"title": "Plan", "body": "A\nb\nc\nd\ne\n",
                                                     "summary": "mine", "base_revision": "1"})
    assert res.status_code == 409
    assert "Someone else changed this page" in res.text
    assert 'data-merge="clean"' in res.text
    assert "A\nb\nc\nd\nE\n" in res.text  # the merged text is in the box
    assert 'name="base_revision" type="hidden" value="2"' in res.text
    assert db.session.scalar(select(func.count()).select_from(WikiRevision)) == 2
    res = client.post("/wiki/pages/plan/edit", data={"title": "Plan", "body": "A\nb\nc\nd\nE\n",
                                                     "summary": "merged", "base_revision": "2"})
    assert res.status_code == 302
    db.session.refresh(page)
    assert page.body == "A\nb\nc\nd\nE\n" and page.version == 3


def test_overlapping_conflict_keeps_my_text_and_shows_both(client, user):
    other = make_user()
    page = make_page("Plan", body="a\nb\nc\n", author=user)
    services.save_page(page, other, title="Plan", body="a\ntheirs\nc\n", base_revision=1)
    Auth(client).login(user)
    res = client.post("/wiki/pages/plan/edit", data={"title": "Plan", "body": "a\nmine\nc\n",
                                                     "base_revision": "1"})
    assert res.status_code == 409
    assert 'data-merge="conflict"' in res.text
    assert "a\nmine\nc\n</textarea>" in res.text
    assert "theirs" in res.text and "Where the changes collide" in res.text


def test_rename_redirects_old_address(client, auth, user):
    make_page("Viejo título", author=user)
    auth.login(user)
    res = client.post("/wiki/pages/viejo-titulo/rename", data={"title": "Nuevo título"})
    assert res.status_code == 302
    res = client.get("/wiki/pages/viejo-titulo/history")
    assert res.status_code == 302 and res.location.endswith("/wiki/pages/nuevo-titulo/history")
    res = client.post("/wiki/pages/nuevo-titulo/rename", data={"title": "Viejo título"})
    assert res.status_code == 302
    assert client.get("/wiki/pages/viejo-titulo").status_code == 200
    assert client.get("/wiki/pages/nuevo-titulo").location.endswith("/wiki/pages/viejo-titulo")


def test_revert_and_what_links_here(client, auth, user):
    make_page("Destino", body="v1", author=user, revisions=["v2"])
    make_page("Origen", body="Ir a [[Destino]]", author=user)
    auth.login(user)
    res = client.post("/wiki/pages/destino/revert", data={"revision": "1"})
    assert res.status_code == 302
    assert "v1" in client.get("/wiki/pages/destino").text
    links = client.get("/wiki/pages/destino/links")
    assert "Origen" in links.text


def test_missing_page_offers_to_create_it(client, auth, user):
    assert client.get("/wiki/pages/no-existe").status_code == 404
    auth.login(user)
    res = client.get("/wiki/pages/no-existe")
    assert res.status_code == 404 and "Create this page" in res.text
    res = client.get("/wiki/pages/no-existe/edit?title=No%20existe")
    assert res.status_code == 302 and "/wiki/new?title=No+existe" in res.location
    assert 'value="No existe"' in client.get(res.location).text


def test_moderator_tools_protect_delete_restore(client, auth, user, admin):
    make_page("Norma", author=user)
    auth.login(user)
    assert client.post("/wiki/pages/norma/delete").status_code == 403
    auth.logout()
    auth.login(admin)
    assert client.post("/wiki/pages/norma/protect", data={"on": "1"}).status_code == 302
    assert client.post("/wiki/pages/norma/delete").status_code == 302
    assert "Restore the page" in client.get("/wiki/pages/norma").text
    auth.logout()
    assert client.get("/wiki/pages/norma").status_code == 404
    auth.login(admin)
    client.post("/wiki/pages/norma/restore")
    auth.logout()
    auth.login(user)
    page = client.get("/wiki/pages/norma")
    assert "Protected page" in page.text and ">Edit<" not in page.text
    assert client.get("/wiki/pages/norma/edit").status_code == 403


def test_watch_toggle(client, auth, user):
    make_page("Vigilada", author=make_user())
    auth.login(user)
    assert "Watch this page" in client.get("/wiki/pages/vigilada").text
    client.post("/wiki/pages/vigilada/watch", data={"on": "1"})
    assert "Stop watching" in client.get("/wiki/pages/vigilada").text


def test_recent_changes_pages(client, user):
    group = make_group(owner=user)
    make_page("Kb", author=user)
    make_page("En grupo", author=user, group=group)
    kb = client.get("/wiki/recent")
    assert "Kb" in kb.text and "En grupo" not in kb.text
    everywhere = client.get("/wiki/changes")
    assert "Kb" in everywhere.text and "En grupo" in everywhere.text
    assert "En grupo" in client.get(f"/groups/{group.slug}/wiki/recent").text


SECRET_PATHS = ["", "/recent", "/new", "/pages/acta", "/pages/acta/edit", "/pages/acta/history",
                "/pages/acta/revisions/1", "/pages/acta/diff?from=1&to=1", "/pages/acta/links",
                "/pages/acta/rename", "/deleted", "/pages/nope"]
SECRET_POSTS = ["/pages/acta/edit", "/pages/acta/revert", "/pages/acta/watch",
                "/pages/acta/protect", "/pages/acta/delete", "/pages/acta/restore",
                "/pages/acta/rename", "/new"]


@pytest.mark.parametrize("who", ["anonymous", "outsider", "invited-less-banned"])
def test_secret_group_wiki_is_404_on_every_path(client, auth, user, who):
    group = make_group(owner=user, visibility="secret", slug="secreto")
    make_page("Acta", author=user, group=group)
    if who == "outsider":
        auth.login(make_user())
    elif who == "invited-less-banned":
        banned = make_user()
        add_member(group, banned, status="banned")
        auth.login(banned)
    for path in SECRET_PATHS:
        res = client.get(f"/groups/secreto/wiki{path}")
        assert res.status_code in (404, 302) if who == "anonymous" else res.status_code == 404, path
        if res.status_code == 302:
            assert "/login" in res.location
    for path in SECRET_POSTS:
        res = client.post(f"/groups/secreto/wiki{path}", data={"revision": "1", "on": "1"})
        assert res.status_code in (404, 302) if who == "anonymous" else res.status_code == 404, path
    assert "Acta" not in client.get("/wiki/changes").text


@pytest.mark.parametrize("visibility,role,read,edit,moderate", [
    ("public", None, 200, 403, 403),
    ("public", "member", 200, 200, 403),
    ("public", "moderator", 200, 200, 302),
    ("private", None, 403, 403, 403),
    ("private", "pending", 403, 403, 403),
    ("private", "member", 200, 200, 403),
    ("private", "owner", 200, 200, 302),
    ("secret", "member", 200, 200, 403),
    ("secret", "invited", 403, 403, 403),
])
def test_group_wiki_permission_matrix(client, auth, visibility, role, read, edit, moderate):
    owner = make_user()
    group = make_group(owner=owner, visibility=visibility, slug="g")
    make_page("Acta", author=owner, group=group)
    me = make_user()
    if role == "owner":
        me = owner
    elif role in ("member", "moderator"):
        add_member(group, me, role=role)
    elif role in ("pending", "invited"):
        add_member(group, me, status=role)
    auth.login(me)
    assert client.get("/groups/g/wiki/pages/acta").status_code == read
    assert client.get("/groups/g/wiki/pages/acta/edit").status_code == edit
    assert client.post("/groups/g/wiki/pages/acta/protect", data={"on": "1"}).status_code \
        == moderate


def test_edit_sent_to_a_title_renamed_meanwhile_still_saves(client, auth, user):
    page = make_page("Antes", body="texto", author=user)
    auth.login(user)
    client.post("/wiki/pages/antes/rename", data={"title": "Después"})
    res = client.post("/wiki/pages/antes/edit", data={"title": "Después", "body": "nuevo",
                                                      "base_revision": "2"})
    assert res.status_code == 302 and res.location.endswith("/wiki/pages/despues")
    db.session.refresh(page)
    assert page.body == "nuevo" and page.version == 3


def test_lists_load_in_a_bounded_number_of_queries(client, count_queries, user):
    group = make_group(owner=user)

    def measure(path):
        with count_queries() as q:
            assert client.get(path).status_code == 200
        return q.count

    make_page("Uno", author=user, group=group)
    make_page("Kb uno", author=user)
    base = {p: measure(p) for p in ("/wiki", "/wiki/changes", "/wiki/recent",
                                    f"/groups/{group.slug}/wiki/recent")}
    for i in range(6):
        member = make_user()
        add_member(group, member)
        make_page(f"Más {i}", author=member, group=group, revisions=["b", "c"])
        make_page(f"Kb más {i}", author=make_user(), revisions=["b"])
    for path, count in base.items():
        assert measure(path) == count, path
