"""Demo wiki: knowledge-base guides and group pages with several revisions each."""

from sqlalchemy import select

from novanet.accounts.models import User
from novanet.demo import seeder
from novanet.extensions import db
from novanet.groups.models import Group, Membership
from novanet.wiki import services
from novanet.wiki.models import WikiPage
from novanet.wiki.wikis import Wiki, slug_for

KB_PAGES = [
    ("lucia_martin", "Guía de datos abiertos", [
        ("""Esta guía resume cómo publicar datos abiertos en una administración local.

## Antes de empezar

- Haz un inventario de los conjuntos de datos que ya existen.
- Revisa la protección de datos personales con tu delegado de protección de datos.

## Formatos

Publica siempre en formatos abiertos: CSV para tablas, GeoJSON para datos geográficos.

## Licencias

Usa CC BY 4.0 salvo que una norma diga otra cosa.

Ver también [[Cómo contratar software libre]] y [[Catálogo DCAT-AP|el perfil DCAT-AP]].
""", "Primera versión"),
        ("""Esta guía resume cómo publicar datos abiertos en una administración local.

## Antes de empezar

- Haz un inventario de los conjuntos de datos que ya existen.
- Revisa la protección de datos personales con tu delegado de protección de datos.
- Elige una persona responsable de cada conjunto de datos.

## Formatos

Publica siempre en formatos abiertos: CSV (UTF-8, separado por comas) para tablas, GeoJSON
para datos geográficos. Evita el PDF para datos tabulares.

## Licencias

Usa CC BY 4.0 salvo que una norma diga otra cosa.

## Actualización

Indica en cada conjunto la frecuencia de actualización y cúmplela.

Ver también [[Cómo contratar software libre]] y [[Catálogo DCAT-AP|el perfil DCAT-AP]].
""", "Responsables, formatos y actualización"),
    ]),
    ("martin_gomez", "Cómo contratar software libre", [
        ("""Contratar software libre no es más difícil que contratar software privativo.

## El objeto del contrato

Contrata servicios (implantación, soporte, evolución), no licencias.

## Criterios de adjudicación

- Experiencia demostrable con el producto.
- Contribuciones al proyecto original.
""", "Borrador inicial"),
        ("""Contratar software libre no es más difícil que contratar software privativo.

## El objeto del contrato

Contrata servicios (implantación, soporte, evolución), no licencias. Exige que el código
desarrollado se publique con licencia libre (EUPL 1.2 recomendada).

## Criterios de adjudicación

- Experiencia demostrable con el producto.
- Contribuciones al proyecto original.
- Plan de transferencia de conocimiento al equipo público.

## Reutiliza antes de contratar

Consulta el Centro de Transferencia de Tecnología y la [[Guía de datos abiertos]].
""", "Licencia EUPL y reutilización"),
    ]),
    ("ana_sousa", "Glossário de modernização", [
        ("""Termos usados nos projetos de modernização administrativa.

**Balcão único**: ponto de contacto onde o cidadão trata vários serviços.

**Simplex**: programa de simplificação administrativa e legislativa.
""", "Primeiros termos"),
        ("""Termos usados nos projetos de modernização administrativa.

**Balcão único**: ponto de contacto onde o cidadão trata vários serviços.

**Interoperabilidade**: capacidade de sistemas diferentes trocarem dados sem intervenção
manual.

**Simplex**: programa de simplificação administrativa e legislativa.

**Só uma vez**: o cidadão não deve entregar à administração dados que ela já tem.
""", "Interoperabilidade e só uma vez"),
    ]),
    ("emma_clarke", "Service design checklist", [
        ("""A short checklist before launching a digital public service.

1. Test with real users, including people who use assistive technology.
2. Publish the service standard you follow.
3. Measure completion rate, cost per transaction and user satisfaction.
""", "First checklist"),
    ]),
]

GROUP_PAGES = [
    ("Procedimiento de alta en la sede electrónica", "lucia_martin", [
        ("Pasos para dar de alta un trámite nuevo en la sede.\n\n1. Ficha del trámite.\n"
         "2. Formulario.\n", "Esqueleto"),
        ("Pasos para dar de alta un trámite nuevo en la sede.\n\n1. Ficha del trámite "
         "(plazos, órgano, normativa).\n2. Formulario accesible.\n3. Pruebas con personas "
         "usuarias.\n", "Detalle de cada paso"),
        ("Pasos para dar de alta un trámite nuevo en la sede.\n\n1. Ficha del trámite "
         "(plazos, órgano, normativa).\n2. Formulario accesible.\n3. Pruebas con personas "
         "usuarias.\n4. Publicación y aviso en el [[Calendario de publicaciones]].\n",
         "Añadida la publicación"),
    ]),
    ("Meeting notes template", "emma_clarke", [
        ("## Attendees\n\n## Decisions\n\n## Next steps\n", "Template"),
        ("## Attendees\n\n## Decisions\n\nOne line per decision, with who owns it.\n\n"
         "## Next steps\n", "Explain the decisions section"),
    ]),
]


def _seed_page(wiki: Wiki, author, editors: list, title: str, versions) -> None:
    if db.session.scalar(select(WikiPage).where(WikiPage.wiki_key == wiki.key,
                                                WikiPage.slug == slug_for(title))):
        return
    (body, summary), *later = versions
    page = services.create_page(wiki, author, title=title, body=body, summary=summary)
    for i, (body, summary) in enumerate(later):
        services.save_page(page, editors[i % len(editors)], title=title, body=body,
                           summary=summary, base_revision=page.version)


@seeder
def seed_wiki(context: dict) -> None:
    people = context.get("people") or {}
    if not people:
        return
    everyone = list(people.values())
    for username, title, versions in KB_PAGES:
        author = people.get(username) or everyone[0]
        editors = [p for p in everyone if p.id != author.id] or [author]
        _seed_page(Wiki(None), author, editors, title, versions)
    groups = list((context.get("groups") or {}).values()) or list(
        db.session.scalars(select(Group).order_by(Group.id).limit(3)))
    for group in groups[:3]:
        members = list(db.session.scalars(select(User).join(
            Membership, Membership.user_id == User.id).where(
            Membership.group_id == group.id, Membership.status == "active")
            .order_by(Membership.id)))
        if not members:
            continue
        for title, _username, versions in GROUP_PAGES:
            _seed_page(Wiki(group), members[0], members[1:] or members, title, versions)
