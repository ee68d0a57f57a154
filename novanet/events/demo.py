"""Demo events: the annual congress with its agenda, a government lab, webinars and a meetup."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from novanet.demo import seeder
from novanet.events import rsvp, services
from novanet.events.models import Event
from novanet.extensions import db


def _at(days: int, hour: int, zone: str) -> datetime:
    day = (datetime.now(UTC) + timedelta(days=days)).astimezone(ZoneInfo(zone)).date()
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo(zone))


EVENTS = [
    dict(key="congress", type="congress", organiser="lucia_martin", extra=["admin", "ana_sousa"],
         title="Congreso NovaNet 2026: administraciones que escuchan",
         zone="Europe/Madrid", days=40, hour=9, duration=24 * 2 + 9, capacity=400, hours=20,
         mode="hybrid", venue="Palacio de Congresos", address="Paseo de la Castellana 99",
         city="Madrid", country="ES", online_url="https://meet.novanet.example/congreso-2026",
         description="El encuentro anual de la red: **tres días** de ponencias, talleres y "
                     "laboratorios sobre servicios públicos digitales, datos abiertos y "
                     "participación.\n\nTraducción simultánea español–portugués."),
    dict(key="lab", type="lab", organiser="valentina_rojas", extra=["joao_silva"],
         title="Laboratorio de gobierno: simplificar el certificado de residencia",
         zone="America/Bogota", days=12, hour=9, duration=6, capacity=3, hours=6,
         mode="in_person", venue="LabCapital", address="Carrera 8 # 10-65", city="Bogotá",
         country="CO",
         description="Sesión de co-creación con funcionariado, universidad y empresas.",
         challenge="Hoy pedir un certificado de residencia exige **tres visitas** y dos "
                   "formularios en papel. ¿Cómo lo resolvemos en una sola gestión en línea, "
                   "también para quien no tiene ordenador?"),
    dict(key="webinar-pt", type="webinar", organiser="ana_sousa", extra=[],
         title="Webinar: o Simplex explicado em 45 minutos", zone="Europe/Lisbon", days=5,
         hour=11, duration=1, capacity=300, mode="online",
         online_url="https://meet.novanet.example/simplex",
         description="Como escolhemos, medimos e comunicamos as medidas do programa Simplex."),
    dict(key="webinar-mx", type="webinar", organiser="carlos_hernandez", extra=[],
         title="Webinar: ventanilla única digital en la Ciudad de México",
         zone="America/Mexico_City", days=9, hour=10, duration=1, capacity=200, mode="online",
         online_url="https://meet.novanet.example/ventanilla",
         description="Lecciones de tres años integrando 400 trámites en una sola ventanilla."),
    dict(key="webinar-cl", type="webinar", organiser="camila_fuentes", extra=[],
         title="Webinar: identidad digital única en Chile", zone="America/Santiago", days=16,
         hour=12, duration=1, capacity=150, mode="online",
         online_url="https://meet.novanet.example/clave-unica",
         description="Qué funcionó y qué no al extender la identidad digital a todo el Estado."),
    dict(key="meetup-ar", type="meetup", organiser="martin_gomez", extra=[],
         title="Meetup de compras públicas abiertas en Buenos Aires",
         zone="America/Argentina/Buenos_Aires", days=20, hour=18, duration=2, capacity=40,
         mode="in_person", venue="Centro Cultural Kirchner", address="Sarmiento 151",
         city="Buenos Aires", country="AR",
         description="Charla informal sobre pliegos claros y datos de contratación."),
    dict(key="meetup-br", type="meetup", organiser="joao_silva", extra=[],
         title="Encontro de laboratórios de inovação em São Paulo", zone="America/Sao_Paulo",
         days=-25, hour=14, duration=3, capacity=60, mode="in_person", venue="Fábrica de "
         "Cultura", address="Rua Cabo Verde 73", city="São Paulo", country="BR",
         description="Laboratórios municipais trocam métodos e resultados."),
]

SESSIONS = [
    # day, hour, minutes, title, room, track, speakers, capacity
    (0, 9, 60, "Inauguración: administraciones que escuchan", "Auditorio", "Plenario",
     ["@admin", "Ministra de Función Pública"], None),
    (0, 10, 90, "Datos abiertos que la gente usa", "Sala 1", "Datos", ["@jordi_puig"], 120),
    (0, 10, 90, "Simplex: medir el impacto", "Sala 2", "Servicios", ["@ana_sousa"], 80),
    (0, 15, 120, "Taller: lenguaje claro en formularios", "Sala 3", "Servicios",
     ["@lucia_martin"], 30),
    (1, 9, 90, "Identidad digital en Iberoamérica", "Auditorio", "Plenario",
     ["@camila_fuentes", "@emma_clarke"], None),
    (1, 11, 90, "Compras públicas abiertas", "Sala 1", "Transparencia", ["@martin_gomez"], 100),
    (1, 11, 90, "Laboratorios de innovación municipal", "Sala 2", "Innovación",
     ["@joao_silva", "@valentina_rojas"], 80),
    (2, 10, 120, "Clausura y conclusiones", "Auditorio", "Plenario", ["@admin"], None),
]

ATTENDEES = {
    "congress": ["lucia_martin", "jordi_puig", "ana_sousa", "carlos_hernandez",
                 "valentina_rojas", "martin_gomez", "camila_fuentes", "joao_silva",
                 "emma_clarke"],
    "lab": ["lucia_martin", "carlos_hernandez", "camila_fuentes", "martin_gomez"],
    "webinar-pt": ["joao_silva", "lucia_martin", "emma_clarke"],
    "webinar-mx": ["valentina_rojas", "martin_gomez"],
    "webinar-cl": ["carlos_hernandez", "ana_sousa"],
    "meetup-ar": ["camila_fuentes", "carlos_hernandez"],
}


@seeder
def seed_events(context: dict) -> None:
    people = context.get("people", {})
    made = {}
    for spec in EVENTS:
        organiser = people.get(spec["organiser"])
        if organiser is None:
            continue
        existing = db.session.scalar(select(Event).where(Event.title == spec["title"]))
        if existing is not None:
            made[spec["key"]] = existing
            continue
        start = _at(spec["days"], spec["hour"], spec["zone"])
        data = {k: spec.get(k) for k in ("type", "title", "description", "challenge", "mode",
                                         "venue", "address", "city", "country", "online_url",
                                         "capacity", "hours")}
        data = {k: v for k, v in data.items() if v is not None}
        data.update(timezone=spec["zone"], starts_at=start,
                    ends_at=start + timedelta(hours=spec["duration"]),
                    organisers=[u for u in spec["extra"] if u in people])
        event = services.create_event(organiser, data)
        made[spec["key"]] = event
        if spec["key"] == "congress":
            for day, hour, minutes, title, room, track, speakers, capacity in SESSIONS:
                begins = start + timedelta(days=day, hours=hour - spec["hour"])
                services.add_session(organiser, event, {
                    "title": title, "starts_at": begins,
                    "ends_at": begins + timedelta(minutes=minutes), "room": room,
                    "track": track, "capacity": capacity,
                    "speakers": [s for s in speakers if not s.startswith("@")
                                 or s[1:] in people]})
        for username in ATTENDEES.get(spec["key"], []):
            person = people.get(username)
            if person is not None and event.ends_at > datetime.now(UTC):
                rsvp.set_rsvp(person, event, "going", public=username.endswith("a"))
    context["events"] = made
