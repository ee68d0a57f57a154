from sqlalchemy import select

from novanet.debates.models import Post
from novanet.extensions import db
from tests.debates.factories import make_debate, make_post
from tests.factories import add_member, make_group, make_user


def test_create_list_and_read(app, api):
    owner = make_user()
    make_group(owner=owner, slug="civic")
    client = api.as_user(owner)
    res = client.post("/api/v1/groups/civic/debates",
                      json={"title": "Open contracts", "body": "How?", "tags": ["procurement"]})
    assert res.status_code == 201, res.json
    debate_id = res.json["id"]
    assert res.json["tags"] == ["procurement"] and res.json["group"]["slug"] == "civic"
    listing = api.as_user(None).get("/api/v1/groups/civic/debates").json
    assert [d["id"] for d in listing["items"]] == [debate_id] and listing["next"] is None
    res = client.post(f"/api/v1/debates/{debate_id}/posts", json={"body": "First"})
    assert res.status_code == 201 and res.json["body_html"] == "<p>First</p>"
    first = res.json["id"]
    res = client.post(f"/api/v1/debates/{debate_id}/posts", json={"body": "Second",
                                                                  "reply_to": first})
    assert res.json["reply_to"]["id"] == first and res.json["reply_to"]["excerpt"] == "First"
    posts = client.get(f"/api/v1/debates/{debate_id}/posts?after={first}").json
    assert [p["body"] for p in posts["items"]] == ["Second"]


def test_bad_input_answers(app, api):
    debate = make_debate()
    member_client = api.as_user(debate.author)
    url = f"/api/v1/debates/{debate.id}/posts"
    res = member_client.post(url, json={"body": ""})
    assert res.status_code == 422 and "body" in res.json["error"]["fields"]
    res = member_client.post(url, json={"body": "x" * 20_001})
    assert res.status_code == 422 and "body" in res.json["error"]["fields"]
    assert member_client.post(url, json={"body": "x", "extra": 1}).status_code == 422
    assert member_client.post(url, data="nope").status_code == 400
    outsider = api.as_user(make_user())
    assert outsider.post(url, json={"body": "hi"}).status_code == 403
    assert api.as_user(None).post(url, json={"body": "hi"}).status_code == 401
    assert db.session.scalar(select(Post)) is None
    res = member_client.patch(f"/api/v1/debates/{debate.id}", json={"locked": True})
    assert res.status_code == 200 and res.json["locked"]
    res = member_client.post(url, json={"body": "late"})
    assert res.status_code == 409


def test_secret_and_private_debates(app, api):
    secret = make_debate(make_group(visibility="secret", slug="sec"))
    private = make_debate(make_group(visibility="private", slug="pri"))
    stranger = api.as_user(make_user())
    assert stranger.get(f"/api/v1/debates/{secret.id}").status_code == 404
    assert stranger.get("/api/v1/groups/sec/debates").status_code == 404
    assert stranger.post("/api/v1/groups/sec/debates", json={"title": "abc", "body": "x"}
                         ).status_code == 404
    assert stranger.get(f"/api/v1/debates/{secret.id}/posts").status_code == 404
    assert stranger.get(f"/api/v1/debates/{private.id}").status_code == 403
    post = make_post(secret)
    assert stranger.patch(f"/api/v1/posts/{post.id}", json={"body": "x"}).status_code == 404
    assert stranger.put(f"/api/v1/posts/{post.id}/reactions/useful").status_code == 404


def test_edit_delete_react(app, api):
    debate = make_debate()
    member = make_user()
    add_member(debate.group, member)
    post = make_post(debate, member)
    mine, owner = api.as_user(member), api.as_user(debate.author)
    assert owner.patch(f"/api/v1/posts/{post.id}", json={"body": "hijack"}).status_code == 403
    res = mine.patch(f"/api/v1/posts/{post.id}", json={"body": "fixed"})
    assert res.status_code == 200 and res.json["edited_at"]
    assert mine.put(f"/api/v1/posts/{post.id}/reactions/useful").json["reactions"] == {"useful": 1}
    res = mine.put(f"/api/v1/posts/{post.id}/reactions/useful")
    assert res.status_code == 409 and res.json["error"]["code"] == "already_reacted"
    assert mine.put(f"/api/v1/posts/{post.id}/reactions/bogus").status_code == 422
    assert mine.delete(f"/api/v1/posts/{post.id}/reactions/useful").json["reactions"] == {}
    assert owner.delete(f"/api/v1/posts/{post.id}").status_code == 204
    got = mine.get(f"/api/v1/debates/{debate.id}/posts").json["items"][0]
    assert got["deleted"] and got["body"] is None and got["body_html"] == ""


def test_close_requires_conclusion(app, api):
    debate = make_debate()
    owner = api.as_user(debate.author)
    res = owner.patch(f"/api/v1/debates/{debate.id}", json={"closed": True})
    assert res.status_code == 422 and "conclusion" in res.json["error"]["fields"]
    res = owner.patch(f"/api/v1/debates/{debate.id}", json={"closed": True, "conclusion": "OK"})
    assert res.json["closed"] and res.json["conclusion_html"] == "<p>OK</p>"


def test_session_calls_need_csrf(app, client, auth):
    debate = make_debate()
    auth.login(debate.author)
    app.config["WTF_CSRF_ENABLED"] = True
    res = client.post(f"/api/v1/debates/{debate.id}/posts", json={"body": "hi"})
    assert res.status_code == 403 and res.json["error"]["code"] == "csrf_failed"
