"""Security events are logged, and no password, token or key ever reaches the log."""

import logging
import re

import pyotp
import pytest

from novanet.core import mail
from novanet.extensions import db
from tests.factories import PASSWORD, make_user

NEW_PASSWORD = "un lago tranquilo al amanecer"


def _link(message) -> str:
    return re.search(r"http://localhost(/\S+)", message.get_body(("plain",)).get_content())[1]


def test_security_events_are_logged_without_secrets(client, app, caplog, make_client):
    caplog.set_level(logging.DEBUG)
    secrets = [PASSWORD, NEW_PASSWORD, "wrong password typed"]
    user = make_user("marta")
    client.post("/login", data={"login": "marta", "password": "wrong password typed"})
    client.post("/login", data={"login": "nobody", "password": "wrong password typed"})
    client.post("/login", data={"login": "marta", "password": PASSWORD})
    r = client.post("/settings/tokens", data={"name": "script"})
    token = re.search(r'<code class="secret">(nn_[^<]+)</code>', r.get_data(as_text=True))[1]
    secrets.append(token)
    from novanet.accounts.models import ApiToken

    client.post(f"/settings/tokens/{db.session.query(ApiToken).one().id}/revoke")
    client.post("/settings/two-factor/start")
    db.session.refresh(user)
    secrets.append(user.totp_secret)
    client.post("/settings/two-factor", data={"code": "000000"})
    client.post("/settings/two-factor", data={"code": pyotp.TOTP(user.totp_secret).now()})
    client.post("/settings/password", data={"current_password": PASSWORD,
                                            "password": NEW_PASSWORD})
    client.post("/logout")
    fresh = make_client()
    fresh.post("/login", data={"login": "marta", "password": NEW_PASSWORD})
    fresh.post("/login/two-factor", data={"code": "111111"})
    fresh.post("/password/forgot", data={"email": "marta@example.org"})
    reset = _link(mail.outbox()[-1])
    secrets.append(reset.rsplit("/", 1)[1])
    fresh.post(reset, data={"password": "otra frase bastante larga"})
    secrets.append("otra frase bastante larga")
    other = make_user("other")
    fresh.post("/login", data={"login": "other", "password": PASSWORD})
    fresh.post("/settings/tokens/999/revoke")

    text = caplog.text
    for secret in secrets:
        assert secret not in text, f"a secret reached the log: {secret[:4]}…"
    for event in ("login failed user=", "login failed (unknown account)", "login user=",
                  "api token created", "api token revoked", "2fa setup code refused",
                  "2fa enabled", "password changed", "logout user=", "2fa failed",
                  "password reset sent", "password reset user="):
        assert event in text, event
    assert other.id


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_denied_and_forged_requests_are_logged(client, app, caplog, admin):
    caplog.set_level(logging.INFO, logger="novanet.security")
    client.post("/login", data={"login": "x", "password": "y"})
    assert "csrf rejected" in caplog.text


def test_two_factor_login_keeps_next_local(client, app, make_client):
    user = make_user("marta")
    client.post("/login", data={"login": "marta", "password": PASSWORD})
    client.post("/settings/two-factor/start")
    db.session.refresh(user)
    client.post("/settings/two-factor", data={"code": pyotp.TOTP(user.totp_secret).now()})
    for target in ("https://evil.example/", "//evil.example", "/\\evil.example"):
        fresh = make_client()
        fresh.post("/login?next=" + target, data={"login": "marta", "password": PASSWORD})
        r = fresh.post("/login/two-factor", data={"code": pyotp.TOTP(user.totp_secret).now()})
        assert r.status_code == 302
        assert r.headers["Location"] in ("/", "http://localhost/"), target


def test_language_switch_next_stays_local(client):
    for target in ("https://evil.example", "//evil.example", "javascript:alert(1)"):
        r = client.post("/language", data={"lang": "pt", "next": target})
        assert r.headers["Location"] in ("/", "http://localhost/")


@pytest.mark.config(REQUIRE_ADMIN_2FA=True)
def test_access_denied_is_logged(app, api, admin, caplog):
    caplog.set_level(logging.INFO, logger="novanet.security")
    assert api.as_user(admin).get("/api/v1/me").status_code == 403
    assert "access denied path=/api/v1/me" in caplog.text
