import time

import pytest
from sqlalchemy import select

from novanet.core import signals
from novanet.debates.models import DebateViewer, Post
from novanet.extensions import db
from novanet.groups.models import Membership
from tests.debates.factories import make_debate
from tests.factories import add_member, make_group, make_user


def login_client(make_client, user):
    c = make_client()
    c.post("/login", data={"login": user.username, "password": "correct horse battery staple"})
    return c


def events(sc, name=None):
    got = sc.get_received()
    return [e for e in got if name is None or e["name"] == name]


@pytest.fixture
def room(app, make_client, socket_client):
    """A public debate with two members connected and joined."""
    debate = make_debate()
    other = make_user("pilar")
    add_member(debate.group, other)
    a = socket_client(login_client(make_client, debate.author))
    b = socket_client(login_client(make_client, other))
    for sc in (a, b):
        assert sc.emit("debate:join", {"debate_id": debate.id}, callback=True)["ok"]
    events(a), events(b)
    return debate, other, a, b


def test_reply_over_socket_reaches_the_room(room):
    debate, other, a, b = room
    ack = a.emit("post:create", {"debate_id": debate.id, "body": "Hola **todos**"}, callback=True)
    assert ack["ok"] and ack["post"]["body_html"] == "<p>Hola <strong>todos</strong></p>"
    created = events(b, "post:created")
    assert len(created) == 1
    payload = created[0]["args"][0]
    assert payload["debate_id"] == debate.id and payload["post"]["id"] == ack["post"]["id"]
    assert payload["post"]["author"]["username"] == debate.author.username


def test_form_reply_is_pushed_after_commit(room, make_client):
    debate, other, a, b = room
    seen = []

    def check(sender, post, **_):
        with db.engine.connect() as conn:
            seen.append(conn.exec_driver_sql(f"select count(*) from posts where id={post.id}")
                        .scalar())
    signals.post_created.connect(check)
    try:
        login_client(make_client, other).post(f"/debates/{debate.id}/posts", data={"body": "x"})
    finally:
        signals.post_created.disconnect(check)
    assert seen == [1]
    assert [e["args"][0]["post"]["body"] for e in events(a, "post:created")] == ["x"]


def test_edit_delete_and_reactions_are_pushed(room, api):
    debate, other, a, b = room
    ack = b.emit("post:create", {"debate_id": debate.id, "body": "v1"}, callback=True)
    pid = ack["post"]["id"]
    client = api.as_user(other)
    client.patch(f"/api/v1/posts/{pid}", json={"body": "v2"})
    api.as_user(debate.author).put(f"/api/v1/posts/{pid}/reactions/agree")
    client.delete(f"/api/v1/posts/{pid}")
    names = [(e["name"], e["args"][0]) for e in events(a)]
    kinds = [n for n, _ in names if n != "presence"]
    assert kinds == ["post:created", "post:updated", "reactions:updated", "post:deleted"]
    payloads = dict(names)
    assert payloads["post:updated"]["post"]["body"] == "v2"
    assert payloads["reactions:updated"] == {"debate_id": debate.id, "post_id": pid,
                                             "reactions": {"agree": 1}}


@pytest.mark.parametrize("data,code", [
    (None, "invalid"), ({"debate_id": "1"}, "invalid"), ({"debate_id": True}, "invalid"),
    ({"debate_id": 999999}, "not_found"), ("garbage", "invalid")])
