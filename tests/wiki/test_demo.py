"""The demo seeder writes realistic pages with several revisions, once."""

from sqlalchemy import func, select

from novanet.extensions import db
from novanet.wiki.demo import seed_wiki
from novanet.wiki.models import WikiPage, WikiRevision
from tests.factories import add_member, make_group, make_user


def test_seeder_is_idempotent_and_fills_kb_and_group_wikis(app, in_request):
    people = {name: make_user(name) for name in ("lucia_martin", "martin_gomez", "ana_sousa",
                                                 "emma_clarke", "jordi_puig")}
    group = make_group("Datos abiertos", owner=people["lucia_martin"], slug="datos")
    add_member(group, people["jordi_puig"])
    context = {"people": people, "groups": {"datos": group}}
    seed_wiki(context)
    seed_wiki(context)
    titles = set(db.session.scalars(select(WikiPage.title)))
    assert {"Guía de datos abiertos", "Cómo contratar software libre",
            "Glossário de modernização"} <= titles
    group_pages = list(db.session.scalars(select(WikiPage).where(WikiPage.group_id == group.id)))
    assert group_pages and max(p.version for p in group_pages) >= 3
    kb = db.session.scalar(select(WikiPage).where(WikiPage.slug == "guia-de-datos-abiertos"))
    assert kb.version == 2
    assert db.session.scalar(select(func.count()).select_from(WikiRevision)
                             .where(WikiRevision.page_id == kb.id)) == 2
    assert 'href="/wiki/pages/como-contratar-software-libre"' in kb.body_html
