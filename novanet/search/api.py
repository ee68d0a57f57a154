"""Search API."""

from datetime import date, datetime

from flask import Blueprint
from flask_login import current_user
from pydantic import Field

from novanet.api.schema import Out, Schema, endpoint, page_of
from novanet.core.errors import Invalid
from novanet.extensions import csrf
from novanet.search import query as search_query
from novanet.search.sources import SOURCES
from novanet.search.views import visible_group_by_slug

bp = Blueprint("search_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


class SearchQuery(Schema):
    q: str = Field(max_length=search_query.QUERY_MAX)
    type: str | None = Field(None, max_length=20, description="user, group, debate, post, …")
    group: str | None = Field(None, max_length=80, description="group slug")
    since: date | None = None
    until: date | None = None
    limit: int = Field(20, ge=1, le=50)
    cursor: str | None = Field(None, max_length=10)


class SearchHitOut(Out):
    type: str
    id: int
    title: str
    title_html: str
    snippet_html: str
    url: str
    group: str | None = Field(None, description="slug of the group it belongs to")
    created_at: datetime
    rank: float


@bp.get("/search")
@endpoint("Search people, groups and content I may see", tags=["search"], query=SearchQuery,
          response=page_of(SearchHitOut), auth=False, errors=[422])
def search(query: SearchQuery):
    """Accent-insensitive, ranked; search syntax in q is treated as plain words."""
    if query.type is not None and query.type not in SOURCES:
        raise Invalid(fields={"type": "one of: " + ", ".join(sorted(SOURCES))})
    try:
        offset = max(0, min(int(query.cursor or 0), 1000))
    except ValueError:
        raise Invalid(fields={"cursor": "not a cursor this list gave out"}) from None
    group = visible_group_by_slug(current_user, query.group)
    if query.group and group is None:
        return {"items": [], "next": None}
    found = search_query.search(current_user, query.q, kinds=[query.type] if query.type else None,
                                group_id=group.id if group else None, since=query.since,
                                until=query.until, limit=query.limit, offset=offset)
    items = [{"type": h.doc.kind, "id": h.doc.ref_id, "title": h.doc.title,
              "title_html": str(h.title), "snippet_html": str(h.snippet), "url": h.doc.url,
              "group": h.group.slug if h.group else None, "created_at": h.doc.created_at,
              "rank": h.rank} for h in found.hits]
    return {"items": items, "next": found.next}
