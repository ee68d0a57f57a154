from sqlalchemy import func, select

from novanet.extensions import db
from novanet.network.models import Follow
from novanet.notifications.models import Notification
from tests.factories import make_user


def _follows():
    return db.session.scalar(select(func.count()).select_from(Follow))


def test_follow_and_unfollow_over_api(api, user):
    other = make_user("pablo")
    c = api.as_user(user)
    r = c.put("/api/v1/users/pablo/follow")
    assert r.status_code == 200
    assert r.json == {"username": "pablo", "following": True, "followers": 1}
    assert c.put("/api/v1/users/PABLO/follow").json["followers"] == 1  # idempotent
    note = db.session.scalar(select(Notification).where(Notification.user_id == other.id))
    assert note.kind == "followed" and note.actor_id == user.id
    r = c.delete("/api/v1/users/pablo/follow")
    assert r.json == {"username": "pablo", "following": False, "followers": 0}
    assert _follows() == 0


def test_following_oneself_is_a_clear_error(api, user):
    r = api.as_user(user).put(f"/api/v1/users/{user.username}/follow")
    assert r.status_code == 422
    assert r.json["error"]["code"] == "self_follow"
    assert "yourself" in r.json["error"]["message"]
    assert _follows() == 0


def test_follow_unknown_or_suspended_member_is_404(api, user):
    from novanet.accounts.services import set_suspended

    c = api.as_user(user)
    assert c.put("/api/v1/users/nobody/follow").status_code == 404
    gone = make_user("gone")
    set_suspended(gone, True, "spam")
    assert c.put("/api/v1/users/gone/follow").status_code == 404


def test_follow_needs_login(api):
    make_user("pablo")
    assert api.as_user(None).put("/api/v1/users/pablo/follow").status_code == 401


def test_session_follow_needs_csrf(app, client, auth, user):
    make_user("pablo")
    auth.login(user)
    app.config["WTF_CSRF_ENABLED"] = True
    r = client.put("/api/v1/users/pablo/follow")
    assert r.status_code == 403
    assert _follows() == 0


def test_html_follow_button_flow(client, auth, user):
    make_user("pablo", display_name="Pablo Núñez")
    auth.login(user)
    r = client.post("/people/pablo/follow", data={"next": "/feed"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/feed")
    assert _follows() == 1
    r = client.post(f"/people/{user.username}/follow", follow_redirects=True)
    assert "You cannot follow yourself." in r.get_data(as_text=True)
    assert _follows() == 1
    client.post("/people/pablo/unfollow")
    assert _follows() == 0


def test_html_follow_refuses_offsite_next(client, auth, user):
    make_user("pablo")
    auth.login(user)
    r = client.post("/people/pablo/follow", data={"next": "https://evil.example/"})
    assert "evil" not in r.headers["Location"]


def test_profile_shows_follow_button_counts_and_badge(client, auth, user, admin):
    from novanet.network.services import add_domain

    add_domain(admin, "madrid.es")
    make_user("pablo", display_name="Pablo", email="pablo@madrid.es")
    auth.login(user)
    page = client.get("/people/pablo").get_data(as_text=True)
    assert "0 followers" in page and "Verified public employee" in page
    assert "/people/pablo/follow" in page and "Send a message" in page
    client.post("/people/pablo/follow")
    page = client.get("/people/pablo").get_data(as_text=True)
    assert "1 follower" in page and "/people/pablo/unfollow" in page
    own = client.get(f"/people/{user.username}").get_data(as_text=True)
    assert f"/people/{user.username}/follow" not in own


def test_directory_filters_verified(client, admin):
    from novanet.network.services import add_domain

    add_domain(admin, "gov.br")
    make_user("bia", display_name="Bia Souza", email="bia@saude.gov.br")
    make_user("caio", display_name="Caio Lima")
    page = client.get("/people?verified=1").get_data(as_text=True)
    assert "Bia Souza" in page and "Caio Lima" not in page
    assert "Verified public employee" in page
