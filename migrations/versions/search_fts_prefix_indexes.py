"""search: longer SQLite prefix indexes, no GIN pending list on PostgreSQL

Revision ID: search_prefixes
Revises: network
Create Date: 2026-11-23 17:30:00.000000

"""
from alembic import op

from novanet.search import engine


# revision identifiers, used by Alembic.
revision = 'search_prefixes'
down_revision = 'network'
branch_labels = None
depends_on = None


def upgrade():
    engine.rebuild_fts(op.get_bind(), engine.PREFIXES)
    engine.tune_gin(op.get_bind(), fastupdate=False)


def downgrade():
    engine.rebuild_fts(op.get_bind(), "2 3 4")
    engine.tune_gin(op.get_bind(), fastupdate=True)
