"""Demo knowledge bank: practices from Spanish, Portuguese and Latin American administrations,
with indicators, adoptions and comments, and modernization projects reported for 2025–2026."""

from flask import current_app
from sqlalchemy import select

from novanet.demo import seeder
from novanet.extensions import db
from novanet.knowledge import projects, services
from novanet.knowledge.models import KnowledgeModerator, Practice, Project

PRACTICES = [
    {
        "author": "lucia_martin", "status": "published",
        "title": "Carpeta Ciudadana: todos tus expedientes en un solo sitio",
        "administration": "Secretaría General de Administración Digital", "level": "national",
        "country": "ES", "category": "ict.egovernment",
        "tags": ["carpeta-ciudadana", "administracion-electronica", "interoperabilidad"],
        "department": "División de Servicios Digitales",
        "responsible_person": "Equipo de Carpeta Ciudadana",
        "objectives": "Que cualquier persona consulte en un único punto el estado de sus "
                      "expedientes, sus datos en poder de la Administración y sus "
                      "notificaciones, sin saber qué organismo los gestiona.",
        "target_group": "Ciudadanía y personas representantes",
        "description": "La **Carpeta Ciudadana** reúne expedientes, notificaciones, citas y "
                       "datos personales de la Administración General del Estado y de las "
                       "entidades adheridas.\n\nSe apoya en la Plataforma de Intermediación de "
                       "Datos y en Cl@ve para la identificación. La versión móvil (app "
                       "Mi Carpeta Ciudadana) permite avisos push.",
        "resources": "Equipo mixto de desarrollo y atención; integración progresiva de "
                     "organismos emisores.",
        "budget": 2400000, "currency": "EUR",
        "funding_source": "Plan de Recuperación, Transformación y Resiliencia",
        "start_date": "2019-05-01",
        "links": ["https://carpetaciudadana.gob.es"],
        "indicators": [
            {"name": "Accesos anuales", "value": 18500000, "unit": "accesos",
             "measured_on": "2025-12-31"},
            {"name": "Organismos integrados", "value": 42, "unit": "organismos",
             "measured_on": "2025-12-31"},
        ],
    },
    {
        "author": "ana_sousa", "status": "published",
        "title": "Programa Simplex: medidas de simplificação com prazos públicos",
        "administration": "Agência para a Modernização Administrativa (AMA)",
        "level": "national", "country": "PT", "category": "ict.egovernment",
        "tags": ["simplex", "simplificacao", "servicos-digitais"],
        "department": "Equipa Simplex", "responsible_person": "Ana Sousa",
        "objectives": "Reduzir a carga administrativa sobre cidadãos e empresas com medidas "
                      "concretas, cada uma com responsável e prazo publicados.",
        "target_group": "Cidadãos, empresas e trabalhadores da Administração Pública",
        "description": "Cada edição do **Simplex** recolhe propostas de serviços públicos e "
                       "cidadãos, publica a lista de medidas e acompanha a execução num painel "
                       "aberto.\n\nExemplos: Chave Móvel Digital, Empresa na Hora, "
                       "renovação automática do Cartão de Cidadão.",
        "resources": "Equipa de coordenação na AMA e pontos focais em cada ministério.",
        "budget": 5000000, "currency": "EUR", "funding_source": "Orçamento do Estado e PRR",
        "start_date": "2006-03-01",
        "links": ["https://www.simplex.gov.pt"],
        "indicators": [
            {"name": "Medidas concluídas (edição 2023)", "value": 87, "unit": "%",
             "measured_on": "2024-12-31"},
        ],
    },
    {
        "author": "carlos_hernandez", "status": "published",
        "title": "Ventanilla Única Digital para trámites de construcción",
        "administration": "Gobierno de la Ciudad de México", "level": "regional",
        "country": "MX", "category": "ict.egovernment",
        "tags": ["ventanilla-unica", "simplificacion", "licencias"],
        "department": "Agencia Digital de Innovación Pública",
        "responsible_person": "Carlos Hernández Ruiz",
        "objectives": "Resolver en línea y en un solo lugar las licencias de construcción, "
                      "con plazos medibles y sin gestores intermediarios.",
        "target_group": "Personas y empresas que construyen en la ciudad",
        "description": "Una **ventanilla única** sustituyó las visitas a cinco dependencias. "
                       "Los requisitos se consultan antes de empezar y el expediente avanza "
                       "con notificaciones en cada paso.",
        "resources": "Equipo de producto de 9 personas; rediseño normativo con la Consejería "
                     "Jurídica.",
        "budget": 18000000, "currency": "MXN", "funding_source": "Presupuesto local",
        "start_date": "2021-02-01",
        "links": ["https://www.cdmx.gob.mx"],
        "indicators": [
            {"name": "Tiempo medio de resolución", "value": 21, "unit": "días",
             "measured_on": "2025-09-30"},
            {"name": "Trámites iniciados en línea", "value": 96, "unit": "%",
             "measured_on": "2025-09-30"},
        ],
    },
    {
        "author": "joao_silva", "status": "published",
        "title": "Orçamento Participativo digital de Recife",
        "administration": "Prefeitura do Recife", "level": "local", "country": "BR",
        "category": "ict.democracy",
        "tags": ["presupuestos-participativos", "participacao-cidada"],
        "department": "Secretaria de Inovação Urbana", "responsible_person": "João Pedro Silva",
        "objectives": "Que os moradores proponham e votem obras do bairro, em linha e em "
                      "assembleias presenciais.",
        "target_group": "Moradores com mais de 16 anos",
        "description": "Inspirado no orçamento participativo de Porto Alegre, o ciclo anual "
                       "combina propostas em linha, triagem técnica e votação com "
                       "identificação.",
        "resources": "Plataforma de código aberto e equipas de mobilização nos bairros.",
        "budget": 30000000, "currency": "BRL", "funding_source": "Orçamento municipal",
        "start_date": "2022-03-01",
        "indicators": [
            {"name": "Votos registados", "value": 112000, "unit": "votos",
             "measured_on": "2025-06-30"},
            {"name": "Obras executadas", "value": 64, "unit": "obras",
             "measured_on": "2025-12-31"},
        ],
    },
    {
        "author": "martin_gomez", "status": "published",
        "title": "Presupuesto participativo con voto electrónico en Rosario",
        "administration": "Municipalidad de Rosario", "level": "local", "country": "AR",
        "category": "ict.democracy",
        "tags": ["presupuestos-participativos", "voto-electronico"],
        "department": "Secretaría de Modernización", "responsible_person": "Martín Gómez",
        "objectives": "Ampliar la participación juvenil en el presupuesto participativo con "
                      "voto en línea verificado.",
        "target_group": "Vecinas y vecinos desde los 16 años",
        "description": "Los consejos barriales priorizan proyectos y la votación final se hace "
                       "en línea o en puntos de votación asistida.",
        "resources": "Equipo de participación ciudadana y soporte de sistemas municipal.",
        "budget": 950000000, "currency": "ARS", "funding_source": "Presupuesto municipal",
        "start_date": "2020-08-01",
        "indicators": [
            {"name": "Participantes menores de 30 años", "value": 38, "unit": "%",
             "measured_on": "2024-11-30"},
        ],
    },
    {
        "author": "lucia_martin", "status": "published",
        "title": "Compra pública innovadora para la teleasistencia avanzada",
        "administration": "Servizo Galego de Saúde", "level": "regional", "country": "ES",
        "category": "innovation.rd",
        "tags": ["compra-publica-innovadora", "salud", "contratacion-publica"],
        "department": "Subdirección de Innovación", "responsible_person": "Oficina de CPI",
        "objectives": "Comprar soluciones que todavía no existen en el mercado describiendo "
                      "el problema, no el producto.",
        "target_group": "Pacientes crónicos y profesionales de atención primaria",
        "description": "Consulta preliminar al mercado, mapa de demanda temprana y "
                       "**compra pública precomercial** en tres fases con prototipos "
                       "evaluados por profesionales sanitarios.",
        "resources": "Oficina de compra pública innovadora con apoyo jurídico.",
        "budget": 4200000, "currency": "EUR", "funding_source": "FEDER",
        "start_date": "2018-01-15", "end_date": "2023-12-31",
        "indicators": [
            {"name": "Empresas participantes en la consulta", "value": 73, "unit": "empresas",
             "measured_on": "2019-03-01"},
        ],
    },
    {
        "author": "jordi_puig", "status": "published",
        "title": "Formació contínua en competències digitals per al personal públic",
        "administration": "Generalitat de Catalunya", "level": "regional", "country": "ES",
        "category": "knowledge.continuing_training",
        "tags": ["competencies-digitals", "formacio"],
        "department": "Escola d'Administració Pública de Catalunya",
        "responsible_person": "Jordi Puig i Serra",
        "objectives": "Que tot el personal tingui un nivell bàsic certificat de competències "
                      "digitals en tres anys.",
        "target_group": "Personal de la Generalitat",
        "description": "Itineraris curts en línia, autodiagnòstic inicial i certificació "
                       "ACTIC.",
        "budget": 650000, "currency": "EUR", "funding_source": "Fons propis",
        "start_date": "2023-01-09",
        "indicators": [
            {"name": "Persones certificades", "value": 14800, "unit": "persones",
             "measured_on": "2025-10-31"},
        ],
    },
    {
        "author": "camila_fuentes", "status": "submitted",
        "title": "ClaveÚnica: identidad digital única del Estado",
        "administration": "Ministerio Secretaría General de la Presidencia", "level": "national",
        "country": "CL", "category": "ict.security",
        "tags": ["identidad-digital", "autenticacion"],
        "department": "División de Gobierno Digital", "responsible_person": "Camila Fuentes",
        "objectives": "Una sola credencial para todos los trámites del Estado.",
        "target_group": "Personas con RUN",
        "description": "Credencial única con segundo factor opcional, integrada en más de "
                       "mil trámites.",
        "start_date": "2016-01-01",
        "indicators": [{"name": "Trámites integrados", "value": 1400, "unit": "trámites",
                        "measured_on": "2025-08-31"}],
    },
    {
        "author": "valentina_rojas", "status": "draft",
        "title": "Laboratorio de innovación pública: pilotos en 90 días",
        "administration": "Departamento Nacional de Planeación", "level": "national",
        "country": "CO", "category": "innovation.creativity",
        "tags": ["laboratorios", "innovacion-publica"],
        "objectives": "Probar ideas pequeñas antes de escalarlas.",
        "description": "Borrador en preparación.",
        "start_date": "2024-02-01",
    },
]

