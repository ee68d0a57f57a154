"""Account rules: registration, verification, login sessions, passwords, API tokens, suspension.

Every function validates first and raises Invalid/Conflict/Forbidden with field errors before
anything is written; each commits once and sends its signal after the commit.
"""

import logging
import re
import secrets

from email_validator import EmailNotValidError, validate_email
from flask import current_app, has_request_context, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import joinedload

from novanet.accounts import passwords, tokens
from novanet.accounts.models import ApiToken, LoginSession, User, hash_secret
from novanet.core import mail, signals
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.extensions import db

security_log = logging.getLogger("novanet.security")

USERNAME_RE = re.compile(r"^[a-z0-9_]{3,32}$")
RESERVED = {"admin", "administrator", "api", "static", "media", "root", "novanet", "system",
            "support", "settings", "deleted", "me", "new"}


def normalize_email(value: str, field: str = "email") -> str:
    try:
        return validate_email((value or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise Invalid(fields={field: _l("Enter a valid e-mail address, like name@example.org.")}) \
            from None


def check_username(value: str, allow_reserved: bool = False) -> str:
    username = (value or "").strip().lower()
    if not USERNAME_RE.match(username):
        raise Invalid(fields={"username": _l(
            "Use 3 to 32 letters, digits or underscores.")})
    if username in RESERVED and not allow_reserved:
        raise Invalid(fields={"username": _l("That username is reserved.")})
    return username


def check_display_name(value: str) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise Invalid(fields={"display_name": _l("Enter your name as colleagues know it.")})
    if len(name) > 80:
        raise Invalid(fields={"display_name": _l("Use at most 80 characters.")})
    return name


def find_by_login(login: str) -> User | None:
    login = (login or "").strip().lower()
    column = User.email if "@" in login else User.username
    return db.session.scalar(select(User).where(column == login))


def register(*, username: str, email: str, password: str, display_name: str,
             locale: str | None = None, is_admin: bool = False, verified: bool = False,
             allow_reserved: bool = False) -> User:
    """Create a member (and send the verification e-mail); raises Invalid/Conflict on bad input.
    allow_reserved lets the command line and demo data create names like "admin"."""
    errors: dict = {}
    fields = {}
    for name, check in (("username", lambda: check_username(username, allow_reserved)),
                        ("email", lambda: normalize_email(email)),
                        ("display_name", lambda: check_display_name(display_name))):
        try:
            fields[name] = check()
        except Invalid as exc:
            errors.update(exc.fields)
    why = passwords.problem(password or "", username=fields.get("username", ""),
                            email=fields.get("email", ""))
    if why:
        errors["password"] = why
    if errors:
        raise Invalid(fields=errors)
    taken = {}
    if db.session.scalar(select(func.count()).where(User.username == fields["username"])):
        taken["username"] = _l("That username is already taken.")
    if db.session.scalar(select(func.count()).where(User.email == fields["email"])):
        taken["email"] = _l("An account with that e-mail already exists.")
    if taken:
        raise Conflict(_l("Some details are already registered."), fields=taken)
    user = User(username=fields["username"], email=fields["email"],
                display_name=fields["display_name"], password_hash=passwords.hash_password(password),
                locale=locale, is_admin=is_admin, links=[])
    if verified:
        user.email_verified_at = utcnow()
    db.session.add(user)
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise Conflict(_l("Some details are already registered."),
                       fields={"username": _l("That username is already taken.")}) from None
    security_log.info("registered user=%s", user.id)
    if not verified:
        send_verification(user)
    signals.user_registered.send("accounts", user=user)
    return user


def send_verification(user: User) -> None:
    link = external_url("accounts.verify_email", token=tokens.make("verify", user))
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        mail.send(user.email, str(_l("Confirm your e-mail address for NovaNet")),
                  render_template("accounts/email/verify.txt", user=user, link=link))


def verify_email(token: str) -> User:
    user = tokens.check("verify", token, current_app.config["TOKEN_MAX_AGE_SECONDS"])
    if user is None:
        raise Invalid(_l("This confirmation link is invalid or has expired. "
                         "Log in to get a new one."), fields={"token": _l("invalid or expired")})
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        db.session.commit()
        signals.user_updated.send("accounts", user=user)
    return user


def authenticate(login: str, password: str) -> User:
    """The member for these credentials; raises Invalid (same message whatever was wrong)."""
    user = find_by_login(login)
    if user is None:
        passwords.verify(passwords.DUMMY_HASH, password or "")
        security_log.warning("login failed (unknown account)")
        raise Invalid(_l("That login and password do not match."),
                      fields={"password": _l("That login and password do not match.")})
    if not passwords.verify(user.password_hash, password or ""):
        security_log.warning("login failed user=%s", user.id)
        raise Invalid(_l("That login and password do not match."),
                      fields={"password": _l("That login and password do not match.")})
    if user.suspended_at is not None:
        security_log.warning("login refused (suspended) user=%s", user.id)
        raise Forbidden(_l("This account is suspended. Contact the site administrators."))
    if current_app.config["EMAIL_VERIFICATION"] == "required" and not user.is_verified:
        raise Forbidden(_l("Confirm your e-mail address first: we sent you a link. "
                           "You can ask for a new one below."), code="unverified")
    return user


def start_session(user: User, user_agent: str = "") -> LoginSession:
    row = LoginSession.start(user, user_agent)
    db.session.add(row)
    db.session.commit()
    user.current_session = row
    security_log.info("login user=%s", user.id)
    return row


# One query for the session and its member, built once: this runs on every signed-in request.
_SESSION_BY_KEY = (select(LoginSession).where(LoginSession.key_hash == bindparam("key_hash"))
                   .options(joinedload(LoginSession.user).lazyload(User.expertise)))


def load_session(key: str) -> User | None:
    """The member behind a login-session key, or None if it ended or the member is suspended."""
    if not key or not isinstance(key, str) or len(key) > 100:
        return None
    row = db.session.scalar(_SESSION_BY_KEY, {"key_hash": hash_secret(key)})
    if row is None or row.user.suspended_at is not None:
        return None
    row.key = key
    row.user.current_session = row
    return row.user


def end_session(user: User) -> None:
    row = user.current_session
    if row is None:
        return
    key_hash = row.key_hash
    db.session.delete(row)
    db.session.commit()
    security_log.info("logout user=%s", user.id)
    signals.sessions_ended.send("accounts", user_id=user.id, key_hashes=[key_hash])


def end_other_sessions(user: User, keep: LoginSession | None = None) -> None:
    stmt = select(LoginSession.key_hash).where(LoginSession.user_id == user.id)
    if keep is not None:
        stmt = stmt.where(LoginSession.id != keep.id)
    hashes = list(db.session.scalars(stmt))
    if hashes:
        db.session.execute(delete(LoginSession).where(LoginSession.key_hash.in_(hashes)))
        db.session.commit()
        signals.sessions_ended.send("accounts", user_id=user.id, key_hashes=hashes)


def request_password_reset(email: str) -> None:
    """E-mail a reset link if the address is registered; says nothing either way."""
    try:
        address = normalize_email(email)
    except Invalid:
        raise
    user = db.session.scalar(select(User).where(User.email == address))
    if user is None or user.suspended_at is not None:
        security_log.info("password reset asked for an unknown address")
        return
    link = external_url("accounts.reset_password", token=tokens.make("reset", user))
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        mail.send(user.email, str(_l("Reset your NovaNet password")),
                  render_template("accounts/email/reset.txt", user=user, link=link))
    security_log.info("password reset sent user=%s", user.id)


def reset_password(token: str, password: str) -> User:
    user = tokens.check("reset", token, current_app.config["RESET_MAX_AGE_SECONDS"])
    if user is None:
        raise Invalid(_l("This reset link is invalid or has expired. Ask for a new one."),
                      fields={"token": _l("invalid or expired")})
    _set_password(user, password)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()  # they proved they read the mailbox
    db.session.commit()
    end_other_sessions(user)
    security_log.info("password reset user=%s", user.id)
    return user


def change_password(user: User, current: str, new: str) -> None:
    if not passwords.verify(user.password_hash, current or ""):
        raise Invalid(fields={"current_password": _l("That is not your current password.")})
    _set_password(user, new)
    db.session.commit()
    end_other_sessions(user, keep=user.current_session)
    security_log.info("password changed user=%s", user.id)


def _set_password(user: User, password: str) -> None:
    why = passwords.problem(password or "", username=user.username, email=user.email)
    if why:
        raise Invalid(fields={"password": why})
    user.password_hash = passwords.hash_password(password)
    user.password_changed_at = utcnow()


def change_email(user: User, password: str, new_email: str) -> None:
    if not passwords.verify(user.password_hash, password or ""):
        raise Invalid(fields={"password": _l("That is not your current password.")})
    address = normalize_email(new_email)
    if address == user.email:
        raise Invalid(fields={"email": _l("That is already your e-mail address.")})
    if db.session.scalar(select(func.count()).where(User.email == address)):
        raise Conflict(fields={"email": _l("An account with that e-mail already exists.")})
    user.email = address
    user.email_verified_at = None
    db.session.commit()
    security_log.info("email changed user=%s", user.id)
    send_verification(user)
    signals.user_updated.send("accounts", user=user)


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    name = " ".join((name or "").split())
    if not name or len(name) > 80:
        raise Invalid(fields={"name": _l("Give the token a name of 1 to 80 characters.")})
    secret = "nn_" + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, token_hash=hash_secret(secret), prefix=secret[:10])
    db.session.add(token)
    db.session.commit()
    security_log.info("api token created user=%s token=%s", user.id, token.id)
    return token, secret


def revoke_token(user: User, token_id: int) -> None:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        raise NotFound(_l("No such token."))
    token.revoked_at = utcnow()
    db.session.commit()
    security_log.info("api token revoked user=%s token=%s", user.id, token.id)


def user_for_token(secret: str) -> User | None:
    if not secret or len(secret) > 100:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_secret(secret),
                                                     ApiToken.revoked_at.is_(None)))
    if token is None or token.user.suspended_at is not None:
        return None
    return token.user


def set_suspended(user: User, suspended: bool, reason: str = "") -> None:
    if suspended:
        user.suspended_at = utcnow()
        user.suspended_reason = reason[:500]
    else:
        user.suspended_at = None
        user.suspended_reason = ""
    db.session.commit()
    if suspended:
        end_other_sessions(user)
        for token in db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)):
            token.revoked_at = token.revoked_at or utcnow()
        db.session.commit()
    security_log.info("user=%s suspended=%s", user.id, suspended)
    signals.user_suspended.send("accounts", user=user, suspended=suspended)


def get_by_username(username: str) -> User:
    user = db.session.scalar(select(User).where(User.username == (username or "").lower()))
    if user is None:
        raise NotFound()
    return user


def external_url(endpoint: str, **values) -> str:
    """Absolute link for e-mails and feeds, built on NOVANET_BASE_URL."""
    if has_request_context():
        return current_app.config["BASE_URL"] + url_for(endpoint, **values)
    with current_app.test_request_context():
        return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def set_locale(user: User, lang: str) -> None:
    user.locale = lang
    db.session.commit()
