"""Writing the index: upsert what loaders return, drop what they leave out; full rebuild."""

import re

from flask import current_app, has_request_context
from sqlalchemy import delete, select

from novanet.extensions import db
from novanet.search.models import SearchDocument
from novanet.search.sources import SOURCES, Document

# Control characters carry no meaning in text and PostgreSQL refuses NUL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
BATCH = 500


def _clean(value: str, limit: int | None = None) -> str:
    value = _CONTROL.sub(" ", value or "")
    return value[:limit] if limit else value


def _row(doc: Document) -> dict:
    return {"kind": doc.kind, "ref_id": doc.ref_id, "title": _clean(doc.title, 300) or "—",
            "body": _clean(doc.body), "url": doc.url[:500], "group_id": doc.group_id,
            "author_id": doc.author_id, "created_at": doc.created_at}


def _in_request(fn, *args):
    """Loaders build URLs; outside a request (CLI, signals from scripts) give them one."""
    if has_request_context():
        return fn(*args)
    with current_app.test_request_context():
        return fn(*args)


def refresh(kind: str, ids: list[int], *, commit: bool = True) -> int:
    """Re-read these objects through their loader: index what it returns, drop the rest."""
    source = SOURCES.get(kind)
    if source is None or not ids:
        return 0
    docs = list(_in_request(lambda: list(source.load(list(ids)))))
    db.session.execute(delete(SearchDocument).where(SearchDocument.kind == kind,
                                                    SearchDocument.ref_id.in_(list(ids))))
    if docs:
        db.session.execute(SearchDocument.__table__.insert(), [_row(d) for d in docs])
    if commit:
        db.session.commit()
    return len(docs)


def remove(kind: str, ids: list[int]) -> None:
    db.session.execute(delete(SearchDocument).where(SearchDocument.kind == kind,
                                                    SearchDocument.ref_id.in_(list(ids))))
    db.session.commit()


def remove_group(group_id: int) -> None:
    """A deleted group takes its documents along (SQLite does not cascade by default)."""
    db.session.execute(delete(SearchDocument).where(SearchDocument.group_id == group_id))
    db.session.execute(delete(SearchDocument).where(SearchDocument.kind == "group",
                                                    SearchDocument.ref_id == group_id))
    db.session.commit()


def rebuild(kinds: list[str] | None = None, echo=None) -> dict[str, int]:
    """Re-index everything (or some kinds) in batches; returns documents per kind."""
    counts = {}
    for kind in kinds or list(SOURCES):
        source = SOURCES[kind]
        db.session.execute(delete(SearchDocument).where(SearchDocument.kind == kind))
        ids = list(source.ids())
        total = 0
        for start in range(0, len(ids), BATCH):
            total += refresh(kind, ids[start:start + BATCH], commit=False)
        db.session.commit()
        counts[kind] = total
        if echo:
            echo(f"{kind}: {total}")
    return counts


def indexed(kind: str, ref_id: int) -> bool:
    return db.session.scalar(select(SearchDocument.id).where(
        SearchDocument.kind == kind, SearchDocument.ref_id == ref_id)) is not None
