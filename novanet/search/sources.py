"""What can be found: each content kind maps to a loader that turns ids into documents.

A loader returns documents only for things that may be indexed at all (published, not deleted,
not hidden, author not suspended); an id it leaves out is removed from the index. Who may see a
document is decided at query time from its group_id through the groups policy, so a group
changing visibility needs no reindexing.

Register a kind with register(Source(kind, label, load, ids)), where load(ids) -> documents and
ids() yields every indexable id (for `flask search rebuild`). Features tell the index about
changes with signals.content_changed / content_removed (kind=..., id=...).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.routing import BuildError

from novanet.accounts.models import User
from novanet.core.markup import plain_text
from novanet.extensions import db
from novanet.groups.models import Group

BODY_MAX = 20_000


@dataclass
class Document:
    kind: str
    ref_id: int
    title: str
    body: str
    url: str
    group_id: int | None
    author_id: int | None
    created_at: datetime


@dataclass
class Source:
    kind: str
    label: object  # shown in the type filter
    load: Callable[[list[int]], Iterable[Document]]
    ids: Callable[[], Iterable[int]]


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    SOURCES[source.kind] = source


def link(endpoint: str, fallback: str, **values) -> str:
    """A path to the thing, even when its feature's pages are not installed."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return fallback


def text(html_or_markdown: str | None) -> str:
    return plain_text(html_or_markdown or "")[:BODY_MAX]


def _all_ids(column, *where):
    def ids():
        return db.session.scalars(select(column).where(*where).order_by(column))
    return ids


# ---- people ------------------------------------------------------------------------------

def load_users(ids: list[int]) -> list[Document]:
    rows = db.session.scalars(select(User).where(User.id.in_(ids), User.suspended_at.is_(None)))
    return [Document(
        kind="user", ref_id=u.id, title=u.display_name,
        body=" ".join(filter(None, [u.username, u.position, u.organisation, u.city,
                                    " ".join(u.expertise_tags), text(u.bio)])),
        url=link("people.profile", f"/people/{u.username}", username=u.username),
        group_id=None, author_id=u.id, created_at=u.created_at) for u in rows]


# ---- groups ------------------------------------------------------------------------------

def load_groups(ids: list[int]) -> list[Document]:
    rows = db.session.scalars(select(Group).where(Group.id.in_(ids)))
    return [Document(
        kind="group", ref_id=g.id, title=g.name,
        body=" ".join(filter(None, [" ".join(g.tag_names), g.region, text(g.description)])),
        url=link("groups.detail", f"/groups/{g.slug}", slug=g.slug),
        group_id=g.id, author_id=g.created_by_id, created_at=g.created_at) for g in rows]


register(Source("user", _l("People"), load_users,
                _all_ids(User.id, User.suspended_at.is_(None))))
register(Source("group", _l("Groups"), load_groups, _all_ids(Group.id)))
