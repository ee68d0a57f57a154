"""One-to-one conversations, their messages, and blocks between members."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from novanet.accounts.models import User
from novanet.core.db import utcnow
from novanet.extensions import db


class Conversation(db.Model):
    """Between two members; user_low_id < user_high_id so a pair has exactly one row."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("user_low_id", "user_high_id"),
                      CheckConstraint("user_low_id < user_high_id", name="ordered_pair"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_low_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                             index=True)
    user_high_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                              index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    user_low: Mapped[User] = relationship(foreign_keys=[user_low_id], lazy="joined")
    user_high: Mapped[User] = relationship(foreign_keys=[user_high_id], lazy="joined")

    def other(self, user) -> User:
        return self.user_high if user.id == self.user_low_id else self.user_low

    def includes(self, user) -> bool:
        return user.id in (self.user_low_id, self.user_high_id)


class Participant(db.Model):
    """A member's side of a conversation: what they have not read yet."""

    __tablename__ = "conversation_participants"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    unread: Mapped[int] = mapped_column(default=0)
    last_read_at: Mapped[datetime | None]


class Message(db.Model):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"))
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    sender: Mapped[User | None] = relationship(lazy="joined")


class Block(db.Model):
    """blocker no longer receives messages from blocked."""

    __tablename__ = "blocks"
    __table_args__ = (CheckConstraint("blocker_id <> blocked_id", name="not_self"),)

    blocker_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                            primary_key=True)
    blocked_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                            primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


Index("ix_messages_conversation_created", Message.conversation_id, Message.created_at, Message.id)
