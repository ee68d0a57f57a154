"""Rendered pages kept in the process's memory, with holes for what differs per reader.

Readers of a page mostly see the same thing: a page is kept per address, language, time zone
and "variant" (what the feature says changes the page between readers: signed in or not, may
reply, moderates...). A feature asks for it with a stamp: a small tuple read from the database
on every request (for a debate: its version counter and group), so a change to what the page
shows is seen at once by every process. The feature checks that the reader may see the page
before asking. Entries also expire after TTL seconds, which bounds how long details outside the
stamp (an author's new display name) can lag.

What is personal inside a page is marked in the templates with hole(name, content): the account
links in the header, the reader's own actions on each post. On a cache hit the feature fills
each hole for the current reader (small, cheap parts), and every CSRF token is the reader's own.
"""

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from flask import Flask, current_app, g, render_template, request, session
from flask_babel import get_locale, get_timezone
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

MAX_PAGES = 300
TTL = 60.0
_TAG = secrets.token_hex(8)
_OPEN, _NAMED, _CLOSE = f"\x02{_TAG}:", f":{_TAG}\x03", f"\x02/{_TAG}\x03"
_B_OPEN, _B_NAMED, _B_CLOSE = _OPEN.encode(), _NAMED.encode(), _CLOSE.encode()


class PageCache:
    def __init__(self, max_pages: int = MAX_PAGES, ttl: float = TTL):
        self.max_pages = max_pages
        self.ttl = ttl
        self.marker = f"csrf-{secrets.token_hex(12)}"
        self._pages: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, stamp) -> list[str] | None:
        with self._lock:
            hit = self._pages.get(key)
            if hit is None:
                return None
            if hit[0] != stamp or hit[1] < time.monotonic():
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return hit[2]

    def put(self, key, stamp, parts: list[str]) -> None:
        with self._lock:
            self._pages[key] = (stamp, time.monotonic() + self.ttl, parts)
            self._pages.move_to_end(key)
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


def hole(name: str, content) -> Markup:
    """Template helper: content is personal to the reader; a cached page leaves a hole here."""
    content = escape(content)
    if g.get("_page_capture"):
        return Markup(f"{_OPEN}{name}{_NAMED}") + content + Markup(_CLOSE)
    return content


def _split(page: bytes) -> tuple[list[bytes], bytes]:
    """Parts of a page rendered with marked holes: static bytes at even places, hole names at
    odd ones; and the page as this reader sees it."""
    parts: list[bytes] = []
    shown: list[bytes] = []
    rest = page
    while True:
        start = rest.find(_B_OPEN)
        if start < 0:
            parts.append(rest)
            shown.append(rest)
            break
        parts.append(rest[:start])
        shown.append(rest[:start])
        name_end = rest.index(_B_NAMED, start)
        end = rest.index(_B_CLOSE, name_end)
        parts.append(rest[start + len(_B_OPEN):name_end])
        shown.append(rest[name_end + len(_B_NAMED):end])
        rest = rest[end + len(_B_CLOSE):]
    return parts, b"".join(shown)


def _account() -> str:
    """The header's account links: the same for a member until their name, role, language or
    badge numbers change, so kept per member (with the CSRF marker in place of the token)."""
    from novanet.core.templating import badges

    cache: PageCache = current_app.extensions["account_cache"]
    user = current_user
    key = (user.id, user.username, user.display_name, user.is_admin, str(get_locale()),
           tuple(badges().items()))
    token = generate_csrf()
    parts = cache.get(key, None)
    if parts is None:
        html = render_template("_account.html")
        cache.put(key, None, [html.replace(token, cache.marker)])
        return html
    return parts[0].replace(cache.marker, token)


# The holes of the shared layout (base.html).
_BASE_FILLS: dict[str, Callable[[], str]] = {
    "account": _account,
    "user": lambda: str(escape(current_user.username)),
}


def applies() -> bool:
    """A GET with nothing pending for the reader (flashed messages)."""
    return request.method == "GET" and "_flashes" not in session


def serve(stamp, render: Callable[[], str], *, variant=(),
          fill: dict[str, Callable[[], str | bytes]] | None = None) -> bytes:
    """The page (UTF-8) for this address, language, zone and variant: from the cache when the
    stamp still matches, with its holes filled by fill[name]() and the reader's CSRF token;
    rendered (and kept) otherwise. Call only when applies() and the reader may see the page.
    Pages are kept as bytes so a hit is joined, not encoded again."""
    cache: PageCache = current_app.extensions["page_cache"]
    token = generate_csrf().encode()
    marker = cache.marker.encode()
    key = (request.full_path, str(get_locale()), str(get_timezone()), variant)
    parts = cache.get(key, stamp)
    if parts is None:
        g._page_capture = True
        try:
            page = render().encode()
        finally:
            g._page_capture = False
        parts, shown = _split(page)
        cache.put(key, stamp, [p.replace(token, marker) if i % 2 == 0 else p.decode()
                               for i, p in enumerate(parts)])
        return shown
    fill = {**_BASE_FILLS, **(fill or {})}
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(part.replace(marker, token))
        else:
            filled = fill[part]()
            out.append(filled if isinstance(filled, bytes) else filled.encode())
    return b"".join(out)


def init_app(app: Flask) -> None:
    app.extensions["page_cache"] = PageCache(
        app.config.get("PAGE_CACHE_SIZE", MAX_PAGES), app.config.get("PAGE_CACHE_TTL", TTL))
    app.extensions["account_cache"] = PageCache(2000, TTL)
    app.jinja_env.globals["hole"] = hole
