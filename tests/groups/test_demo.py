"""The demo seeder builds realistic groups through the real services, and only once."""

from sqlalchemy import func, select

from novanet.extensions import db
from novanet.groups.demo import GROUPS, seed_groups
from novanet.groups.models import Group, Invitation, Membership
from tests.factories import make_user

PEOPLE = ("lucia_martin", "jordi_puig", "ana_sousa", "carlos_hernandez", "valentina_rojas",
          "martin_gomez", "camila_fuentes", "joao_silva", "emma_clarke")


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_seeder_is_idempotent_and_fills_the_context(app):
    people = {name: make_user(name) for name in PEOPLE}
    people["site_admin"] = make_user("site_admin", is_admin=True)
    context = {"people": people}
    seed_groups(context)
    counts = (_count(Group), _count(Membership), _count(Invitation))
    seed_groups({"people": people})
    assert (_count(Group), _count(Membership), _count(Invitation)) == counts
    groups = context["groups"]
    assert set(groups) == {row[0] for row in GROUPS}
    assert groups["laboratorio-innovacion"].visibility == "private"
    assert groups["comite-direccion"].visibility == "secret"
    active = db.session.scalar(select(func.count()).where(
        Membership.group_id == groups["datos-abiertos"].id, Membership.status == "active"))
    assert groups["datos-abiertos"].member_count == active == 6
    pending = db.session.scalars(select(Membership.status).where(
        Membership.group_id == groups["laboratorio-innovacion"].id,
        Membership.user_id == people["martin_gomez"].id)).one()
    assert pending == "pending"
