"""Demo members from administrations across Spain, Portugal and Latin America."""

from sqlalchemy import select

from novanet.accounts import profiles, services
from novanet.accounts.models import User
from novanet.demo import seeder
from novanet.extensions import db

PEOPLE = [
    # username, name, position, organisation, level, country, city, locale, timezone, expertise, bio
    ("lucia.martin", "Lucía Martín Ortega", "Jefa de Servicio de Administración Electrónica",
     "Ayuntamiento de Zaragoza", "local", "ES", "Zaragoza", "es", "Europe/Madrid",
     ["administracion-electronica", "datos-abiertos"],
     "Llevo quince años digitalizando trámites municipales. Me interesa que la sede electrónica "
     "la entienda cualquier vecino."),
    ("jordi.puig", "Jordi Puig i Serra", "Cap de l'Oficina de Dades", "Generalitat de Catalunya",
     "regional", "ES", "Barcelona", "ca", "Europe/Madrid", ["open-data", "interoperabilitat"],
     "Treballo en la publicació de dades obertes i en la interoperabilitat entre departaments."),
    ("ana.sousa", "Ana Sousa", "Técnica Superior de Modernização Administrativa",
     "Agência para a Modernização Administrativa (AMA)", "national", "PT", "Lisboa", "pt",
     "Europe/Lisbon", ["simplex", "servicos-digitais"],
     "Coordeno medidas do programa Simplex e gosto de medir o impacto real na vida das pessoas."),
    ("carlos.hernandez", "Carlos Hernández Ruiz", "Director de Gobierno Digital",
     "Gobierno de la Ciudad de México", "local", "MX", "Ciudad de México", "es",
     "America/Mexico_City", ["gobierno-digital", "participacion-ciudadana"],
     "Impulso la ventanilla única digital de la ciudad y los presupuestos participativos."),
    ("valentina.rojas", "Valentina Rojas", "Asesora de Innovación Pública",
     "Departamento Nacional de Planeación", "national", "CO", "Bogotá", "es", "America/Bogota",
     ["innovacion-publica", "laboratorios"],
     "Acompaño equipos que quieren probar ideas pequeñas antes de escalarlas."),
    ("martin.gomez", "Martín Gómez", "Coordinador de Compras Públicas",
     "Municipalidad de Rosario", "local", "AR", "Rosario", "es",
     "America/Argentina/Buenos_Aires", ["contratacion-publica", "transparencia"],
     "Compras abiertas, pliegos claros y proveedores locales: de eso hablo casi siempre."),
    ("camila.fuentes", "Camila Fuentes", "Jefa de Proyectos de Transformación Digital",
     "Ministerio Secretaría General de la Presidencia", "national", "CL", "Santiago", "es",
     "America/Santiago", ["transformacion-digital", "identidad-digital"],
     "Trabajo en la ley de transformación digital del Estado y en la identidad digital única."),
    ("joao.silva", "João Pedro Silva", "Gerente de Inovação", "Prefeitura de Recife", "local",
     "BR", "Recife", "pt", "America/Sao_Paulo", ["cidades-inteligentes", "dados-abertos"],
     "Cuido do laboratório de inovação da prefeitura e de projetos de cidade inteligente."),
    ("emma.clarke", "Emma Clarke", "Digital Services Adviser", "Inter-American Development Bank",
     "international", "US", "Washington", "en", "America/New_York",
     ["digital-government", "service-design"],
     "I support digital government programmes across Latin America and the Caribbean."),
    ("admin", "Administración NovaNet", "Equipo de la plataforma", "NovaNet", "international",
     "ES", "Madrid", "es", "Europe/Madrid", ["comunidad"],
     "Cuenta del equipo que mantiene la plataforma."),
]


# Public pages members point to from their profiles.
LINKS = {
    "lucia_martin": ["https://www.zaragoza.es/sede/"],
    "jordi_puig": ["https://analisi.transparenciacatalunya.cat/"],
    "ana_sousa": ["https://www.ama.gov.pt/", "https://simplex.gov.pt/"],
    "camila_fuentes": ["https://digital.gob.cl/"],
    "emma_clarke": ["https://www.iadb.org/"],
}


@seeder
def seed_people(context: dict) -> None:
    people = {}
    for (username, name, position, org, level, country, city, locale, tz, tags, bio) in PEOPLE:
        user = db.session.scalar(select(User).where(User.username == username.replace(".", "_")))
        if user is None:
            user = services.register(
                username=username.replace(".", "_"), email=f"{username}@demo.novanet.example",
                password=context["password"], display_name=name, locale=locale,
                is_admin=username == "admin", verified=True, allow_reserved=True)
            profiles.update_profile(user, {
                "position": position, "organisation": org, "level": level, "country": country,
                "city": city, "timezone": tz, "expertise": tags, "bio": bio,
                "links": LINKS.get(user.username, [])})
        people[user.username] = user
    context["people"] = people
