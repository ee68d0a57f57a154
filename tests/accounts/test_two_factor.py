"""Two-step verification: setup with a QR code, login with a code, turning it off, and the
rule that site administrators must have it."""

import base64
import re

import pyotp
import pytest

from novanet.extensions import db
from tests.factories import PASSWORD, make_user


def _setup(client, user) -> str:
    assert client.post("/settings/two-factor/start").status_code == 302
    db.session.refresh(user)
    return user.totp_secret


def test_setup_shows_qr_and_key_and_needs_a_valid_code(client, auth, user):
    auth.login(user)
    page = client.get("/settings/two-factor").get_data(as_text=True)
    assert "Set up two-step verification" in page
    db.session.refresh(user)
    assert user.totp_secret is None  # GET writes nothing
    secret = _setup(client, user)
    page = client.get("/settings/two-factor").get_data(as_text=True)
    uri = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page)[1]
    svg = base64.b64decode(uri)
    assert svg.startswith(b"<svg") and b"<script" not in svg
    assert " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)) in page
    r = client.post("/settings/two-factor", data={"code": "000000"})
    assert r.status_code == 400 and "not valid" in r.get_data(as_text=True)
    db.session.refresh(user)
    assert not user.totp_enabled
    r = client.post("/settings/two-factor", data={"code": pyotp.TOTP(secret).now()})
    assert r.status_code == 302
    db.session.refresh(user)
    assert user.totp_enabled


def test_login_then_needs_the_code(client, auth, user, make_client):
    auth.login(user)
    secret = _setup(client, user)
    client.post("/settings/two-factor", data={"code": pyotp.TOTP(secret).now()})
    fresh = make_client()
    r = fresh.post("/login?next=/settings/profile", data={"login": "marta", "password": PASSWORD})
    assert r.headers["Location"].endswith("/login/two-factor")
    assert "Marta Ruiz" not in fresh.get("/").get_data(as_text=True)
    assert fresh.post("/login/two-factor", data={"code": "123456"}).status_code == 400
    r = fresh.post("/login/two-factor", data={"code": pyotp.TOTP(secret).now()})
    assert r.headers["Location"].endswith("/settings/profile")
    assert "Marta Ruiz" in fresh.get("/").get_data(as_text=True)


def test_disable_needs_password_and_code(client, auth, user):
    auth.login(user)
    secret = _setup(client, user)
    client.post("/settings/two-factor", data={"code": pyotp.TOTP(secret).now()})
    code = pyotp.TOTP(secret).now()
    r = client.post("/settings/two-factor/disable", data={"password": "wrong password!", "code": code})
    assert r.status_code == 400 and "not your current password" in r.get_data(as_text=True)
    r = client.post("/settings/two-factor/disable", data={"password": PASSWORD, "code": "999999"})
    assert r.status_code == 400
    db.session.refresh(user)
    assert user.totp_enabled
    r = client.post("/settings/two-factor/disable", data={"password": PASSWORD, "code": code})
    assert r.status_code == 302
    db.session.refresh(user)
    assert not user.totp_enabled and user.totp_secret is None


@pytest.mark.config(REQUIRE_ADMIN_2FA=True)
@pytest.mark.parametrize("path", ["/", "/people", "/settings/profile", "/settings/tokens",
                                  "/settings/privacy"])
def test_admin_without_2fa_is_sent_to_setup(client, auth, admin, path):
    auth.login(admin)
    r = client.get(path)
    assert r.status_code == 302 and r.headers["Location"].endswith("/settings/two-factor")


@pytest.mark.config(REQUIRE_ADMIN_2FA=True)
def test_admin_can_set_up_2fa_and_then_use_the_site(client, auth, admin, api):
    auth.login(admin)
    assert client.get("/settings/two-factor").status_code == 200
    with client.get("/static/css/main.css") as r:
        assert r.status_code == 200
    assert api.as_user(admin).get("/api/v1/me").status_code == 403
    secret = _setup(client, admin)
    client.post("/settings/two-factor", data={"code": pyotp.TOTP(secret).now()})
    assert client.get("/people").status_code == 200
    assert api.as_user(admin).get("/api/v1/me").status_code == 200
    assert client.post("/logout").status_code == 302


@pytest.mark.config(REQUIRE_ADMIN_2FA=True)
def test_admin_rule_spares_members_and_can_log_out(client, auth, admin, make_client):
    member = make_user("plain")
    other = make_client()
    other.post("/login", data={"login": member.username, "password": PASSWORD})
    assert other.get("/people").status_code == 200
    auth.login(admin)
    assert client.post("/logout").status_code == 302
    assert client.get("/people").status_code == 200


@pytest.mark.config(REQUIRE_ADMIN_2FA=False)
def test_admin_rule_can_be_relaxed(client, auth, admin):
    auth.login(admin)
    assert client.get("/people").status_code == 200
