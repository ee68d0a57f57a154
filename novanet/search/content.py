"""Sources for the content features: what of theirs is findable, and where it lives.

Loaders return nothing for things that must never be found (purged, deleted, drafts); who may
see the rest is decided at query time from group_id (see query.visible).
"""

from sqlalchemy import select

from novanet.events.models import Event
from novanet.extensions import db
from novanet.search.sources import Document, Source, link, register, text


def load_events(ids: list[int]) -> list[Document]:
    rows = db.session.scalars(select(Event).where(Event.id.in_(ids), Event.purged_at.is_(None)))
    return [Document(
        kind="event", ref_id=e.id, title=e.title,
        body=" ".join(filter(None, [e.venue, e.city, text(e.description),
                                    text(e.challenge)])),
        url=link("events.detail", f"/events/{e.id}", event_id=e.id),
        group_id=e.group_id, author_id=e.created_by_id, created_at=e.starts_at) for e in rows]


def _ids(column, *where):
    def ids():
        return db.session.scalars(select(column).where(*where).order_by(column))
    return ids


def register_all() -> None:
    from flask_babel import lazy_gettext as _l

    register(Source("event", _l("Events"), load_events, _ids(Event.id, Event.purged_at.is_(None))))
