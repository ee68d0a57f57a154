"""Template helpers shared by every page: navigation, safe HTML, avatars, query strings."""

from flask import Flask, request, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from novanet.core.markup import safe

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
                                 args_with=args_with)
    app.jinja_env.filters["safe_html"] = safe
    app.jinja_env.filters["nl_join"] = lambda items: Markup("<br>").join(items)
