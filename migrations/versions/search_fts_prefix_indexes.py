"""search: SQLite prefix indexes for five- and six-character prefixes

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
    # PostgreSQL matches prefixes through its GIN index: nothing to change there.
    engine.rebuild_fts(op.get_bind(), engine.PREFIXES)


def downgrade():
    engine.rebuild_fts(op.get_bind(), "2 3 4")
