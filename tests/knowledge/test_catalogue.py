"""Catalogue facets, accent-insensitive search, similar practices and open-data exports."""

import csv
import io
import json

from tests.knowledge.factories import make_practice


def seed():
    return {
        "zgz": make_practice(status="published", title="Presupuestos participativos",
                             category="ict.democracy", country="ES", level="local",
                             start_date="2023-03-01", tags=["participacion"],
                             objectives="Que la ciudadanía decida inversiones del barrio."),
        "lis": make_practice(status="published", title="Orçamento Participativo de Lisboa",
                             category="ict.democracy", country="PT", level="local",
                             start_date="2024-01-10", end_date=None, tags=["participacion"],
                             administration="Câmara Municipal de Lisboa",
                             objectives="Decidir inversiones con la ciudadanía."),
        "mx": make_practice(status="published", title="Ventanilla Única Digital",
                            category="ict.egovernment", country="MX", level="regional",
                            start_date="2024-05-01", end_date=None,
                            administration="Gobierno de la Ciudad de México",
                            description="=HYPERLINK(\"http://evil\") trámites en línea"),
        "draft": make_practice(status="draft", title="Borrador secreto de participación",
                               category="ict.democracy"),
    }


def test_facets_count_within_the_other_filters(client):
    seed()
    html = client.get("/knowledge/?category=ict.democracy").get_data(as_text=True)
    assert "Presupuestos participativos" in html and "Orçamento" in html
    assert "Ventanilla" not in html and "Borrador" not in html
    # country facet counts only democracy practices; category facet ignores its own filter
    assert "Spain <span class=\"count\">(1)</span>" in html
    assert "Mexico" not in html.split('id="facets-title"')[1].split("Level of government")[0] \
        .split("<h3>Country</h3>")[1]
    assert "E-government / e-administration <span class=\"count\">(1)</span>" in html


def test_search_ignores_accents_and_case(client):
    seed()
    for query in ("ORCAMENTO", "orçamento", "participacion", "tramites"):
        html = client.get(f"/knowledge/?q={query}").get_data(as_text=True)
        assert "<h3><a" in html, query
    html = client.get("/knowledge/?q=orcamento").get_data(as_text=True)
    assert "Orçamento" in html and "Presupuestos" not in html
    assert "Borrador" not in client.get("/knowledge/?q=secreto").get_data(as_text=True)


def test_bad_filters_are_reported(client):
    response = client.get("/knowledge/?category=nope&year=20x5")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Choose a category from the list." in html and "Enter a year" in html
    assert client.get("/knowledge/practices.csv?category=nope").status_code == 400


def test_year_and_level_filters(client):
    seed()
    html = client.get("/knowledge/?year=2024&level=local").get_data(as_text=True)
    assert "Orçamento" in html and "Presupuestos" not in html and "Ventanilla" not in html


def test_exports_honour_filters_and_defuse_formulas(client):
    practices = seed()
    data = client.get("/knowledge/practices.json?category=ict.democracy").get_json()
    assert data["count"] == 2
    assert {p["id"] for p in data["practices"]} == {practices["zgz"].id, practices["lis"].id}
    assert data["practices"][0]["indicators"][0]["value"] == 240
    response = client.get("/knowledge/practices.csv?country=MX")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 1 and rows[0]["title"] == "Ventanilla Única Digital"
    assert rows[0]["description"].startswith("'=")
    assert "Trámites en línea=240" in rows[0]["indicators"]
    everything = json.loads(client.get("/knowledge/practices.json").data)
    assert everything["count"] == 3  # the draft never leaves


def test_similar_practices_share_category_tags_or_words(client):
    practices = seed()
    html = client.get(f"/knowledge/practices/{practices['zgz'].id}").get_data(as_text=True)
    similar = html.split('id="similar-title"')[1]
    assert "Orçamento Participativo de Lisboa" in similar
    assert "Ventanilla" not in similar and "Borrador" not in similar


def test_catalogue_query_count_is_flat(client, count_queries):
    for n in range(3):
        make_practice(status="published", title=f"Práctica {n}")
    with count_queries() as few:
        client.get("/knowledge/")
    for n in range(8):
        make_practice(status="published", title=f"Otra práctica {n}")
    with count_queries() as many:
        client.get("/knowledge/")
    assert many.count == few.count
