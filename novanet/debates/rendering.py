"""Post blocks for the debate page: the shared part rendered once and cached, the per-member
part (reaction buttons, reply/edit/delete) small and built per request.

The cached part depends only on the post, its author and quoted post, the reader's language
and time zone, and how old the post is (relative times such as "5 minutes ago"). Its key holds
those, so a stale block can never be served, even by another process; the post signals also
drop a post's blocks at once so memory is not spent on versions nobody will ask for.
"""

import secrets
import threading
from collections import OrderedDict
from datetime import UTC, datetime

from flask import current_app, url_for
from flask_babel import get_locale, get_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from novanet.core import signals
from novanet.core.i18n import relative_time_bucket
from novanet.debates import policy

MAX_BLOCKS = 5000
REACTION_LABELS = {"useful": _l("Useful"), "agree": _l("Agree"), "disagree": _l("Disagree"),
                   "thanks": _l("Thanks")}
_blocks: OrderedDict = OrderedDict()
_keys_by_post: dict[int, set] = {}
_lock = threading.Lock()


def _stamp(post, now: datetime) -> tuple:
    author = post.author
    quoted = post.reply_to
    return (post.created_at, post.edited_at, post.deleted_at, post.body_html if post.edited_at else None,
            author and (author.username, author.display_name, author.avatar_key),
            quoted and (quoted.id, quoted.edited_at, quoted.deleted_at,
                        quoted.author and quoted.author.display_name),
            relative_time_bucket(post.created_at, now))


def post_core(post) -> Markup:
    """Header, quote and body of a post in the reader's language and zone (cached)."""
    key = (post.id, str(get_locale()), str(get_timezone()))
    stamp = _stamp(post, datetime.now(UTC))
    with _lock:
        hit = _blocks.get(key)
        if hit is not None and hit[0] == stamp:
            _blocks.move_to_end(key)
            return hit[1]
    html = Markup(current_app.jinja_env.get_template("debates/_post_core.html").render(post=post))
    with _lock:
        _blocks[key] = (stamp, html)
        _keys_by_post.setdefault(post.id, set()).add(key)
        while len(_blocks) > MAX_BLOCKS:
            old_key, _old = _blocks.popitem(last=False)
            _keys_by_post.get(old_key[0], set()).discard(old_key)
    return html


def forget(post_id: int) -> None:
    with _lock:
        for key in _keys_by_post.pop(post_id, set()):
            _blocks.pop(key, None)


def clear() -> None:
    with _lock:
        _blocks.clear()
        _keys_by_post.clear()
        _sections.clear()


class Labels:
    """Translated words for the per-member part, looked up once per page."""

    def __init__(self, kinds):
        self.kinds = {k: escape(str(REACTION_LABELS.get(k, k))) for k in kinds}
        self.reply = escape(_("Reply"))
        self.edit = escape(_("Edit"))
        self.delete = escape(_("Delete"))
        self.confirm = escape(_("Delete this post?"))
        self.revisions = escape(_("Previous versions"))


def post_actions(post, *, rights, counts: dict, mine, kinds, labels: Labels, csrf: str,
                 reply_url: str | None) -> Markup:
    """Reaction buttons (plain forms), reply, edit, delete and revisions for this reader."""
    parts = ['<footer class="post-actions actions"><div class="reactions" data-reactions="',
             str(post.id), '">']
    can_react = rights.can_react(post)
    react_url = url_for("debates.react", post_id=post.id) if can_react else ""
    for kind in kinds:
        n = counts.get(kind, 0)
        label = labels.kinds[kind]
        if can_react:
            pressed = kind in mine
            parts.append(
                f'<form action="{react_url}" method="post" class="inline">'
                f'<input type="hidden" name="csrf_token" value="{csrf}">'
                f'<input type="hidden" name="kind" value="{kind}">'
                f'<input type="hidden" name="action" value="{"remove" if pressed else "add"}">'
                f'<button type="submit" class="reaction" aria-pressed="'
                f'{"true" if pressed else "false"}" data-kind="{kind}">{label} '
                f'<span data-count>{n}</span></button></form>')
        elif n:
            parts.append(f'<span class="reaction" data-kind="{kind}">{label} '
                         f'<span data-count>{n}</span></span>')
    parts.append("</div>")
    if reply_url:
        parts.append(f'<a href="{reply_url}&amp;reply_to={post.id}#reply" '
                     f'data-reply-to="{post.id}">{labels.reply}</a>')
    if rights.can_edit(post):
        parts.append(f'<a href="{url_for("debates.edit_post", post_id=post.id)}">'
                     f'{labels.edit}</a>')
    if rights.can_delete(post):
        parts.append(f'<form action="{url_for("debates.delete_post", post_id=post.id)}" '
                     f'method="post" class="inline action" data-confirm="{labels.confirm}">'
                     f'<input type="hidden" name="csrf_token" value="{csrf}">'
                     f'<button type="submit" class="link">{labels.delete}</button></form>')
    if post.edited_at and rights.can_see_revisions(post):
        parts.append(f'<a href="{url_for("debates.revisions", post_id=post.id)}">'
                     f'{labels.revisions}</a>')
    parts.append("</footer>")
    return Markup("".join(parts))


CSRF_MARKER = f"csrf-{secrets.token_hex(12)}"  # stands for the reader's token in cached footers
_CSRF_MARKER = CSRF_MARKER.encode()


