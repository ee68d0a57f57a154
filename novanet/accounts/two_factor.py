"""Time-based one-time passwords (RFC 6238) for two-factor sign-in."""

import pyotp

from novanet.accounts.models import User


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name="NovaNet")


def verify(user: User, code: str, secret: str | None = None) -> bool:
    secret = secret or user.totp_secret
    code = "".join((code or "").split())
    if not secret or not code.isdigit():
        return False
    return pyotp.TOTP(secret).verify(code, valid_window=1)
