from sqlalchemy import func, select

from novanet.debates.demo import seed_debates
from novanet.debates.models import Debate, Post
from novanet.extensions import db
from tests.factories import add_member, make_group, make_user


def test_seeder_without_groups_creates_nothing(app, request_ctx):
    seed_debates({"people": {}})
    assert db.session.scalar(select(func.count()).select_from(Debate)) == 0


def test_seeder_is_idempotent(app, request_ctx):
    a, b = make_user(), make_user()
    group = make_group(owner=a, slug="demo-group")
    add_member(group, b)
    seed_debates({"groups": {"demo-group": group}})
    seed_debates({"groups": {"demo-group": group}})
    assert db.session.scalar(select(func.count()).select_from(Debate)) == 3
    assert db.session.scalar(select(func.count()).select_from(Post)) == 10
