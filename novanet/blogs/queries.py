"""The blog lists, written once and shared by pages, feeds and the API.

Each list first publishes scheduled posts whose time has come (so they appear the moment they
are due), then loads one keyset page with authors, groups and tags in a fixed number of queries.
"""

from sqlalchemy import or_, select

from novanet.blogs import policy
from novanet.blogs.models import BlogPost, BlogPostTag
from novanet.blogs.services import publish_due
from novanet.core.pagination import Page, paginate
from novanet.extensions import db
from novanet.groups.models import Group

KEYS = [BlogPost.published_at, BlogPost.id]


def _page(stmt, limit: int, cursor: str | None) -> Page:
    publish_due()
    return paginate(stmt, KEYS, session=db.session, limit=limit, cursor=cursor)


def latest_public(*, limit: int, cursor: str | None = None, tag: str | None = None) -> Page:
    """Published posts anyone may read: personal ones and those of public groups."""
    stmt = select(BlogPost).where(policy.public_posts())
    if tag:
        stmt = stmt.where(BlogPost.id.in_(select(BlogPostTag.post_id)
                                          .where(BlogPostTag.tag == tag)))
    return _page(stmt, limit, cursor)


def member_blog(author, *, limit: int, cursor: str | None = None) -> Page:
    """A member's own blog (group posts belong to their group's blog)."""
    stmt = select(BlogPost).where(BlogPost.author_id == author.id, BlogPost.group_id.is_(None),
                                  policy.listed())
    return _page(stmt, limit, cursor)


def group_blog(viewer, group: Group, *, limit: int, cursor: str | None = None) -> Page:
    stmt = select(BlogPost).where(policy.group_posts(viewer, group))
    return _page(stmt, limit, cursor)


def readable(viewer, *, limit: int, cursor: str | None = None, author=None, group=None,
             tag: str | None = None) -> Page:
    """The API list: public posts, or one group's / one author's posts the viewer may read."""
    if group is not None:
        stmt = select(BlogPost).where(policy.group_posts(viewer, group))
    elif author is not None:
        stmt = select(BlogPost).where(BlogPost.author_id == author.id,
                                      policy.readable_posts(viewer))
    else:
        stmt = select(BlogPost).where(policy.public_posts())
    if tag:
        stmt = stmt.where(BlogPost.id.in_(select(BlogPostTag.post_id)
                                          .where(BlogPostTag.tag == tag)))
    return _page(stmt, limit, cursor)


def drafts(author, *, limit: int, cursor: str | None = None) -> Page:
    """The author's posts readers do not see (drafts, scheduled, hidden), latest edit first."""
    publish_due()
    stmt = select(BlogPost).where(BlogPost.author_id == author.id,
                                  or_(BlogPost.status != "published", BlogPost.hidden))
    return paginate(stmt, [BlogPost.updated_at, BlogPost.id], session=db.session, limit=limit,
                    cursor=cursor)


def hidden_in_group(viewer, group: Group, *, limit: int = 50) -> list[BlogPost]:
    """Hidden posts of a group, for its moderators' review."""
    from novanet.groups import policy as group_policy

    if not group_policy.can_moderate(viewer, group):
        return []
    return list(db.session.scalars(
        select(BlogPost).where(BlogPost.group_id == group.id, BlogPost.hidden.is_(True))
        .order_by(BlogPost.updated_at.desc()).limit(limit)))