class Entry:
    """One post of a cached page: what every reader sees, and the whole block with its action
    footer, built once per kind of reader (rights and pressed reactions) and then reused. Kept
    as UTF-8 bytes: pages are sent as bytes, so a cached block is never encoded again."""

    __slots__ = ("id", "author_id", "deleted", "edited_at", "html", "counts", "blocks")

    def __init__(self, post, counts: dict):
        self.id = post.id
        self.author_id = post.author_id
        self.deleted = post.deleted
        self.edited_at = post.edited_at
        self.counts = counts
        self.blocks: dict = {}
        self.html = Markup(
            f'<li class="post{" deleted" if self.deleted else ""}" id="post-{post.id}" '
            f'data-post-id="{post.id}"><article aria-labelledby="post-{post.id}-by">'
        ) + post_core(post)


class SharedSection:
    """A page of posts as every reader sees it; cached per debate version, page and language."""

    __slots__ = ("entries", "first_post_id", "last_post_id", "count")

    def __init__(self, posts, counts: dict):
        self.entries = [Entry(p, counts.get(p.id, {})) for p in posts]
        self.first_post_id = posts[0].id if posts else 0
        self.last_post_id = posts[-1].id if posts else 0
        self.count = len(posts)


class Reader:
    """This reader's part of a page: the footers of the posts, from one PostRights object."""

    def __init__(self, rights: policy.PostRights, kinds, reply_url: str | None,
                 mine: dict[int, set[str]]):
        self.rights = rights
        self.kinds = kinds
        self.reply_url = reply_url
        self.mine = mine
        self._labels: Labels | None = None
        self._ordinary: tuple | None = None

    def block(self, entry: Entry) -> bytes:
        """The post's <li> as this reader sees it (CSRF_MARKER for the token)."""
        rights = self.rights
        if entry.deleted:
            key = None
            pressed = frozenset()
        elif entry.author_id != rights.uid and entry.id not in self.mine:
            # Most posts: someone else's, not reacted to; one key for all of them.
            key = self._ordinary
            if key is None:
                key = self._ordinary = (not rights.locked and rights.member, False,
                                        rights.moderator, rights.moderator, self.reply_url,
                                        frozenset())
            pressed = key[5]
        else:
            pressed = frozenset(self.mine.get(entry.id, ()))
            key = (rights.can_react(entry), rights.can_edit(entry), rights.can_delete(entry),
                   rights.can_see_revisions(entry), self.reply_url, pressed)
        found = entry.blocks.get(key)
        if found is None:
            footer = ""
            if key is not None:
                if self._labels is None:
                    self._labels = Labels(self.kinds)
                footer = post_actions(entry, rights=rights, counts=entry.counts, mine=pressed,
                                      kinds=self.kinds, labels=self._labels, csrf=CSRF_MARKER,
                                      reply_url=self.reply_url)
            found = entry.blocks[key] = (entry.html + footer + Markup("</article></li>")
                                         ).encode()
        return found


class Section:
    """The rendered list of a page's posts (UTF-8) and what the page needs to know about it."""

    __slots__ = ("data", "last_post_id", "count")

    def __init__(self, data: bytes, last_post_id: int, count: int):
        self.data = data
        self.last_post_id = last_post_id
        self.count = count

    @property
    def html(self) -> Markup:
        return Markup(self.data.decode())


def render_section(shared: SharedSection, reader: Reader, last_read: int | None) -> Section:
    parts = []
    divider = last_read is None
    for entry in shared.entries:
        if not divider and entry.id > last_read:
            divider = True
            parts.append((Markup('<li class="new-divider" id="new"><span>%s</span></li>')
                          % _("New since your last visit")).encode())
        parts.append(reader.block(entry))
    data = b"".join(parts)
    if _CSRF_MARKER in data:
        from flask_wtf.csrf import generate_csrf

        data = data.replace(_CSRF_MARKER, str(escape(generate_csrf())).encode())
    return Section(data, shared.last_post_id, shared.count)


# Every reader of a page shares one SharedSection per debate version, page, language and zone.
MAX_SECTIONS = 500
_sections: OrderedDict = OrderedDict()


def _section_key(debate, number: int, size: int):
    return (debate.id, number, size, str(get_locale()), str(get_timezone()))


def _section_stamp(debate):
    return (debate.created_at, debate.version, debate.locked, debate.closed_at, debate.post_count,
            relative_time_bucket(debate.last_activity_at, datetime.now(UTC)))


def cached_section(debate, number: int, size: int) -> SharedSection | None:
    with _lock:
        hit = _sections.get(_section_key(debate, number, size))
        if hit is not None and hit[0] == _section_stamp(debate):
            return hit[1]
    return None


def store_section(debate, number: int, size: int, section: SharedSection) -> None:
    with _lock:
        _sections[_section_key(debate, number, size)] = (_section_stamp(debate), section)
        while len(_sections) > MAX_SECTIONS:
            _sections.popitem(last=False)


def _on_post_changed(sender, post, **_):
    forget(post.id)


def connect() -> None:
    clear()  # a new application (another database) must not see blocks of the previous one
    signals.post_updated.connect(_on_post_changed, weak=False)
    signals.post_deleted.connect(_on_post_changed, weak=False)
