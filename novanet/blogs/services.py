"""Writing blog posts: validation, one commit per change, then signals, activity and search.

Scheduled posts publish themselves lazily: whoever reads after publish_at runs a conditional
UPDATE (status still 'scheduled'); only the reader whose UPDATE changed the row sends the
signals, so concurrent readers never publish twice.
"""

import io
import math
from datetime import datetime

from flask_babel import lazy_gettext as _l
from PIL import Image
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from novanet.accounts.models import User
from novanet.activity import services as activity
from novanet.blogs import policy
from novanet.blogs.models import (
    STATUSES,
    BlogImage,
    BlogLike,
    BlogOldSlug,
    BlogPost,
    BlogPostTag,
    blog_key,
)
from novanet.core import markup, signals, uploads
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.core.tags import parse_tags, slugify
from novanet.extensions import db
from novanet.groups.models import Group

TITLE_MAX = 200
SUMMARY_MAX = 500
BODY_MAX = 100_000
WORDS_PER_MINUTE = 200
SWEEP_BATCH = 50


def reading_minutes(body: str) -> int:
    words = len(markup.plain_text(body).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def get_post(post_id: int) -> BlogPost:
    post = db.session.get(BlogPost, post_id)
    if post is None:
        raise NotFound()
    return post


def load_visible(user, post_id: int) -> BlogPost:
    """The post if this person may read it (publishing it first if its time came), else 404."""
    post = get_post(post_id)
    publish_if_due(post)
    if not policy.can_view(user, post):
        raise NotFound()
    return post


def load_editable(user, post_id: int) -> BlogPost:
    """404 when the post is invisible to the person, 403 when visible but not theirs to edit."""
    post = load_visible(user, post_id)
    if not policy.can_edit(user, post):
        raise Forbidden()
    return post


def find_by_slug(blog: str, slug: str) -> tuple[BlogPost | None, bool]:
    """(post, moved): moved is True when slug is an old one and the caller should redirect."""
    post = db.session.scalar(select(BlogPost).where(BlogPost.blog == blog,
                                                    BlogPost.slug == slug))
    if post is not None:
        return post, False
    old = db.session.scalar(select(BlogOldSlug).where(BlogOldSlug.blog == blog,
                                                      BlogOldSlug.slug == slug))
    if old is None:
        return None, False
    return db.session.get(BlogPost, old.post_id), True


# Validation ------------------------------------------------------------------------------

def _clean_title(value) -> str:
    title = " ".join((value or "").split())
    if not title:
        raise Invalid(fields={"title": _l("Give the post a title.")})
    if len(title) > TITLE_MAX:
        raise Invalid(fields={"title": _l("Use at most %(n)s characters.", n=TITLE_MAX)})
    return title


def _clean_body(value, status: str) -> str:
    body = (value or "").strip()
    if len(body) > BODY_MAX:
        raise Invalid(fields={"body": _l("Use at most %(n)s characters.", n=BODY_MAX)})
    if not body and status != "draft":
        raise Invalid(fields={"body": _l("Write the post before publishing it.")})
    return body


def _clean_summary(value) -> str:
    summary = " ".join((value or "").split())
    if len(summary) > SUMMARY_MAX:
        raise Invalid(fields={"summary": _l("Use at most %(n)s characters.", n=SUMMARY_MAX)})
    return summary


def _clean_status(status, publish_at: datetime | None) -> tuple[str, datetime | None]:
    if status not in STATUSES:
        raise Invalid(fields={"status": _l("Choose draft, published or scheduled.")})
    if status != "scheduled":
        return status, None
    if publish_at is None:
        raise Invalid(fields={"publish_at": _l("Choose when the post should be published.")})
    if publish_at.tzinfo is None:
        raise Invalid(fields={"publish_at": _l("Give the time with its time zone.")})
    if publish_at <= utcnow():
        raise Invalid(fields={"publish_at": _l("Choose a time in the future.")})
    return status, publish_at


def _slug_taken(blog: str, slug: str, post_id: int | None) -> bool:
    stmt = select(BlogPost.id).where(BlogPost.blog == blog, BlogPost.slug == slug)
    if post_id is not None:
        stmt = stmt.where(BlogPost.id != post_id)
    return db.session.scalar(stmt) is not None


def _choose_slug(blog: str, title: str, wanted, post_id: int | None) -> str:
    """An explicit slug must be free in the blog; one derived from the title gets a suffix."""
    if wanted:
        slug = slugify(str(wanted), 120)
        if not slug:
            raise Invalid(fields={"slug": _l("Use letters, digits and hyphens.")})
        if _slug_taken(blog, slug, post_id):
            raise Invalid(fields={"slug": _l("Another post in this blog already uses that "
                                             "address.")})
        return slug
    base = slugify(title, 110) or "post"
    slug, n = base, 2
    while _slug_taken(blog, slug, post_id):
        slug, n = f"{base}-{n}", n + 1
    return slug


def _resolve_group(author: User, group: Group | str | None) -> Group | None:
    if group in (None, ""):
        found = None
    elif isinstance(group, Group):
        found = group
    else:
        found = db.session.scalar(select(Group).where(Group.slug == str(group).lower()))
        if found is None:
            raise Invalid(fields={"group": _l("There is no such group.")})
    if not policy.can_write_in(author, found):
        if found is not None:
            raise Invalid(fields={"group": _l("You can only write in groups you are an "
                                              "active member of.")})
        raise Forbidden()
    return found


def _set_text(post: BlogPost, body: str, summary: str) -> None:
    post.body = body
    post.body_html = markup.render(body)
    post.summary = summary
    post.excerpt = summary[:320] if summary else markup.plain_text(body, 300)
    post.reading_minutes = reading_minutes(body)


def _set_tags(post: BlogPost, tags: list[str]) -> None:
    existing = {t.tag: t for t in post.tags}
    post.tags = [existing.get(tag) or BlogPostTag(tag=tag) for tag in tags]


def _commit_unique() -> None:
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Invalid(fields={"slug": _l("Another post in this blog already uses that "
                                         "address.")}) from None


# Writing ---------------------------------------------------------------------------------

def create_post(author: User, *, title, body, status="draft", publish_at=None, group=None,
                summary="", tags=None, slug=None, comments_closed=False,
                cover=None) -> BlogPost:
    """Write a post in the author's blog or a group's; cover is an uploaded file or None."""
    found_group = _resolve_group(author, group)
    title = _clean_title(title)
    status, publish_at = _clean_status(status, publish_at)
    body = _clean_body(body, status)
    summary = _clean_summary(summary)
    tag_list = parse_tags(tags)
    cover_image = _prepare_image(cover, "cover") if cover else None
    blog = blog_key(author.id, found_group.id if found_group else None)
    post = BlogPost(author_id=author.id, group_id=found_group.id if found_group else None,
                    blog=blog, title=title, slug=_choose_slug(blog, title, slug, None),
                    status=status, publish_at=publish_at, comments_closed=bool(comments_closed))
    _set_text(post, body, summary)
    _set_tags(post, tag_list)
    if status == "published":
        post.published_at = utcnow()
    db.session.add(post)
    stored = None
    try:
        if cover_image:
            db.session.flush()
            stored = _store_image(post, author, *cover_image)
            post.cover_name = stored.name
        _commit_unique()
    except Exception:
        db.session.rollback()
        if stored is not None:
            uploads.remove(stored.key)
        raise
    if status == "published":
        _announce_published(post)
    return post


def update_post(user: User, post: BlogPost, changes: dict) -> BlogPost:
    """Apply changes (title, body, summary, tags, slug, status, publish_at, comments_closed)."""
    if not policy.can_edit(user, post):
        raise Forbidden()
    was_published = post.status == "published"
    title = _clean_title(changes.get("title", post.title))
    status = changes.get("status", post.status)
    if status == "scheduled" and was_published:
        raise Invalid(fields={"status": _l("This post is already published.")})
    publish_at = changes.get("publish_at", post.publish_at)
    status, publish_at = _clean_status(status, publish_at)
    body = _clean_body(changes.get("body", post.body), status)
    summary = _clean_summary(changes.get("summary", post.summary))
    tag_list = parse_tags(changes["tags"]) if "tags" in changes else post.tag_names
    wanted = changes.get("slug") or None
    if wanted and slugify(str(wanted), 120) == post.slug:
        wanted = None
    new_slug = post.slug
    if wanted or title != post.title:
        new_slug = _choose_slug(post.blog, title, wanted, post.id)
    if new_slug != post.slug:
        db.session.execute(delete(BlogOldSlug).where(BlogOldSlug.blog == post.blog,
                                                     BlogOldSlug.slug == new_slug))
        if was_published:
            db.session.add(BlogOldSlug(post_id=post.id, blog=post.blog, slug=post.slug))
        post.slug = new_slug
    post.title = title
    _set_text(post, body, summary)
    _set_tags(post, tag_list)
    if "comments_closed" in changes:
        post.comments_closed = bool(changes["comments_closed"])
    post.status, post.publish_at = status, publish_at
    if status == "published" and not was_published:
        post.published_at = utcnow()
    post.updated_at = utcnow()
    _commit_unique()
    if status == "published" and not was_published:
        _announce_published(post)
    elif status == "published":
        signals.blog_post_updated.send("blogs", post=post)
        signals.content_changed.send("blogs", kind="blog_post", id=post.id)
    elif was_published:
        _withdraw(post)
    return post


def publish_post(user: User, post: BlogPost) -> BlogPost:
    """Publish a draft or scheduled post now; publishing twice is a conflict."""
    if not policy.can_edit(user, post):
        raise Forbidden()
    if post.status == "published":
        raise Conflict(_l("This post is already published."))
    return update_post(user, post, {"status": "published"})


def delete_post(user: User, post: BlogPost) -> None:
    """Delete the post with its comments, likes and images (files removed after the commit)."""
    if not policy.can_delete(user, post):
        raise Forbidden()
    keys = list(db.session.scalars(select(BlogImage.key).where(BlogImage.post_id == post.id)))
    post_id, was_published = post.id, post.status == "published"
    db.session.delete(post)
    db.session.commit()
    for key in keys:
        uploads.remove(key)
    if was_published:
        activity.forget("blog_post", post_id)
    signals.blog_post_deleted.send("blogs", post_id=post_id)
    signals.content_removed.send("blogs", kind="blog_post", id=post_id)


def set_hidden(user: User, post: BlogPost, hidden: bool) -> BlogPost:
    """Moderators hide a post from everyone but its author and themselves, or show it again."""
    if not policy.can_moderate(user, post):
        raise Forbidden()
    if post.hidden == hidden:
        return post
    post.hidden = hidden
    db.session.commit()
    if post.status != "published":
        return post
    if hidden:
        _withdraw(post)
    else:
        _announce_published(post)
    return post


def publish_if_due(post: BlogPost) -> bool:
    """Publish a scheduled post whose time has come; True only for the caller that did it."""
    if post.status != "scheduled" or post.publish_at is None or post.publish_at > utcnow():
        return False
    return _publish_due_id(post.id, post)


def publish_due() -> int:
    """Publish every scheduled post whose time has come (run before lists and feeds)."""
    now = utcnow()
    ids = list(db.session.scalars(
        select(BlogPost.id).where(BlogPost.status == "scheduled", BlogPost.publish_at <= now)
        .order_by(BlogPost.publish_at).limit(SWEEP_BATCH)))
    return sum(1 for post_id in ids if _publish_due_id(post_id))


def _publish_due_id(post_id: int, post: BlogPost | None = None) -> bool:
    now = utcnow()
    result = db.session.execute(
        update(BlogPost)
        .where(BlogPost.id == post_id, BlogPost.status == "scheduled",
               BlogPost.publish_at <= now)
        .values(status="published", published_at=BlogPost.publish_at, updated_at=now)
        .execution_options(synchronize_session=False))
    db.session.commit()
    won = result.rowcount == 1
    if post is not None:
        db.session.refresh(post)
    if won:
        _announce_published(post or db.session.get(BlogPost, post_id))
    return won


def _post_url(post: BlogPost) -> str:
    from flask import url_for

    try:
        return url_for("blogs.permalink", post_id=post.id)
    except RuntimeError:
        return f"/blogs/posts/{post.id}"


def _announce_published(post: BlogPost) -> None:
    signals.blog_post_published.send("blogs", post=post)
    signals.content_changed.send("blogs", kind="blog_post", id=post.id)
    if not post.hidden:
        activity.record(actor_id=post.author_id, verb="blog_post_published",
                        subject_type="blog_post", subject_id=post.id, group_id=post.group_id,
                        title=post.title, url=_post_url(post))


def _withdraw(post: BlogPost) -> None:
    activity.forget("blog_post", post.id)
    signals.blog_post_updated.send("blogs", post=post)
    signals.content_removed.send("blogs", kind="blog_post", id=post.id)


# Likes -----------------------------------------------------------------------------------

def _insert_ignoring_duplicates(model, **values) -> int:
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    # RETURNING tells whether a row went in (rowcount is unreliable for ON CONFLICT on psycopg).
    stmt = (insert(model).values(**values).on_conflict_do_nothing()
            .returning(*model.__table__.primary_key.columns))
    return len(db.session.execute(stmt).all())


def like(user: User, post: BlogPost) -> int:
    """Like once (liking again changes nothing); returns the new count."""
    if not policy.can_like(user, post):
        raise Forbidden()
    if _insert_ignoring_duplicates(BlogLike, post_id=post.id, user_id=user.id,
                                   created_at=utcnow()):
        db.session.execute(update(BlogPost).where(BlogPost.id == post.id)
                           .values(like_count=BlogPost.like_count + 1)
                           .execution_options(synchronize_session=False))
    db.session.commit()
    db.session.refresh(post)
    return post.like_count


def unlike(user: User, post: BlogPost) -> int:
    if not policy.can_view(user, post):
        raise NotFound()
    removed = db.session.execute(delete(BlogLike).where(BlogLike.post_id == post.id,
                                                        BlogLike.user_id == user.id)).rowcount
    if removed:
        db.session.execute(update(BlogPost).where(BlogPost.id == post.id)
                           .values(like_count=BlogPost.like_count - 1)
                           .execution_options(synchronize_session=False))
    db.session.commit()
    db.session.refresh(post)
    return post.like_count


def liked_ids(user, post_ids: list[int]) -> set[int]:
    if not getattr(user, "is_authenticated", False) or not post_ids:
        return set()
    return set(db.session.scalars(select(BlogLike.post_id).where(
        BlogLike.user_id == user.id, BlogLike.post_id.in_(post_ids))))


# Images ----------------------------------------------------------------------------------

def _prepare_image(storage, field: str) -> tuple[bytes, str]:
    from flask import current_app

    limit = current_app.config.get("BLOG_IMAGE_MAX_BYTES", 5 * 1024 * 1024)
    data = uploads.read_upload(storage, field, limit)
    return uploads.process_image(data, field, allowed=("PNG", "JPEG", "WEBP", "GIF"),
                                 max_size=(1600, 1600))


def _store_image(post: BlogPost, user: User, data: bytes, ext: str) -> BlogImage:
    with Image.open(io.BytesIO(data)) as probe:
        width, height = probe.size
    key = uploads.store(data, ext, "blogs")
    image = BlogImage(post_id=post.id, uploader_id=user.id, key=key, name=key.rsplit("/", 1)[1],
                      width=width, height=height)
    db.session.add(image)
    return image


def add_image(user: User, post: BlogPost, storage, *, as_cover: bool = False) -> BlogImage:
    """Upload an image for the post (checked and re-encoded); nothing is kept on failure."""
    if not policy.can_edit(user, post):
        raise Forbidden()
    prepared = _prepare_image(storage, "image")
    image = _store_image(post, user, *prepared)
    if as_cover:
        post.cover_name = image.name
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        uploads.remove(image.key)
        raise
    return image


def remove_cover(user: User, post: BlogPost) -> None:
    if not policy.can_edit(user, post):
        raise Forbidden()
    post.cover_name = None
    db.session.commit()


def image_for(name: str) -> BlogImage:
    image = db.session.scalar(select(BlogImage).where(BlogImage.name == name))
    if image is None:
        raise NotFound()
    return image
