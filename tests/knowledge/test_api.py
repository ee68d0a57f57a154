"""The knowledge bank API: practices, review, adoptions, projects, indicators and values."""

from sqlalchemy import func, select

from novanet.extensions import db
from novanet.knowledge.models import (
    Adoption,
    IndicatorValue,
    Practice,
    PracticeIndicator,
    Project,
    ProjectIndicator,
)
from tests.factories import make_user
from tests.knowledge.factories import make_moderator, make_practice, make_project, project_data


def practice_body(**overrides):
    body = {
        "administration": "Agência para a Modernização Administrativa", "level": "national",
        "country": "PT", "title": "Simplex: Chave Móvel Digital", "category": "ict.egovernment",
        "objectives": "Autenticação simples para todos.", "description": "Uma chave *móvel*.",
        "start_date": "2014-10-01", "tags": ["identidade-digital"],
        "indicators": [{"name": "Utilizadores", "value": 5300000, "unit": "pessoas",
                        "measured_on": "2025-12-31"}],
    }
    body.update(overrides)
    return body


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_create_submit_review_publish_and_list(api):
    author = make_user("ana")
    moderator = make_moderator("mod")
    client = api.as_user(author)
    created = client.post("/api/v1/practices", json=practice_body())
    assert created.status_code == 201, created.get_json()
    pid = created.get_json()["id"]
    assert created.get_json()["status"] == "draft"
    assert created.get_json()["category_label"].endswith("E-government / e-administration")
    assert api.as_user(None).get(f"/api/v1/practices/{pid}").status_code == 404
    patched = client.patch(f"/api/v1/practices/{pid}", json={"title": "Chave Móvel Digital"})
    assert patched.status_code == 200 and patched.get_json()["indicators"][0]["value"] == 5300000
    assert client.post(f"/api/v1/practices/{pid}/submit").get_json()["status"] == "submitted"
    assert client.post(f"/api/v1/practices/{pid}/submit").status_code == 409
    assert client.post(f"/api/v1/practices/{pid}/review",
                       json={"action": "publish"}).status_code == 403
    mod = api.as_user(moderator)
    bad = mod.post(f"/api/v1/practices/{pid}/review", json={"action": "reject"})
    assert bad.status_code == 422 and "message" in bad.get_json()["error"]["fields"]
    unknown = mod.post(f"/api/v1/practices/{pid}/review", json={"action": "approve"})
    assert unknown.status_code == 422 and "action" in unknown.get_json()["error"]["fields"]
    published = mod.post(f"/api/v1/practices/{pid}/review", json={"action": "publish"})
    assert published.get_json()["status"] == "published"
    anonymous = api.as_user(None)
    listing = anonymous.get("/api/v1/practices?country=PT&q=movel").get_json()
    assert [p["id"] for p in listing["items"]] == [pid]
    assert anonymous.get("/api/v1/practices?country=ES").get_json()["items"] == []
    bad_filter = anonymous.get("/api/v1/practices?category=ict.nope")
    assert bad_filter.status_code == 422
    assert "category" in bad_filter.get_json()["error"]["fields"]


def test_bad_practice_input_names_fields_and_stores_nothing(api):
    client = api.as_user(make_user())
    cases = [
        ({"indicators": [{"name": "x", "value": "lots"}]}, "indicators.0.value"),
        ({"indicators": [{"name": "x", "value": True}]}, "indicators.0.value"),
        ({"end_date": "2010-01-01"}, "end_date"),
        ({"category": "ict.crypto"}, "category"),
        ({"country": "XX"}, "country"),
        ({"title": ""}, "title"),
        ({"budget": -5}, "budget"),
    ]
    for overrides, field in cases:
        response = client.post("/api/v1/practices", json=practice_body(**overrides))
        assert response.status_code == 422, (overrides, response.get_json())
        assert field in response.get_json()["error"]["fields"], (overrides, response.get_json())
    nan = client.post("/api/v1/practices", data='{"title": "x", "indicators": [{"name": "a", '
                      '"value": NaN}]}', content_type="application/json")
    assert nan.status_code in (400, 422)
    assert count(Practice) == 0 and count(PracticeIndicator) == 0


def test_unpublished_practices_are_404_for_others_and_listed_for_their_author(api):
    author, other = make_user("autora"), make_user("otro")
    draft = make_practice(author)
    assert api.as_user(other).get(f"/api/v1/practices/{draft.id}").status_code == 404
    assert api.as_user(other).patch(f"/api/v1/practices/{draft.id}",
                                    json={"title": "hack"}).status_code == 404
    assert api.as_user(other).get("/api/v1/practices?mine=true").get_json()["items"] == []
    mine = api.as_user(author).get("/api/v1/practices?mine=true").get_json()["items"]
    assert [p["id"] for p in mine] == [draft.id]
    queue = api.as_user(other).get("/api/v1/practices?status=draft").get_json()["items"]
    assert queue == []


