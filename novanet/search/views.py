"""The search page behind the header box."""

from datetime import date

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from novanet.core.errors import DomainError
from novanet.extensions import db
from novanet.groups import policy
from novanet.groups.models import Group
from novanet.search import query as search_query
from novanet.search.sources import SOURCES

bp = Blueprint("search", __name__)


def _date(value: str | None, field: str, errors: dict) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors[field] = _("Enter a date like 2026-03-31.")
        return None


def visible_group_by_slug(viewer, slug: str | None) -> Group | None:
    if not slug:
        return None
    found = db.session.scalar(select(Group).where(Group.slug == slug.lower()))
    return found if found is not None and policy.can_view(viewer, found) else None


@bp.route("/search")
def results():
    """Search everything the viewer may see; bad input is explained, never a server error."""
    args = request.args
    q = args.get("q", "")
    kind = args.get("type") or None
    errors: dict = {}
    since = _date(args.get("from"), "from", errors)
    until = _date(args.get("to"), "to", errors)
    group = visible_group_by_slug(current_user, args.get("group"))
    if kind is not None and kind not in SOURCES:
        errors["type"] = _("Choose one of the options.")
    try:
        offset = max(0, min(int(args.get("cursor") or 0), 1000))
    except ValueError:
        offset = 0
    found = None
    if q.strip() and not errors:
        try:
            found = search_query.search(current_user, q, kinds=[kind] if kind else None,
                                        group_id=group.id if group else None, since=since,
                                        until=until, offset=offset)
        except DomainError as exc:
            errors.update(exc.fields)
    status = 400 if errors else 200
    return render_template("search/results.html", q=q, kind=kind, found=found, errors=errors,
                           sources=SOURCES, group=group, since=args.get("from", ""),
                           until=args.get("to", "")), status
