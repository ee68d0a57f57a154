"""Debates in groups, their posts (flat, with optional reply-to), reactions and read markers."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from novanet.accounts.models import User
from novanet.core.db import utcnow
from novanet.extensions import db
from novanet.groups.models import Group

REACTION_KINDS = ("useful", "agree", "disagree", "thanks")
MAX_POST_LENGTH = 20_000
MAX_TITLE_LENGTH = 200


class Debate(db.Model):
    __tablename__ = "debates"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    title: Mapped[str] = mapped_column(String(MAX_TITLE_LENGTH))
    body: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    pinned: Mapped[bool] = mapped_column(default=False, index=True)
    locked: Mapped[bool] = mapped_column(default=False)
    closed_at: Mapped[datetime | None]
    conclusion: Mapped[str] = mapped_column(Text, default="")
    conclusion_html: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    edited_at: Mapped[datetime | None]
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    reply_count: Mapped[int] = mapped_column(default=0)  # visible replies
    post_count: Mapped[int] = mapped_column(default=0)  # every reply row, deleted included: paging
    # Bumped by every change to the debate's posts or reactions: cached page parts key on it.
    version: Mapped[int] = mapped_column(default=0)

    group: Mapped[Group] = relationship(lazy="joined", innerjoin=True)
    author: Mapped[User | None] = relationship(lazy="joined")
    tags: Mapped[list["DebateTag"]] = relationship(
        cascade="all, delete-orphan", order_by="DebateTag.tag", lazy="selectin")

    @property
    def tag_names(self) -> list[str]:
        return [t.tag for t in self.tags]

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def open_for_replies(self) -> bool:
        return not self.locked and self.closed_at is None

    def __repr__(self) -> str:
        return f"<Debate {self.id}>"


Index("ix_debates_group_activity", Debate.group_id, Debate.last_activity_at)


class DebateTag(db.Model):
    __tablename__ = "debate_tags"

    debate_id: Mapped[int] = mapped_column(ForeignKey("debates.id", ondelete="CASCADE"),
                                           primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class Post(db.Model):
    """A reply in a debate. Deleting keeps the row (tombstone) so numbering and quotes hold."""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    debate_id: Mapped[int] = mapped_column(ForeignKey("debates.id", ondelete="CASCADE"),
                                           index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"),
                                                    index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    edited_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                      index=True)

    debate: Mapped[Debate] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    reply_to: Mapped["Post | None"] = relationship(remote_side=[id])

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    def __repr__(self) -> str:
        return f"<Post {self.id} in debate {self.debate_id}>"


class PostRevision(db.Model):
    """A previous version of an edited post; only moderators read these."""

    __tablename__ = "post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                     index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Reaction(db.Model):
    __tablename__ = "reactions"
    __table_args__ = (UniqueConstraint("post_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReadMarker(db.Model):
    """The newest post a member has seen in a debate, for "new since your last visit"."""

    __tablename__ = "debate_read_markers"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    debate_id: Mapped[int] = mapped_column(ForeignKey("debates.id", ondelete="CASCADE"),
                                           primary_key=True, index=True)
    last_post_id: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class DebateViewer(db.Model):
    """Who is looking at a debate right now: one row per joined socket, shared by processes."""

    __tablename__ = "debate_viewers"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    debate_id: Mapped[int] = mapped_column(ForeignKey("debates.id", ondelete="CASCADE"),
                                           primary_key=True, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