ADOPTIONS = [
    ("Carpeta Ciudadana", "jordi_puig", {
        "administration": "Generalitat de Catalunya", "level": "regional", "country": "ES",
        "adopted_on": "2023-04-01",
        "result": "La Carpeta Ciutadana catalana reutiliza el mismo modelo de datos; en un año "
                  "pasó de 0 a 600.000 accesos mensuales."}),
    ("Programa Simplex", "joao_silva", {
        "administration": "Prefeitura do Recife", "level": "local", "country": "BR",
        "adopted_on": "2024-02-15",
        "result": "O Simplifica Recife publicou 40 medidas com prazos; 31 concluídas."}),
    ("Orçamento Participativo digital", "martin_gomez", {
        "administration": "Municipalidad de Rosario", "level": "local", "country": "AR",
        "adopted_on": "2023-06-01",
        "result": "Copiamos la triagem técnica antes de la votación: menos proyectos "
                  "inviables en la boleta."}),
    ("Ventanilla Única Digital", "camila_fuentes", {
        "administration": "Municipalidad de Santiago", "level": "local", "country": "CL",
        "adopted_on": "2025-01-20",
        "result": "Permisos de edificación en línea: de 60 a 28 días de media."}),
]

COMMENTS = [
    ("Carpeta Ciudadana", "carlos_hernandez",
     "¿Cómo resolvisteis la adhesión de organismos pequeños sin equipo técnico?"),
    ("Compra pública innovadora", "martin_gomez",
     "Muy útil el mapa de demanda temprana. ¿Podéis compartir el modelo de pliego?"),
]

