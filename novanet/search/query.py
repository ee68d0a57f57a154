"""Reading the index: hostile input becomes plain terms, results only what the viewer may see.

The user's text is reduced to word tokens (letters and digits); each token is quoted for the
engine, so quotes, *, -, NEAR, AND/OR, parentheses or column filters are never syntax. The
last token matches as a prefix ("particip" finds "participación").
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import and_, column, func, literal_column, or_, select, table, text, true
from sqlalchemy.orm import lazyload, load_only

from novanet.core.errors import Invalid
from novanet.extensions import db
from novanet.groups import policy
from novanet.groups.models import Group
from novanet.search import highlight
from novanet.search.engine import FTS_TABLE, PG_CONFIG
from novanet.search.models import SearchDocument

QUERY_MAX = 200
MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Hit:
    doc: SearchDocument
    title: Markup
    snippet: Markup
    rank: float
    group: Group | None = None


@dataclass
class Results:
    hits: list
    next: str | None
    terms: list


# Very common words match most of the index; ranking every match would cost time in proportion
# to the index size. Ranking happens among the most recently indexed RANK_WINDOW matches.
RANK_WINDOW = 2000


def terms(q: str) -> list[str]:
    return [t for t in _WORD.findall((q or "").lower()) if t.strip("_")][:MAX_TERMS]


def check_query(q) -> str:
    q = " ".join(str(q or "").split())
    if not q:
        raise Invalid(fields={"q": _l("Type what you are looking for.")})
    if len(q) > QUERY_MAX:
        raise Invalid(fields={"q": _l("Use at most %(n)s characters.", n=QUERY_MAX)})
    return q


def _fts5_query(words: list[str]) -> str:
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    if len(words[-1]) > 1:
        quoted[-1] += "*"
    return " ".join(quoted)


def _tsquery(words: list[str]) -> str:
    quoted = ["'" + w.replace("'", "''").replace("\\", "") + "'" for w in words]
    if len(words[-1]) > 1:
        quoted[-1] += ":*"
    return " & ".join(quoted)


def visible(viewer):
    """Groups as documents follow visible_groups; everything else its group's content policy."""
    if policy.is_admin(viewer):
        return true()
    groups = select(Group.id).where(policy.visible_groups(viewer))
    return or_(and_(SearchDocument.kind == "group", SearchDocument.ref_id.in_(groups)),
               and_(SearchDocument.kind != "group",
                    policy.content_visible(viewer, SearchDocument.group_id)))


def _filters(viewer, kinds, group_id, since, until):
    conditions = [visible(viewer)]
    if kinds:
        conditions.append(SearchDocument.kind.in_(kinds))
    if group_id is not None:
        conditions.append(SearchDocument.group_id == group_id)
    if since is not None:
        conditions.append(SearchDocument.created_at >= _start(since))
    if until is not None:
        conditions.append(SearchDocument.created_at < _start(until) + timedelta(days=1))
    return conditions


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def search(viewer, q: str, *, kinds: list[str] | None = None, group_id: int | None = None,
           since: date | None = None, until: date | None = None, limit: int = 20,
           offset: int = 0) -> Results:
    """Ranked matches with highlighted title and snippet; next is the following offset."""
    q = check_query(q)
    words = terms(q)
    if not words:
        return Results([], None, [])
    conditions = _filters(viewer, kinds, group_id, since, until)
    if db.engine.dialect.name == "postgresql":
        ranked = _postgres(words, conditions, limit + 1, offset)
    else:
        ranked = _sqlite(words, conditions, limit + 1, offset)
    more = len(ranked) > limit
    ranked = ranked[:limit]
    docs = {d.id: d for d in db.session.scalars(
        select(SearchDocument).where(SearchDocument.id.in_([i for i, _ in ranked])))}
    group_ids = {d.group_id for d in docs.values() if d.group_id and d.kind != "group"}
    # A hit names its group and links to it: nothing else of the group is loaded.
    groups = {g.id: g for g in db.session.scalars(
        select(Group).where(Group.id.in_(group_ids))
        .options(load_only(Group.id, Group.slug, Group.name), lazyload(Group.tags)))} \
        if group_ids else {}
    hits = []
    for doc_id, rank in ranked:
        doc = docs.get(doc_id)
        if doc is None:
            continue
        hits.append(Hit(doc=doc, title=highlight.title(doc.title, words),
                        snippet=highlight.snippet(doc.body, words), rank=float(rank or 0),
                        group=groups.get(doc.group_id) if doc.kind != "group" else None))
    return Results(hits, str(offset + limit) if more else None, words)


def _sqlite(words, conditions, limit, offset):
    fts = table(FTS_TABLE, column("rowid"))
    match = text(f"{FTS_TABLE} MATCH :match").bindparams(match=_fts5_query(words))
    floor = db.session.scalar(select(fts.c.rowid).where(match).order_by(fts.c.rowid.desc())
                              .limit(1).offset(RANK_WINDOW - 1))
    rank = func.bm25(literal_column(FTS_TABLE), 8.0, 1.0)
    stmt = (select(SearchDocument.id, rank.label("rank"))
            .join(fts, fts.c.rowid == SearchDocument.id)
            .where(match, *conditions))
    if floor is not None:
        stmt = stmt.where(fts.c.rowid >= floor)
    stmt = stmt.order_by(rank, SearchDocument.id).limit(limit).offset(offset)
    return [tuple(r) for r in db.session.execute(stmt).all()]


def _postgres(words, conditions, limit, offset):
    query = func.to_tsquery(literal_column(f"'{PG_CONFIG}'::regconfig"), _tsquery(words))
    tsv = literal_column("search_documents.tsv")
    matches = tsv.op("@@")(query)
    floor = db.session.scalar(select(SearchDocument.id).where(matches)
                              .order_by(SearchDocument.id.desc())
                              .limit(1).offset(RANK_WINDOW - 1))
    rank = func.ts_rank_cd(tsv, query)
    stmt = select(SearchDocument.id, rank.label("rank")).where(matches, *conditions)
    if floor is not None:
        stmt = stmt.where(SearchDocument.id >= floor)
    stmt = stmt.order_by(rank.desc(), SearchDocument.id).limit(limit).offset(offset)
    return [tuple(r) for r in db.session.execute(stmt).all()]
