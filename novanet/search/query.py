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
from sqlalchemy import (
    Integer,
    and_,
    bindparam,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
    true,
)
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
# to the index size. Ranking happens among the most recently indexed RANK_WINDOW matches that
# pass the reader's filters (type, group, dates); the newest are found by walking the match list
# from its end, which costs little when a word is common, and the index when it is rare.
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


def visible(viewer, doc=SearchDocument):
    """Groups as documents follow visible_groups; everything else its group's content policy.

    doc is anything with kind, ref_id and group_id columns: the model, or a subquery of it."""
    if policy.is_admin(viewer):
        return true()
    groups = select(Group.id).where(policy.visible_groups(viewer))
    return or_(and_(doc.kind == "group", doc.ref_id.in_(groups)),
               and_(doc.kind != "group", policy.content_visible(viewer, doc.group_id)))


def _filters(kinds, group_id, since, until) -> list:
    """The reader's own filters: plain column tests, applied before the rank window."""
    conditions = []
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
    filters = _filters(kinds, group_id, since, until)
    if db.engine.dialect.name == "postgresql":
        ranked = _postgres(viewer, words, filters, limit + 1, offset)
    else:
        ranked = _sqlite(viewer, words, filters, limit + 1, offset)
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


def _sqlite(viewer, words, filters, limit, offset):
    fts = table(FTS_TABLE, column("rowid"))
    match = text(f"{FTS_TABLE} MATCH :match").bindparams(match=_fts5_query(words))
    # The rowid of the RANK_WINDOW-th newest match: FTS5 reads its match list backwards, so
    # without filters this touches the full-text index only.
    newest = select(fts.c.rowid).where(match)
    if filters:
        newest = newest.join(SearchDocument, SearchDocument.id == fts.c.rowid).where(*filters)
    floor = db.session.scalar(newest.order_by(fts.c.rowid.desc()).limit(1)
                              .offset(RANK_WINDOW - 1))
    rank = func.bm25(literal_column(FTS_TABLE), 8.0, 1.0)
    stmt = (select(SearchDocument.id, rank.label("rank"))
            .join(fts, fts.c.rowid == SearchDocument.id)
            .where(match, visible(viewer), *filters))
    if floor is not None:
        stmt = stmt.where(fts.c.rowid >= floor)
    stmt = stmt.order_by(rank, SearchDocument.id).limit(limit).offset(offset)
    return [tuple(r) for r in db.session.execute(stmt).all()]


def _literal(number: int):
    return bindparam(None, int(number), type_=Integer, literal_execute=True)


def _postgres(viewer, words, filters, limit, offset):
    # The search terms and the limits are written into the statement, not sent as parameters:
    # psycopg prepares statements it sees repeatedly, and PostgreSQL then settles on a generic
    # plan made without knowing the word or the window. Walking the newest rows suits a common
    # word and reading the GIN index a rare one; a plan chosen blind is badly wrong for one of
    # them (300 ms instead of 4 ms for a prefix found in every document, 75 ms instead of 8 ms
    # once a repeated query switched plans).
    terms_literal = bindparam("tsquery", _tsquery(words), literal_execute=True)
    query = func.to_tsquery(literal_column(f"'{PG_CONFIG}'::regconfig"), terms_literal)
    tsv = literal_column("search_documents.tsv")
    # One pass over the newest matches (the planner walks the primary key backwards for a common
    # word, reads the GIN index for a rare one), keeping only narrow columns: sorting 2,000 rows
    # with their tsvector would spill to disk. The window's vectors are then read back by key
    # for ranking.
    recent = (select(SearchDocument.id, SearchDocument.kind, SearchDocument.ref_id,
                     SearchDocument.group_id)
              .where(tsv.op("@@")(query), *filters)
              .order_by(SearchDocument.id.desc()).limit(_literal(RANK_WINDOW))
              .subquery("recent"))
    rank = func.ts_rank_cd(tsv, query)
    stmt = (select(recent.c.id, rank.label("rank"))
            .join_from(recent, SearchDocument, SearchDocument.id == recent.c.id)
            .where(visible(viewer, recent.c))
            .order_by(rank.desc(), recent.c.id).limit(_literal(limit))
            .offset(_literal(offset)))
    return [tuple(r) for r in db.session.execute(stmt).all()]
