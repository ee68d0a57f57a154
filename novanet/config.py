"""Settings: embedded defaults, then NOVANET_* environment variables, then explicit overrides.

Every NOVANET_<KEY> variable sets app.config[<KEY>] (values are parsed as JSON when they can be,
so NOVANET_RATELIMIT_ENABLED=false gives False). A few friendly names map onto extension keys.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

LANGUAGES = ("es", "pt", "ca", "en")

# Friendly setting -> the extension key it feeds.
ALIASES = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
}


class ConfigError(RuntimeError):
    """A setting is malformed; the message names the environment variable."""


def defaults(instance_path: str) -> dict:
    return {
        "DATABASE_URL": "sqlite:///" + os.path.join(instance_path, "novanet.sqlite"),
        "REDIS_URL": None,
        "BASE_URL": "http://127.0.0.1:5000",
        "EMAIL_VERIFICATION": "required",
        "REQUIRE_ADMIN_2FA": True,
        "MAIL_BACKEND": "file",
        "MAIL_DIR": os.path.join(instance_path, "mail"),
        "MAIL_SERVER": "localhost",
        "MAIL_PORT": 25,
        "MAIL_USE_TLS": False,
        "MAIL_USERNAME": None,
        "MAIL_PASSWORD": None,
        "MAIL_FROM": "NovaNet <no-reply@novanet.local>",
        "MEDIA_DIR": os.path.join(instance_path, "media"),
        "MAX_CONTENT_LENGTH": 12 * 1024 * 1024,
        "AVATAR_MAX_BYTES": 2 * 1024 * 1024,
        "TOKEN_MAX_AGE_SECONDS": 24 * 3600,
        "RESET_MAX_AGE_SECONDS": 3600,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": None,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
        "WTF_CSRF_TIME_LIMIT": None,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": None,
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": "10 per minute;50 per hour",
        "REGISTER_RATE_LIMIT": "5 per minute;30 per hour",
        "SOCKET_RATE_LIMIT": "30/10",
        "PRESENCE_INTERVAL": 1.0,
        "BABEL_DEFAULT_LOCALE": "es",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Madrid",
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "PAGE_SIZE": 20,
        "REGISTRATION_PURGE_DAYS": 90,
    }


def load_secret_key(instance_path: str) -> str:
    """Read the instance's secret key, creating it once with owner-only permissions."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def configure(app: Flask, overrides: dict | None) -> None:
    """Fill app.config and fail early, naming the variable, when a setting is malformed."""
    app.config.from_mapping(defaults(app.instance_path))
    try:
        app.config.from_prefixed_env("NOVANET")
    except Exception as exc:  # pragma: no cover - from_prefixed_env only fails on odd input
        raise ConfigError(f"NOVANET_* settings could not be read: {exc}") from exc
    if overrides:
        app.config.update(overrides)
    validate(app.config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(app.instance_path)
    for friendly, key in ALIASES.items():
        app.config[key] = app.config[friendly]
    if app.config["SESSION_COOKIE_SECURE"] is None:
        secure = app.config["BASE_URL"].startswith("https://")
        app.config["SESSION_COOKIE_SECURE"] = secure
        app.config["REMEMBER_COOKIE_SECURE"] = secure
    if not app.config["RATELIMIT_STORAGE_URI"]:
        app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"] or "memory://"
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(translation_directories())


def translation_directories() -> list[str]:
    """One catalog per feature package keeps translation work separate; Flask-Babel merges them."""
    root = Path(__file__).parent
    found = [str(root / "translations")]
    found += sorted(str(p) for p in root.glob("*/translations") if p.is_dir())
    return found


def _fail(name: str, why: str):
    raise ConfigError(f"NOVANET_{name} is malformed: {why}")


def validate(config) -> None:
    url = config["DATABASE_URL"]
    if not isinstance(url, str) or "://" not in url:
        _fail("DATABASE_URL", "expected a URL such as sqlite:///path or postgresql+psycopg://…")
    if not url.startswith(("sqlite:", "postgresql")):
        _fail("DATABASE_URL", "only SQLite and PostgreSQL are supported")
    redis_url = config["REDIS_URL"]
    if redis_url is not None and (
        not isinstance(redis_url, str) or not redis_url.startswith(("redis://", "rediss://"))
    ):
        _fail("REDIS_URL", "expected redis://host:port/db")
    base = config["BASE_URL"]
    parts = urlsplit(base) if isinstance(base, str) else None
    if not parts or parts.scheme not in ("http", "https") or not parts.netloc:
        _fail("BASE_URL", "expected an absolute http(s) URL such as https://novanet.example")
    config["BASE_URL"] = base.rstrip("/")
    if config["EMAIL_VERIFICATION"] not in ("required", "optional"):
        _fail("EMAIL_VERIFICATION", "expected 'required' or 'optional'")
    if config["MAIL_BACKEND"] not in ("file", "smtp"):
        _fail("MAIL_BACKEND", "expected 'file' or 'smtp'")
    for name in ("MAIL_PORT", "PAGE_SIZE", "TOKEN_MAX_AGE_SECONDS", "RESET_MAX_AGE_SECONDS",
                 "AVATAR_MAX_BYTES", "MAX_CONTENT_LENGTH", "REGISTRATION_PURGE_DAYS"):
        value = config[name]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            _fail(name, "expected a positive whole number")
    for name in ("RATELIMIT_ENABLED", "REQUIRE_ADMIN_2FA", "MAIL_USE_TLS"):
        if not isinstance(config[name], bool):
            _fail(name, "expected true or false")
    if config["BABEL_DEFAULT_LOCALE"] not in LANGUAGES:
        _fail("BABEL_DEFAULT_LOCALE", f"expected one of {', '.join(LANGUAGES)}")
    secret = config.get("SECRET_KEY")
    if secret is not None and (not isinstance(secret, str) or len(secret) < 16):
        _fail("SECRET_KEY", "expected a string of at least 16 characters")
