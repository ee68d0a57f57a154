"""Per-feature translation lookup for templates.

Each feature keeps its own catalog, and Flask-Babel merges them into one. The same English word
can need different translations in different features ("Post" is a blog entry in one and a
debate contribution in another), so a template first asks the catalog of the feature it
belongs to (templates/<feature>/…; shared templates belong to the core catalog) and only then
the merged one.
"""

from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations
from flask import Flask
from flask_babel import get_locale, get_translations
from jinja2 import pass_context

PACKAGE = Path(__file__).resolve().parent.parent
_UNSET = object()


@cache
def _catalog(feature: str, locale: str) -> NullTranslations | None:
    folder = PACKAGE / "translations" if feature == "" else PACKAGE / feature / "translations"
    if not folder.is_dir():
        return None
    found = Translations.load(str(folder), [locale], "messages")
    return found if isinstance(found, Translations) else None


def _own(context) -> NullTranslations | None:
    # Asked for every word of a page: remembered on the template context, which lives for one
    # rendering (a rendering happens in one language, even inside force_locale).
    found = context.__dict__.get("_own_catalog", _UNSET)
    if found is not _UNSET:
        return found
    name = context.name or ""
    feature = name.split("/", 1)[0] if "/" in name and not name.startswith("_") else ""
    if feature in ("errors", "pages"):
        feature = ""
    locale = str(get_locale())
    own = _catalog(feature, locale)
    found = context._own_catalog = own if own is not None else _catalog("", locale)
    return found


@pass_context
def template_gettext(context, message: str) -> str:
    own = _own(context)
    if own is not None and own._catalog.get(message):
        return own.gettext(message)
    return get_translations().gettext(message)


@pass_context
def template_ngettext(context, singular: str, plural: str, n: int) -> str:
    own = _own(context)
    if own is not None and own._catalog.get((singular, 0)):
        return own.ngettext(singular, plural, n)
    return get_translations().ngettext(singular, plural, n)


def install(app: Flask) -> None:
    app.jinja_env.install_gettext_callables(template_gettext, template_ngettext, newstyle=True)