def test_adoptions_via_api(api):
    practice = make_practice(status="published")
    client = api.as_user(make_user("braga"))
    body = {"administration": "Câmara Municipal de Braga", "level": "local", "country": "PT",
            "result": "Menos filas.", "adopted_on": "2025-03-01"}
    assert client.post(f"/api/v1/practices/{practice.id}/adoptions", json=body).status_code == 201
    assert client.post(f"/api/v1/practices/{practice.id}/adoptions",
                       json=body).status_code == 409
    items = api.as_user(None).get(f"/api/v1/practices/{practice.id}/adoptions").get_json()
    assert [a["administration"] for a in items["items"]] == ["Câmara Municipal de Braga"]
    draft = make_practice()
    assert client.post(f"/api/v1/practices/{draft.id}/adoptions",
                       json=body).status_code == 404
    assert count(Adoption) == 1


def test_projects_indicators_and_quarterly_values(api):
    owner, editor, stranger = make_user("duena"), make_user("editora"), make_user("ajeno")
    client = api.as_user(owner)
    created = client.post("/api/v1/projects", json=project_data())
    assert created.status_code == 201, created.get_json()
    pid = created.get_json()["id"]
    assert api.as_user(stranger).patch(f"/api/v1/projects/{pid}",
                                       json={"status": "paused"}).status_code == 403
    indicator = client.post(f"/api/v1/projects/{pid}/indicators",
                            json={"name": "Expedientes digitales", "unit": "%", "target": 90})
    assert indicator.status_code == 201
    iid = indicator.get_json()["id"]
    url = f"/api/v1/projects/{pid}/indicators/{iid}/values"
    assert client.post(url, json={"year": 2025, "quarter": 1, "value": 35.5}).status_code == 201
    conflict = client.post(url, json={"year": 2025, "quarter": 1, "value": 40})
    assert conflict.status_code == 409
    assert conflict.get_json()["error"]["code"] == "already_reported"
    updated = client.post(url, json={"year": 2025, "quarter": 1, "value": 40, "replace": True})
    assert updated.status_code == 200 and updated.get_json()["value"] == 40
    assert updated.get_json()["updated_at"] is not None
    for bad, field in [({"year": 2025, "quarter": 5, "value": 1}, "quarter"),
                       ({"year": 2025, "quarter": 2, "value": "mucho"}, "value"),
                       ({"year": 1850, "quarter": 2, "value": 1}, "year")]:
        response = client.post(url, json=bad)
        assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert api.as_user(stranger).post(url, json={"year": 2025, "quarter": 2,
                                                 "value": 1}).status_code == 403
    from novanet.knowledge import projects

    project = db.session.get(Project, pid)
    projects.add_editor(owner, project, "editora")
    assert api.as_user(editor).post(url, json={"year": 2025, "quarter": 2,
                                               "value": 50}).status_code == 201
    values = api.as_user(None).get(url).get_json()["items"]
    assert [(v["year"], v["quarter"], v["value"]) for v in values] == [(2025, 1, 40), (2025, 2, 50)]
    assert count(IndicatorValue) == 2


def test_project_bad_input_stores_nothing(api):
    client = api.as_user(make_user())
    response = client.post("/api/v1/projects", json=project_data(end_date="2024-01-01"))
    assert response.status_code == 422 and "end_date" in response.get_json()["error"]["fields"]
    response = client.post("/api/v1/projects", json=project_data(status="dreaming"))
    assert response.status_code == 422 and "status" in response.get_json()["error"]["fields"]
    assert count(Project) == 0
    project = make_project()
    other = api.as_user(make_user())
    assert other.post(f"/api/v1/projects/{project.id}/indicators",
                      json={"name": "x"}).status_code == 403
    owner = api.as_user(project.created_by)
    bad = owner.post(f"/api/v1/projects/{project.id}/indicators",
                     json={"name": "x", "target": "alto"})
    assert bad.status_code == 422 and "target" in bad.get_json()["error"]["fields"]
    assert count(ProjectIndicator) == 0


def test_session_calls_need_csrf(app, client, auth):
    app.config["WTF_CSRF_ENABLED"] = True
    user = make_user("csrf")
    app.config["WTF_CSRF_ENABLED"] = False
    auth.login(user)
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/api/v1/projects", json=project_data())
    assert response.status_code == 403
    assert count(Project) == 0
