"""Practices in site-wide search and in moderation reports."""

from novanet.extensions import db
from novanet.knowledge.models import PracticeComment
from tests.factories import make_user
from tests.knowledge.factories import make_practice


def test_published_practices_are_searchable_drafts_are_not(client):
    make_practice(status="published", title="Presupuestos participativos de barrio")
    make_practice(title="Borrador participativo secreto")
    found = client.get("/api/v1/search?q=participativos&type=practice")
    assert found.status_code == 200, found.get_data(as_text=True)
    text = found.get_data(as_text=True)
    assert "Presupuestos participativos de barrio" in text
    assert "Borrador participativo secreto" not in text


def test_practices_and_comments_can_be_reported(app, api):
    practice = make_practice(status="published")
    draft = make_practice()
    reporter = make_user("denunciante")
    with app.test_request_context():
        from novanet.knowledge import services

        comment = services.add_comment(make_user("troll"), practice, "spam spam")
    client = api.as_user(reporter)
    ok = client.post("/api/v1/reports", json={"target_type": "practice",
                                              "target_id": practice.id, "reason": "Copiada de otra web"})
    assert ok.status_code == 201, ok.get_json()
    hidden = client.post("/api/v1/reports", json={"target_type": "practice",
                                                  "target_id": draft.id, "reason": "No existe para mí"})
    assert hidden.status_code == 404
    on_comment = client.post("/api/v1/reports", json={
        "target_type": "practice_comment", "target_id": comment.id, "reason": "Publicidad, spam"})
    assert on_comment.status_code == 201, on_comment.get_json()
    assert db.session.get(PracticeComment, comment.id) is not None
