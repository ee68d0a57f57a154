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


def load_blog_posts(ids: list[int]) -> list[Document]:
    from novanet.blogs.models import BlogPost

    rows = db.session.scalars(select(BlogPost).where(
        BlogPost.id.in_(ids), BlogPost.status == "published", BlogPost.hidden.is_(False)))
    return [Document(
        kind="blog_post", ref_id=p.id, title=p.title,
        body=" ".join(filter(None, [p.summary, " ".join(p.tag_names), text(p.body)])),
        url=link("blogs.permalink", f"/blogs/posts/{p.id}", post_id=p.id),
        group_id=p.group_id, author_id=p.author_id,
        created_at=p.published_at or p.created_at) for p in rows]


def _ids(column, *where):
    def ids():
        return db.session.scalars(select(column).where(*where).order_by(column))
    return ids


def register_all() -> None:
    from flask_babel import lazy_gettext as _l

    from novanet.blogs.models import BlogPost

    register(Source("blog_post", _l("Blog posts"), load_blog_posts,
                    _ids(BlogPost.id, BlogPost.status == "published",
                         BlogPost.hidden.is_(False))))
    register(Source("event", _l("Events"), load_events, _ids(Event.id, Event.purged_at.is_(None))))
