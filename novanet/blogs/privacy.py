"""Blogs in the member's data download and in account deletion.

A blog belongs to its member: their posts (with the comments under them and their images) go
with the account whatever the choice. Their comments on other people's posts stay, shown as by
a deleted member, when they keep their content, and are removed otherwise. Likes always go.
Image files and search/activity entries are cleaned up after the deletion commits.
"""

from flask import g, has_app_context
from sqlalchemy import func, select, update

from novanet.accounts.models import User
from novanet.accounts.privacy import register_eraser, register_exporter
from novanet.activity import services as activity
from novanet.blogs.models import BlogImage, BlogLike, BlogPost, Comment
from novanet.core import signals, uploads
from novanet.core.db import utcnow
from novanet.extensions import db


def export_posts(user: User) -> list:
    rows = db.session.scalars(select(BlogPost).where(BlogPost.author_id == user.id)
                              .order_by(BlogPost.created_at))
    return [{"id": p.id, "title": p.title, "slug": p.slug, "group": p.group.slug if p.group else None,
             "status": p.status, "summary": p.summary, "body": p.body, "tags": p.tag_names,
             "hidden": p.hidden, "created_at": p.created_at, "published_at": p.published_at,
             "publish_at": p.publish_at} for p in rows]


def export_comments(user: User) -> list:
    rows = db.session.scalars(select(Comment).where(Comment.author_id == user.id,
                                                    Comment.deleted_at.is_(None))
                              .order_by(Comment.created_at))
    return [{"id": c.id, "post_id": c.post_id, "reply_to": c.parent_id, "body": c.body,
             "created_at": c.created_at, "edited_at": c.edited_at} for c in rows]


def export_likes(user: User) -> list:
    rows = db.session.scalars(select(BlogLike).where(BlogLike.user_id == user.id)
                              .order_by(BlogLike.created_at))
    return [{"post_id": like.post_id, "created_at": like.created_at} for like in rows]


def erase(user: User, keep_content: bool) -> None:
    """Runs inside the deletion transaction (no commit); counters are fixed with SQL UPDATEs."""
    post_ids = list(db.session.scalars(select(BlogPost.id).where(BlogPost.author_id == user.id)))
    keys = list(db.session.scalars(select(BlogImage.key).where(BlogImage.post_id.in_(post_ids))))
    liked = db.session.scalars(select(BlogLike.post_id).where(BlogLike.user_id == user.id))
    for post_id in liked:
        db.session.execute(update(BlogPost).where(BlogPost.id == post_id)
                           .values(like_count=BlogPost.like_count - 1))
    removed_comments = []
    if not keep_content:
        counts = db.session.execute(
            select(Comment.post_id, func.count()).where(Comment.author_id == user.id,
                                                        Comment.deleted_at.is_(None))
            .group_by(Comment.post_id)).all()
        for post_id, n in counts:
            db.session.execute(update(BlogPost).where(BlogPost.id == post_id)
                               .values(comment_count=BlogPost.comment_count - n))
        removed_comments = list(db.session.scalars(select(Comment.id).where(
            Comment.author_id == user.id, Comment.deleted_at.is_(None))))
        db.session.execute(update(Comment).where(Comment.author_id == user.id)
                           .values(body="", body_html="", deleted_at=utcnow()))
    if has_app_context():
        g.setdefault("_blog_erased", {})[user.id] = (post_ids, keys, removed_comments)


def after_user_deleted(sender, user_id: int, keep_content: bool = False, **kw) -> None:
    if not has_app_context():
        return
    post_ids, keys, removed_comments = g.get("_blog_erased", {}).pop(user_id, ([], [], []))
    for key in keys:
        uploads.remove(key)
    for post_id in post_ids:
        activity.forget("blog_post", post_id)
        signals.content_removed.send("blogs", kind="blog_post", id=post_id)
    for comment_id in removed_comments:
        signals.content_removed.send("blogs", kind="comment", id=comment_id)


register_exporter("blog_posts", export_posts)
register_exporter("blog_comments", export_comments)
register_exporter("blog_likes", export_likes)
register_eraser(erase)
signals.user_deleted.connect(after_user_deleted)
