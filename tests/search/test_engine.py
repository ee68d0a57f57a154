"""The full-text objects the migrations build match what create_all() builds."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from novanet.extensions import db
from novanet.search import engine, index, query
from tests.factories import make_group, make_user


def _fts_sql() -> str:
    return db.session.scalar(text("SELECT sql FROM sqlite_master WHERE name = :n"),
                             {"n": engine.FTS_TABLE})


def test_prefix_migration_rebuilds_the_sqlite_table_with_its_rows(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the prefix indexes are SQLite's; PostgreSQL prefixes use the GIN index")
    with db.engine.begin() as conn:
        db.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    upgrade(revision="network")
    with db.engine.begin() as conn:  # a database made before the longer prefixes
        engine.rebuild_fts(conn, "2 3 4")
    assert "prefix='2 3 4'" in _fts_sql()
    make_group("Abastecimiento de agua", owner=make_user("owner"))
    index.rebuild()
    upgrade()
    assert f"prefix='{engine.PREFIXES}'" in _fts_sql()
    viewer = make_user("viewer")
    found = query.search(viewer, "abaste")  # a five-letter prefix, from the rebuilt table
    assert [h.doc.title for h in found.hits] == ["Abastecimiento de agua"]
    downgrade(revision="network")
    assert "prefix='2 3 4'" in _fts_sql()
    assert [h.doc.title for h in query.search(viewer, "abaste").hits] == [
        "Abastecimiento de agua"]


def _gin_options():
    return db.session.scalar(text("SELECT reloptions FROM pg_class "
                                  "WHERE relname = 'ix_search_documents_tsv'"))


def test_gin_index_keeps_no_pending_list(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("GIN is PostgreSQL's")
    assert "fastupdate=off" in _gin_options()  # as create_all() builds it
    db.session.commit()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    upgrade(revision="network")
    with db.engine.begin() as conn:  # an index made before the change
        engine.tune_gin(conn, fastupdate=True)
    assert "fastupdate=on" in _gin_options()
    db.session.commit()
    upgrade()
    assert "fastupdate=off" in _gin_options()
