"""Settings pages: profile, e-mail, password, preferences, API tokens."""

import re

import pytest

from novanet.accounts.models import ApiToken, LoginSession
from novanet.core import mail
from novanet.extensions import db
from tests.factories import PASSWORD, make_user

PAGES = ["/settings/profile", "/settings/account", "/settings/password", "/settings/preferences",
         "/settings/two-factor", "/settings/tokens", "/settings/privacy"]


@pytest.mark.parametrize("path", PAGES + ["/settings/privacy/export.json"])
def test_settings_need_login(client, path):
    r = client.get(path)
    assert r.status_code == 302 and "/login?next=" in r.headers["Location"]


@pytest.mark.parametrize("path", PAGES)
def test_settings_pages_render(client, auth, user, path):
    auth.login(user)
    r = client.get(path)
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert html.count("<h1") == 1 and 'aria-current="page"' in html
    assert "– Settings – NovaNet</title>" in html


def test_edit_profile(client, auth, user):
    auth.login(user)
    r = client.post("/settings/profile", data={
        "display_name": "Marta Ruiz Gil", "position": "Jefa de Innovación",
        "organisation": "Diputación de Huesca", "level": "regional", "country": "ES",
        "city": "Huesca", "expertise": "Open Data, contratación pública",
        "bio": "Hola *mundo*", "links": "https://huesca.es\nhttps://example.org/marta"})
    assert r.status_code == 302
    db.session.refresh(user)
    assert user.display_name == "Marta Ruiz Gil" and user.level == "regional"
    assert user.expertise_tags == ["contratacion-publica", "open-data"]
    assert user.bio_html == "<p>Hola <em>mundo</em></p>"
    assert user.links == ["https://huesca.es", "https://example.org/marta"]
    form = client.get("/settings/profile").get_data(as_text=True)
    assert "Diputación de Huesca" in form
    assert re.search(r'<option (selected value="ES"|value="ES" selected)', form)


@pytest.mark.parametrize("field,value,message", [
    ("bio", "x" * 20_001, "at most 20000 characters (it has 20001)"),
    ("level", "galactic", "Choose local, regional"),
    ("country", "ZZ", "Choose a country"),
    ("links", "javascript:alert(1)", "full web addresses"),
    ("expertise", "<b>", "Tags use lowercase"),
    ("display_name", "", "This field is required"),
])
def test_bad_profile_input_is_a_field_error_and_stores_nothing(client, auth, user, field, value,
                                                                message):
    auth.login(user)
    data = {"display_name": "Marta Ruiz", "position": "Nueva posición", field: value}
    r = client.post("/settings/profile", data=data)
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert message in html
    assert f'id="{field}-error"' in html and 'aria-invalid="true"' in html
    db.session.refresh(user)
    assert user.position == "" and user.bio == ""


def test_bio_of_exactly_20000_characters_is_accepted(client, auth, user):
    auth.login(user)
    r = client.post("/settings/profile", data={"display_name": "Marta", "bio": "y" * 20_000})
    assert r.status_code == 302
    db.session.refresh(user)
    assert len(user.bio) == 20_000


def test_change_password_ends_other_sessions_only(client, auth, user, make_client):
    other = make_client()
    other.post("/login", data={"login": "marta", "password": PASSWORD})
    auth.login(user)
    assert db.session.query(LoginSession).filter_by(user_id=user.id).count() == 2
    r = client.post("/settings/password", data={"current_password": "wrong password here",
                                                "password": "un cielo azul enorme"})
    assert r.status_code == 400 and "not your current password" in r.get_data(as_text=True)
    r = client.post("/settings/password", data={"current_password": PASSWORD,
                                                "password": "un cielo azul enorme"})
    assert r.status_code == 302
    assert "Marta Ruiz" in client.get("/").get_data(as_text=True)
    assert "Marta Ruiz" not in other.get("/").get_data(as_text=True)
    assert db.session.query(LoginSession).filter_by(user_id=user.id).count() == 1


def test_change_password_refuses_weak_password(client, auth, user):
    auth.login(user)
    r = client.post("/settings/password", data={"current_password": PASSWORD,
                                                "password": "short"})
    assert r.status_code == 400 and "at least 12" in r.get_data(as_text=True)


def test_change_email_needs_reverification(client, auth, user):
    make_user("other", email="taken@example.org")
    auth.login(user)
    r = client.post("/settings/account", data={"email": "TAKEN@example.org",
                                               "password": PASSWORD})
    assert r.status_code == 400 and "already exists" in r.get_data(as_text=True)
    r = client.post("/settings/account", data={"email": "marta@new.example",
                                               "password": "wrong wrong wrong"})
    assert r.status_code == 400
    r = client.post("/settings/account", data={"email": "Marta@New.example",
                                               "password": PASSWORD})
    assert r.status_code == 302
    db.session.refresh(user)
    assert user.email == "marta@new.example" and not user.is_verified
    message = mail.outbox()[-1]
    assert message["To"] == "marta@new.example"
    link = re.search(r"http://localhost(/\S+)", message.get_body(("plain",)).get_content())[1]
    client.get(link)
    db.session.refresh(user)
    assert user.is_verified


def test_preferences_change_language_and_time_zone(client, auth, user):
    auth.login(user)
    page = client.get("/settings/preferences").get_data(as_text=True)
    assert "America/Bogota" in page
    r = client.post("/settings/preferences", data={"locale": "pt", "timezone": "America/Bogota"})
    assert r.status_code == 302
    db.session.refresh(user)
    assert (user.locale, user.timezone) == ("pt", "America/Bogota")
    r = client.post("/settings/preferences", data={"locale": "xx", "timezone": "Mars/Base"})
    assert r.status_code == 400
    db.session.refresh(user)
    assert (user.locale, user.timezone) == ("pt", "America/Bogota")


def test_api_tokens_page_create_list_revoke(client, auth, user, make_client):
    auth.login(user)
    r = client.post("/settings/tokens", data={"name": "informe semanal"})
    html = r.get_data(as_text=True)
    secret = re.search(r'<code class="secret">(nn_[^<]+)</code>', html)[1]
    assert "informe semanal" in html
    api = make_client()
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    assert secret not in client.get("/settings/tokens").get_data(as_text=True)
    token = db.session.query(ApiToken).one()
    intruder = make_user("intruder")
    other = make_client()
    other.post("/login", data={"login": intruder.username, "password": PASSWORD})
    assert other.post(f"/settings/tokens/{token.id}/revoke").status_code == 404
    assert client.post(f"/settings/tokens/{token.id}/revoke").status_code == 302
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    r = client.post("/settings/tokens", data={"name": "   "})
    assert r.status_code == 400
