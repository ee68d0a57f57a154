"""Submitting, reviewing and reading good practices through the HTML pages."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from novanet.extensions import db
from novanet.knowledge.models import Practice, PracticeAttachment, PracticeIndicator
from novanet.notifications.models import Notification
from tests.factories import make_user
from tests.knowledge.factories import make_moderator, make_practice, minimal_pdf, practice_data


def form_data(**overrides) -> dict:
    data = practice_data()
    data["tags"] = ", ".join(data["tags"])
    data["links"] = "\n".join(data["links"])
    rows = data.pop("indicators")
    for i, row in enumerate(rows + [{}, {}]):
        for key in ("name", "value", "unit", "measured_on"):
            data[f"indicators-{i}-{key}"] = row.get(key, "")
    data.update(overrides)
    return data


def media_files(app) -> list[Path]:
    root = Path(app.config["MEDIA_DIR"])
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_new_practice_form_is_accessible_and_grouped(client, auth, user):
    auth.login(user)
    page = client.get("/knowledge/practices/new")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count("<h1") == 1
    assert html.count("<fieldset class=\"part\"") == 6
    assert '<optgroup label="ICT">' in html
    assert 'value="ict.democracy"' in html and 'value="knowledge.continuing_training"' in html
    assert 'for="indicators-0-value"' in html
    assert 'enctype="multipart/form-data"' in html


def test_submit_with_pdf_for_review_notifies_moderators(app, client, auth, user):
    moderator = make_moderator("moderadora")
    admin = make_user("jefa", is_admin=True)
    auth.login(user)
    data = form_data(send_review="1")
    data["attachments"] = [(io.BytesIO(minimal_pdf()), "memoria final.pdf")]
    response = client.post("/knowledge/practices/new", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 302
    practice = db.session.scalar(select(Practice))
    assert practice.status == "submitted"
    assert practice.category == "ict.egovernment"
    assert [i.value for i in practice.indicators] == [240.0]
    assert practice.attachments[0].filename == "memoria final.pdf"
    assert len(media_files(app)) == 1
    assert "memoria" not in media_files(app)[0].name  # random stored name
    notified = set(db.session.scalars(select(Notification.user_id).where(
        Notification.kind == "knowledge.submitted")))
    assert notified == {moderator.id, admin.id}


@pytest.mark.parametrize("field,value,error_field", [
    ("indicators-0-value", "muchos", "indicators-0-value"),
    ("indicators-0-value", "nan", "indicators-0-value"),
    ("end_date", "2023-01-01", "end_date"),
    ("category", "ict.blockchain", "category"),
    ("level", "planetary", "level"),
    ("start_date", "2024-02-31", "start_date"),
    ("links", "javascript:alert(1)", "links"),
])
def test_bad_input_is_refused_with_the_field_named_and_nothing_stored(
        app, client, auth, user, field, value, error_field):
    auth.login(user)
    data = form_data(**{field: value})
    data["attachments"] = [(io.BytesIO(minimal_pdf()), "ok.pdf")]
    response = client.post("/knowledge/practices/new", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'href="#{error_field}"' in html
    assert f'id="{error_field}-error"' in html
    assert count(Practice) == 0 and count(PracticeIndicator) == 0
    assert media_files(app) == []
    # what was typed is kept
    assert "Ventanilla única municipal" in html


@pytest.mark.parametrize("payload,filename", [
    (b"MZ\x90\x00 this is an executable", "informe.pdf"),
    (b"%PDF-1.4\nnot really a document", "truncated.pdf"),
    (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image.pdf"),
    (minimal_pdf(b"3 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n"), "script.pdf"),
])
def test_attachment_must_really_be_a_pdf(app, client, auth, user, payload, filename):
    auth.login(user)
    data = form_data()
    data["attachments"] = [(io.BytesIO(payload), filename)]
    response = client.post("/knowledge/practices/new", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert 'id="attachments-error"' in response.get_data(as_text=True)
    assert count(Practice) == 0 and count(PracticeAttachment) == 0
    assert media_files(app) == []


@pytest.mark.config(KNOWLEDGE_ATTACHMENT_MAX_BYTES=2048)
def test_attachment_over_the_limit_is_refused(app, client, auth, user):
    auth.login(user)
    data = form_data()
    big = minimal_pdf(b"% " + b"x" * 4096 + b"\n")
    data["attachments"] = [(io.BytesIO(big), "big.pdf")]
    response = client.post("/knowledge/practices/new", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "larger than" in response.get_data(as_text=True)
    assert count(Practice) == 0 and media_files(app) == []


def test_unpublished_practice_is_hidden_from_everyone_but_author_and_moderators(
        app, client, auth, make_client, user):
    practice = make_practice(user, status="submitted", files=[("plan.pdf", minimal_pdf())])
    attachment = practice.attachments[0]
    url = f"/knowledge/practices/{practice.id}"
    file_url = f"{url}/attachments/{attachment.id}"
    assert client.get(url).status_code == 404
    assert client.get(file_url).status_code == 404
    assert client.get(f"{url}.pdf").status_code == 404
    stranger = make_client()
    stranger.post("/login", data={"login": make_user("curioso").username,
                                  "password": "correct horse battery staple"})
    assert stranger.get(url).status_code == 404
    assert stranger.get(file_url).status_code == 404
    assert "Ventanilla" not in stranger.get("/knowledge/practices.csv").get_data(as_text=True)
    auth.login(user)
    assert client.get(url).status_code == 200
    got = client.get(file_url)
    assert got.status_code == 200 and got.data.startswith(b"%PDF-")
    assert got.headers["Content-Type"] == "application/pdf"
    got.close()
    mod_client = make_client()
    mod_client.post("/login", data={"login": make_moderator("revisora").username,
                                    "password": "correct horse battery staple"})
    assert mod_client.get(url).status_code == 200


def test_review_workflow_changes_then_publish(app, client, auth, make_client, user):
    moderator = make_moderator("revisor")
    practice = make_practice(user, status="submitted")
    mod = make_client()
    mod.post("/login", data={"login": moderator.username,
                             "password": "correct horse battery staple"})
    # asking for changes needs a message
    refused = mod.post(f"/knowledge/practices/{practice.id}/review",
                       data={"action": "request_changes", "message": ""})
    assert refused.status_code == 400
    assert 'href="#message"' in refused.get_data(as_text=True)
    assert mod.post(f"/knowledge/practices/{practice.id}/review",
                    data={"action": "request_changes",
                          "message": "Falta el presupuesto"}).status_code == 302
    db.session.refresh(practice)
    assert practice.status == "changes_requested"
    note = db.session.scalar(select(Notification).where(
        Notification.user_id == user.id, Notification.kind == "knowledge.changes_requested"))
    assert note.params["message"] == "Falta el presupuesto"
    # the author edits and resubmits
    auth.login(user)
    page = client.get(f"/knowledge/practices/{practice.id}/edit")
    assert "Falta el presupuesto" in page.get_data(as_text=True)
    response = client.post(f"/knowledge/practices/{practice.id}/edit",
                           data=form_data(title="Ventanilla única, versión 2", budget="99000",
                                          send_review="1"))
    assert response.status_code == 302
    db.session.refresh(practice)
    assert practice.status == "submitted" and practice.title == "Ventanilla única, versión 2"
    # a plain member cannot review
    assert client.post(f"/knowledge/practices/{practice.id}/review",
                       data={"action": "publish"}).status_code == 403
    assert mod.post(f"/knowledge/practices/{practice.id}/review",
                    data={"action": "publish"}).status_code == 302
    db.session.refresh(practice)
    assert practice.status == "published" and practice.published_at is not None
    assert client.get("/knowledge/").get_data(as_text=True).count("versión 2") == 1
    # once published, the author can no longer edit it alone
    assert client.get(f"/knowledge/practices/{practice.id}/edit").status_code == 403


def test_reject_needs_a_reason_and_tells_the_author(app, user):
    from novanet.core.errors import Invalid
    from novanet.knowledge import services

    admin = make_user("adm", is_admin=True)
    practice = make_practice(user, status="submitted")
    with app.test_request_context():
        with pytest.raises(Invalid) as exc:
            services.review_practice(admin, practice, "reject", "  ")
        assert "message" in exc.value.fields
        services.review_practice(admin, practice, "reject", "Es un proyecto, no una práctica")
    assert practice.status == "rejected"
    kinds = set(db.session.scalars(select(Notification.kind).where(
        Notification.user_id == user.id)))
    assert "knowledge.rejected" in kinds


def test_comment_and_adoption(app, client, auth, user):
    practice = make_practice(status="published")
    auth.login(user)
    response = client.post(f"/knowledge/practices/{practice.id}/comments",
                           data={"body": "¿Cómo resolvisteis la firma?"})
    assert response.status_code == 302
    empty = client.post(f"/knowledge/practices/{practice.id}/comments", data={"body": " "})
    assert empty.status_code == 400
    adopt = client.post(f"/knowledge/practices/{practice.id}/adopt", data={
        "administration": "Câmara Municipal de Braga", "level": "local", "country": "PT",
        "adopted_on": "2025-09-01", "result": "Reduzimos o tempo de resposta em 40 %."})
    assert adopt.status_code == 302
    twice = client.post(f"/knowledge/practices/{practice.id}/adopt", data={
        "administration": "Câmara Municipal de Braga", "level": "local", "country": "PT",
        "result": "Outra vez"})
    assert twice.status_code == 400
    db.session.refresh(practice)
    assert practice.comment_count == 1 and practice.adoption_count == 1
    page = client.get(f"/knowledge/practices/{practice.id}").get_data(as_text=True)
    assert "Câmara Municipal de Braga" in page and "resolvisteis" in page


def test_own_administration_cannot_adopt(app, client, auth, user):
    practice = make_practice(status="published")
    auth.login(user)
    response = client.post(f"/knowledge/practices/{practice.id}/adopt", data={
        "administration": "ayuntamiento de zaragoza", "level": "local", "country": "ES",
        "result": "x"})
    assert response.status_code == 400
    assert 'href="#administration"' in response.get_data(as_text=True)


def test_print_and_pdf_exports(client):
    practice = make_practice(status="published", title="Presupuestos participativos – Lisboa")
    page = client.get(f"/knowledge/practices/{practice.id}/print")
    assert page.status_code == 200 and b"printable" in page.data
    pdf = client.get(f"/knowledge/practices/{practice.id}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    assert pdf.headers["Content-Type"] == "application/pdf"


def test_author_deletes_draft_and_its_files(app, client, auth, user):
    practice = make_practice(user, files=[("a.pdf", minimal_pdf())])
    assert len(media_files(app)) == 1
    auth.login(user)
    assert client.post(f"/knowledge/practices/{practice.id}/delete").status_code == 302
    assert count(Practice) == 0 and media_files(app) == []
