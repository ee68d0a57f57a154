"""Demo wiki: knowledge-base guides and group pages with several revisions each."""

from sqlalchemy import select

from novanet.demo import seeder
from novanet.extensions import db
from novanet.groups.models import Group
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


def _seed_page(wiki: Wiki, people: dict, username: str, title: str, versions) -> None:
    author = people.get(username) or next(iter(people.values()))
    if db.session.scalar(select(WikiPage).where(WikiPage.wiki_key == wiki.key,
                                                WikiPage.slug == slug_for(title))):
        return
    (body, summary), *later = versions
    page = services.create_page(wiki, author, title=title, body=body, summary=summary)
    editors = [p for p in people.values() if p.id != author.id] or [author]
    for i, (body, summary) in enumerate(later):
        editor = editors[i % len(editors)] if wiki.group is None else author
        services.save_page(page, editor, title=title, body=body, summary=summary,
                           base_revision=page.version)


@seeder
def seed_wiki(context: dict) -> None:
    people = context.get("people") or {}
    if not people:
        return
    for username, title, versions in KB_PAGES:
        _seed_page(Wiki(None), people, username, title, versions)
    groups = list((context.get("groups") or {}).values()) or list(
        db.session.scalars(select(Group).where(Group.visibility == "public")
                           .order_by(Group.id).limit(2)))
    for group in groups[:2]:
        owner = next((p for p in people.values() if p.id == group.created_by_id), None)
        for title, username, versions in GROUP_PAGES:
            who = owner.username if owner else username
            _seed_page(Wiki(group), people, who, title, versions)
