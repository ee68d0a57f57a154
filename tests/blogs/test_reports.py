"""Blog posts and comments can be reported; moderators' decisions reach the blog."""

import pytest

from novanet.activity.models import Activity
from novanet.blogs.models import BlogPost, Comment
from novanet.core.errors import NotFound
from novanet.extensions import db
from novanet.moderation import services as moderation
from tests.blogs.factories import make_comment, make_post
from tests.factories import add_member, make_group, make_user


@pytest.fixture
def cast(app):
    with app.test_request_context():
        owner = make_user("duena")
        group = make_group("Datos abiertos", owner=owner, visibility="public")
        author = make_user("autora")
        add_member(group, author)
        reader = make_user("lectora")
        post = make_post(author, group=group, status="published")
        yield owner, group, author, reader, post


def test_hiding_a_reported_post_takes_it_out_of_view_and_activity(app, cast, client):
    owner, group, author, reader, post = cast
    with app.test_request_context():
        report = moderation.report(reader, "blog_post", post.id, "Publicidad encubierta")
        assert db.session.query(Activity).filter_by(subject_type="blog_post").count() == 1
        moderation.resolve(owner, report, "hide", "Publicidad")
    assert db.session.get(BlogPost, post.id).hidden
    assert db.session.query(Activity).filter_by(subject_type="blog_post").count() == 0
    assert client.get(f"/blogs/posts/{post.id}").status_code == 404


def test_removing_a_reported_comment(app, cast):
    owner, group, author, reader, post = cast
    with app.test_request_context():
        comment = make_comment(reader, post, "Texto ofensivo")
        report = moderation.report(author, "comment", comment.id, "Insultos")
        moderation.resolve(owner, report, "delete", "Insultos")
    removed = db.session.get(Comment, comment.id)
    assert removed.deleted_at is not None and removed.body == ""
    assert db.session.get(BlogPost, post.id).comment_count == 0


def test_a_secret_group_post_cannot_be_reported_by_outsiders(app):
    with app.test_request_context():
        owner = make_user("owner2")
        group = make_group("Comité", owner=owner, visibility="secret")
        post = make_post(owner, group=group, status="published")
        outsider = make_user("fuera")
        with pytest.raises(NotFound):
            moderation.report(outsider, "blog_post", post.id, "No debería verlo")
