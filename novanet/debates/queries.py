"""Read side: debate lists and the posts of a debate page, each in a bounded number of queries."""

import html as html_lib
import math
import re
from dataclasses import dataclass, field

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import aliased, contains_eager, joinedload, lazyload, load_only

from novanet.accounts.models import User
from novanet.core.i18n import relative_time_bucket
from novanet.core.pagination import Page, paginate
from novanet.debates import policy
from novanet.debates.models import Debate, Post, Reaction, ReadMarker
from novanet.debates.services import reaction_counts
from novanet.extensions import db
from novanet.groups.models import Group, Membership

_TAG_RE = re.compile(r"<[^>]+>")


def excerpt(html: str, limit: int = 160) -> str:
    """Plain text from stored, sanitised HTML for quotes and previews (no Markdown rerun)."""
    text = re.sub(r"\s+", " ", html_lib.unescape(_TAG_RE.sub(" ", html or ""))).strip()
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def latest_debates(viewer, *, limit: int, cursor: str | None = None, tag: str | None = None) -> Page:
    """Debates across every group the viewer may read, latest activity first."""
    stmt = select(Debate).where(policy.readable(viewer))
    if tag:
        from novanet.debates.models import DebateTag

        stmt = stmt.where(Debate.id.in_(select(DebateTag.debate_id).where(DebateTag.tag == tag)))
    return paginate(stmt, [Debate.last_activity_at, Debate.id], session=db.session, limit=limit,
                    cursor=cursor)


def group_debates(group, *, limit: int, cursor: str | None = None) -> Page:
    """A group's debates, pinned first, then latest activity (the caller checked the policy)."""
    stmt = select(Debate).where(Debate.group_id == group.id)
    return paginate(stmt, [Debate.pinned, Debate.last_activity_at, Debate.id],
                    session=db.session, limit=limit, cursor=cursor)


def posts_stmt(debate_id: int):
    quoted = aliased(Post)
    quoted_author = aliased(User)
    return (select(Post).where(Post.debate_id == debate_id)
            .outerjoin(Post.author)
            .outerjoin(quoted, Post.reply_to)
            .outerjoin(quoted_author, quoted.author)
            .options(contains_eager(Post.author).options(
                         load_only(*_person_columns(User)), lazyload(User.expertise)),
                     contains_eager(Post.reply_to.of_type(quoted)),
                     contains_eager(Post.reply_to.of_type(quoted)).contains_eager(
                         quoted.author.of_type(quoted_author)).options(
                             load_only(*_person_columns(quoted_author)),
                             lazyload(quoted_author.expertise))))


def _person_columns(entity):
    # A post shows its author's name and avatar; the rest of the profile stays in the database.
    return (entity.id, entity.username, entity.display_name, entity.avatar_key,
            entity.suspended_at)


def page_count(debate: Debate, size: int) -> int:
    return max(1, math.ceil(debate.post_count / size))


def page_of_post(post: Post, size: int) -> int:
    """The page where a post appears (for permalinks)."""
    before = db.session.scalar(select(func.count()).where(Post.debate_id == post.debate_id,
                                                          Post.id < post.id)) or 0
    return before // size + 1


@dataclass
class DebatePage:
    posts: list
    number: int
    pages: int
    counts: dict = field(default_factory=dict)


def page_numbers(debate: Debate, number: int, size: int) -> tuple[int, int]:
    pages = page_count(debate, size)
    return min(max(1, number), pages), pages


def debate_page(debate: Debate, number: int, size: int) -> DebatePage:
    """One page of posts with authors, quoted posts and reaction counts: two queries, whatever
    the number of posts. What the reader did is asked separately (my_reactions)."""
    number, pages = page_numbers(debate, number, size)
    posts = list(db.session.scalars(posts_stmt(debate.id).order_by(Post.id)
                                    .limit(size).offset((number - 1) * size)).unique())
    return DebatePage(posts, number, pages, reaction_counts([p.id for p in posts]))


