from sqlalchemy import func, select

from novanet.extensions import db
from novanet.messages import demo as messages_demo
from novanet.messages.models import Message
from novanet.network import demo as network_demo
from novanet.network.models import Follow, VerifiedDomain
from novanet.search import demo as search_demo
from novanet.search.models import SearchDocument
from tests.factories import make_user

NAMES = ["lucia_martin", "jordi_puig", "ana_sousa", "carlos_hernandez", "valentina_rojas",
         "martin_gomez", "camila_fuentes", "joao_silva", "emma_clarke"]


def _counts():
    return [db.session.scalar(select(func.count()).select_from(m))
            for m in (Follow, VerifiedDomain, Message, SearchDocument)]


def test_seeders_are_idempotent(app):
    people = {n: make_user(n) for n in NAMES}
    people["admin"] = make_user("site_admin", is_admin=True)
    context = {"people": people}
    for _ in range(2):
        network_demo.seed(context)
        messages_demo.seed(context)
        search_demo.rebuild(context)
        if _ == 0:
            first = _counts()
    assert _counts() == first
    follows, domains, messages, documents = first
    assert follows >= 10 and domains >= 6 and messages >= 6 and documents >= len(people)
