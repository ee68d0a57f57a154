"""Demo blog posts in Spanish, Portuguese and English, with comments (idempotent)."""

from datetime import timedelta

from sqlalchemy import select

from novanet.blogs import comments, services
from novanet.blogs.models import BlogPost
from novanet.core.db import utcnow
from novanet.demo import seeder
from novanet.extensions import db
from novanet.groups import policy as group_policy

PERSONAL = [
    ("lucia_martin", "Cita previa sin colas: lo que aprendimos en Zaragoza",
     ["administracion-electronica", "atencion-ciudadana"],
     "Durante años la cita previa fue sinónimo de frustración. En 2025 rediseñamos el servicio "
     "con vecinos de tres distritos.\n\n## Qué cambiamos\n\n- Un único formulario, con lenguaje "
     "claro y sin campos que ya teníamos.\n- Recordatorios por SMS que permiten anular con un "
     "clic.\n- Huecos liberados al momento para quien está en lista de espera.\n\n## Resultados\n\n"
     "Las ausencias bajaron un **38 %** y la espera media pasó de 11 a 4 días. El código del "
     "formulario está publicado para quien quiera reutilizarlo.",
     [("carlos_hernandez", "En Ciudad de México probamos algo parecido con la ventanilla única. "
                           "¿Cómo medisteis las ausencias?"),
      ("lucia_martin", "Cruzando la agenda con el registro de entrada en la oficina. Os paso la "
                       "consulta si os sirve.")]),
    ("ana_sousa", "Simplex: medir o impacto das medidas na vida das pessoas",
     ["simplex", "servicos-digitais"],
     "Cada medida do Simplex tem agora um indicador de impacto definido antes de começar.\n\n"
     "Em vez de contar formulários digitalizados, medimos **tempo poupado** pelos cidadãos e "
     "pelas empresas. Três lições:\n\n1. Definir a linha de base cedo.\n2. Publicar os dados, "
     "mesmo quando não são bons.\n3. Falar com quem usa o serviço, não só com quem o gere.",
     [("joao_silva", "Muito útil, Ana. Em Recife estamos a tentar fazer o mesmo com os "
                     "serviços municipais."),
      ("emma_clarke", "Great approach. Would you share the indicator template?")]),
    ("emma_clarke", "Five questions to ask before buying a digital service",
     ["digital-government", "service-design"],
     "After reviewing dozens of procurement files across the region, the same gaps keep "
     "appearing.\n\n1. Who are the users, and have we met them?\n2. What does success look like "
     "in six months?\n3. Can we leave the vendor without losing our data?\n4. Is the code or "
     "configuration ours?\n5. Who will run it after launch?\n\nNone of these require a big "
     "budget, only the habit of asking them early.",
     [("martin_gomez", "La tercera pregunta nos habría ahorrado un año en Rosario. Gracias.")]),
    ("martin_gomez", "Pliegos claros: una plantilla que cualquiera puede entender",
     ["contratacion-publica", "transparencia"],
     "Reescribimos la plantilla de pliegos de la municipalidad con proveedores locales en la "
     "mesa.\n\nEl resultado tiene la mitad de páginas y un glosario al final. Las ofertas "
     "presentadas **aumentaron un 25 %** en el primer semestre.",
     []),
]

IN_GROUPS = [
    ("valentina_rojas", "Laboratorios de innovación: empezar pequeño",
     ["innovacion-publica", "laboratorios"],
     "Un laboratorio no necesita un edificio. Necesita un problema concreto, un equipo "
     "dispuesto y permiso para equivocarse.\n\nEn el DNP empezamos con un piloto de seis "
     "semanas sobre la renovación de documentos.",
     [("camila_fuentes", "En Chile hicimos algo similar con identidad digital. ¿Cómo "
                         "conseguisteis el permiso para equivocaros?")]),
    ("joao_silva", "Dados abertos de mobilidade em Recife",
     ["dados-abertos", "cidades-inteligentes"],
     "Publicámos os dados dos autocarros em tempo real no portal de dados abertos.\n\nEm três "
     "meses apareceram quatro aplicações feitas por cidadãos.",
     [("jordi_puig", "Molt bona feina! A Catalunya hem tingut una experiència semblant.")]),
]


def _existing(author, title) -> BlogPost | None:
    return db.session.scalar(select(BlogPost).where(BlogPost.author_id == author.id,
                                                    BlogPost.title == title))


def _group_for(author, groups: dict):
    ordered = sorted(groups.values(), key=lambda g: (g.visibility != "public", g.slug))
    return next((g for g in ordered if group_policy.is_member(author, g)), None)


def _write(people, username, title, tags, body, replies, group=None) -> None:
    author = people.get(username)
    if author is None or _existing(author, title) is not None:
        return
    post = services.create_post(author, title=title, body=body, tags=tags, status="published",
                                group=group)
    first = None
    for who, text in replies:
        commenter = people.get(who)
        if commenter is not None:
            made = comments.add_comment(commenter, post, text,
                                        parent_id=first.id if first else None)
            first = first or made


@seeder
def seed_blogs(context: dict) -> None:
    people = context.get("people", {})
    for username, title, tags, body, replies in PERSONAL:
        _write(people, username, title, tags, body, replies)
    groups = context.get("groups") or {}
    for username, title, tags, body, replies in IN_GROUPS:
        author = people.get(username)
        group = _group_for(author, groups) if author is not None else None
        if group is not None:
            _write(people, username, title, tags, body, replies, group=group)
    author = people.get("lucia_martin")
    title = "Borrador: firma electrónica en móviles"
    if author is not None and _existing(author, title) is None:
        services.create_post(author, title=title, status="scheduled",
                             publish_at=utcnow() + timedelta(days=3),
                             body="Notas para el próximo post sobre firma en el móvil.",
                             tags=["administracion-electronica"])
