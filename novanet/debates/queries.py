"""Read side: debate lists and the posts of a debate page, each in a bounded number of queries."""

import html as html_lib
import math
import re
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, contains_eager, joinedload, lazyload, load_only

from novanet.accounts.models import User
from novanet.core.pagination import Page, paginate
from novanet.debates import policy
from novanet.debates.models import Debate, Post, Reaction
from novanet.debates.services import reaction_counts
from novanet.extensions import db

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
    mine: dict = field(default_factory=dict)


def page_numbers(debate: Debate, number: int, size: int) -> tuple[int, int]:
    pages = page_count(debate, size)
    return min(max(1, number), pages), pages


def debate_page(debate: Debate, viewer, number: int, size: int) -> DebatePage:
    """One page of posts with authors, quoted posts, reaction counts and the viewer's reactions:
    three queries at most, whatever the number of posts."""
    number, pages = page_numbers(debate, number, size)
    posts = list(db.session.scalars(posts_stmt(debate.id).order_by(Post.id)
                                    .limit(size).offset((number - 1) * size)).unique())
    ids = [p.id for p in posts]
    counts = reaction_counts(ids)
    mine: dict[int, set[str]] = {pid: set() for pid in ids}
    if ids and viewer is not None and getattr(viewer, "is_authenticated", False):
        rows = db.session.execute(select(Reaction.post_id, Reaction.kind).where(
            Reaction.post_id.in_(ids), Reaction.user_id == viewer.id))
        for post_id, kind in rows:
            mine[post_id].add(kind)
    return DebatePage(posts, number, pages, counts, mine)


def posts_after(debate: Debate, after_id: int, limit: int) -> list[Post]:
    """Posts newer than after_id in order: how a reconnecting client catches up."""
    return list(db.session.scalars(posts_stmt(debate.id).where(Post.id > after_id)
                                   .order_by(Post.id).limit(limit)).unique())


def load_post(post_id: int) -> Post | None:
    return db.session.scalar(select(Post).where(Post.id == post_id)
                             .options(joinedload(Post.author), joinedload(Post.reply_to)))
