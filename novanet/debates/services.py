"""The rules for debates: every write validates, commits once, then sends its signals."""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, delete, func, select, update

from novanet.accounts.models import User
from novanet.core import markup, signals
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Invalid, NotFound
from novanet.core.tags import parse_tags
from novanet.debates import policy
from novanet.debates.models import (
    MAX_POST_LENGTH,
    MAX_TITLE_LENGTH,
    REACTION_KINDS,
    Debate,
    DebateTag,
    Post,
    PostRevision,
    Reaction,
    ReadMarker,
)
from novanet.extensions import db
from novanet.groups.models import Group

SENDER = "debates"
MENTION_RE = re.compile(r"(?<![\w@/])@([A-Za-z0-9_]{3,32})\b")


def _clean_body(body, field: str = "body", required: bool = True) -> str:
    if not isinstance(body, str):
        raise Invalid(fields={field: _l("Write some text.")})
    body = body.strip()
    if required and not body:
        raise Invalid(fields={field: _l("Write something before sending.")})
    if len(body) > MAX_POST_LENGTH:
        raise Invalid(fields={field: _l("Keep it under %(n)s characters (this has %(m)s).",
                                        n=f"{MAX_POST_LENGTH:,}", m=f"{len(body):,}")})
    return body


def _clean_title(title) -> str:
    title = title.strip() if isinstance(title, str) else ""
    if len(title) < 3:
        raise Invalid(fields={"title": _l("Give the debate a title of at least 3 characters.")})
    if len(title) > MAX_TITLE_LENGTH:
        raise Invalid(fields={"title": _l("Keep the title under %(n)s characters.",
                                          n=MAX_TITLE_LENGTH)})
    return title


def _touch(debate_id: int, group_id: int, now, *, replies: int = 0, rows: int = 0) -> None:
    values = {"last_activity_at": now, "version": Debate.version + 1}
    if replies:
        values["reply_count"] = Debate.reply_count + replies
    if rows:
        values["post_count"] = Debate.post_count + rows
    db.session.execute(update(Debate).where(Debate.id == debate_id).values(**values))
    db.session.execute(update(Group).where(Group.id == group_id).values(last_activity_at=now))


def _bump(debate_id: int) -> None:
    db.session.execute(update(Debate).where(Debate.id == debate_id)
                       .values(version=Debate.version + 1))


def mentioned_users(text: str, debate: Debate, author: User) -> list[User]:
    """Members named with @username who may read the debate (never the author)."""
    names = {m.lower() for m in MENTION_RE.findall(text or "")}
    names.discard(author.username)
    if not names:
        return []
    people = db.session.scalars(select(User).where(User.username.in_(sorted(names)[:20]),
                                                   User.suspended_at.is_(None)))
    return [p for p in people if policy.can_view_debate(p, debate)]


def create_debate(author: User, group: Group, *, title, body, tags=None) -> Debate:
    """Start a debate in a group. Invalid input or a non-member raises; nothing is stored."""
    policy.require(policy.can_start_debate(author, group),
                   _l("Only active members of this group can start debates."))
    errors = {}
    try:
        title = _clean_title(title)
    except Invalid as exc:
        errors.update(exc.fields)
    try:
        body = _clean_body(body)
    except Invalid as exc:
        errors.update(exc.fields)
    try:
        tag_list = parse_tags(tags)
    except Invalid as exc:
        errors.update(exc.fields)
    if errors:
        raise Invalid(fields=errors)
    now = utcnow()
    debate = Debate(group_id=group.id, author_id=author.id, title=title, body=body,
                    body_html=markup.render(body), created_at=now, last_activity_at=now,
                    tags=[DebateTag(tag=t) for t in tag_list])
    db.session.add(debate)
    db.session.execute(update(Group).where(Group.id == group.id).values(last_activity_at=now))
    db.session.commit()
    signals.debate_created.send(SENDER, debate=debate, actor=author)
    signals.content_changed.send(SENDER, kind="debate", id=debate.id)
    return debate


