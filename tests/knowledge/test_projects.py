"""Projects in the browser: registration, editors, quarterly values, dashboards and charts."""

import re

import pytest
from sqlalchemy import func, select

from novanet.extensions import db
from novanet.knowledge import charts, projects
from novanet.knowledge.models import IndicatorValue, Project
from tests.factories import make_user
from tests.knowledge.factories import make_project


def project_form(**overrides):
    data = {"title": "Simplex+ digital", "administration": "AMA", "country": "PT",
            "strategy_line": "Simplificação", "agency": "Agência para a Modernização",
            "liaison_officer": "Ana Sousa", "status": "in_progress", "start_date": "2025-01-01",
            "end_date": "2026-12-31", "description": "Medidas de simplificação.",
            "milestones-0-title": "Lançamento", "milestones-0-due_on": "2025-03-31",
            "milestones-0-done": "y", "lessons_learned": "", "success_stories": ""}
    data.update(overrides)
    return data


def test_register_project_and_bad_dates(client, auth, user):
    auth.login(user)
    bad = client.post("/knowledge/projects/new", data=project_form(end_date="2024-12-31"))
    assert bad.status_code == 400 and 'href="#end_date"' in bad.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Project)) == 0
    ok = client.post("/knowledge/projects/new", data=project_form())
    assert ok.status_code == 302
    project = db.session.scalar(select(Project))
    assert [m.title for m in project.milestones] == ["Lançamento"] and project.milestones[0].done


@pytest.mark.parametrize("who,allowed", [("creator", True), ("editor", True), ("admin", True),
                                         ("stranger", False)])
def test_who_may_edit_a_project(client, auth, who, allowed):
    creator = make_user("creadora")
    editor = make_user("editor")
    project = make_project(creator)
    projects.add_editor(creator, project, "editor")
    person = {"creator": creator, "editor": editor, "admin": make_user("adm", is_admin=True),
              "stranger": make_user("ajeno")}[who]
    auth.login(person)
    status = client.get(f"/knowledge/projects/{project.id}/edit").status_code
    assert status == (200 if allowed else 403)
    indicator = client.post(f"/knowledge/projects/{project.id}/indicators",
                            data={"ind-name": "Usuarios", "ind-unit": "personas"})
    assert indicator.status_code == (302 if allowed else 403)


def test_editor_cannot_add_editors(client, auth):
    creator, editor = make_user("creator1"), make_user("editor1")
    make_user("editor2")
    project = make_project(creator)
    projects.add_editor(creator, project, "editor1")
    auth.login(editor)
    assert client.post(f"/knowledge/projects/{project.id}/editors",
                       data={"ed-username": "editor2"}).status_code == 403


def test_quarter_values_conflict_or_explicit_update(client, auth, user):
    project = make_project(user)
    indicator = projects.add_indicator(user, project, {"name": "Trámites", "unit": "n"})
    auth.login(user)
    url = f"/knowledge/projects/{project.id}/indicators/{indicator.id}/values"
    prefix = f"v{indicator.id}-"

    def send(**values):
        return client.post(url, data={prefix + k: v for k, v in values.items()})

    assert send(year="2025", quarter="1", value="120").status_code == 302
    again = send(year="2025", quarter="1", value="150")
    assert again.status_code == 409
    assert "already has a value (120)" in again.get_data(as_text=True)
    not_number = send(year="2025", quarter="2", value="ciento")
    assert not_number.status_code == 400
    assert f'id="{prefix}value-error"' in not_number.get_data(as_text=True)
    assert db.session.scalar(select(IndicatorValue.value)) == 120
    assert send(year="2025", quarter="1", value="150,5", replace="y").status_code == 302
    assert db.session.scalar(select(IndicatorValue.value)) == 150.5
    assert db.session.scalar(select(func.count()).select_from(IndicatorValue)) == 1
    page = client.get(f"/knowledge/projects/{project.id}").get_data(as_text=True)
    assert 'role="img"' in page and "<caption>Trámites by quarter</caption>" in page


def test_dashboards_render_charts_with_tables(client):
    a = make_user("gestora")
    p1 = make_project(a, title="Carpeta ciudadana", strategy_line="Servicios digitales")
    make_project(a, title="Sede electrónica accesible", strategy_line="Servicios digitales",
                 status="completed", agency="Oficina de Accesibilidad")
    make_project(a, title="Carpeta ciudadana regional", administration="Junta de Andalucía",
                 strategy_line="Servicios digitales", agency="Agencia Digital de Andalucía")
    indicator = projects.add_indicator(a, p1, {"name": "Usuarios activos", "unit": "personas"})
    for year, quarter, value in [(2025, 1, 1000), (2025, 2, 1800), (2025, 3, 2600)]:
        projects.report_value(a, indicator, {"year": year, "quarter": quarter, "value": value})
    html = client.get("/knowledge/dashboard").get_data(as_text=True)
    assert html.count('role="img"') == 4  # strategy, status, activity, one trend
    for svg in re.findall(r"<svg.*?</svg>", html, re.S):
        ids = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        assert all(f'id="{i}"' in svg for i in ids)
        assert "<title" in svg and "<desc" in svg
    assert "<caption>Projects by strategy line</caption>" in html
    assert "<th scope=\"row\">2025 Q2</th><td class=\"num\">1800</td>" in html
    assert "1 of 3 agencies with projects report indicator values." in html
    assert "Carpeta ciudadana regional" in html.split('id="alike-title"')[1]
    one = client.get("/knowledge/dashboard?administration=Junta de Andalucía")
    assert one.status_code == 200 and "Dashboard: Junta de Andalucía" in one.get_data(as_text=True)
    assert client.get("/knowledge/dashboard?administration=Nowhere").status_code == 404


def test_empty_dashboard_says_what_to_do(client):
    html = client.get("/knowledge/dashboard").get_data(as_text=True)
    assert "No projects registered yet" in html


def test_svg_escapes_labels_and_has_axes():
    svg = charts.bar_chart([("<script>", 3), ("Datos & co", 7)], title="T <b>", desc="D")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "Datos &amp; co" in svg
    assert svg.count('class="tick"') >= 2 and 'class="axis"' in svg
    line = charts.line_chart([("2025 Q1", 1.5), ("2025 Q2", -2)], title="x", desc="y",
                             y_label="%", x_label="Quarter", target=3, target_label="Target")
    assert 'class="target"' in line and "Quarter" in line and "-2" in line
    assert charts.nice_ticks(0, 7) == [0, 2, 4, 6, 8]


def test_dashboard_and_project_page_query_counts_stay_flat(client, count_queries):
    owner = make_user("contadora")

    def add_projects(n, offset):
        for i in range(n):
            project = make_project(owner, title=f"Proyecto {offset + i}",
                                   administration=f"Administración {(offset + i) % 3}",
                                   agency=f"Organismo {offset + i}")
            indicator = projects.add_indicator(owner, project, {"name": f"Indicador {i}"})
            projects.report_value(owner, indicator, {"year": 2025, "quarter": 1, "value": i})
        return project

    first = add_projects(2, 0)
    with count_queries() as few:
        client.get("/knowledge/dashboard")
    with count_queries() as page_few:
        client.get(f"/knowledge/projects/{first.id}")
    last = add_projects(6, 10)
    for quarter in (2, 3, 4):
        projects.report_value(owner, last.indicators[0], {"year": 2025, "quarter": quarter,
                                                          "value": quarter})
    with count_queries() as many:
        client.get("/knowledge/dashboard")
    with count_queries() as page_many:
        client.get(f"/knowledge/projects/{last.id}")
    assert many.count == few.count
    assert page_many.count == page_few.count
