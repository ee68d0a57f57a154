"""The activity log behind group streams and home feeds: who did what, where, when."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from novanet.accounts.models import User
from novanet.core.db import utcnow
from novanet.extensions import db


class Activity(db.Model):
    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                 index=True)
    verb: Mapped[str] = mapped_column(String(40))  # debate_created, blog_post_published, …
    subject_type: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[int]
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"),
                                                 index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    actor: Mapped[User | None] = relationship(lazy="joined")


Index("ix_activities_subject", Activity.subject_type, Activity.subject_id)
Index("ix_activities_group_created", Activity.group_id, Activity.created_at)
