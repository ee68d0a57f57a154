"""Members, their login sessions, API tokens and areas of expertise."""

import hashlib
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from novanet.core.db import utcnow
from novanet.extensions import db

LEVELS = ("local", "regional", "national", "international")


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)  # stored lowercase
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lowercase
    email_verified_at: Mapped[datetime | None]
    password_hash: Mapped[str] = mapped_column(String(256))
    display_name: Mapped[str] = mapped_column(String(80))
    position: Mapped[str] = mapped_column(String(120), default="")
    organisation: Mapped[str] = mapped_column(String(160), default="", index=True)
    level: Mapped[str | None] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(120), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    bio_html: Mapped[str] = mapped_column(Text, default="")
    avatar_key: Mapped[str | None] = mapped_column(String(120))
    links: Mapped[list] = mapped_column(JSON, default=list)
    locale: Mapped[str | None] = mapped_column(String(5))
    timezone: Mapped[str | None] = mapped_column(String(64))
    is_admin: Mapped[bool] = mapped_column(default=False)
    suspended_at: Mapped[datetime | None]
    suspended_reason: Mapped[str] = mapped_column(String(500), default="")
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    expertise: Mapped[list["Expertise"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="Expertise.tag",
        lazy="selectin")

    # The login session this request was authenticated with (set by the user loader).
    current_session = None

    def get_id(self) -> str | None:
        # Flask-Login keeps this in the session and the remember cookie: a login-session key,
        # so ending that login session (logout, password change) kills copied cookies too.
        return self.current_session.key if self.current_session else None

    @property
    def is_active(self) -> bool:
        return self.suspended_at is None

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def initials(self) -> str:
        parts = [p for p in self.display_name.split() if p[:1].isalpha()]
        return "".join(p[0] for p in parts[:2]).upper() or self.username[:2].upper()

    @property
    def expertise_tags(self) -> list[str]:
        return [e.tag for e in self.expertise]

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class Expertise(db.Model):
    __tablename__ = "expertise"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
    user: Mapped[User] = relationship(back_populates="expertise")


class LoginSession(db.Model):
    """One signed-in browser. Deleting the row logs that browser out everywhere it was copied."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    user_agent: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User] = relationship()

    # The clear key exists only at creation time (it goes into the cookie).
    key = None

    @classmethod
    def start(cls, user: User, user_agent: str = "") -> "LoginSession":
        key = secrets.token_urlsafe(32)
        row = cls(user=user, key_hash=hash_secret(key), user_agent=user_agent[:200])
        row.key = key
        return row


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class SocketConnection(db.Model):
    """Open Socket.IO connections per login session, so logout can disconnect them on any process."""

    __tablename__ = "socket_connections"

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    session_key_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


Index("ix_users_display_name", User.display_name)
