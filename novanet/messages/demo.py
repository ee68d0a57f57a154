"""Demo: a few direct conversations between demo members."""

from novanet.demo import seeder
from novanet.messages import services

CONVERSATIONS = [
    ("lucia_martin", "jordi_puig", [
        ("lucia_martin", "Hola Jordi, ¿me pasas la ordenanza de participación que comentaste?"),
        ("jordi_puig", "Clar! Te la subo a la wiki del grupo esta tarde."),
        ("lucia_martin", "¡Gracias! La revisamos el jueves."),
    ]),
    ("ana_sousa", "joao_silva", [
        ("ana_sousa", "Olá João, viste o relatório sobre orçamento participativo em Lisboa?"),
        ("joao_silva", "Vi sim, muito útil. Podemos falar disso no próximo evento."),
    ]),
    ("emma_clarke", "valentina_rojas", [
        ("emma_clarke", "Hi Valentina, could you share the open data guidelines from Bogotá?"),
        ("valentina_rojas", "Of course! I'll send the link to the Spanish and English versions."),
    ]),
]


@seeder
def seed(context):
    people = context.get("people", {})
    for a, b, lines in CONVERSATIONS:
        if a not in people or b not in people:
            continue
        if services.find_conversation(people[a], people[b]) is not None:
            continue  # already seeded
        for who, body in lines:
            sender = people[who]
            recipient = people[b] if who == a else people[a]
            services.start(sender, recipient, body)
