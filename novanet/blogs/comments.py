"""Comments on blog posts: one level of replies, edit and delete, removal by moderators."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from novanet.accounts.models import User
from novanet.blogs import policy
from novanet.blogs.models import BlogPost, Comment
from novanet.core import markup, signals
from novanet.core.db import utcnow
from novanet.core.errors import Forbidden, Invalid, NotFound
from novanet.core.pagination import Page, paginate
from novanet.extensions import db
from novanet.notifications import services as notifications

BODY_MAX = 20_000


def _clean_body(value) -> str:
    body = (value or "").strip()
    if not body:
        raise Invalid(fields={"body": _l("Write your comment.")})
    if len(body) > BODY_MAX:
        raise Invalid(fields={"body": _l("Use at most %(n)s characters.", n=BODY_MAX)})
    return body


def get_comment(comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise NotFound()
    return comment


def load_visible(user, comment_id: int) -> Comment:
    """The comment when its post is visible to this person, else 404."""
    comment = get_comment(comment_id)
    if not policy.can_view(user, comment.post):
        raise NotFound()
    return comment


def add_comment(user: User, post: BlogPost, body, parent_id: int | None = None) -> Comment:
    """Comment (or reply) on a post; a reply to a reply joins the top-level thread."""
    if not policy.can_view(user, post):
        raise NotFound()
    if post.comments_closed:
        raise Forbidden(_l("Comments are closed on this post."), code="comments_closed")
    if not policy.can_comment(user, post):
        raise Forbidden()
    text = _clean_body(body)
    parent = None
    if parent_id not in (None, ""):
        try:
            parent = db.session.get(Comment, int(parent_id))
        except (TypeError, ValueError):
            parent = None
        if parent is None or parent.post_id != post.id or parent.is_deleted:
            raise Invalid(fields={"parent": _l("That comment cannot be answered.")})
        if parent.parent_id is not None:
            parent = db.session.get(Comment, parent.parent_id)
    comment = Comment(post_id=post.id, author_id=user.id, body=text,
                      body_html=markup.render(text), parent_id=parent.id if parent else None)
    db.session.add(comment)
    db.session.execute(update(BlogPost).where(BlogPost.id == post.id)
                       .values(comment_count=BlogPost.comment_count + 1)
                       .execution_options(synchronize_session=False))
    db.session.commit()
    signals.comment_created.send("blogs", comment=comment, post=post)
    signals.content_changed.send("blogs", kind="comment", id=comment.id)
    _notify(user, post, comment, parent)
    return comment


def _notify(user: User, post: BlogPost, comment: Comment, parent: Comment | None) -> None:
    url = f"/blogs/posts/{post.id}#comment-{comment.id}"
    params = {"name": user.display_name, "title": post.title}
    notifications.notify([post.author_id], "blog_comment", actor=user, url=url, params=params)
    if parent is not None and parent.author is not None and parent.author_id != post.author_id:
        if policy.can_view(parent.author, post):
            notifications.notify([parent.author_id], "blog_reply", actor=user, url=url,
                                 params=params)


def edit_comment(user: User, comment: Comment, body) -> Comment:
    if not policy.can_edit_comment(user, comment):
        raise Forbidden()
    text = _clean_body(body)
    comment.body, comment.body_html = text, markup.render(text)
    comment.edited_at = utcnow()
    db.session.commit()
    signals.content_changed.send("blogs", kind="comment", id=comment.id)
    return comment


def remove_in_session(comment: Comment, removed_by_id: int | None = None) -> None:
    """Blank the comment and lower the post's count; the caller commits (moderation does too)."""
    if comment.deleted_at is not None:
        return
    comment.deleted_at, comment.deleted_by_id = utcnow(), removed_by_id
    comment.body, comment.body_html = "", ""
    db.session.execute(update(BlogPost).where(BlogPost.id == comment.post_id)
                       .values(comment_count=BlogPost.comment_count - 1)
                       .execution_options(synchronize_session=False))


def delete_comment(user: User, comment: Comment) -> Comment:
    """Its author, the post's author or a moderator removes it; replies stay in place."""
    post = comment.post
    if not policy.can_remove_comment(user, comment, post):
        raise Forbidden()
    remove_in_session(comment, removed_by_id=user.id)
    db.session.commit()
    signals.content_removed.send("blogs", kind="comment", id=comment.id)
    return comment


def thread(post: BlogPost, *, limit: int, cursor: str | None = None) -> tuple[Page, dict]:
    """A page of top-level comments (oldest first) and their replies, in two queries."""
    stmt = select(Comment).where(Comment.post_id == post.id, Comment.parent_id.is_(None))
    page = paginate(stmt, [Comment.created_at, Comment.id], session=db.session, limit=limit,
                    cursor=cursor, descending=False)
    replies: dict[int, list[Comment]] = {c.id: [] for c in page.items}
    if replies:
        rows = db.session.scalars(select(Comment).where(Comment.parent_id.in_(list(replies)))
                                  .order_by(Comment.created_at, Comment.id))
        for reply in rows:
            replies[reply.parent_id].append(reply)
    return page, replies


def flat(post: BlogPost, *, limit: int, cursor: str | None = None) -> Page:
    """Every comment of a post, oldest first (the API list; replies carry parent_id)."""
    stmt = select(Comment).where(Comment.post_id == post.id)
    return paginate(stmt, [Comment.created_at, Comment.id], session=db.session, limit=limit,
                    cursor=cursor, descending=False)