def test_malformed_events_get_error_acks_and_connection_stays(room, data, code):
    debate, other, a, b = room
    ack = a.emit("debate:join", data, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == code
    assert a.is_connected()
    ack = a.emit("post:create", {"debate_id": debate.id, "body": ""}, callback=True)
    assert ack == {"ok": False, "error": {"code": "invalid", "message": ack["error"]["message"],
                                          "fields": {"body": "Write something before sending."}}}
    ack = a.emit("post:create", {"debate_id": debate.id, "body": "y" * 20_001}, callback=True)
    assert ack["error"]["code"] == "invalid"
    assert a.emit("typing", {"debate_id": debate.id}, callback=True)["ok"]
    assert db.session.scalar(select(Post)) is None


def test_secret_debate_join_is_refused_and_silent(app, make_client, socket_client):
    secret = make_debate(make_group(visibility="secret"))
    insider = secret.author
    outsider = make_user()
    spy = socket_client(login_client(make_client, outsider))
    ack = spy.emit("debate:join", {"debate_id": secret.id}, callback=True)
    assert ack == {"ok": False, "error": {"code": "not_found", "message": ack["error"]["message"]}}
    ack = spy.emit("post:create", {"debate_id": secret.id, "body": "hi"}, callback=True)
    assert ack["error"]["code"] == "not_found"
    assert spy.emit("typing", {"debate_id": secret.id}, callback=True)["error"]["code"] == \
        "not_joined"
    inside = socket_client(login_client(make_client, insider))
    assert inside.emit("debate:join", {"debate_id": secret.id}, callback=True)["ok"]
    inside.emit("post:create", {"debate_id": secret.id, "body": "secret stuff"}, callback=True)
    inside.emit("typing", {"debate_id": secret.id}, callback=True)
    assert events(spy) == []
    assert spy.is_connected()


def test_private_debate_join_forbidden_for_outsiders(app, make_client, socket_client):
    private = make_debate(make_group(visibility="private"))
    sc = socket_client(login_client(make_client, make_user()))
    assert sc.emit("debate:join", {"debate_id": private.id}, callback=True)["error"]["code"] \
        == "forbidden"


def test_typing_is_throttled_and_not_echoed(room):
    debate, other, a, b = room
    assert a.emit("typing", {"debate_id": debate.id}, callback=True)["throttled"] is False
    assert a.emit("typing", {"debate_id": debate.id}, callback=True)["throttled"] is True
    got = events(b, "typing")
    assert len(got) == 1 and got[0]["args"][0]["user"]["username"] == debate.author.username
    assert events(a, "typing") == []


def presence_until(sc, check, timeout=3.0):
    """The presence updates received until one satisfies check (they come in batches)."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen += [e["args"][0] for e in events(sc, "presence")]
        if seen and check(seen[-1]):
            return seen
        time.sleep(0.01)
    raise AssertionError(f"no presence update matched; got {seen}")


def test_presence_lists_who_is_viewing(room):
    debate, other, a, b = room
    ack = a.emit("debate:join", {"debate_id": debate.id}, callback=True)
    assert sorted(v["username"] for v in ack["viewers"]) == sorted([debate.author.username,
                                                                   "pilar"])
    assert ack["count"] == 2
    b.emit("debate:leave", {"debate_id": debate.id}, callback=True)
    presence_until(a, lambda p: [v["username"] for v in p["viewers"]] == [debate.author.username])
    b.emit("debate:join", {"debate_id": debate.id}, callback=True)
    presence_until(a, lambda p: p["count"] == 2)
    b.disconnect()
    presence_until(a, lambda p: p["count"] == 1)
    assert db.session.scalar(select(DebateViewer).where(DebateViewer.user_id == other.id)) is None


@pytest.mark.config(PRESENCE_INTERVAL=0.5)
def test_presence_is_sent_in_batches(app, make_client, socket_client):
    """Many people arriving at once cause one presence update per batch, not one per arrival
    sent to everyone already there."""
    debate = make_debate()
    watcher = socket_client(login_client(make_client, debate.author))
    assert watcher.emit("debate:join", {"debate_id": debate.id}, callback=True)["ok"]
    presence_until(watcher, lambda p: p["count"] == 1)
    browsers = []
    for n in range(8):
        person = make_user(f"arrival{n}")
        add_member(debate.group, person)
        browsers.append(login_client(make_client, person))
    events(watcher)
    started = time.monotonic()
    for browser in browsers:
        sc = socket_client(browser)
        assert sc.emit("debate:join", {"debate_id": debate.id}, callback=True)["ok"]
    seen = presence_until(watcher, lambda p: p["count"] == 9)
    batches = 1 + (time.monotonic() - started) / 0.5
    assert len(seen) <= batches < 8, seen
    assert {v["username"] for v in seen[-1]["viewers"]} >= {f"arrival{n}" for n in range(8)}


def test_presence_names_are_capped_but_counted(room, make_client, socket_client, monkeypatch):
    from novanet.debates import presence

    debate, other, a, b = room
    monkeypatch.setattr(presence, "SHOWN", 2)
    third = make_user("tercero")
    add_member(debate.group, third)
    c = socket_client(login_client(make_client, third))
    ack = c.emit("debate:join", {"debate_id": debate.id}, callback=True)
    assert ack["count"] == 3 and len(ack["viewers"]) == 2
    last = presence_until(a, lambda p: p["count"] == 3)[-1]
    assert len(last["viewers"]) == 2


def test_removed_member_stops_receiving(room, make_client):
    debate, other, a, b = room
    membership = db.session.scalar(select(Membership).where(Membership.user_id == other.id))
    membership.status = "banned"
    db.session.commit()
    signals.member_left.send("groups", group=debate.group, user=other)
    events(b)
    a.emit("post:create", {"debate_id": debate.id, "body": "after the ban"}, callback=True)
    assert events(b, "post:created") == []
    assert b.is_connected()
    # the policy is asked again: a banned member of a private group cannot come back
    debate.group.visibility = "private"
    db.session.commit()
    assert b.emit("debate:join", {"debate_id": debate.id}, callback=True)["ok"] is False


def test_logout_disconnects_that_sessions_sockets(app, make_client, socket_client):
    debate = make_debate()
    browser = login_client(make_client, debate.author)
    other_browser = login_client(make_client, debate.author)
    sc = socket_client(browser)
    keep = socket_client(other_browser)
    assert sc.is_connected() and keep.is_connected()
    browser.post("/logout")
    assert not sc.is_connected()
    assert keep.is_connected()


def test_token_connection_and_refusals(app, socket_client, api):
    debate = make_debate()
    from novanet.accounts import services as accounts

    _, secret = accounts.create_token(debate.author, "live")
    sc = socket_client(None, auth={"token": secret})
    assert sc.is_connected()
    assert sc.emit("debate:join", {"debate_id": debate.id}, callback=True)["ok"]
    assert not socket_client(None, auth={"token": "wrong"}).is_connected()
    assert not socket_client(None).is_connected()


@pytest.mark.config(SOCKET_RATE_LIMIT="3/60")
def test_socket_events_are_rate_limited(room):
    debate, other, a, b = room
    codes = [a.emit("typing", {"debate_id": debate.id}, callback=True).get("error", {})
             .get("code") for _ in range(3)]
    assert "rate_limited" in codes and a.is_connected()


@pytest.mark.config(REQUIRE_ADMIN_2FA=True)
def test_administrators_without_two_step_verification_cannot_connect(app, socket_client):
    from novanet.accounts import services as accounts

    admin = make_user("jefa", is_admin=True)
    _, secret = accounts.create_token(admin, "live")
    assert not socket_client(None, auth={"token": secret}).is_connected()
    admin.totp_enabled = True
    db.session.commit()
    assert socket_client(None, auth={"token": secret}).is_connected()
