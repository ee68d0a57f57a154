"""Markdown to safe HTML: the only place Markdown and bleach are configured.

Every piece of user text (bios, posts, comments, wiki pages, descriptions) goes through
render(); its output is the only HTML the templates mark safe. Sanitising happens after
rendering because Markdown itself lets raw HTML and javascript: links through.
"""

import html as html_lib
import re
from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from markupsafe import Markup

ALLOWED_TAGS = frozenset({
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel", "class"],
    "abbr": ["title"],
    "img": ["src", "alt", "title", "width", "height"],
    "th": ["scope", "colspan", "rowspan"],
    "td": ["colspan", "rowspan"],
    "h1": ["id"], "h2": ["id"], "h3": ["id"], "h4": ["id"], "h5": ["id"], "h6": ["id"],
    "span": ["class"],
    "div": ["class"],
    "code": ["class"],
    "ol": ["start"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
MAX_SOURCE_LENGTH = 200_000

_SAFE_CLASS = re.compile(r"^[a-z0-9 _-]{0,80}$")
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,80}$")


def _filter_attr(tag: str, name: str, value: str) -> bool:
    if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
        return False
    if name == "class":
        return bool(_SAFE_CLASS.match(value))
    if name == "id":
        return bool(_SAFE_ID.match(value))
    if tag == "img" and name == "src":
        # Images only from our own media or absolute https URLs; never data: or javascript:.
        return value.startswith(("/media/", "https://"))
    return True


def _link_rel(attrs, new=False):
    attrs[(None, "rel")] = "nofollow noopener"
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_filter_attr,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_link_rel], skip_tags={"pre", "code"})],
)

_EXTENSIONS = ["fenced_code", "tables", "sane_lists", "nl2br", "toc"]


def _markdown() -> markdown.Markdown:
    # attr_list is deliberately absent: it lets authors write {: onclick=…}.
    return markdown.Markdown(
        extensions=_EXTENSIONS,
        extension_configs={"toc": {"permalink": False}},
        output_format="html",
    )


def render(source: str | None) -> str:
    """Markdown source to sanitised HTML (a plain str, ready to store beside the source)."""
    if not source:
        return ""
    html = _markdown().convert(source[:MAX_SOURCE_LENGTH])
    return _cleaner.clean(html)


def render_with_toc(source: str | None) -> tuple[str, str]:
    """Like render(), also returning a sanitised table of contents for long pages."""
    if not source:
        return "", ""
    md = _markdown()
    html = md.convert(source[:MAX_SOURCE_LENGTH])
    return _cleaner.clean(html), _cleaner.clean(getattr(md, "toc", ""))


def sanitize(html: str | None) -> str:
    """Clean HTML built elsewhere (diffs, snippets) through the same allow-list."""
    return _cleaner.clean(html or "")


def plain_text(source: str | None, limit: int | None = None) -> str:
    """Text without markup, for summaries, search snippets and e-mail."""
    text = bleach.clean(render(source), tags=set(), strip=True)
    text = re.sub(r"\s+", " ", html_lib.unescape(text)).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def safe(html: str | None) -> Markup:
    """Mark stored, already sanitised HTML as safe for templates."""
    return Markup(html or "")
