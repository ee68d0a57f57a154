"""Demo debates in the demo groups, in Spanish, Portuguese and English (idempotent)."""
from novanet.demo import seeder


@seeder
def seed_debates(context: dict) -> None:
    return None
