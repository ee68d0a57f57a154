"""Debates in the member's network: "latest across my groups" and replies in debates I take part
in reaching the home feed, with the group policy applied to both."""

import ast
from pathlib import Path

import pytest

from novanet.groups import membership
from novanet.network import feed as network_feed
from novanet.network import services as network
from tests.debates.factories import make_debate, make_post
from tests.factories import add_member, make_group, make_user


def _titles(api, user, path="/api/v1/me/groups/debates"):
    r = api.as_user(user).get(path)
    assert r.status_code == 200, r.json
    return [d["title"] for d in r.json["items"]]


def test_latest_across_my_groups_lists_only_my_groups_latest_activity_first(api, user):
    owner = make_user("owner")
    a, b = make_group("Water", owner=owner), make_group("Roads", owner=owner)
    elsewhere = make_group("Elsewhere", owner=owner)
    add_member(a, user)
    add_member(b, user)
    first = make_debate(a, owner, title="Leaks in old pipes")
    make_debate(b, owner, title="Potholes")
    make_debate(elsewhere, owner, title="Not my group")
    make_post(first, owner, body="A new reply moves this debate up")
    assert _titles(api, user) == ["Leaks in old pipes", "Potholes"]


def test_latest_across_my_groups_is_keyset_paginated(api, user):
    owner = make_user("owner")
    groups = [make_group(owner=owner) for _ in range(3)]
    for g in groups:
        add_member(g, user)
    for n in range(5):
        make_debate(groups[n % 3], owner, title=f"Debate number {n}")
    c = api.as_user(user)
    first = c.get("/api/v1/me/groups/debates?limit=2").json
    second = c.get(f"/api/v1/me/groups/debates?limit=2&cursor={first['next']}").json
    third = c.get(f"/api/v1/me/groups/debates?limit=2&cursor={second['next']}").json
    titles = [d["title"] for page in (first, second, third) for d in page["items"]]
    assert titles == [f"Debate number {n}" for n in (4, 3, 2, 1, 0)]
    assert third["next"] is None
    assert c.get("/api/v1/me/groups/debates?cursor=garbage").status_code == 400
    assert api.as_user(None).get("/api/v1/me/groups/debates").status_code == 401


@pytest.mark.parametrize("visibility", ["private", "secret"])
def test_closed_group_debates_reach_active_members_only(api, client, auth, user, visibility):
    owner = make_user("owner")
    closed = make_group("Closed", owner=owner, visibility=visibility)
    make_debate(closed, owner, title="Internal budget talk")
    # A member who is only invited, pending or banned is not a reader of the group.
    for status in ("invited", "pending", "banned"):
        other = make_user()
        add_member(closed, other, status=status)
        assert _titles(api, other) == []
    assert _titles(api, user) == []
    add_member(closed, user)
    assert _titles(api, user) == ["Internal budget talk"]
    auth.login(user)
    assert "Internal budget talk" in client.get("/debates/my-groups").get_data(as_text=True)
    assert "Internal budget talk" in client.get("/").get_data(as_text=True)
    membership.remove(owner, closed, user)
    assert _titles(api, user) == []
    assert "Internal budget talk" not in client.get("/debates/my-groups").get_data(as_text=True)
    assert "Internal budget talk" not in client.get("/").get_data(as_text=True)


def test_page_and_home_are_reachable_and_say_what_to_do_when_empty(client, auth, user):
    assert client.get("/debates/my-groups").status_code == 302  # members only
    auth.login(user)
    home = client.get("/").get_data(as_text=True)
    assert "Latest across my groups" in home
    assert "No debates are moving in your groups" in home
    page = client.get("/debates/my-groups").get_data(as_text=True)
    assert "No debates in your groups yet" in page
    assert 'href="/debates/my-groups"' in client.get("/debates").get_data(as_text=True)
    owner = make_user("owner")
    g = make_group("Water", owner=owner)
    add_member(g, user)
    make_debate(g, owner, title="Drought plans")
    home = client.get("/").get_data(as_text=True)
    assert "Drought plans" in home and 'href="/debates/my-groups"' in home


def test_across_groups_query_count_does_not_grow(client, auth, user, count_queries):
    owner = make_user("owner")
    groups = [make_group(owner=owner) for _ in range(3)]
    for g in groups:
        add_member(g, user)
    make_debate(groups[0], owner, tags=["agua"])
    auth.login(user)
    counts = {}
    for path in ("/debates/my-groups", "/", "/api/v1/me/groups/debates"):
        with count_queries() as few:
            assert client.get(path).status_code == 200
        counts[path] = few.count
    for n in range(12):
        author = make_user()
        add_member(groups[n % 3], author)
        make_debate(groups[n % 3], author, tags=[f"t{n}", "agua"])
    for path, before in counts.items():
        with count_queries() as many:
            assert client.get(path).status_code == 200
        assert many.count == before, path


# ---- replies in debates I take part in ------------------------------------------------------

