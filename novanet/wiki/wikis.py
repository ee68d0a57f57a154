"""Which wiki a page belongs to, where it lives on the site, and how its links render."""

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup

from novanet.core.markup import render_with_toc
from novanet.core.tags import slugify
from novanet.groups.models import Group
from novanet.wiki.models import MAX_SLUG

KB = "kb"
TOC_MIN_HEADINGS = 3
MISSING_HINT = '<span class="wiki-missing-hint"></span>'

# Code spans and fences are matched first so [[…]] inside them stays literal.
_LINK = re.compile(
    r"(```.*?```|~~~.*?~~~|`[^`\n]*`)"
    r"|\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]", re.S)


@dataclass(frozen=True)
class Wiki:
    group: Group | None = None

    @property
    def key(self) -> str:
        return KB if self.group is None else f"group:{self.group.id}"

    @property
    def group_id(self) -> int | None:
        return self.group.id if self.group is not None else None

    @property
    def base_path(self) -> str:
        return "/wiki" if self.group is None else f"/groups/{self.group.slug}/wiki"

    @property
    def name(self) -> str:
        return _("Knowledge base") if self.group is None else self.group.name

    def url(self, endpoint: str, **values) -> str:
        if self.group is not None:
            values["group_slug"] = self.group.slug
        return url_for(f"wiki.{endpoint}", **values)

    def page_path(self, slug: str) -> str:
        """The page's address without a request (stored HTML, notifications, activity)."""
        return f"{self.base_path}/pages/{slug}"


def slug_for(title: str) -> str:
    return slugify(title or "", MAX_SLUG)


def link_targets(body: str) -> set[str]:
    """Slugs of the pages a text links to with [[…]]."""
    found = set()
    for match in _LINK.finditer(body or ""):
        if match.group(2):
            slug = slug_for(match.group(2))
            if slug:
                found.add(slug)
    return found


def _md_label(label: str) -> str:
    """Link text as literal Markdown (no emphasis, brackets or raw HTML from the author)."""
    label = label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+!|~-])", r"\\\1", label)


def _with_links(wiki: Wiki, body: str, existing: set[str]) -> str:
    def replace(match: re.Match) -> str:
        if match.group(1):
            return match.group(1)
        title = match.group(2).strip()
        label = (match.group(3) or title).strip()
        slug = slug_for(title)
        if not slug or not label:
            return match.group(0)
        if slug in existing:
            return f"[{_md_label(label)}]({wiki.page_path(slug)})"
        href = f"{wiki.page_path(slug)}/edit?title={quote(title, safe='')}{_NEW_MARK}"
        return f"[{_md_label(label)}]({href})"

    return _LINK.sub(replace, body or "")


_NEW_MARK = "#wiki-new"
_NEW_LINK = re.compile(r'<a href="([^"#]*)' + _NEW_MARK + r'"([^>]*)>(.*?)</a>', re.S)


def render_page(wiki: Wiki, body: str, existing: set[str]) -> tuple[str, str]:
    """(body HTML, table of contents HTML or "" for short pages)."""
    html, toc = render_with_toc(_with_links(wiki, body, existing))
    # Links to pages not written yet get a class and a hint slot, after sanitising: only
    # fixed markup is added around what the sanitiser already let through.
    html = _NEW_LINK.sub(lambda m: f'<a class="wiki-link wiki-missing" href="{m.group(1)}"'
                                   f'{m.group(2)}>{m.group(3)}{MISSING_HINT}</a>', html)
    if toc.count("<li") < TOC_MIN_HEADINGS:
        toc = ""
    return html, toc


def show(html: str | None) -> Markup:
    """Stored page HTML for the reader, with the "create this page" hint in their language."""
    hint = ('<span class="wiki-missing-hint"> (' + escape(_("page not written yet: create it"))
            + ")</span>")
    return Markup((html or "").replace(MISSING_HINT, hint))
