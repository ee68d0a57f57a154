"""A member's debates, replies and reactions in their data download, and what deleting the
account does to them.

Keeping content: debates and replies stay, shown as by a deleted member (author set to NULL by
the foreign key); reactions, read markers and presence go with the member (CASCADE).
Not keeping it: replies become tombstones (text and earlier versions removed, numbering and
quotes by others still hold); debates nobody else replied to are deleted; debates others took
part in keep their title and replies but lose the opening text.
"""

from flask import g, has_app_context
from sqlalchemy import delete, exists, func, select, update

from novanet.accounts.models import User
from novanet.accounts.privacy import register_eraser, register_exporter
from novanet.core import signals
from novanet.core.db import utcnow
from novanet.debates.models import Debate, Post, PostRevision, Reaction
from novanet.extensions import db
from novanet.groups.models import Group

SENDER = "debates"


def export_debates(user: User) -> list:
    rows = db.session.execute(
        select(Debate, Group.slug).join(Group, Group.id == Debate.group_id)
        .where(Debate.author_id == user.id).order_by(Debate.created_at))
    return [{"id": d.id, "group": slug, "title": d.title, "body": d.body,
             "tags": d.tag_names, "created_at": d.created_at, "edited_at": d.edited_at}
            for d, slug in rows]


def export_posts(user: User) -> list:
    rows = db.session.scalars(select(Post).where(Post.author_id == user.id,
                                                 Post.deleted_at.is_(None))
                              .order_by(Post.created_at))
    return [{"id": p.id, "debate_id": p.debate_id, "reply_to": p.reply_to_id, "body": p.body,
             "created_at": p.created_at, "edited_at": p.edited_at} for p in rows]


def export_reactions(user: User) -> list:
    rows = db.session.scalars(select(Reaction).where(Reaction.user_id == user.id)
                              .order_by(Reaction.created_at))
    return [{"post_id": r.post_id, "kind": r.kind, "created_at": r.created_at} for r in rows]


def erase(user: User, keep_content: bool) -> None:
    """Runs inside the deletion transaction (no commit); counters are fixed with SQL UPDATEs."""
    # Reaction rows cascade with the member; the pages showing their counts must change.
    reacted = select(Post.debate_id).join(Reaction, Reaction.post_id == Post.id).where(
        Reaction.user_id == user.id)
    db.session.execute(update(Debate).where(Debate.id.in_(reacted))
                       .values(version=Debate.version + 1))
    if keep_content:
        return
    counts = db.session.execute(
        select(Post.debate_id, func.count()).where(Post.author_id == user.id,
                                                   Post.deleted_at.is_(None))
        .group_by(Post.debate_id)).all()
    for debate_id, n in counts:
        db.session.execute(update(Debate).where(Debate.id == debate_id).values(
            reply_count=Debate.reply_count - n, version=Debate.version + 1))
    removed_posts = list(db.session.scalars(select(Post.id).where(
        Post.author_id == user.id, Post.deleted_at.is_(None))))
    mine = select(Post.id).where(Post.author_id == user.id)
    db.session.execute(delete(PostRevision).where(PostRevision.post_id.in_(mine)))
    db.session.execute(update(Post).where(Post.author_id == user.id, Post.deleted_at.is_(None))
                       .values(body="", body_html="", deleted_at=utcnow()))
    db.session.execute(update(Post).where(Post.author_id == user.id)
                       .values(body="", body_html=""))
    others_replied = exists().where(Post.debate_id == Debate.id, Post.author_id != user.id)
    alone = list(db.session.scalars(select(Debate.id).where(Debate.author_id == user.id,
                                                            ~others_replied)))
    db.session.execute(delete(Debate).where(Debate.id.in_(alone)))
    db.session.execute(update(Debate).where(Debate.author_id == user.id).values(
        body="", body_html="", version=Debate.version + 1))
    opened = list(db.session.scalars(select(Debate.id).where(Debate.author_id == user.id)))
    if has_app_context():
        g.setdefault("_debates_erased", {})[user.id] = (removed_posts, alone, opened)


def after_user_deleted(sender, user_id: int, keep_content: bool = False, **_) -> None:
    """After the commit: the search index and the activity streams forget what went."""
    if not has_app_context():
        return
    removed_posts, removed_debates, emptied = g.get("_debates_erased", {}).pop(
        user_id, ([], [], []))
    for post_id in removed_posts:
        signals.content_removed.send(SENDER, kind="post", id=post_id)
    for debate_id in removed_debates:
        signals.content_removed.send(SENDER, kind="debate", id=debate_id)
    for debate_id in emptied:
        signals.content_changed.send(SENDER, kind="debate", id=debate_id)


register_exporter("debates", export_debates)
register_exporter("debate_posts", export_posts)
register_exporter("debate_reactions", export_reactions)
register_eraser(erase)
signals.user_deleted.connect(after_user_deleted, weak=False)