PROJECTS = [
    {"owner": "ana_sousa", "title": "Chave Móvel Digital 2.0",
     "administration": "Agência para a Modernização Administrativa (AMA)", "country": "PT",
     "strategy_line": "Identidade digital", "agency": "AMA – Direção de Serviços Digitais",
     "liaison_officer": "Ana Sousa", "status": "in_progress", "start_date": "2025-01-01",
     "end_date": "2026-12-31",
     "description": "Nova geração da autenticação móvel com carteira digital de documentos.",
     "milestones": [{"title": "Carteira digital em piloto", "due_on": "2025-06-30", "done": True},
                    {"title": "Integração com 200 serviços", "due_on": "2026-06-30",
                     "done": False}],
     "indicators": [("Utilizadores ativos", "milhões", 6.0,
                     [4.1, 4.4, 4.7, 4.9, 5.2, 5.4, 5.7])]},
    {"owner": "lucia_martin", "title": "Carpeta ciudadana municipal",
     "administration": "Ayuntamiento de Zaragoza", "country": "ES",
     "strategy_line": "Servicios digitales", "agency": "Servicio de Administración Electrónica",
     "liaison_officer": "Lucía Martín Ortega", "status": "in_progress",
     "start_date": "2025-01-15", "end_date": "2026-12-31",
     "description": "Carpeta ciudadana con todos los expedientes municipales del vecino.",
     "milestones": [{"title": "Piloto con padrón y tributos", "due_on": "2025-06-30",
                     "done": True}],
     "indicators": [("Trámites iniciados en línea", "%", 80.0, [41, 45, 52, 58, 61, 66, 70])]},
    {"owner": "lucia_martin", "title": "Sede electrónica accesible",
     "administration": "Ayuntamiento de Zaragoza", "country": "ES",
     "strategy_line": "Accesibilidad", "agency": "Oficina de Accesibilidad Digital",
     "liaison_officer": "Lucía Martín Ortega", "status": "completed",
     "start_date": "2025-01-01", "end_date": "2025-12-31",
     "description": "Auditoría WCAG 2.1 AA y corrección de los cien trámites más usados.",
     "lessons_learned": "Probar con personas usuarias de lector de pantalla desde el primer "
                        "mes ahorró rehacer formularios enteros.",
     "success_stories": "El trámite de empadronamiento pasó de 40 % a 92 % de finalización "
                        "con teclado.",
     "indicators": [("Trámites conformes WCAG 2.1 AA", "trámites", 100.0, [20, 45, 78, 100])]},
    {"owner": "carlos_hernandez", "title": "Carpeta ciudadana digital CDMX",
     "administration": "Gobierno de la Ciudad de México", "country": "MX",
     "strategy_line": "Servicios digitales", "agency": "Agencia Digital de Innovación Pública",
     "liaison_officer": "Carlos Hernández Ruiz", "status": "in_progress",
     "start_date": "2025-04-01", "end_date": "2026-09-30",
     "description": "Expedientes, citas y pagos de la ciudad en una carpeta ciudadana.",
     "indicators": [("Usuarios registrados", "miles", 1500.0, [220, 410, 640, 820, 990, 1130])]},
    {"owner": "camila_fuentes", "title": "Cero Papel en la Administración Central",
     "administration": "Ministerio Secretaría General de la Presidencia", "country": "CL",
     "strategy_line": "Transformación digital", "agency": "División de Gobierno Digital",
     "liaison_officer": "Camila Fuentes", "status": "in_progress",
     "start_date": "2025-01-01", "end_date": "2026-12-31",
     "description": "Procedimientos administrativos electrónicos según la Ley 21.180.",
     "indicators": [("Procedimientos digitalizados", "%", 90.0, [55, 59, 64, 70, 73, 77, 81])]},
    {"owner": "martin_gomez", "title": "Compras abiertas Rosario",
     "administration": "Municipalidad de Rosario", "country": "AR",
     "strategy_line": "Contratación pública", "agency": "Dirección de Compras",
     "liaison_officer": "Martín Gómez", "status": "planned", "start_date": "2026-03-01",
     "description": "Publicación en datos abiertos de todo el ciclo de compras (OCDS)."},
]

