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


def load_debates(ids: list[int]) -> list[Document]:
    from novanet.debates.models import Debate

    rows = db.session.scalars(select(Debate).where(Debate.id.in_(ids)))
    return [Document(
        kind="debate", ref_id=d.id, title=d.title,
        body=" ".join(filter(None, [" ".join(t.tag for t in d.tags), text(d.body),
                                    text(d.conclusion)])),
        url=link("debates.detail", f"/debates/{d.id}", debate_id=d.id),
        group_id=d.group_id, author_id=d.author_id, created_at=d.created_at) for d in rows]


def load_debate_posts(ids: list[int]) -> list[Document]:
    from novanet.debates.models import Post

    rows = db.session.scalars(select(Post).where(Post.id.in_(ids), Post.deleted_at.is_(None)))
    return [Document(
        kind="post", ref_id=p.id, title=p.debate.title, body=text(p.body),
        url=link("debates.permalink", f"/debates/posts/{p.id}", post_id=p.id),
        group_id=p.debate.group_id, author_id=p.author_id, created_at=p.created_at)
        for p in rows]


def load_wiki_pages(ids: list[int]) -> list[Document]:
    from novanet.wiki.models import WikiPage
    from novanet.wiki.wikis import Wiki

    rows = db.session.scalars(select(WikiPage).where(WikiPage.id.in_(ids),
                                                     WikiPage.deleted_at.is_(None)))
    return [Document(
        kind="wiki_page", ref_id=w.id, title=w.title, body=text(w.body),
        url=Wiki(w.group).page_path(w.slug), group_id=w.group_id, author_id=w.created_by_id,
        created_at=w.updated_at) for w in rows]


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

    from novanet.debates.models import Debate, Post
    from novanet.wiki.models import WikiPage

    register(Source("debate", _l("Debates"), load_debates, _ids(Debate.id)))
    register(Source("post", _l("Debate replies"), load_debate_posts,
                    _ids(Post.id, Post.deleted_at.is_(None))))
    register(Source("wiki_page", _l("Wiki pages"), load_wiki_pages,
                    _ids(WikiPage.id, WikiPage.deleted_at.is_(None))))
