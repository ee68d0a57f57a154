"""Declarative base, naming convention and column types shared by all models."""

import sqlite3
from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData, TypeDecorator, event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, registry
from sqlalchemy.sql.functions import FunctionElement

# Predictable constraint names so Alembic can alter them on every engine.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every engine (SQLite drops the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


def utcnow() -> datetime:
    return datetime.now(UTC)


@event.listens_for(Engine, "connect")
def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    # SQLite ignores ON DELETE CASCADE / SET NULL unless asked per connection; deleting a member
    # must behave the same as on PostgreSQL.
    # Several server threads and processes write to one file: WAL lets readers carry on during a
    # write and makes commits cheap (no fsync per commit with synchronous=NORMAL), and writers
    # queue for up to 30 s instead of failing with "database is locked" after 5 s.
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


# Engine-specific schema objects that features create beside their tables (full-text indexes,
# generated columns). Alembic's model comparison must not treat them as strays.
ENGINE_SPECIFIC: set[str] = set()
ENGINE_SPECIFIC_PREFIXES: set[str] = set()


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic hook: skip reflected objects that exist only on one engine by design."""
    if reflected and compare_to is None and name:
        if name in ENGINE_SPECIFIC or any(name.startswith(p) for p in ENGINE_SPECIFIC_PREFIXES):
            return False
    return True


class scan_filter(FunctionElement):
    """A column used only to filter rows met while walking another index (SQLite).

    SQLite's planner turns `a IN (…) OR b IN (…)` into one index lookup per term followed by a
    sort of everything found, even under `ORDER BY … LIMIT 20`, where walking the ordering index
    and stopping after twenty matches is far cheaper (a feed reads newest first). A unary plus
    is SQLite's documented way to keep a term off the indexes; PostgreSQL's planner weighs
    LIMIT itself, so there the column is left as it is.
    """

    inherit_cache = True

    def __init__(self, column):
        super().__init__(column)
        self.type = column.type


@compiles(scan_filter)
def _scan_filter(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


@compiles(scan_filter, "sqlite")
def _scan_filter_sqlite(element, compiler, **kw):
    return "+" + compiler.process(element.clauses, **kw)
