"""Reading wikis: page lists, history, recent changes and "what links here".

Every list is one query (plus eager loads) and respects the group policy through
groups.policy.content_visible, so nothing a detail page would refuse can appear here.
"""

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from novanet.core.pagination import Page, paginate
from novanet.extensions import db
from novanet.groups import policy as groups_policy
from novanet.wiki.models import WikiLink, WikiPage, WikiRedirect, WikiRevision
from novanet.wiki.wikis import Wiki


def pages(wiki: Wiki, *, limit: int = 50, cursor: str | None = None,
          deleted: bool = False) -> Page:
    """The wiki's pages by title (or its deleted pages, for moderators)."""
    stmt = select(WikiPage).where(WikiPage.wiki_key == wiki.key,
                                  WikiPage.deleted_at.is_not(None) if deleted
                                  else WikiPage.deleted_at.is_(None))
    return paginate(stmt, [WikiPage.title, WikiPage.id], session=db.session, limit=limit,
                    cursor=cursor, descending=False)


def history(page: WikiPage, *, limit: int = 50, cursor: str | None = None) -> Page:
    stmt = select(WikiRevision).where(WikiRevision.page_id == page.id)
    return paginate(stmt, [WikiRevision.number], session=db.session, limit=limit, cursor=cursor)


def recent_changes(viewer, wiki: Wiki | None = None, *, limit: int = 50,
                   cursor: str | None = None) -> Page:
    """Newest revisions of live pages: one wiki's, or site-wide among wikis the viewer reads."""
    stmt = (select(WikiRevision).join(WikiRevision.page)
            .options(contains_eager(WikiRevision.page))
            .where(WikiPage.deleted_at.is_(None)))
    if wiki is not None:
        stmt = stmt.where(WikiPage.wiki_key == wiki.key)
    else:
        stmt = stmt.where(groups_policy.content_visible(viewer, WikiPage.group_id))
    return paginate(stmt, [WikiRevision.created_at, WikiRevision.id], session=db.session,
                    limit=limit, cursor=cursor)


def what_links_here(page: WikiPage) -> list[WikiPage]:
    """Live pages of the same wiki whose text links to this page (by its title or an old one)."""
    slugs = select(WikiRedirect.slug).where(WikiRedirect.page_id == page.id)
    stmt = (select(WikiPage).where(WikiPage.id.in_(
        select(WikiLink.from_page_id).where(WikiLink.wiki_key == page.wiki_key,
                                            (WikiLink.target_slug == page.slug)
                                            | WikiLink.target_slug.in_(slugs))))
            .where(WikiPage.deleted_at.is_(None), WikiPage.id != page.id)
            .order_by(WikiPage.title).limit(500))
    return list(db.session.scalars(stmt))