def _feed(api, user):
    return api.as_user(user).get("/api/v1/feed").json["items"]


def test_replies_in_debates_i_took_part_in_reach_my_feed(api, user):
    owner, stranger = make_user("owner"), make_user("stranger")
    g = make_group("Water", owner=owner)
    add_member(g, user)
    add_member(g, stranger)
    mine = make_debate(g, owner, title="Debate I replied in")
    other = make_debate(g, owner, title="Debate I never joined")
    make_post(mine, user, body="My view")
    membership.leave(user, g)  # no longer a member: only taking part brings replies now
    make_post(mine, stranger, body="An answer")
    make_post(other, stranger, body="Elsewhere")
    items = _feed(api, user)
    assert [(i["verb"], i["title"]) for i in items] == [("post_created", "Debate I replied in")]
    # A debate I started counts as taking part too.
    starter = make_user("starter")
    add_member(g, starter)
    started = make_debate(g, starter, title="Started by me")
    membership.leave(starter, g)
    make_post(started, stranger, body="Hello")
    assert [i["title"] for i in _feed(api, starter)] == ["Started by me"]


def test_a_deleted_reply_is_no_longer_taking_part(api, user):
    from novanet.debates import services

    owner, stranger = make_user("owner"), make_user("stranger")
    g = make_group("Water", owner=owner)
    for person in (user, stranger):
        add_member(g, person)
    debate = make_debate(g, owner, title="Short-lived participation")
    mine = make_post(debate, user, body="Oops")
    services.delete_post(user, mine)
    membership.leave(user, g)
    make_post(debate, stranger, body="Later reply")
    assert _feed(api, user) == []


def test_removed_member_stops_seeing_replies_of_a_private_debate_they_took_part_in(api, user):
    owner, peer = make_user("owner"), make_user("peer")
    private = make_group("Private", owner=owner, visibility="private")
    add_member(private, user)
    add_member(private, peer)
    debate = make_debate(private, owner, title="Members-only debate")
    make_post(debate, user, body="I was here")
    make_post(debate, peer, body="Reply while I am a member")
    assert [i["title"] for i in _feed(api, user)] == ["Members-only debate"] * 2
    membership.remove(owner, private, user)
    make_post(debate, peer, body="Reply after I left")
    assert _feed(api, user) == []


def test_replies_are_grouped_on_the_home_page(client, auth, user):
    owner = make_user("owner", display_name="Olga")
    g = make_group("Water", owner=owner)
    add_member(g, user)
    debate = make_debate(g, owner, title="Meter readings")
    make_post(debate, user, body="We read them monthly")
    membership.leave(user, g)
    others = [make_user(display_name=f"Person {n}") for n in range(3)]
    for person in others:
        add_member(g, person)
    for n in range(5):
        make_post(debate, others[n % 3], body=f"Reply {n}")
    auth.login(user)
    page = client.get("/").get_data(as_text=True)
    assert "5 new replies in" in page and "Meter readings" in page
    assert "and 2 others" in page


def test_feed_query_count_is_flat_with_participation(client, auth, user, count_queries):
    owner = make_user("owner")
    g = make_group("Water", owner=owner)
    add_member(g, user)
    debates = [make_debate(g, owner) for _ in range(3)]
    for d in debates:
        make_post(d, user)
    membership.leave(user, g)
    make_post(debates[0], owner)
    auth.login(user)
    with count_queries() as few:
        client.get("/feed")
    for n in range(15):
        author = make_user()
        add_member(g, author)
        make_post(debates[n % 3], author)
    with count_queries() as many:
        page = client.get("/feed").get_data(as_text=True)
    assert "new replies in" in page
    assert many.count == few.count


def test_network_does_not_import_debates():
    """Debates register into the network hooks; the network package knows nothing of them."""
    root = Path(network_feed.__file__).parent
    for path in root.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.startswith("novanet.debates") for n in names), path


def test_debates_registered_their_hooks(app):
    from novanet.debates import feed

    assert feed.across_rows in network_feed.ACROSS_GROUPS
    assert network_feed.PARTICIPATION["post"] is feed.replies_taking_part


def test_new_members_of_my_groups_reach_my_feed(api, client, auth, user):
    owner = make_user("owner")
    public, secret = make_group("Water", owner=owner), make_group("Hidden", owner=owner,
                                                                   visibility="secret")
    add_member(public, user)
    for n in range(3):
        membership.join(make_user(f"newcomer{n}"), public)
    assert [(i["verb"], i["title"]) for i in _feed(api, user)] == [("member_joined", "Water")] * 3
    auth.login(user)
    assert "3 new members in" in client.get("/").get_data(as_text=True)
    # Following someone who joins a secret group tells me nothing about it.
    friend = make_user("friend")
    network.follow(user, friend)
    from novanet.groups import invitations

    invitations.invite(owner, secret, username="friend")
    invitations.accept_for(friend, secret)
    assert "Hidden" not in [i["title"] for i in _feed(api, user)]