def update_debate(user: User, debate: Debate, *, title=None, body=None, tags=None, pinned=None,
                  locked=None, closed=None, conclusion=None) -> Debate:
    """Edit the opening post (author or moderator); pin, lock, close with a conclusion
    (moderators). Closing needs a written conclusion."""
    moderating = any(v is not None for v in (pinned, locked, closed, conclusion))
    if moderating:
        policy.require(policy.can_moderate_debate(user, debate),
                       _l("Only the group's moderators can do that."))
    if any(v is not None for v in (title, body, tags)):
        policy.require(policy.can_edit_debate(user, debate),
                       _l("You can only edit debates you started, while they are open."))
    errors = {}
    changes = {}
    for name, value, clean in (("title", title, _clean_title), ("body", body, _clean_body),
                               ("tags", tags, parse_tags)):
        if value is None:
            continue
        try:
            changes[name] = clean(value)
        except Invalid as exc:
            errors.update(exc.fields)
    if conclusion is not None:
        try:
            changes["conclusion"] = _clean_body(conclusion, "conclusion", required=False)
        except Invalid as exc:
            errors.update(exc.fields)
    final_conclusion = changes.get("conclusion", debate.conclusion)
    if closed and not final_conclusion:
        errors["conclusion"] = _l("Write the conclusion the debate reached before closing it.")
    if errors:
        raise Invalid(fields=errors)
    if "title" in changes:
        debate.title = changes["title"]
    if "body" in changes and changes["body"] != debate.body:
        debate.body = changes["body"]
        debate.body_html = markup.render(debate.body)
        debate.edited_at = utcnow()
    if "tags" in changes:
        debate.tags = [DebateTag(tag=t) for t in changes["tags"]]
    if "conclusion" in changes:
        debate.conclusion = changes["conclusion"]
        debate.conclusion_html = markup.render(debate.conclusion)
    if pinned is not None:
        debate.pinned = bool(pinned)
    if locked is not None:
        debate.locked = bool(locked)
    if closed is not None:
        debate.closed_at = (debate.closed_at or utcnow()) if closed else None
    debate.version = Debate.version + 1
    db.session.commit()
    signals.debate_updated.send(SENDER, debate=debate, actor=user)
    signals.content_changed.send(SENDER, kind="debate", id=debate.id)
    return debate


def reply(author: User, debate: Debate, *, body, reply_to_id=None) -> Post:
    """Add a reply. Refused for non-members and locked or closed debates; stores nothing then."""
    if not debate.open_for_replies:
        raise Conflict(_l("This debate is closed to new replies."), code="debate_closed")
    policy.require(policy.can_reply(author, debate),
                   _l("Only active members of this group can reply."))
    body = _clean_body(body)
    reply_to = None
    if reply_to_id not in (None, ""):
        try:
            reply_to_id = int(reply_to_id)
        except (TypeError, ValueError):
            raise Invalid(fields={"reply_to": _l("Not a post of this debate.")}) from None
        reply_to = db.session.get(Post, reply_to_id)
        if reply_to is None or reply_to.debate_id != debate.id or reply_to.deleted:
            raise Invalid(fields={"reply_to": _l("Not a post of this debate.")})
    now = utcnow()
    post = Post(debate_id=debate.id, author_id=author.id, body=body,
                body_html=markup.render(body), reply_to_id=reply_to.id if reply_to else None,
                created_at=now)
    db.session.add(post)
    _touch(debate.id, debate.group_id, now, replies=1, rows=1)
    db.session.commit()
    signals.post_created.send(SENDER, post=post, debate=debate, actor=author)
    signals.content_changed.send(SENDER, kind="post", id=post.id)
    return post


def edit_post(user: User, post: Post, *, body) -> Post:
    """The author rewrites a post; the previous version is kept for moderators."""
    policy.require(policy.can_edit_post(user, post), _l("You can only edit your own posts."))
    body = _clean_body(body)
    if body == post.body:
        return post
    db.session.add(PostRevision(post_id=post.id, body=post.body, body_html=post.body_html,
                                edited_by_id=user.id))
    post.body = body
    post.body_html = markup.render(body)
    post.edited_at = utcnow()
    _bump(post.debate_id)
    db.session.commit()
    signals.post_updated.send(SENDER, post=post, debate=post.debate, actor=user)
    signals.content_changed.send(SENDER, kind="post", id=post.id)
    return post


