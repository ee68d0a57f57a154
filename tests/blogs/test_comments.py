"""Comments, replies, removal rights, closed posts, likes and notifications."""

import re

from sqlalchemy import func, select

from novanet.blogs.models import BlogLike, BlogPost, Comment
from novanet.extensions import db
from novanet.notifications.models import Notification
from novanet.notifications.services import message
from tests.blogs.factories import make_comment, make_post
from tests.factories import add_member, make_group, make_user


def comment_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Comment))


def test_comment_reply_and_notifications(client, auth, user, app):
    post = make_post(user, title="Compra pública verde")
    reader = make_user("lector")
    auth.login(reader)
    r = client.post(f"/blogs/posts/{post.id}/comments", data={"body": "¿Qué *pliegos* usasteis?"})
    assert r.status_code == 302
    first = db.session.scalar(select(Comment))
    note = db.session.scalar(select(Notification).where(Notification.user_id == user.id))
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert note.kind == "blog_comment" and "Compra pública verde" in message(note)
    auth.logout()
    auth.login(user)
    client.post(f"/blogs/posts/{post.id}/comments", data={"body": "Los del ayuntamiento",
                                                          "parent": str(first.id)})
    reply = db.session.scalar(select(Comment).where(Comment.parent_id == first.id))
    # a reply to a reply joins the same thread (one level)
    third = make_comment(make_user("otra"), post, "Yo también", parent_id=reply.id)
    assert third.parent_id == first.id
    assert db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == reader.id, Notification.kind == "blog_reply")) == 2
    db.session.refresh(post)
    assert post.comment_count == 3
    page = client.get(f"/blogs/posts/{post.id}", follow_redirects=True).text
    assert "<em>pliegos</em>" in page and 'class="replies"' in page


def test_hostile_comment_is_sanitised(client, auth, user):
    post = make_post(user)
    auth.login(user)
    client.post(f"/blogs/posts/{post.id}/comments",
                data={"body": "<script>alert(1)</script><img src=x onerror=alert(1)>[a](javascript:x)"})
    page = client.get(f"/blogs/posts/{post.id}", follow_redirects=True).text
    assert "<script>alert" not in page and "javascript:" not in page
    assert not re.search(r"<[^>]*\son\w+=", page)


def test_empty_comment_and_closed_post_store_nothing(client, auth, user, api):
    post = make_post(user, comments_closed=True)
    open_post = make_post(user)
    auth.login(user)
    r = client.post(f"/blogs/posts/{open_post.id}/comments", data={"body": "   "})
    assert r.status_code == 400
    r = client.post(f"/blogs/posts/{post.id}/comments", data={"body": "Hola"})
    assert r.status_code == 403 and "Comments are closed" in r.text
    r = api.as_user(user).post(f"/api/v1/blog-posts/{post.id}/comments", json={"body": "Hola"})
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "comments_closed"
    assert comment_count() == 0
    assert "Comments are closed on this post." in client.get(
        f"/blogs/posts/{post.id}", follow_redirects=True).text


def test_comment_edit_and_removal_rights(client, auth, app):
    author = make_user("autor")
    commenter = make_user("comenta")
    stranger = make_user("extrano")
    moderator = make_user("modera")
    group = make_group(visibility="public", slug="grupo")
    add_member(group, author)
    add_member(group, moderator, role="moderator")
    post = make_post(author, group=group)
    comments = [make_comment(commenter, post, f"Comentario {n}") for n in range(4)]

    auth.login(stranger)
    assert client.post(f"/blogs/comments/{comments[0].id}/edit", data={"body": "x"}).status_code == 403
    assert client.post(f"/blogs/comments/{comments[0].id}/delete").status_code == 403
    auth.logout()
    auth.login(commenter)
    assert client.post(f"/blogs/comments/{comments[0].id}/edit",
                       data={"body": "Corregido"}).status_code == 302
    assert client.post(f"/blogs/comments/{comments[0].id}/edit", data={"body": ""}).status_code == 400
    db.session.refresh(comments[0])
    assert comments[0].body == "Corregido" and comments[0].edited_at is not None
    assert client.post(f"/blogs/comments/{comments[1].id}/delete").status_code == 302
    auth.logout()
    auth.login(author)  # the post's author may remove, not edit
    assert client.post(f"/blogs/comments/{comments[2].id}/edit", data={"body": "x"}).status_code == 403
    assert client.post(f"/blogs/comments/{comments[2].id}/delete").status_code == 302
    auth.logout()
    auth.login(moderator)
    assert client.post(f"/blogs/comments/{comments[3].id}/delete").status_code == 302
    db.session.refresh(post)
    assert post.comment_count == 1
    assert [c.is_deleted for c in db.session.scalars(select(Comment).order_by(Comment.id))] == [
        False, True, True, True]
    page = client.get(f"/blogs/posts/{post.id}", follow_redirects=True).text
    assert "This comment was removed." in page and "Comentario 3" not in page


def test_comments_on_secret_group_posts_are_404_for_outsiders(client, auth, api):
    owner = make_user("duena")
    group = make_group(visibility="secret", owner=owner)
    post = make_post(owner, group=group)
    outsider = make_user("fuera")
    auth.login(outsider)
    assert client.post(f"/blogs/posts/{post.id}/comments", data={"body": "Hola"}).status_code == 404
    r = api.as_user(outsider).post(f"/api/v1/blog-posts/{post.id}/comments", json={"body": "x"})
    assert r.status_code == 404
    assert comment_count() == 0


def test_likes_are_counted_once(client, auth, user):
    post = make_post(user)
    fan = make_user("fan")
    auth.login(fan)
    client.post(f"/blogs/posts/{post.id}/like")
    client.post(f"/blogs/posts/{post.id}/like")
    db.session.refresh(post)
    assert post.like_count == 1
    assert db.session.scalar(select(func.count()).select_from(BlogLike)) == 1
    assert "Take back my like" in client.get(f"/blogs/posts/{post.id}", follow_redirects=True).text
    client.post(f"/blogs/posts/{post.id}/unlike")
    client.post(f"/blogs/posts/{post.id}/unlike")
    db.session.refresh(post)
    assert post.like_count == 0


def test_drafts_cannot_be_liked_or_commented(client, auth, user):
    draft = make_post(user, status="draft")
    auth.login(user)
    assert client.post(f"/blogs/posts/{draft.id}/like").status_code == 403
    assert client.post(f"/blogs/posts/{draft.id}/comments", data={"body": "x"}).status_code == 403
    assert db.session.get(BlogPost, draft.id).like_count == 0 and comment_count() == 0


def test_post_page_query_count_does_not_grow_with_comments(client, user, count_queries):
    post = make_post(user)
    make_comment(make_user(), post)
    url = f"/blogs/people/marta/{post.slug}"
    with count_queries() as few:
        client.get(url)
    for _ in range(8):
        c = make_comment(make_user(), post)
        make_comment(make_user(), post, parent_id=c.id)
    with count_queries() as many:
        assert client.get(url).status_code == 200
    assert many.count <= few.count + 1  # commenters' profiles load in one extra batch at most
