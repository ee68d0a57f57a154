"""Demo: institutional domains, follows between demo members and a few notifications."""

from sqlalchemy import select

from novanet.demo import seeder
from novanet.extensions import db
from novanet.network import services
from novanet.network.models import VerifiedDomain

DOMAINS = [("madrid.es", "Ayuntamiento de Madrid"), ("gencat.cat", "Generalitat de Catalunya"),
           ("gob.mx", "Gobierno de México"), ("gov.co", "Gobierno de Colombia"),
           ("gov.br", "Governo do Brasil"), ("gov.pt", "Governo de Portugal"),
           ("gob.ar", "Gobierno de la República Argentina"), ("gob.cl", "Gobierno de Chile"),
           ("juntadeandalucia.es", "Junta de Andalucía")]

FOLLOWS = [("lucia_martin", "jordi_puig"), ("lucia_martin", "ana_sousa"),
           ("jordi_puig", "lucia_martin"), ("ana_sousa", "joao_silva"),
           ("joao_silva", "ana_sousa"), ("carlos_hernandez", "valentina_rojas"),
           ("valentina_rojas", "camila_fuentes"), ("martin_gomez", "lucia_martin"),
           ("camila_fuentes", "martin_gomez"), ("emma_clarke", "lucia_martin"),
           ("emma_clarke", "joao_silva"), ("ana_sousa", "lucia_martin")]


@seeder
def seed(context):
    people = context.get("people", {})
    admin = people.get("admin")
    existing = set(db.session.scalars(select(VerifiedDomain.domain)))
    for domain, label in DOMAINS:
        if domain not in existing and admin is not None:
            services.add_domain(admin, domain, label)
    for a, b in FOLLOWS:
        if a in people and b in people:
            services.follow(people[a], people[b])  # already following: nothing happens
