"""Reports of content and the append-only audit log of moderator and administrator actions."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from novanet.accounts.models import User
from novanet.core.db import utcnow
from novanet.extensions import db

REPORT_STATUSES = ("open", "dismissed", "hidden", "deleted", "banned", "suspended")


class Report(db.Model):
    """Someone flagged a piece of content. title/url/author are copied at report time so the
    queue still makes sense after the content is deleted."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(30))
    target_id: Mapped[int]
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"),
                                                 index=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                    index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    reason: Mapped[str] = mapped_column(String(2000))
    title: Mapped[str] = mapped_column(String(300), default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    resolution: Mapped[str] = mapped_column(String(2000), default="")
    resolved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    resolved_at: Mapped[datetime | None]

    reporter: Mapped[User | None] = relationship(foreign_keys=[reporter_id], lazy="joined")
    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")

    @property
    def is_open(self) -> bool:
        return self.status == "open"


Index("ix_reports_target", Report.target_type, Report.target_id)


class AuditEntry(db.Model):
    """One moderator or administrator action: who, what, on what, where, when, why.

    Append-only: there is no code path that updates or deletes a row (the mapper refuses), and
    the actor and group columns carry no foreign key, so deleting a member or a group cannot
    rewrite history; names are copied for the same reason.
    """

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(index=True)
    actor_name: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    target_type: Mapped[str] = mapped_column(String(30), default="")
    target_id: Mapped[int | None]
    target_label: Mapped[str] = mapped_column(String(300), default="")
    group_id: Mapped[int | None] = mapped_column(index=True)
    group_name: Mapped[str] = mapped_column(String(120), default="")
    reason: Mapped[str] = mapped_column(String(2000), default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    actor: Mapped[User | None] = relationship(
        primaryjoin="foreign(AuditEntry.actor_id) == User.id", viewonly=True, lazy="joined")


class AuditLogIsAppendOnly(RuntimeError):
    pass


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse_change(mapper, connection, target):
    raise AuditLogIsAppendOnly("audit entries are never changed or deleted")
