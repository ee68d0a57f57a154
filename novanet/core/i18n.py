"""Language and time zone of the viewer, and the formatting helpers templates use."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, available_timezones

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_datetime, format_timedelta, get_locale, get_timezone
from flask_login import current_user
from markupsafe import Markup, escape

from novanet.config import LANGUAGES

LANGUAGE_NAMES = {"es": "Español", "pt": "Português", "ca": "Català", "en": "English"}


def select_locale() -> str:
    if not has_request_context():  # CLI commands and background work
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_TIMEZONE"]
    if current_user and current_user.is_authenticated and current_user.timezone:
        return current_user.timezone
    chosen = session.get("tz")
    if chosen and is_timezone(chosen):
        return chosen
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


_ZONES: set[str] | None = None


def is_timezone(name: str) -> bool:
    global _ZONES
    if _ZONES is None:
        _ZONES = available_timezones()
    return name in _ZONES


COMMON_TIMEZONES = [
    "Europe/Madrid", "Atlantic/Canary", "Europe/Lisbon", "America/Mexico_City", "America/Bogota",
    "America/Lima", "America/Santiago", "America/Argentina/Buenos_Aires", "America/Sao_Paulo",
    "America/Caracas", "America/Montevideo", "America/Guatemala", "America/Panama",
    "America/La_Paz", "America/Asuncion", "America/Santo_Domingo", "America/Havana",
    "America/Costa_Rica", "America/El_Salvador", "America/Tegucigalpa", "America/Managua",
    "America/Guayaquil", "America/Puerto_Rico", "Africa/Luanda", "Africa/Maputo", "UTC",
]


RELATIVE_FOR = 7 * 86400  # seconds during which time_tag(relative=True) shows "5 minutes ago"


def relative_time_bucket(value: datetime, now: datetime | None = None) -> int:
    """A number that changes whenever a relative time shown for value may change: cached HTML
    keyed on it stays right to the minute for the first hour, then to the hour, then forever."""
    now = now or datetime.now(UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    age = (now - value).total_seconds()
    if age < 3600:
        return int(now.timestamp() // 60)
    if age < RELATIVE_FOR + 86400:
        return int(now.timestamp() // 3600)
    return 0


def time_tag(value: datetime | None, fmt: str = "medium", relative: bool = False) -> Markup:
    """<time datetime=…> with the date in the viewer's zone and locale (relative if recent)."""
    if value is None:
        return Markup("")
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    full = format_datetime(value, fmt)
    shown = full
    if relative:
        delta = value - datetime.now(UTC)
        if abs(delta.total_seconds()) < RELATIVE_FOR:
            shown = format_timedelta(delta, add_direction=True, threshold=1.1)
    iso = value.astimezone(UTC).isoformat()
    title = f' title="{escape(full)}"' if shown != full else ""
    return Markup(f'<time datetime="{iso}"{title}>{escape(shown)}</time>')


def in_zone(value: datetime, zone: str, fmt: str = "medium") -> str:
    """Format a datetime in a named zone (events show their own zone beside the viewer's)."""
    from babel.dates import format_datetime as babel_format
    return babel_format(value, fmt, tzinfo=ZoneInfo(zone), locale=get_locale())


def install_i18n(app: Flask) -> None:
    from novanet.core import catalogs

    catalogs.install(app)
    app.jinja_env.globals.update(
        time_tag=time_tag, LANGUAGES=LANGUAGES, LANGUAGE_NAMES=LANGUAGE_NAMES,
        viewer_timezone=lambda: str(get_timezone()), in_zone=in_zone,
        current_locale=lambda: str(get_locale()),
    )
