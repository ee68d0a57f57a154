"""Profile rules: what a member may say about themselves, validated before anything is stored."""

from urllib.parse import urlsplit

from babel import Locale
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from novanet.accounts.models import LEVELS, Expertise, User
from novanet.accounts.services import check_display_name
from novanet.config import LANGUAGES
from novanet.core import markup, signals, uploads
from novanet.core.errors import Invalid
from novanet.core.i18n import is_timezone
from novanet.core.tags import parse_tags
from novanet.extensions import db

BIO_MAX = 20_000
MAX_LINKS = 5
# Babel also lists groupings and pseudo-regions (EU, UN, ZZ "Unknown Region"…): not countries.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "EA", "IC", "CP", "DG", "TA", "AC"}
_COUNTRIES = frozenset(code for code in Locale("en").territories
                       if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES)

PROFILE_FIELDS = ("display_name", "position", "organisation", "level", "country", "city", "bio",
                  "expertise", "links", "locale", "timezone")


def country_codes() -> frozenset[str]:
    return _COUNTRIES


def _text(value, field: str, limit: int) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        raise Invalid(fields={field: _l("Use at most %(n)s characters.", n=limit)})
    return text


def clean_profile(data: dict) -> dict:
    """Validate the given profile fields (any subset); all errors are reported together."""
    clean: dict = {}
    errors: dict = {}
    checks = {
        "display_name": check_display_name,
        "position": lambda v: _text(v, "position", 120),
        "organisation": lambda v: _text(v, "organisation", 160),
        "city": lambda v: _text(v, "city", 120),
        "level": _level,
        "country": _country,
        "bio": _bio,
        "expertise": lambda v: parse_tags(v, "expertise"),
        "links": _links,
        "locale": _locale,
        "timezone": _timezone,
    }
    for name, value in data.items():
        if name not in checks:
            continue
        try:
            clean[name] = checks[name](value)
        except Invalid as exc:
            errors.update(exc.fields)
    if errors:
        raise Invalid(fields=errors)
    return clean


def _level(value):
    if value in (None, ""):
        return None
    if value not in LEVELS:
        raise Invalid(fields={"level": _l("Choose local, regional, national or international.")})
    return value


def _country(value):
    if value in (None, ""):
        return None
    code = str(value).upper()
    if code not in _COUNTRIES:
        raise Invalid(fields={"country": _l("Choose a country from the list.")})
    return code


def _bio(value):
    text = str(value or "")
    if len(text) > BIO_MAX:
        raise Invalid(fields={"bio": _l("The bio can have at most %(n)s characters (it has %(m)s).",
                                        n=BIO_MAX, m=len(text))})
    return text


def _links(value):
    items = value.split() if isinstance(value, str) else list(value or [])
    if len(items) > MAX_LINKS:
        raise Invalid(fields={"links": _l("Add at most %(n)s links.", n=MAX_LINKS)})
    links = []
    for item in items:
        url = str(item).strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 300:
            raise Invalid(fields={"links": _l("Links must be full web addresses starting with "
                                              "https:// (one per line).")})
        links.append(url)
    return links


def _locale(value):
    if value in (None, ""):
        return None
    if value not in LANGUAGES:
        raise Invalid(fields={"locale": _l("Choose one of the offered languages.")})
    return value


def _timezone(value):
    if value in (None, ""):
        return None
    if not is_timezone(str(value)):
        raise Invalid(fields={"timezone": _l("Choose a time zone from the list.")})
    return str(value)


def update_profile(user: User, data: dict) -> User:
    """Apply validated profile changes in one commit; raises Invalid with every field error."""
    clean = clean_profile(data)
    for name, value in clean.items():
        if name == "expertise":
            _set_expertise(user, value)
        elif name == "bio":
            user.bio = value
            user.bio_html = markup.render(value)
        else:
            setattr(user, name, value)
    db.session.commit()
    signals.user_updated.send("accounts", user=user)
    signals.content_changed.send("accounts", kind="user", id=user.id)
    return user


def _set_expertise(user: User, tags: list[str]) -> None:
    current = {e.tag: e for e in user.expertise}
    for tag, row in current.items():
        if tag not in tags:
            user.expertise.remove(row)
    for tag in tags:
        if tag not in current:
            user.expertise.append(Expertise(tag=tag))


def directory_filter(stmt, *, country=None, organisation=None, expertise=None, q=None,
                     include_suspended: bool = False):
    """Narrow a select(User) to the people directory's filters (suspended members are hidden
    unless include_suspended, which only administrators get)."""
    if not include_suspended:
        stmt = stmt.where(User.suspended_at.is_(None))
    if country:
        stmt = stmt.where(User.country == country.upper())
    if organisation:
        stmt = stmt.where(User.organisation.ilike(f"%{_like(organisation)}%", escape="\\"))
    if expertise:
        stmt = stmt.where(User.id.in_(select(Expertise.user_id).where(Expertise.tag == expertise)))
    if q:
        pattern = f"%{_like(q)}%"
        stmt = stmt.where(User.display_name.ilike(pattern, escape="\\")
                          | User.username.ilike(pattern, escape="\\"))
    return stmt


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


AVATAR_SIZE = (256, 256)


def set_avatar(user: User, storage) -> User:
    """Replace the avatar with a re-encoded square copy of the upload; Invalid (field "avatar")
    for anything that is not a PNG/JPEG/WebP image within AVATAR_MAX_BYTES, storing nothing."""
    data = uploads.read_upload(storage, "avatar", current_app.config["AVATAR_MAX_BYTES"])
    image, ext = uploads.process_image(data, "avatar", max_size=AVATAR_SIZE, square=True)
    key = uploads.store(image, ext, "avatars")
    old = user.avatar_key
    user.avatar_key = key
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        uploads.remove(key)
        raise
    uploads.remove(old)
    signals.user_updated.send("accounts", user=user)
    return user


def remove_avatar(user: User) -> None:
    """Go back to the initials; the stored file is deleted."""
    old = user.avatar_key
    if old is None:
        return
    user.avatar_key = None
    db.session.commit()
    uploads.remove(old)
    signals.user_updated.send("accounts", user=user)
