"""Signed, time-limited links for e-mail verification and password reset."""

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from novanet.accounts.models import User
from novanet.extensions import db


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"novanet-{purpose}")


def make(purpose: str, user: User) -> str:
    # Binding to the e-mail / password hash makes a link die once it has been used.
    bind = user.email if purpose == "verify" else user.password_hash[-16:]
    return _serializer(purpose).dumps({"uid": user.id, "b": bind})


def check(purpose: str, token: str, max_age: int) -> User | None:
    """The user the token was made for, or None if it is forged, expired or used up."""
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(data, dict):
        return None
    user = db.session.get(User, data.get("uid"))
    if user is None:
        return None
    bind = user.email if purpose == "verify" else user.password_hash[-16:]
    return user if data.get("b") == bind else None
