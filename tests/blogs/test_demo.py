"""The demo seeder writes posts in three languages, in groups when there are some, once."""

from sqlalchemy import func, select

from novanet.blogs.demo import seed_blogs
from novanet.blogs.models import BlogPost, Comment
from novanet.extensions import db
from tests.factories import add_member, make_group, make_user

NAMES = ["lucia_martin", "jordi_puig", "ana_sousa", "carlos_hernandez", "valentina_rojas",
         "martin_gomez", "camila_fuentes", "joao_silva", "emma_clarke"]


def test_seeder_is_idempotent_and_uses_groups(app):
    people = {name: make_user(name) for name in NAMES}
    group = make_group("Innovación", slug="innovacion", visibility="public")
    for name in ("valentina_rojas", "joao_silva"):
        add_member(group, people[name])
    context = {"people": people, "groups": {"innovacion": group}}
    with app.test_request_context():
        seed_blogs(context)
        counts = (db.session.scalar(select(func.count()).select_from(BlogPost)),
                  db.session.scalar(select(func.count()).select_from(Comment)))
        seed_blogs(context)
    assert counts[0] >= 6 and counts[1] >= 5
    assert (db.session.scalar(select(func.count()).select_from(BlogPost)),
            db.session.scalar(select(func.count()).select_from(Comment))) == counts
    assert db.session.scalar(select(func.count()).select_from(BlogPost).where(
        BlogPost.group_id == group.id)) == 2
    titles = set(db.session.scalars(select(BlogPost.title)))
    assert any("Simplex" in t for t in titles) and any("Five questions" in t for t in titles)


def test_seeder_without_groups(app):
    people = {name: make_user(name) for name in NAMES}
    seed_blogs({"people": people})  # as `flask seed-demo` runs it: no request
    assert db.session.scalar(select(func.count()).select_from(BlogPost)) == 5
