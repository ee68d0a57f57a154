"""A member's knowledge bank data: in their download, and gone (or kept) with their account."""

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from novanet.extensions import db
from novanet.knowledge import projects, services
from novanet.knowledge.models import Adoption, Practice, PracticeComment, Project
from tests.factories import PASSWORD
from tests.knowledge.factories import make_practice, make_project, minimal_pdf


def _world(app, user):
    published = make_practice(user, status="published", title="Mi práctica publicada",
                              files=[("a.pdf", minimal_pdf())])
    draft = make_practice(user, title="Mi borrador", files=[("b.pdf", minimal_pdf())])
    other = make_practice(status="published", title="Práctica ajena")
    with app.test_request_context():
        services.add_comment(user, other, "Muy buena idea")
        services.add_adoption(user, other, {"administration": "Concello de Lugo",
                                            "level": "local", "country": "ES",
                                            "result": "Funcionó"})
    project = make_project(user)
    projects.add_indicator(user, project, {"name": "Usuarios"})
    return published, draft, other, project


def media(app):
    root = Path(app.config["MEDIA_DIR"])
    return sorted(p.name for p in root.rglob("*.pdf")) if root.exists() else []


def test_export_lists_practices_comments_adoptions_and_projects(app, client, auth, user):
    _world(app, user)
    auth.login(user)
    data = json.loads(client.get("/settings/privacy/export.json").data)["knowledge"]
    assert {p["title"] for p in data["practices"]} == {"Mi práctica publicada", "Mi borrador"}
    assert data["comments"][0]["body"] == "Muy buena idea"
    assert data["adoptions"][0]["administration"] == "Concello de Lugo"
    assert data["projects_registered"][0]["title"] == "Carpeta ciudadana municipal"


@pytest.mark.parametrize("choice", ["keep", "remove"])
def test_deleting_the_account(app, client, auth, user, choice):
    published, draft, other, project = _world(app, user)
    assert len(media(app)) == 2
    auth.login(user)
    r = client.post("/settings/privacy/delete", data={"content": choice, "password": PASSWORD})
    assert r.status_code == 302
    titles = set(db.session.scalars(select(Practice.title)))
    assert "Mi borrador" not in titles
    db.session.refresh(other)
    if choice == "keep":
        assert "Mi práctica publicada" in titles
        assert db.session.get(Practice, published.id).author_id is None
        assert other.comment_count == 1 and other.adoption_count == 1
        assert len(media(app)) == 1
    else:
        assert "Mi práctica publicada" not in titles
        assert db.session.scalar(select(func.count()).select_from(PracticeComment)) == 0
        assert db.session.scalar(select(func.count()).select_from(Adoption)) == 0
        assert other.comment_count == 0 and other.adoption_count == 0
        assert media(app) == []
    kept = db.session.get(Project, project.id)
    assert kept is not None and kept.created_by_id is None
    assert client.get(f"/knowledge/projects/{project.id}").status_code == 200
