"""Wiki pages can be reported; secret group pages stay invisible to outsiders' reports."""

from tests.factories import make_group, make_user
from tests.wiki.factories import make_page


def test_report_a_kb_page_and_a_secret_one(api, user, client, auth):
    page = make_page("Página dudosa", author=user)
    reporter = api.as_user(make_user())
    res = reporter.post("/api/v1/reports", json={"target_type": "wiki_page",
                                                 "target_id": page.id,
                                                 "reason": "Contiene datos personales de un vecino."})
    assert res.status_code == 201, res.json
    secret = make_group(owner=user, visibility="secret")
    hidden = make_page("Acta", author=user, group=secret)
    res = reporter.post("/api/v1/reports", json={"target_type": "wiki_page",
                                                 "target_id": hidden.id,
                                                 "reason": "Contiene datos personales de un vecino."})
    assert res.status_code == 404
    auth.login(make_user())
    assert "Report to moderators" in client.get("/wiki/pages/pagina-dudosa").text
