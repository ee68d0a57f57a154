"""Engine-specific full-text objects beside search_documents, created by one function that both
the Alembic migration and db.create_all() (through an after_create hook) call.

SQLite: an FTS5 table using search_documents as external content, tokenizer unicode61 with
remove_diacritics 2 and prefix indexes (typing "partic" stays fast), kept in step by triggers.
PostgreSQL: a text search configuration "novanet_search" (simple + unaccent), a generated
tsvector column weighting titles above bodies, and a GIN index on it.
"""

from sqlalchemy import event

from novanet.core.db import ENGINE_SPECIFIC, ENGINE_SPECIFIC_PREFIXES

FTS_TABLE = "search_fts"
PG_CONFIG = "novanet_search"

ENGINE_SPECIFIC.update({"tsv", "ix_search_documents_tsv"})
ENGINE_SPECIFIC_PREFIXES.add(FTS_TABLE)

# Prefix indexes for every length people type before a word is complete: without one, a prefix
# such as "abier" merges the lists of every word starting with it (tens of ms on 100,000 rows).
# Longer prefixes match few enough words to need none.
PREFIXES = "2 3 4 5 6"


def fts_table(prefixes: str = PREFIXES) -> str:
    return f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        title, body, content='search_documents', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2", prefix='{prefixes}')"""


SQLITE = [
    fts_table(),
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_ai AFTER INSERT ON search_documents BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_ad AFTER DELETE ON search_documents BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_au AFTER UPDATE ON search_documents BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
]

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{PG_CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END $$""",
    f"""ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('{PG_CONFIG}'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('{PG_CONFIG}'::regconfig, coalesce(body, '')), 'B')) STORED""",
    # No pending list: with fastupdate every search also reads, linearly, the up to 4 MB of
    # entries not yet merged into the index (about a millisecond even for a rare word). The
    # index is written one document at a time after commits, so merging at once costs little.
    "CREATE INDEX IF NOT EXISTS ix_search_documents_tsv ON search_documents USING gin (tsv) "
    "WITH (fastupdate = off)",
]

DROP = {
    "sqlite": [f"DROP TABLE IF EXISTS {FTS_TABLE}"],  # its triggers go with search_documents
    "postgresql": ["DROP INDEX IF EXISTS ix_search_documents_tsv",
                   "ALTER TABLE search_documents DROP COLUMN IF EXISTS tsv",
                   f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {PG_CONFIG}"],
}


def install(connection) -> None:
    """Create the full-text objects for this connection's engine (idempotent)."""
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(
            connection.dialect.name, []):
        connection.exec_driver_sql(statement)


def rebuild_fts(connection, prefixes: str = PREFIXES) -> None:
    """Recreate the SQLite full-text table with other prefix indexes and refill it from
    search_documents (the triggers name the table, so they carry on unchanged)."""
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    connection.exec_driver_sql(fts_table(prefixes))
    connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def tune_gin(connection, fastupdate: bool = False) -> None:
    """Turn the GIN pending list of an existing index off (merging what it holds) or back on."""
    if connection.dialect.name != "postgresql":
        return
    connection.exec_driver_sql(f"ALTER INDEX ix_search_documents_tsv SET "
                               f"(fastupdate = {'on' if fastupdate else 'off'})")
    if not fastupdate:
        connection.exec_driver_sql("SELECT gin_clean_pending_list('ix_search_documents_tsv')")


def uninstall(connection) -> None:
    for statement in DROP.get(connection.dialect.name, []):
        connection.exec_driver_sql(statement)


def hook(table) -> None:
    """create_all() (tests, first runs) builds the same objects as the migration."""
    event.listen(table, "after_create", lambda target, connection, **kw: install(connection))
    event.listen(table, "before_drop", lambda target, connection, **kw: uninstall(connection))
