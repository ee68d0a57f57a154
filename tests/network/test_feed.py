from novanet.activity.services import record
from novanet.network import services
from tests.factories import add_member, make_group, make_user


def _act(actor, verb="debate_created", group=None, subject_id=1, title="T"):
    return record(actor_id=actor.id, verb=verb, subject_type="debate", subject_id=subject_id,
                  group_id=group.id if group else None, title=title, url=f"/d/{subject_id}")


def test_feed_shows_followed_members_and_my_groups_only(api, user):
    friend, stranger, peer = make_user("friend"), make_user("stranger"), make_user("peer")
    services.follow(user, friend)
    mine = make_group("Mine", owner=peer)
    add_member(mine, user)
    _act(friend, title="by friend", subject_id=1)
    _act(stranger, title="by stranger", subject_id=2)
    _act(peer, group=mine, title="in my group", subject_id=3)
    _act(user, group=mine, title="by me", subject_id=4)
    r = api.as_user(user).get("/api/v1/feed")
    assert r.status_code == 200
    assert [i["title"] for i in r.json["items"]] == ["in my group", "by friend"]


def test_feed_never_leaks_secret_or_private_group_content(api, user):
    friend = make_user("friend")
    services.follow(user, friend)
    secret = make_group("Secret", owner=friend, visibility="secret")
    private = make_group("Private", owner=friend, visibility="private")
    public = make_group("Public", owner=friend)
    _act(friend, group=secret, title="secret thing", subject_id=1)
    _act(friend, group=private, title="private thing", subject_id=2)
    _act(friend, group=public, title="public thing", subject_id=3)
    titles = [i["title"] for i in api.as_user(user).get("/api/v1/feed").json["items"]]
    assert titles == ["public thing"]
    add_member(private, user)
    titles = [i["title"] for i in api.as_user(user).get("/api/v1/feed").json["items"]]
    assert titles == ["public thing", "private thing"]


def test_feed_is_keyset_paginated(api, user):
    friend = make_user("friend")
    services.follow(user, friend)
    for n in range(5):
        _act(friend, title=f"t{n}", subject_id=n)
    c = api.as_user(user)
    first = c.get("/api/v1/feed?limit=2").json
    second = c.get(f"/api/v1/feed?limit=2&cursor={first['next']}").json
    third = c.get(f"/api/v1/feed?limit=2&cursor={second['next']}").json
    titles = [i["title"] for p in (first, second, third) for i in p["items"]]
    assert titles == ["t4", "t3", "t2", "t1", "t0"] and third["next"] is None
    assert c.get("/api/v1/feed?cursor=garbage").status_code == 400


def test_home_groups_replies_and_shows_empty_state(client, auth, user):
    auth.login(user)
    page = client.get("/").get_data(as_text=True)
    assert "Follow colleagues and join groups" in page
    friend, other = make_user("friend", display_name="Fran"), make_user("other")
    g = make_group("Water", owner=other)
    add_member(g, user)
    services.follow(user, friend)
    for n, actor in enumerate((friend, other, friend, other, friend)):
        record(actor_id=actor.id, verb="post_created", subject_type="post", subject_id=n,
               group_id=g.id, title="Leaks", url=f"/p/{n}")
    page = client.get("/").get_data(as_text=True)
    assert "5 new replies in" in page and "Leaks" in page
    assert "and 1 other" in page


def test_feed_query_count_is_flat(app, client, auth, user, count_queries):
    friend = make_user("friend")
    services.follow(user, friend)
    groups = [make_group(owner=friend) for _ in range(3)]
    auth.login(user)
    for g in groups:
        _act(friend, group=g)
    with count_queries() as few:
        client.get("/feed")
    for n in range(20):
        _act(friend, group=groups[n % 3], subject_id=100 + n)
    with count_queries() as many:
        client.get("/feed")
    assert many.count == few.count