_MY_REACTIONS = (select(Reaction.post_id, Reaction.kind).join(Post, Post.id == Reaction.post_id)
                 .where(Reaction.user_id == bindparam("user_id"),
                        Post.debate_id == bindparam("debate_id"),
                        Post.id.between(bindparam("first_id"), bindparam("last_id"))))


def my_reactions(viewer, debate: Debate, first_id: int, last_id: int) -> dict[int, set[str]]:
    """The reactions a member gave to the posts of a page (posts first_id..last_id)."""
    mine: dict[int, set[str]] = {}
    rows = db.session.execute(_MY_REACTIONS, {"user_id": viewer.id, "debate_id": debate.id,
                                              "first_id": first_id, "last_id": last_id})
    for post_id, kind in rows:
        mine.setdefault(post_id, set()).add(kind)
    return mine


_debates, _groups = Debate.__table__, Group.__table__
# Plain columns, built once: this runs on every anonymous page view.
_READER_STAMP = (select(_groups.c.visibility, _debates.c.created_at, _debates.c.version,
                        _debates.c.post_count, _debates.c.last_activity_at, _groups.c.name,
                        _groups.c.slug)
                 .select_from(_debates.join(_groups, _groups.c.id == _debates.c.group_id))
                 .where(_debates.c.id == bindparam("debate_id")))


def reader_stamp(debate_id: int) -> tuple[str, tuple] | None:
    """The visibility of the debate's group and what a cached page of the debate depends on, in
    one light query: the version counter (bumped by every change to the debate, its posts and
    reactions), the group's name, and how precise the page's relative times must be."""
    row = db.session.execute(_READER_STAMP, {"debate_id": debate_id}).first()
    if row is None:
        return None
    visibility, created_at, version, post_count, last_activity_at, name, slug = row
    return visibility, _stamp(created_at, version, post_count, last_activity_at, name, slug,
                              visibility)


_markers, _memberships = ReadMarker.__table__, Membership.__table__
_MEMBER_FACTS = (
    select(_debates.c.id, _debates.c.group_id, _debates.c.author_id, _debates.c.created_at,
           _debates.c.version, _debates.c.post_count, _debates.c.last_activity_at,
           _debates.c.locked, _debates.c.closed_at, _groups.c.name, _groups.c.slug,
           _groups.c.visibility, _memberships.c.status, _memberships.c.role,
           _markers.c.last_post_id.label("last_read"))
    .select_from(_debates.join(_groups, _groups.c.id == _debates.c.group_id)
                 .outerjoin(_memberships, and_(_memberships.c.group_id == _debates.c.group_id,
                                               _memberships.c.user_id == bindparam("user_id")))
                 .outerjoin(_markers, and_(_markers.c.debate_id == _debates.c.id,
                                           _markers.c.user_id == bindparam("user_id"))))
    .where(_debates.c.id == bindparam("debate_id")))


def member_facts(viewer, debate_id: int):
    """Everything a signed-in reader's cached debate page needs to decide and fill, in one
    query: the debate's state and version, its group, the reader's membership and read marker.
    The row has the attribute names of Debate where they match (policy.PostRights reads it)."""
    return db.session.execute(_MEMBER_FACTS, {"user_id": viewer.id,
                                              "debate_id": debate_id}).first()


def stamp_of(facts) -> tuple:
    """reader_stamp's tuple from member_facts."""
    return _stamp(facts.created_at, facts.version, facts.post_count, facts.last_activity_at,
                  facts.name, facts.slug, facts.visibility)


def _stamp(created_at, version, post_count, last_activity_at, name, slug, visibility) -> tuple:
    return (created_at, version, post_count, name, slug, visibility,
            relative_time_bucket(last_activity_at))


def posts_after(debate: Debate, after_id: int, limit: int) -> list[Post]:
    """Posts newer than after_id in order: how a reconnecting client catches up."""
    return list(db.session.scalars(posts_stmt(debate.id).where(Post.id > after_id)
                                   .order_by(Post.id).limit(limit)).unique())


def load_post(post_id: int) -> Post | None:
    return db.session.scalar(select(Post).where(Post.id == post_id)
                             .options(joinedload(Post.author), joinedload(Post.reply_to)))