def delete_post(user: User, post: Post) -> Post:
    """Soft delete by the author or a moderator: the text is hidden, the place is kept."""
    policy.require(policy.can_delete_post(user, post), _l("You cannot delete this post."))
    now = utcnow()
    post.deleted_at = now
    post.deleted_by_id = user.id
    db.session.execute(update(Debate).where(Debate.id == post.debate_id)
                       .values(reply_count=Debate.reply_count - 1, version=Debate.version + 1))
    db.session.commit()
    signals.post_deleted.send(SENDER, post=post, debate=post.debate, actor=user)
    signals.content_removed.send(SENDER, kind="post", id=post.id)
    return post


def reaction_counts(post_ids: list[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {pid: {} for pid in post_ids}
    if not post_ids:
        return counts
    rows = db.session.execute(select(Reaction.post_id, Reaction.kind, func.count())
                              .where(Reaction.post_id.in_(post_ids))
                              .group_by(Reaction.post_id, Reaction.kind))
    for post_id, kind, n in rows:
        counts[post_id][kind] = n
    return counts


def _check_kind(kind) -> str:
    if kind not in REACTION_KINDS:
        raise Invalid(fields={"kind": _l("Unknown reaction.")})
    return kind


def react(user: User, post: Post, kind: str) -> dict[str, int]:
    """Add a reaction; reacting twice with the same kind is a conflict."""
    kind = _check_kind(kind)
    policy.require(policy.can_react(user, post), _l("Only members can react to posts."))
    exists = db.session.scalar(select(Reaction.id).where(
        Reaction.post_id == post.id, Reaction.user_id == user.id, Reaction.kind == kind))
    if exists:
        raise Conflict(_l("You already reacted this way."), code="already_reacted")
    db.session.add(Reaction(post_id=post.id, user_id=user.id, kind=kind))
    _bump(post.debate_id)
    try:
        db.session.commit()
    except Exception as exc:  # a concurrent duplicate hit the unique constraint
        db.session.rollback()
        from sqlalchemy.exc import IntegrityError

        if isinstance(exc, IntegrityError):
            raise Conflict(_l("You already reacted this way."), code="already_reacted") from None
        raise
    counts = reaction_counts([post.id])[post.id]
    signals.reactions_changed.send(SENDER, post=post, counts=counts, actor=user)
    return counts


def unreact(user: User, post: Post, kind: str) -> dict[str, int]:
    kind = _check_kind(kind)
    policy.require(policy.can_react(user, post), _l("Only members can react to posts."))
    result = db.session.execute(delete(Reaction).where(
        Reaction.post_id == post.id, Reaction.user_id == user.id, Reaction.kind == kind))
    if not result.rowcount:
        db.session.rollback()
        raise NotFound(_l("You had not reacted this way."))
    _bump(post.debate_id)
    db.session.commit()
    counts = reaction_counts([post.id])[post.id]
    signals.reactions_changed.send(SENDER, post=post, counts=counts, actor=user)
    return counts


_LAST_READ = select(ReadMarker.last_post_id).where(ReadMarker.user_id == bindparam("user_id"),
                                                   ReadMarker.debate_id == bindparam("debate_id"))


def last_read(user, debate: Debate) -> int | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(_LAST_READ, {"user_id": user.id, "debate_id": debate.id})


def mark_read(user: User, debate_id: int, last_post_id: int, previous: int | None) -> None:
    """Move the member's read marker forward (never back). Called when a page is shown: the
    "new since your last visit" line needs to know what was seen."""
    if previous is not None and previous >= last_post_id:
        return
    if previous is None:
        db.session.add(ReadMarker(user_id=user.id, debate_id=debate_id, last_post_id=last_post_id))
    else:
        db.session.execute(update(ReadMarker).where(
            ReadMarker.user_id == user.id, ReadMarker.debate_id == debate_id,
            ReadMarker.last_post_id < last_post_id).values(last_post_id=last_post_id,
                                                           updated_at=utcnow()))
    try:
        db.session.commit()
    except Exception:  # two tabs racing to create the marker: the other one won
        db.session.rollback()
