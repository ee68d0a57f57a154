"""Good practices, their reviews, adoptions and comments; modernization projects and indicators."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Float, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from novanet.accounts.models import User
from novanet.core.db import utcnow
from novanet.extensions import db


class KnowledgeModerator(db.Model):
    """People who review the bank's submissions (site administrators always may)."""

    __tablename__ = "knowledge_moderators"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    user: Mapped[User] = relationship()


class Practice(db.Model):
    __tablename__ = "practices"
    __table_args__ = (Index("ix_practices_status_published", "status", "published_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    title: Mapped[str] = mapped_column(String(200))
    administration: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16), index=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    category: Mapped[str] = mapped_column(String(40), index=True)
    tags: Mapped[list] = mapped_column(JSON, default=list)
    department: Mapped[str] = mapped_column(String(200), default="")
    responsible_person: Mapped[str] = mapped_column(String(200), default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    target_group: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    budget: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    funding_source: Mapped[str] = mapped_column(String(300), default="")
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    year: Mapped[int | None] = mapped_column(index=True)
    links: Mapped[list] = mapped_column(JSON, default=list)
    search_text: Mapped[str] = mapped_column(Text, default="")
    review_message: Mapped[str] = mapped_column(Text, default="")
    comment_count: Mapped[int] = mapped_column(default=0)
    adoption_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]

    author: Mapped[User | None] = relationship()
    indicators: Mapped[list["PracticeIndicator"]] = relationship(
        back_populates="practice", cascade="all, delete-orphan",
        order_by="PracticeIndicator.position", lazy="selectin")
    attachments: Mapped[list["PracticeAttachment"]] = relationship(
        back_populates="practice", cascade="all, delete-orphan",
        order_by="PracticeAttachment.id", lazy="selectin")

    @property
    def is_published(self) -> bool:
        return self.status == "published"


class PracticeIndicator(db.Model):
    __tablename__ = "practice_indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"),
                                             index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(60), default="")
    measured_on: Mapped[date | None]

    practice: Mapped[Practice] = relationship(back_populates="indicators")


class PracticeAttachment(db.Model):
    __tablename__ = "practice_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"),
                                             index=True)
    key: Mapped[str] = mapped_column(String(120))
    filename: Mapped[str] = mapped_column(String(200))
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    practice: Mapped[Practice] = relationship(back_populates="attachments")


class ReviewEvent(db.Model):
    """One step of a practice's review: submitted, published, changes requested, rejected."""

    __tablename__ = "practice_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"),
                                             index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                 index=True)
    action: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    practice: Mapped[Practice] = relationship()
    actor: Mapped[User | None] = relationship()


class PracticeComment(db.Model):
    __tablename__ = "practice_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"),
                                             index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    author: Mapped[User | None] = relationship(lazy="joined")


class Adoption(db.Model):
    """Another administration replicated the practice and tells how it went."""

    __tablename__ = "practice_adoptions"
    __table_args__ = (UniqueConstraint("practice_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"),
                                             index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                index=True)
    administration: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))
    country: Mapped[str] = mapped_column(String(2), index=True)
    adopted_on: Mapped[date | None]
    result: Mapped[str] = mapped_column(Text, default="")
    result_html: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship(lazy="joined")


class Project(db.Model):
    __tablename__ = "modernization_projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    administration: Mapped[str] = mapped_column(String(200), index=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    strategy_line: Mapped[str] = mapped_column(String(120), index=True)
    agency: Mapped[str] = mapped_column(String(200), index=True)
    liaison_officer: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    description: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    lessons_learned: Mapped[str] = mapped_column(Text, default="")
    lessons_learned_html: Mapped[str] = mapped_column(Text, default="")
    success_stories: Mapped[str] = mapped_column(Text, default="")
    success_stories_html: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped[User | None] = relationship()
    milestones: Mapped[list["Milestone"]] = relationship(
        back_populates="project", cascade="all, delete-orphan",
        order_by="Milestone.position", lazy="selectin")
    indicators: Mapped[list["ProjectIndicator"]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectIndicator.id")
    editors: Mapped[list["ProjectEditor"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin")


class ProjectEditor(db.Model):
    __tablename__ = "modernization_project_editors"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("modernization_projects.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    user: Mapped[User] = relationship(lazy="joined")


class Milestone(db.Model):
    __tablename__ = "modernization_milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("modernization_projects.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date | None]
    done: Mapped[bool] = mapped_column(default=False)

    project: Mapped[Project] = relationship(back_populates="milestones")


class ProjectIndicator(db.Model):
    __tablename__ = "modernization_indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("modernization_projects.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(60), default="")
    target: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship(back_populates="indicators")
    values: Mapped[list["IndicatorValue"]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan",
        order_by="(IndicatorValue.year, IndicatorValue.quarter)")


class IndicatorValue(db.Model):
    """One reported figure per indicator and quarter (the unique key makes a second report a
    conflict unless it is an explicit update)."""

    __tablename__ = "modernization_indicator_values"
    __table_args__ = (UniqueConstraint("indicator_id", "year", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("modernization_indicators.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    quarter: Mapped[int]
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(String(500), default="")
    reported_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None]

    indicator: Mapped[ProjectIndicator] = relationship(back_populates="values")
