"""A member's debates in their data download, and deleting the account with or without them."""

import pytest
from sqlalchemy import select

from novanet.accounts.privacy import delete_account, export_data
from novanet.debates import services
from novanet.debates.models import Debate, Post, PostRevision
from novanet.extensions import db
from tests.debates.factories import make_debate, make_post
from tests.factories import PASSWORD, add_member, make_group, make_user


@pytest.fixture
def world(app, request_ctx):
    group = make_group()
    leaving, staying = make_user("leaving"), make_user("staying")
    for person in (leaving, staying):
        add_member(group, person)
    shared = make_debate(group, leaving, title="Shared debate", body="opening words")
    alone = make_debate(group, leaving, title="Nobody answered")
    own = make_post(shared, leaving, body="my reply")
    services.edit_post(leaving, own, body="my reply, edited")
    other = make_post(shared, staying, body="their reply", reply_to_id=own.id)
    services.react(leaving, other, "useful")
    return leaving, staying, shared, alone, own, other


def test_export_holds_debates_replies_and_reactions(world):
    leaving, staying, shared, alone, own, other = world
    data = export_data(leaving)
    assert {d["title"] for d in data["debates"]} == {"Shared debate", "Nobody answered"}
    assert [p["body"] for p in data["debate_posts"]] == ["my reply, edited"]
    assert data["debate_reactions"] == [{"post_id": other.id, "kind": "useful",
                                         "created_at": data["debate_reactions"][0]["created_at"]}]


def test_deleting_without_content_leaves_tombstones_and_others_words(world, client):
    leaving, staying, shared, alone, own, other = world
    shared_id, alone_id, own_id, other_id = shared.id, alone.id, own.id, other.id
    delete_account(leaving, PASSWORD, keep_content=False)
    db.session.expire_all()
    assert db.session.get(Debate, alone_id) is None
    kept = db.session.get(Debate, shared_id)
    assert kept.title == "Shared debate" and kept.body == "" and kept.author_id is None
    assert kept.reply_count == 1
    mine = db.session.get(Post, own_id)
    assert mine.deleted and mine.body == "" and mine.author_id is None
    assert db.session.scalar(select(PostRevision).where(PostRevision.post_id == own_id)) is None
    assert db.session.get(Post, other_id).body == "their reply"
    html = client.get(f"/debates/{shared_id}").get_data(as_text=True)
    assert "their reply" in html and "my reply" not in html and "opening words" not in html


def test_deleting_with_content_keeps_it_as_a_deleted_members(world, client):
    leaving, staying, shared, alone, own, other = world
    url = f"/debates/{shared.id}"
    assert 'data-kind="useful">Useful <span data-count>1</span>' in client.get(url).text
    delete_account(leaving, PASSWORD, keep_content=True)
    html = client.get(url).get_data(as_text=True)
    assert "my reply, edited" in html and "opening words" in html
    assert 'data-kind="useful">Useful <span data-count>1</span>' not in html  # reaction went
