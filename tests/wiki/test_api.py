"""Wiki API: pages, revisions, diffs, revert, rename, delete; 409 with conflict details."""

import pytest
from sqlalchemy import func, select

from novanet.extensions import db
from novanet.wiki.models import WikiRevision
from tests.factories import add_member, make_group, make_user
from tests.wiki.factories import make_page


def test_create_read_update_and_list(api, user):
    me = api.as_user(user)
    res = me.put("/api/v1/kb/pages/guia", json={"title": "Guía", "body": "Hola [[Otra]]",
                                                "summary": "inicio"})
    assert res.status_code == 201, res.json
    assert res.json["version"] == 1 and res.json["wiki"] == "kb"
    assert "wiki-missing" in res.json["body_html"]
    res = me.put("/api/v1/kb/pages/guia", json={"title": "Guía", "body": "Hola de nuevo",
                                                "summary": "", "base_revision": 1})
    assert res.status_code == 200 and res.json["version"] == 2
    listed = api.as_user(None).get("/api/v1/kb/pages").json
    assert [p["slug"] for p in listed["items"]] == ["guia"] and listed["next"] is None
    assert api.as_user(None).get("/api/v1/kb/pages/guia").json["body"] == "Hola de nuevo"
    revs = api.as_user(None).get("/api/v1/kb/pages/guia/revisions").json["items"]
    assert [r["number"] for r in revs] == [2, 1]
    assert revs[0]["author"]["username"] == user.username
    one = api.as_user(None).get("/api/v1/kb/pages/guia/revisions/1").json
    assert one["body"] == "Hola [[Otra]]" and "wiki-missing" in one["body_html"]
    diff = api.as_user(None).get("/api/v1/kb/pages/guia/diff?from=1&to=2").json
    assert "<ins>" in diff["html"] and diff["from_revision"] == 1


def test_conflict_is_409_with_details_and_stores_nothing(api, user):
    page = make_page("Plan", body="a\nb\nc\nd\ne\n", author=user)
    other = api.as_user(make_user())
    assert other.put("/api/v1/kb/pages/plan", json={
        "title": "Plan", "body": "a\nb\nc\nd\nE\n", "base_revision": 1}).status_code == 200
    res = api.as_user(user).put("/api/v1/kb/pages/plan", json={
        "title": "Plan", "body": "A\nb\nc\nd\ne\n", "base_revision": 1})
    assert res.status_code == 409
    error = res.json["error"]
    assert error["code"] == "edit_conflict"
    conflict = error["conflict"]
    assert conflict["current_revision"] == 2 and conflict["base_revision"] == 1
    assert conflict["merged"] is True
    assert conflict["merged_body"] == "A\nb\nc\nd\nE\n"
    assert conflict["current_body"] == "a\nb\nc\nd\nE\n"
    res = api.as_user(user).put("/api/v1/kb/pages/plan", json={
        "title": "Plan", "body": "A\nb\nX\nd\ne\n", "base_revision": 1})
    assert res.status_code == 409
    assert db.session.scalar(select(func.count()).select_from(WikiRevision)
                             .where(WikiRevision.page_id == page.id)) == 2


def test_overlapping_conflict_lists_regions(api, user):
    make_page("Plan", body="a\nb\nc\n", author=user)
    api.as_user(make_user()).put("/api/v1/kb/pages/plan", json={
        "title": "Plan", "body": "a\ntheirs\nc\n", "base_revision": 1})
    res = api.as_user(user).put("/api/v1/kb/pages/plan", json={
        "title": "Plan", "body": "a\nmine\nc\n", "base_revision": 1})
    conflict = res.json["error"]["conflict"]
    assert conflict["merged"] is False
    assert conflict["conflicts"] == [{"base": "b\n", "mine": "mine\n", "theirs": "theirs\n"}]


@pytest.mark.parametrize("payload,field", [
    ({"title": "", "body": "x", "base_revision": 1}, "title"),
    ({"title": "Plan", "body": "x", "base_revision": 7}, "base_revision"),
    ({"title": "Plan", "body": "x"}, "base_revision"),
    ({"title": "Otra", "body": "x", "base_revision": 1}, "title"),
])
def test_bad_input_is_422_and_stores_nothing(api, user, payload, field):
    make_page("Plan", author=user)
    make_page("Otra", author=user)
    res = api.as_user(user).put("/api/v1/kb/pages/plan", json=payload)
    assert res.status_code == 422, res.json
    assert field in res.json["error"]["fields"]
    assert db.session.scalar(select(func.count()).select_from(WikiRevision)) == 2


def test_unknown_fields_and_non_json_are_refused(api, user):
    me = api.as_user(user)
    assert me.put("/api/v1/kb/pages/x", json={"title": "X", "evil": 1}).status_code == 422
    assert me.put("/api/v1/kb/pages/x", data="nope").status_code == 400


