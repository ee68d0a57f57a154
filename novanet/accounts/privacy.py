"""Personal data (GDPR): downloading everything about a member and deleting the account.

Every feature that stores data about a member registers two things in its ``init_app``
(or in a module its ``init_app`` imports):

    from novanet.accounts.privacy import register_eraser, register_exporter

    register_exporter("debate_posts", lambda user: [...])   # JSON-ready data, or None to skip
    register_eraser(erase_debate_posts)                     # fn(user, keep_content: bool)

Exporters receive the member and return anything ``json.dumps`` accepts (datetimes become ISO
strings); the export is one JSON object keyed by exporter name.

Erasers run inside the deletion transaction, before the member's row is deleted, and must NOT
commit. With ``keep_content=False`` they delete what the member wrote (and fix any counters);
with ``keep_content=True`` they remove only private data (drafts, votes, RSVPs...) and leave
public content, whose author column then becomes NULL through its foreign key. So every column
pointing at ``users.id`` is declared ``ondelete="SET NULL"`` (content kept as "deleted member")
or ``ondelete="CASCADE"`` (rows that mean nothing without the member); templates render a missing
author with ``person(None)``. Erasers that remove files do it after the commit by listening to
``signals.user_deleted`` (sent with ``user_id`` and ``keep_content``).
"""

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from novanet.accounts import passwords
from novanet.accounts.models import ApiToken, LoginSession, User
from novanet.core import signals, uploads
from novanet.core.db import utcnow
from novanet.core.errors import Invalid
from novanet.extensions import db

security_log = logging.getLogger("novanet.security")

EXPORTERS: dict[str, Callable[[User], Any]] = {}
ERASERS: list[Callable[[User, bool], None]] = []


def register_exporter(name: str, fn: Callable[[User], Any]) -> None:
    """Add a section to the member's data download (registering a name twice replaces it)."""
    EXPORTERS[name] = fn


def register_eraser(fn: Callable[[User, bool], None]) -> None:
    """Run fn(user, keep_content) when a member deletes their account (before the row goes)."""
    if fn not in ERASERS:
        ERASERS.append(fn)


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


def export_data(user: User) -> dict:
    """Everything NovaNet keeps about the member, one section per registered exporter."""
    data = {"format": "novanet-personal-data/1", "exported_at": utcnow().isoformat()}
    for name, fn in EXPORTERS.items():
        section = fn(user)
        if section is not None:
            data[name] = _jsonable(section)
    return data


def delete_account(user: User, password: str, keep_content: bool) -> None:
    """Delete the member after checking their password: erasers run, every login session and
    token ends, the row goes (foreign keys null or cascade the rest); one commit."""
    if not passwords.verify(user.password_hash, password or ""):
        security_log.warning("account deletion refused (password) user=%s", user.id)
        raise Invalid(fields={"password": _l("That is not your current password.")})
    user_id, avatar = user.id, user.avatar_key
    key_hashes = list(db.session.scalars(
        select(LoginSession.key_hash).where(LoginSession.user_id == user_id)))
    try:
        for eraser in ERASERS:
            eraser(user, keep_content)
        db.session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
        db.session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))
        db.session.delete(user)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    uploads.remove(avatar)
    security_log.info("account deleted user=%s keep_content=%s", user_id, keep_content)
    if key_hashes:
        signals.sessions_ended.send("accounts", user_id=user_id, key_hashes=key_hashes)
    signals.user_deleted.send("accounts", user_id=user_id, keep_content=keep_content)


def _profile(user: User) -> dict:
    return {
        "username": user.username, "email": user.email,
        "email_verified_at": user.email_verified_at, "display_name": user.display_name,
        "position": user.position, "organisation": user.organisation, "level": user.level,
        "country": user.country, "city": user.city, "bio": user.bio, "links": user.links,
        "avatar": bool(user.avatar_key), "locale": user.locale, "timezone": user.timezone,
        "is_admin": user.is_admin, "two_factor_enabled": user.totp_enabled,
        "created_at": user.created_at, "password_changed_at": user.password_changed_at,
        "suspended_at": user.suspended_at,
    }


def _login_sessions(user: User) -> list:
    rows = db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)
                              .order_by(LoginSession.created_at))
    return [{"created_at": r.created_at, "user_agent": r.user_agent} for r in rows]


def _api_tokens(user: User) -> list:
    rows = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                              .order_by(ApiToken.created_at))
    return [{"name": t.name, "prefix": t.prefix, "created_at": t.created_at,
             "last_used_at": t.last_used_at, "revoked_at": t.revoked_at} for t in rows]


register_exporter("profile", _profile)
register_exporter("expertise", lambda user: user.expertise_tags)
register_exporter("login_sessions", _login_sessions)
register_exporter("api_tokens", _api_tokens)
