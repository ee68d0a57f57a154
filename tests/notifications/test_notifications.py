import pytest
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from novanet.extensions import db
from novanet.notifications import services
from novanet.notifications.models import Notification
from tests.factories import make_user


@pytest.fixture(autouse=True)
def kind(app):
    services.register_kind("test_ping", lambda p: _l("Ping from %(who)s", who=p.get("who")),
                           label=_l("Pings"))
    yield
    services.KINDS.pop("test_ping", None)


def _count(user=None):
    stmt = select(func.count()).select_from(Notification)
    if user is not None:
        stmt = stmt.where(Notification.user_id == user.id)
    return db.session.scalar(stmt)


def test_notify_skips_actor_and_those_who_turned_it_off(app, user):
    a, b = make_user("aaa"), make_user("bbb")
    services.set_preferences(b, {"test_ping": "off"})
    rows = services.notify([user, a, b], "test_ping", actor=a, params={"who": "A"})
    assert [r.user_id for r in rows] == [user.id]


def test_list_mark_one_and_all_over_api(api, user):
    other = make_user("other")
    n1, = services.notify([user], "test_ping", params={"who": "x"})
    services.notify([user], "test_ping", params={"who": "y"})
    theirs, = services.notify([other], "test_ping", params={"who": "z"})
    c = api.as_user(user)
    page = c.get("/api/v1/notifications").json
    assert [i["text"] for i in page["items"]] == ["Ping from y", "Ping from x"]
    r = c.post("/api/v1/notifications/read", json={"ids": [n1.id, theirs.id]})
    assert r.json == {"marked": 1, "unread": 1}
    assert services.unread_count(other) == 1  # someone else's id is ignored
    assert c.get("/api/v1/notifications?unread=true").json["items"][0]["text"] == "Ping from y"
    assert c.post("/api/v1/notifications/read", json={"all": True}).json == {"marked": 1,
                                                                            "unread": 0}


@pytest.mark.parametrize("body", [{}, {"ids": [1], "all": True}, {"ids": "x"}, {"all": False},
                                  {"ids": [1], "extra": 1}])
def test_mark_read_bad_bodies_are_422(api, user, body):
    r = api.as_user(user).post("/api/v1/notifications/read", json=body)
    assert r.status_code == 422


def test_api_needs_login(api):
    assert api.as_user(None).get("/api/v1/notifications").status_code == 401


def test_html_list_and_mark_read(client, auth, user):
    n, = services.notify([user], "test_ping", url="/feed", params={"who": "Ana"})
    auth.login(user)
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Ping from Ana" in page and "1 unread notification" in page
    r = client.post("/notifications/read", data={"id": str(n.id), "open": "1"})
    assert r.headers["Location"].endswith("/feed")
    assert services.unread_count(user) == 0
    services.notify([user], "test_ping", params={"who": "B"})
    client.post("/notifications/read")
    assert services.unread_count(user) == 0


def test_open_never_redirects_offsite(client, auth, user):
    n, = services.notify([user], "test_ping", url="https://evil.example/", params={"who": "x"})
    auth.login(user)
    r = client.post("/notifications/read", data={"id": str(n.id), "open": "1"})
    assert "evil" not in r.headers["Location"]


def test_preferences_page(client, auth, user):
    auth.login(user)
    assert "Pings" in client.get("/notifications/settings").get_data(as_text=True)
    client.post("/notifications/settings", data={"kind-test_ping": "email"})
    assert services.preferences(user)["test_ping"] == "email"
    r = client.post("/notifications/settings", data={"kind-test_ping": "sms"})
    assert r.status_code == 400
    assert services.preferences(user)["test_ping"] == "email"


def test_live_badge_update_goes_to_the_recipient_only(app, make_client, socket_client, user):
    from tests.conftest import Auth

    other = make_user("other")
    mine, theirs = make_client(), make_client()
    Auth(mine).login(user)
    Auth(theirs).login(other)
    s_mine, s_theirs = socket_client(mine), socket_client(theirs)
    assert s_mine.is_connected() and s_theirs.is_connected()
    services.notify([user], "test_ping", params={"who": "Lu"})
    got = [e for e in s_mine.get_received() if e["name"] == "notification"]
    assert len(got) == 1 and got[0]["args"][0]["unread"] == 1
    assert got[0]["args"][0]["text"] == "Ping from Lu"
    assert not [e for e in s_theirs.get_received() if e["name"] == "notification"]


def test_header_badge_shows_unread_count(client, auth, user):
    services.notify([user], "test_ping", params={"who": "x"})
    auth.login(user)
    page = client.get("/").get_data(as_text=True)
    assert 'data-unread="1"' in page and "js/notifications.js" in page
