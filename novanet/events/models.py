"""Events, their organisers, congress sessions, RSVPs, agendas, calendar feeds and certificates."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from novanet.accounts.models import User
from novanet.core.db import utcnow
from novanet.extensions import db
from novanet.groups.models import Group

TYPES = ("congress", "lab", "webinar", "meetup")
MODES = ("in_person", "online", "hybrid")
RSVP_CHOICES = ("going", "maybe", "not_going")
RSVP_STATUSES = ("going", "waitlisted", "maybe", "not_going")


class Event(db.Model):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(10), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    challenge: Mapped[str] = mapped_column(Text, default="")
    challenge_html: Mapped[str] = mapped_column(Text, default="")
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime] = mapped_column(index=True)
    timezone: Mapped[str] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(10), default="in_person")
    venue: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    online_url: Mapped[str] = mapped_column(String(500), default="")
    capacity: Mapped[int] = mapped_column(default=50)
    hours: Mapped[float | None]
    registration_opens_at: Mapped[datetime | None]
    registration_closes_at: Mapped[datetime | None]
    registration_closed: Mapped[bool] = mapped_column(default=False)
    cancelled_at: Mapped[datetime | None] = mapped_column(index=True)
    # Counters change only with SQL UPDATE … SET n = n ± 1 inside the RSVP lock.
    going_count: Mapped[int] = mapped_column(default=0)
    maybe_count: Mapped[int] = mapped_column(default=0)
    checked_in_count: Mapped[int] = mapped_column(default=0)
    waitlist_seq: Mapped[int] = mapped_column(default=0)
    lock_version: Mapped[int] = mapped_column(default=0)
    purged_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    group: Mapped[Group | None] = relationship(lazy="joined")
    organisers: Mapped[list["EventOrganiser"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="EventOrganiser.position")
    sessions: Mapped[list["EventSession"]] = relationship(
        cascade="all, delete-orphan", order_by="(EventSession.starts_at, EventSession.id)",
        back_populates="event")

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.going_count)

    @property
    def organiser_ids(self) -> list[int]:
        return [o.user_id for o in self.organisers]

    @property
    def is_online(self) -> bool:
        return self.mode in ("online", "hybrid")

    @property
    def is_in_person(self) -> bool:
        return self.mode in ("in_person", "hybrid")

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.title!r}>"


class EventOrganiser(db.Model):
    __tablename__ = "event_organisers"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)

    user: Mapped[User] = relationship(lazy="joined")


class Rsvp(db.Model):
    """One member's answer to one event; personal data here is purged after the event."""

    __tablename__ = "rsvps"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), index=True)
    waitlist_seq: Mapped[int | None]
    public: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(500), default="")
    code: Mapped[str | None] = mapped_column(String(16), unique=True)
    checked_in_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(lazy="joined")
    event: Mapped[Event] = relationship()


Index("ix_rsvps_event_status_seq", Rsvp.event_id, Rsvp.status, Rsvp.waitlist_seq)


class EventSession(db.Model):
    """A slot of a congress agenda."""

    __tablename__ = "event_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    room: Mapped[str] = mapped_column(String(120), default="")
    track: Mapped[str] = mapped_column(String(120), default="", index=True)
    capacity: Mapped[int | None]
    seats_taken: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="sessions")
    speakers: Mapped[list["SessionSpeaker"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SessionSpeaker.id")

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.seats_taken >= self.capacity


class SessionSpeaker(db.Model):
    """A member (linked) or an outside speaker (name only)."""

    __tablename__ = "session_speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(120), default="")

    user: Mapped[User | None] = relationship(lazy="joined")

    @property
    def label(self) -> str:
        return self.user.display_name if self.user else self.name


class AgendaItem(db.Model):
    __tablename__ = "agenda_items"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("event_sessions.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarFeed(db.Model):
    """A member's secret calendar address; replacing the token revokes the old address."""

    __tablename__ = "calendar_feeds"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Certificate(db.Model):
    """Proof of attendance issued at check-in; kept after registration data is purged."""

    __tablename__ = "event_certificates"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    hours: Mapped[float]
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship(lazy="joined")
