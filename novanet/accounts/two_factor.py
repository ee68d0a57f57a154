"""Time-based one-time passwords (RFC 6238) for two-factor sign-in, and turning them on or off."""

import io
import logging

import pyotp
import segno
from flask_babel import lazy_gettext as _l

from novanet.accounts import passwords
from novanet.accounts.models import User
from novanet.core import signals
from novanet.core.errors import Invalid
from novanet.extensions import db

security_log = logging.getLogger("novanet.security")


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name="NovaNet")


def qr_svg(user: User, secret: str) -> bytes:
    """The provisioning address as an SVG QR code (dark on white, readable by every app)."""
    out = io.BytesIO()
    segno.make(provisioning_uri(user, secret), error="m").save(
        out, kind="svg", scale=5, border=4, dark="#000", light="#fff", xmldecl=False,
        svgns=True, nl=False)
    return out.getvalue()


def grouped(secret: str) -> str:
    """The key in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def verify(user: User, code: str, secret: str | None = None) -> bool:
    secret = secret or user.totp_secret
    code = "".join((code or "").split())
    if not secret or not code.isdigit():
        return False
    return pyotp.TOTP(secret).verify(code, valid_window=1)


def start(user: User) -> None:
    """Give the member a new, not yet active key to load into their app (refused once active)."""
    if user.totp_enabled:
        raise Invalid(_l("Two-step verification is already on."))
    user.totp_secret = new_secret()
    db.session.commit()


def enable(user: User, code: str) -> None:
    """Turn on two-factor sign-in once the member proves their app shows the right codes."""
    if user.totp_enabled:
        raise Invalid(_l("Two-step verification is already on."))
    if not user.totp_secret or not verify(user, code):
        security_log.warning("2fa setup code refused user=%s", user.id)
        raise Invalid(fields={"code": _l("That code is not valid. Check the time on your phone "
                                         "and use the newest code.")})
    user.totp_enabled = True
    db.session.commit()
    security_log.info("2fa enabled user=%s", user.id)
    signals.user_updated.send("accounts", user=user)


def disable(user: User, password: str, code: str) -> None:
    """Turn off two-factor sign-in; needs the password and a current code."""
    errors = {}
    if not passwords.verify(user.password_hash, password or ""):
        errors["password"] = _l("That is not your current password.")
    if not verify(user, code):
        errors["code"] = _l("That code is not valid. Use the current code from your app.")
    if errors:
        security_log.warning("2fa disable refused user=%s", user.id)
        raise Invalid(fields=errors)
    user.totp_secret = None
    user.totp_enabled = False
    db.session.commit()
    security_log.info("2fa disabled user=%s", user.id)
    signals.user_updated.send("accounts", user=user)
