"""Public member pages: profile, avatar and the people directory."""

from babel import Locale
from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import select

from novanet.accounts import profiles, services
from novanet.accounts.models import LEVELS, User
from novanet.core.errors import NotFound
from novanet.core.pagination import paginate
from novanet.core.uploads import send_media
from novanet.extensions import db

bp = Blueprint("people", __name__, url_prefix="/people")


def country_name(code: str | None) -> str:
    """The country's name in the viewer's language (the code itself if Babel does not know it)."""
    if not code:
        return ""
    return Locale.parse(str(get_locale())).territories.get(code, code)


def country_choices() -> list[tuple[str, str]]:
    """(code, localized name) for every country, sorted by name for the viewer's language."""
    names = Locale.parse(str(get_locale())).territories
    return sorted(((c, names.get(c, c)) for c in profiles.country_codes()),
                  key=lambda item: item[1].casefold())


def level_label(level: str | None) -> str:
    from novanet.accounts.forms import LEVEL_LABELS

    return str(LEVEL_LABELS.get(level, "")) if level else ""


def viewer_is_admin() -> bool:
    return bool(current_user.is_authenticated and current_user.is_admin)


def visible_member(username: str) -> User:
    """The member behind a profile address; suspended members are 404 except for admins."""
    user = services.get_by_username(username)
    if user.suspended_at is not None and not viewer_is_admin():
        raise NotFound()
    return user


@bp.route("/<username>")
def profile(username: str):
    """A member's public profile; 404 for unknown or (to non-admins) suspended members."""
    member = visible_member(username)
    return render_template("accounts/people/profile.html", member=member)


@bp.route("/<username>/avatar")
def avatar(username: str):
    """The member's avatar image; only stored, re-encoded files are ever sent."""
    member = visible_member(username)
    if not member.avatar_key:
        abort(404)
    return send_media(member.avatar_key)


@bp.route("")
def directory():
    """Find colleagues by name, country, organisation or expertise, alphabetically."""
    args = request.args
    country = (args.get("country") or "").upper() or None
    if country and country not in profiles.country_codes():
        country = None
    q = (args.get("q") or "").strip()[:100] or None
    organisation = (args.get("organisation") or "").strip()[:160] or None
    expertise = (args.get("expertise") or "").strip().lower()[:40] or None
    stmt = profiles.directory_filter(select(User), country=country, organisation=organisation,
                                     expertise=expertise, q=q,
                                     include_suspended=viewer_is_admin())
    verified = bool(args.get("verified"))
    if verified:
        from novanet.network.services import verified_condition

        stmt = stmt.where(verified_condition())
    page = paginate(stmt, [User.display_name, User.id], session=db.session,
                    limit=current_app.config["PAGE_SIZE"], cursor=args.get("cursor") or None,
                    descending=False)
    filtered = any((country, q, organisation, expertise, verified))
    return render_template("accounts/people/directory.html", page=page, filtered=filtered,
                           filters={"country": country or "", "q": q or "",
                                    "organisation": organisation or "",
                                    "expertise": expertise or "", "verified": verified},
                           countries=country_choices())


def install_template_helpers(app) -> None:
    app.jinja_env.globals.update(country_name=country_name, level_label=level_label,
                                 LEVELS=LEVELS)
