"""Blogs in the personal data download and in account deletion."""

from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import select

from novanet.accounts.privacy import delete_account, export_data
from novanet.blogs import services
from novanet.blogs.models import BlogImage, BlogPost, Comment
from novanet.extensions import db
from tests.blogs.factories import image_bytes, make_comment, make_post
from tests.factories import PASSWORD, make_user


class Upload:
    def __init__(self, data):
        self.stream = BytesIO(data)

    def read(self, n=-1):
        return self.stream.read(n)


def test_export_contains_posts_comments_and_likes(user):
    other = make_user("otra")
    post = make_post(user, title="Mío")
    theirs = make_post(other, title="Suyo")
    make_comment(user, theirs, "Comento")
    services.like(user, theirs)
    data = export_data(user)
    assert [p["title"] for p in data["blog_posts"]] == ["Mío"]
    assert data["blog_posts"][0]["id"] == post.id
    assert [c["body"] for c in data["blog_comments"]] == ["Comento"]
    assert [lk["post_id"] for lk in data["blog_likes"]] == [theirs.id]


@pytest.mark.parametrize("keep", [True, False])
def test_deleting_the_account(app, user, keep):
    other = make_user("otra")
    own = make_post(user, title="Mío")
    image = services.add_image(user, own, Upload(image_bytes()))
    path = Path(app.config["MEDIA_DIR"]) / image.key
    assert path.exists()
    theirs = make_post(other, title="Suyo")
    mine = make_comment(user, theirs, "Mi comentario")
    reply = make_comment(other, theirs, "Respuesta", parent_id=mine.id)
    services.like(user, theirs)
    own_id, mine_id = own.id, mine.id
    with app.test_request_context():
        delete_account(user, PASSWORD, keep_content=keep)
    db.session.expire_all()
    assert db.session.get(BlogPost, own_id) is None and not path.exists()
    assert db.session.scalar(select(BlogImage)) is None
    theirs = db.session.get(BlogPost, theirs.id)
    assert theirs.like_count == 0
    comment = db.session.get(Comment, mine_id)
    assert comment.author_id is None
    assert db.session.get(Comment, reply.id) is not None  # others' replies stay in place
    if keep:
        assert comment.body == "Mi comentario" and theirs.comment_count == 2
    else:
        assert comment.is_deleted and comment.body == "" and theirs.comment_count == 1
