"""Demo debates in the demo groups, in Spanish, Portuguese and English (idempotent).

Authors are picked among each group's active members, so nothing here changes memberships.
Without the groups seeder's context["groups"] nothing is created.
"""

from sqlalchemy import select

from novanet.accounts.models import User
from novanet.debates import services
from novanet.debates.models import Debate
from novanet.demo import seeder
from novanet.extensions import db
from novanet.groups.models import Membership

DEBATES = [
    {
        "title": "¿Cómo medimos si la sede electrónica se entiende?",
        "tags": ["administracion-electronica", "usabilidad"],
        "body": "En Zaragoza hemos rediseñado tres trámites y queremos saber si **de verdad** "
                "son más fáciles. ¿Qué indicadores usáis? ¿Tasa de abandono, llamadas al 010, "
                "pruebas con vecinos?",
        "replies": [
            "Nosotros medimos el abandono por paso del formulario. El paso de adjuntar "
            "documentos concentraba el 40 % de los abandonos.",
            "Las pruebas con cinco vecinos por trámite nos dieron más que un año de "
            "analítica. Son baratas y se pueden repetir cada trimestre.",
            "Ojo con las llamadas al teléfono de atención: bajan también cuando la gente "
            "se rinde. Conviene cruzarlas con las solicitudes completadas.",
            "Resumen provisional: abandono por paso, tiempo hasta completar y una prueba "
            "con usuarios reales por trimestre. ¿Alguien publica estos datos en abierto?",
        ],
    },
    {
        "title": "Simplex: que medidas tiveram mais impacto nas autarquias?",
        "tags": ["simplex", "servicos-digitais"],
        "body": "Estamos a preparar o balanço do programa e gostaríamos de ouvir quem "
                "aplicou as medidas no terreno. O que funcionou melhor na vossa câmara?",
        "replies": [
            "Em Recife copiámos a ideia do balcão único e o tempo médio de licenciamento "
            "caiu para metade.",
            "A medida com mais impacto foi deixar de pedir documentos que a própria "
            "administração já tem. Parece óbvio, mas exigiu acordos entre serviços.",
            "Concordo. A interoperabilidade é o que dá sustentabilidade ao resto.",
        ],
    },
    {
        "title": "Open contracting data: what do suppliers actually use?",
        "tags": ["open-data", "procurement"],
        "body": "We publish every tender in OCDS, but download figures are low. Before "
                "investing more, we want to know which formats and alerts suppliers rely on.",
        "replies": [
            "In Rosario, e-mail alerts by category did more for small local suppliers than "
            "the full dataset. Most of them never open a CSV.",
            "Our experience is similar: the API is used by journalists and researchers, the "
            "alerts by companies. Both audiences matter.",
            "We could write a short guide with the three channels and who uses each. "
            "I can draft it if someone shares figures.",
        ],
    },
]


def _members(group) -> list[User]:
    return list(db.session.scalars(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.group_id == group.id, Membership.status == "active",
               User.suspended_at.is_(None)).order_by(Membership.id)))


@seeder
def seed_debates(context: dict) -> None:
    groups = context.get("groups")
    if not groups:
        return
    chosen = [g for _, g in sorted(groups.items()) if g.visibility != "secret"] or \
        [g for _, g in sorted(groups.items())]
    made = context.setdefault("debates", {})
    for index, spec in enumerate(DEBATES):
        group = chosen[index % len(chosen)]
        people = _members(group)
        if not people:
            continue
        debate = db.session.scalar(select(Debate).where(Debate.group_id == group.id,
                                                        Debate.title == spec["title"]))
        if debate is None:
            debate = services.create_debate(people[0], group, title=spec["title"],
                                            body=spec["body"], tags=spec["tags"])
            previous = None
            for n, text in enumerate(spec["replies"]):
                author = people[(n + 1) % len(people)]
                previous = services.reply(author, debate, body=text,
                                          reply_to_id=previous.id if previous and n == 2 else None)
        made[debate.id] = debate