QUARTERS = [(2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2), (2026, 3)]


@seeder
def seed_knowledge(context: dict) -> None:
    people = context.get("people", {})
    base = current_app.config.get("BASE_URL", "http://localhost")
    with current_app.test_request_context("/", base_url=base):
        _seed(people)


def _seed(people: dict) -> None:
    admin = people.get("admin")
    moderator = people.get("jordi_puig")
    if moderator is not None and db.session.get(KnowledgeModerator, moderator.id) is None:
        db.session.add(KnowledgeModerator(user_id=moderator.id))
        db.session.commit()
    reviewer = moderator or admin
    for spec in PRACTICES:
        spec = dict(spec)
        author = people.get(spec.pop("author"))
        status = spec.pop("status")
        if author is None or db.session.scalar(select(Practice.id).where(
                Practice.title == spec["title"])):
            continue
        practice = services.create_practice(author, spec, submit=status != "draft")
        if status == "published" and reviewer is not None:
            services.review_practice(reviewer, practice, "publish")
    for prefix, username, data in ADOPTIONS:
        practice = db.session.scalar(select(Practice).where(Practice.title.startswith(prefix)))
        person = people.get(username)
        if practice is None or person is None or not practice.is_published:
            continue
        if any(a.user_id == person.id for a in services.list_adoptions(practice)):
            continue
        services.add_adoption(person, practice, data)
    for prefix, username, body in COMMENTS:
        practice = db.session.scalar(select(Practice).where(Practice.title.startswith(prefix)))
        person = people.get(username)
        if practice is None or person is None or practice.comment_count:
            continue
        services.add_comment(person, practice, body)
    for spec in PROJECTS:
        spec = dict(spec)
        owner = people.get(spec.pop("owner"))
        indicators = spec.pop("indicators", [])
        if owner is None or db.session.scalar(select(Project.id).where(
                Project.title == spec["title"])):
            continue
        project = projects.create_project(owner, spec)
        for name, unit, target, values in indicators:
            indicator = projects.add_indicator(owner, project, {"name": name, "unit": unit,
                                                                "target": target})
            for (year, quarter), value in zip(QUARTERS, values, strict=False):
                projects.report_value(owner, indicator, {"year": year, "quarter": quarter,
                                                         "value": value})
