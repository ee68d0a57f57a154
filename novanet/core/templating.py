"""Template helpers shared by every page: navigation, safe HTML, avatars, query strings."""

from flask import Flask, current_app, g, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import bindparam, select

from novanet.core.markup import safe
from novanet.extensions import db

# Main navigation; an entry shows once its feature's endpoint is registered.
NAVIGATION = (
    ("pages.home", _l("Home")),
    ("groups.index", _l("Groups")),
    ("debates.index", _l("Debates")),
    ("blogs.index", _l("Blogs")),
    ("wiki.kb_index", _l("Wiki")),
    ("events.index", _l("Events")),
    ("knowledge.index", _l("Knowledge bank")),
    ("people.directory", _l("People")),
)


def register_badge(app: Flask, name: str, count) -> None:
    """A number shown in every signed-in page's header (unread notifications, messages...).
    count(user_id) gives a scalar SQL expression; all badges are read in one query per page."""
    app.extensions.setdefault("badges", {})[name] = count
    app.extensions.pop("badges_stmt", None)


def badges() -> dict[str, int]:
    """This request's badge numbers for the signed-in member (all zero for visitors)."""
    found = g.get("_badges")
    if found is not None:
        return found
    counts = current_app.extensions.get("badges", {})
    if not counts or not current_user.is_authenticated:
        found = dict.fromkeys(counts, 0)
    else:
        stmt = current_app.extensions.get("badges_stmt")
        if stmt is None:  # built once: it runs on every signed-in page
            uid = bindparam("uid")
            stmt = select(*(count(uid).label(name) for name, count in counts.items()))
            current_app.extensions["badges_stmt"] = stmt
        row = db.session.execute(stmt, {"uid": current_user.id}).one()
        found = {name: int(row._mapping[name] or 0) for name in counts}
    g._badges = found
    return found


def install_templating(app: Flask) -> None:
    def navigation():
        current = request.endpoint or ""
        items = []
        for endpoint, label in NAVIGATION:
            if endpoint in app.view_functions:
                section = endpoint.split(".")[0]
                active = current.split(".")[0] == section and (section != "pages"
                                                               or current == endpoint)
                items.append((url_for(endpoint), label, active))
        return items

    def has_endpoint(endpoint: str) -> bool:
        return endpoint in app.view_functions

    def args_with(**changes) -> str:
        """The current URL with some query arguments replaced (for filters and pagination)."""
        args = request.args.to_dict()
        for key, value in changes.items():
            if value is None:
                args.pop(key, None)
            else:
                args[key] = value
        return url_for(request.endpoint, **(request.view_args or {}), **args)

    app.jinja_env.globals.update(navigation=navigation, has_endpoint=has_endpoint,
                                 args_with=args_with, badges=badges)
    app.jinja_env.filters["safe_html"] = safe
    app.jinja_env.filters["nl_join"] = lambda items: Markup("<br>").join(items)
