"""Whole pages for anonymous readers, rendered once and served from the process's memory.

Anonymous readers of a public page all see the same thing, so the rendered page is kept per
address, language and time zone. A feature asks for it with a stamp: a small tuple read from
the database on every request (for a debate: its version counter, state and group), so a
change to what the page shows, or to who may read it, is seen at once by every process. The
feature checks the reader may see the page before asking. Entries also expire after TTL
seconds, which bounds how long details outside the stamp (an author's new display name) can
lag.

The only per-visitor part of such a page is the CSRF token of its forms (language switcher,
search): it is stored as a marker and filled in for each visitor.
"""

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from flask import Flask, current_app, request, session
from flask_babel import get_locale, get_timezone
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

MAX_PAGES = 300
TTL = 60.0


class PageCache:
    def __init__(self, max_pages: int = MAX_PAGES, ttl: float = TTL):
        self.max_pages = max_pages
        self.ttl = ttl
        self.marker = f"csrf-{secrets.token_hex(12)}"
        self._pages: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, stamp) -> str | None:
        with self._lock:
            hit = self._pages.get(key)
            if hit is None:
                return None
            if hit[0] != stamp or hit[1] < time.monotonic():
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return hit[2]

    def put(self, key, stamp, html: str) -> None:
        with self._lock:
            self._pages[key] = (stamp, time.monotonic() + self.ttl, html)
            self._pages.move_to_end(key)
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


def _cache() -> PageCache:
    return current_app.extensions["page_cache"]


def applies() -> bool:
    """A GET by an anonymous visitor with nothing pending for them (flashed messages)."""
    return (request.method == "GET" and not current_user.is_authenticated
            and "_flashes" not in session)


def serve(stamp, render: Callable[[], str]) -> str:
    """The page for this address, language and zone: cached when the stamp still matches,
    rendered (and kept) otherwise. Call only when applies() and the reader may see the page."""
    cache = _cache()
    token = generate_csrf()
    key = (request.full_path, str(get_locale()), str(get_timezone()))
    html = cache.get(key, stamp)
    if html is None:
        html = render()
        cache.put(key, stamp, html.replace(token, cache.marker))
        return html
    return html.replace(cache.marker, token)


def init_app(app: Flask) -> None:
    app.extensions["page_cache"] = PageCache(
        app.config.get("PAGE_CACHE_SIZE", MAX_PAGES), app.config.get("PAGE_CACHE_TTL", TTL))