def test_anonymous_cannot_write(api, user):
    make_page("Plan", author=user)
    anon = api.as_user(None)
    assert anon.put("/api/v1/kb/pages/new", json={"title": "New"}).status_code == 401
    assert anon.post("/api/v1/kb/pages/plan/revert", json={"revision": 1}).status_code == 401


def test_revert_rename_delete_restore(api, user, admin):
    make_page("Plan", body="one", author=user, revisions=["two"])
    me = api.as_user(user)
    res = me.post("/api/v1/kb/pages/plan/revert", json={"revision": 1})
    assert res.status_code == 200 and res.json["body"] == "one" and res.json["version"] == 3
    assert me.post("/api/v1/kb/pages/plan/revert", json={"revision": 9}).status_code == 404
    res = me.post("/api/v1/kb/pages/plan/rename", json={"title": "Plan nuevo"})
    assert res.json["slug"] == "plan-nuevo"
    moved = api.as_user(None).get("/api/v1/kb/pages/plan").json
    assert moved["slug"] == "plan-nuevo" and moved["redirected_from"] == "plan"
    assert me.delete("/api/v1/kb/pages/plan-nuevo").status_code == 403
    boss = api.as_user(admin)
    assert boss.delete("/api/v1/kb/pages/plan-nuevo").status_code == 204
    assert api.as_user(None).get("/api/v1/kb/pages/plan-nuevo").status_code == 404
    assert me.put("/api/v1/kb/pages/plan-nuevo", json={
        "title": "Plan nuevo", "body": "x", "base_revision": 4}).status_code == 404
    assert boss.post("/api/v1/kb/pages/plan-nuevo/restore").json["deleted"] is False


def test_group_wiki_api_follows_group_policy(api, user):
    secret = make_group(owner=user, visibility="secret", slug="s")
    private = make_group(owner=user, visibility="private", slug="p")
    make_page("Acta", author=user, group=secret)
    make_page("Acta", author=user, group=private)
    outsider = api.as_user(make_user())
    for path in ("/pages", "/pages/acta", "/pages/acta/revisions", "/pages/acta/revisions/1",
                 "/pages/acta/diff?from=1&to=1"):
        assert outsider.get(f"/api/v1/groups/s/wiki{path}").status_code == 404
        assert outsider.get(f"/api/v1/groups/p/wiki{path}").status_code == 403
    assert outsider.put("/api/v1/groups/s/wiki/pages/acta", json={
        "title": "Acta", "body": "x", "base_revision": 1}).status_code == 404
    assert outsider.delete("/api/v1/groups/s/wiki/pages/acta").status_code == 404
    member = make_user()
    add_member(private, member)
    res = api.as_user(member).put("/api/v1/groups/p/wiki/pages/acta", json={
        "title": "Acta", "body": "x", "base_revision": 1})
    assert res.status_code == 200 and res.json["wiki"] == "groups/p/wiki"


def test_session_calls_need_csrf(app, client, auth, user):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        res = client.get("/login")
        import re

        token = re.search(r'name="csrf_token" value="([^"]+)"', res.text).group(1)
        client.post("/login", data={"login": user.username,
                                    "password": "correct horse battery staple",
                                    "csrf_token": token})
        res = client.put("/api/v1/kb/pages/x", json={"title": "X", "body": ""})
        assert res.status_code == 403 and res.json["error"]["code"] == "csrf_failed"
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_diff_and_revision_queries_are_checked(api, user):
    make_page("A", author=user, revisions=["a2", "a3"])
    make_page("B", author=user)
    anon = api.as_user(None)
    assert anon.get("/api/v1/kb/pages/a/diff?from=x&to=2").status_code == 422
    assert anon.get("/api/v1/kb/pages/a/diff?from=1").status_code == 422
    assert anon.get("/api/v1/kb/pages/b/diff?from=1&to=3").status_code == 404
    assert anon.get("/api/v1/kb/pages/b/revisions/3").status_code == 404
    assert anon.get("/api/v1/kb/pages/a/revisions/3").json["body"] == "a3"
    assert anon.get("/api/v1/kb/pages?limit=1000").status_code == 422
    assert anon.get("/api/v1/kb/pages?cursor=garbage").status_code == 400


def test_watch_by_api(api, user):
    from novanet.extensions import db as _db
    from novanet.wiki.models import WikiWatch

    page = make_page("A", author=make_user())
    me = api.as_user(user)
    assert me.put("/api/v1/kb/pages/a/watch").status_code == 204
    assert me.put("/api/v1/kb/pages/a/watch").status_code == 204
    assert _db.session.get(WikiWatch, (user.id, page.id)) is not None
    assert me.delete("/api/v1/kb/pages/a/watch").status_code == 204
    _db.session.expire_all()
    assert _db.session.get(WikiWatch, (user.id, page.id)) is None
