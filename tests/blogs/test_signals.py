"""Search and activity hear about posts only when readers can see them."""

import pytest
from sqlalchemy import select

from novanet.activity.models import Activity
from novanet.blogs import services
from novanet.core import signals
from novanet.extensions import db
from tests.blogs.factories import make_comment, make_post
from tests.factories import add_member, make_group, make_user


@pytest.fixture
def heard():
    events = []

    def changed(sender, kind, id, **kw):
        events.append(("changed", kind, id))

    def removed(sender, kind, id, **kw):
        events.append(("removed", kind, id))

    signals.content_changed.connect(changed)
    signals.content_removed.connect(removed)
    yield events
    signals.content_changed.disconnect(changed)
    signals.content_removed.disconnect(removed)


def activity_ids():
    return list(db.session.scalars(select(Activity.subject_id).where(
        Activity.subject_type == "blog_post")))


def test_drafts_are_silent_publishing_speaks(user, heard):
    draft = make_post(user, status="draft")
    assert heard == [] and activity_ids() == []
    services.update_post(user, draft, {"body": "Ya está", "status": "published"})
    assert heard == [("changed", "blog_post", draft.id)]
    assert activity_ids() == [draft.id]
    services.update_post(user, draft, {"status": "draft"})
    assert heard[-1] == ("removed", "blog_post", draft.id) and activity_ids() == []


def test_hide_delete_and_comments(user, heard):
    group = make_group(visibility="public")
    moderator = make_user("mod")
    add_member(group, user)
    add_member(group, moderator, role="moderator")
    post = make_post(user, group=group)
    activity = db.session.scalar(select(Activity))
    assert activity.group_id == group.id and activity.url == f"/blogs/posts/{post.id}"
    services.set_hidden(moderator, post, True)
    assert heard[-1] == ("removed", "blog_post", post.id) and activity_ids() == []
    services.set_hidden(moderator, post, False)
    assert heard[-1] == ("changed", "blog_post", post.id) and activity_ids() == [post.id]
    comment = make_comment(make_user("comentarista"), post)
    assert heard[-1] == ("changed", "comment", comment.id)
    services.delete_post(user, post)
    assert heard[-1] == ("removed", "blog_post", post.id) and activity_ids() == []


def test_hidden_posts_listed_for_their_author(client, auth, user):
    post = make_post(user, title="Oculta por moderación")
    services.set_hidden(make_user("jefa_admin", is_admin=True), post, True)
    auth.login(user)
    assert "Oculta por moderación" in client.get("/blogs/drafts").text
    assert "Oculta por moderación" not in client.get("/blogs/people/marta").text
