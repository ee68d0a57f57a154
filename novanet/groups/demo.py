"""Demo groups around the topics public employees work on, with members, moderators, a pending
request and an invitation, in Spanish, Portuguese and English."""

from sqlalchemy import select

from novanet.demo import seeder
from novanet.extensions import db
from novanet.groups import invitations, membership, services
from novanet.groups.models import Group, Membership

GROUPS = [
    # slug, name, visibility, country, region, tags, owner, moderators, members, description
    ("datos-abiertos", "Datos abiertos", "public", None, "",
     ["datos-abiertos", "open-data", "transparencia"], "jordi_puig", ["lucia_martin"],
     ["ana_sousa", "joao_silva", "emma_clarke", "carlos_hernandez"],
     "Comunidad para quienes publican y reutilizan **datos abiertos** en la administración.\n\n"
     "- Catálogos, licencias y calidad del dato\n- Casos de reutilización que funcionan\n"
     "- Normas técnicas (DCAT-AP, NTI-RISP)"),
    ("contratacion-publica", "Contratación pública", "public", None, "",
     ["contratacion-publica", "transparencia", "compras-abiertas"], "martin_gomez",
     ["camila_fuentes"], ["lucia_martin", "carlos_hernandez", "valentina_rojas"],
     "Pliegos claros, compras abiertas y proveedores locales. Compartimos modelos de pliego, "
     "criterios sociales y medioambientales, y lo que aprendimos de la contratación electrónica."),
    ("participacion-ciudadana", "Participación ciudadana", "public", "MX", "Ciudad de México",
     ["participacion-ciudadana", "presupuestos-participativos"], "carlos_hernandez",
     ["valentina_rojas"], ["martin_gomez", "joao_silva", "jordi_puig"],
     "Presupuestos participativos, consultas públicas y plataformas de participación. "
     "¿Cómo llegamos a quienes nunca participan?"),
    ("rrhh-digital", "RRHH digital", "public", "ES", "",
     ["recursos-humanos", "teletrabajo", "competencias-digitales"], "lucia_martin", [],
     ["ana_sousa", "camila_fuentes"],
     "Gestión de personas en la administración digital: teletrabajo, formación en competencias "
     "digitales, procesos selectivos y relevo generacional."),
    ("cidades-inteligentes", "Ciudades inteligentes · Cidades inteligentes", "public", "BR",
     "Recife", ["cidades-inteligentes", "smart-cities", "iot"], "joao_silva", ["ana_sousa"],
     ["carlos_hernandez", "emma_clarke", "jordi_puig"],
     "Sensores, plataformas urbanas e gêmeos digitais — com os pés no chão: o que realmente "
     "melhora a vida das pessoas na cidade?"),
    ("laboratorio-innovacion", "Laboratorio de innovación pública", "private", "CO", "Bogotá",
     ["innovacion-publica", "laboratorios", "diseno-de-servicios"], "valentina_rojas",
     ["emma_clarke"], ["camila_fuentes", "joao_silva"],
     "Espacio de trabajo de los laboratorios de innovación de la región. Compartimos "
     "experimentos en curso antes de hacerlos públicos; por eso el grupo es privado."),
    ("comite-direccion", "Comité de dirección de NovaNet", "secret", None, "",
     ["gobernanza"], "admin", ["lucia_martin"], ["emma_clarke"],
     "Steering committee: roadmap, moderation policy and partnerships. Members only."),
]


@seeder
def seed_groups(context: dict) -> None:
    people = dict(context["people"])
    # The steering committee belongs to the site administrators' account, whatever its name.
    people.setdefault("admin", next(u for u in people.values() if u.is_admin))
    found = {}
    for (slug, name, visibility, country, region, tags, owner, mods, members,
         description) in GROUPS:
        group = db.session.scalar(select(Group).where(Group.slug == slug))
        if group is None:
            group = services.create_group(people[owner], {
                "name": name, "slug": slug, "visibility": visibility, "country": country,
                "region": region, "tags": tags, "description": description})
            for username in mods + members:
                _add(group, people[username])
            for username in mods:
                membership.set_role(people[owner], group, people[username], "moderator")
        found[slug] = group
    lab = found["laboratorio-innovacion"]
    if membership.row(lab, people["martin_gomez"]) is None:
        membership.join(people["martin_gomez"], lab,
                        "Coordino compras públicas en Rosario y queremos montar un laboratorio "
                        "de compra innovadora. ¿Puedo sumarme?")
    committee = found["comite-direccion"]
    if membership.row(committee, people["valentina_rojas"]) is None:
        invitations.invite(people["admin"], committee, username="valentina_rojas")
    context["groups"] = found


def _owner(group: Group):
    return db.session.scalar(select(Membership).where(
        Membership.group_id == group.id, Membership.role == "owner")).user


def _add(group: Group, user) -> None:
    """Seed membership through the real flows: join, request + approval, or invitation."""
    if group.visibility == "public":
        membership.join(user, group)
    elif group.visibility == "private":
        membership.join(user, group)
        membership.decide_request(_owner(group), group, user, True)
    else:
        invitations.invite(_owner(group), group, username=user.username)
        invitations.accept_for(user, group)
