import re

import pytest

from novanet.core import mail
from tests.factories import PASSWORD, english_client, make_user

GOOD = {"username": "lucia", "display_name": "Lucía Martín", "email": "Lucia@Zaragoza.es",
        "password": "tres palabras largas"}


def _link(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(r"http://localhost(/\S+)", body).group(1)


def test_register_verify_login_logout(client, app):
    r = client.post("/register", data=GOOD)
    assert r.status_code == 200 and b"Check your e-mail" in r.data
    r = client.post("/login", data={"login": "lucia", "password": GOOD["password"]})
    assert r.status_code == 400 and b"Confirm your e-mail" in r.data
    verify = _link(mail.outbox()[-1])
    assert client.get(verify).status_code == 302
    r = client.post("/login", data={"login": "LUCIA@zaragoza.es", "password": GOOD["password"]})
    assert r.status_code == 302
    assert "Lucía Martín" in client.get("/").get_data(as_text=True)
    assert client.post("/logout").status_code == 302
    assert "Lucía Martín" not in client.get("/").get_data(as_text=True)


def test_copied_cookie_stops_working_after_logout(client, app, user, auth):
    auth.login(user)
    cookie = client.get_cookie("session").value
    thief = english_client(app)
    thief.set_cookie("session", cookie)
    assert "Marta Ruiz" in thief.get("/").get_data(as_text=True)
    auth.logout()
    assert "Marta Ruiz" not in thief.get("/").get_data(as_text=True)


def test_remember_me_cookie_dies_with_the_session(client, app, user, auth):
    auth.login(user, remember=True)
    remember = client.get_cookie("remember_token").value
    other = english_client(app)
    other.set_cookie("remember_token", remember)
    assert "Marta Ruiz" in other.get("/").get_data(as_text=True)
    auth.logout()
    fresh = english_client(app)
    fresh.set_cookie("remember_token", remember)
    assert "Marta Ruiz" not in fresh.get("/").get_data(as_text=True)


@pytest.mark.parametrize("field,value,message", [
    ("email", "not-an-email", "valid e-mail"),
    ("password", "short pass", "at least 12"),
    ("password", "password123456", "too common"),
    ("password", "x" * 129, "128"),
    ("username", "a b", "letters, digits"),
    ("display_name", "   ", "name"),
])
def test_bad_registration_stores_nothing(client, app, field, value, message):
    from novanet.accounts.models import User
    from novanet.extensions import db

    r = client.post("/register", data={**GOOD, field: value})
    assert r.status_code == 400
    assert message in r.get_data(as_text=True)
    assert db.session.query(User).count() == 0


def test_password_of_128_characters_is_accepted_whole(client, app):
    long = "palabra " * 16
    assert len(long) == 128
    client.post("/register", data={**GOOD, "password": long})
    client.get(_link(mail.outbox()[-1]))
    assert client.post("/login", data={"login": "lucia", "password": long}).status_code == 302
    client.post("/logout")
    r = client.post("/login", data={"login": "lucia", "password": long[:127]})
    assert r.status_code == 400


def test_duplicates_are_case_insensitive(client, app):
    make_user("lucia", email="lucia@zaragoza.es")
    r = client.post("/register", data={**GOOD, "username": "LUCIA", "email": "x@y.org"})
    assert r.status_code == 400 and "already taken" in r.get_data(as_text=True)
    r = client.post("/register", data={**GOOD, "username": "other", "email": "LUCIA@ZARAGOZA.ES"})
    assert r.status_code == 400 and "already exists" in r.get_data(as_text=True)


def test_forged_and_expired_tokens_are_refused(client, app):
    assert client.get("/verify/forged-token").status_code == 400
    assert client.post("/password/reset/forged", data={"password": "new long password here"}
                       ).status_code == 400


def test_password_reset_ends_other_sessions_and_link_is_single_use(client, app, user, auth,
                                                                   make_client):
    other = make_client()
    other.post("/login", data={"login": user.username, "password": PASSWORD})
    assert "Marta Ruiz" in other.get("/").get_data(as_text=True)
    client.post("/password/forgot", data={"email": user.email})
    link = _link(mail.outbox()[-1])
    r = client.post(link, data={"password": "una clave nueva y larga"})
    assert r.status_code == 302
    assert "Marta Ruiz" not in other.get("/").get_data(as_text=True)
    assert client.post(link, data={"password": "otra clave nueva larga"}).status_code == 400
    assert auth.login(user, password="una clave nueva y larga").status_code == 302


def test_forgot_password_does_not_reveal_accounts(client, app):
    r = client.post("/password/forgot", data={"email": "nobody@example.org"})
    assert r.status_code == 200 and not mail.outbox()


def test_suspended_member_cannot_log_in(client, app, user, auth):
    from novanet.accounts.services import set_suspended

    set_suspended(user, True, "spam")
    r = auth.login(user)
    assert r.status_code == 400 and "suspended" in r.get_data(as_text=True)


def test_no_open_redirect(client, app, user):
    for target in ("https://evil.example", "//evil.example", "/\\evil.example", "javascript:x"):
        r = client.post("/login?next=" + target, data={"login": user.username,
                                                       "password": PASSWORD})
        assert r.headers["Location"] in ("/", "http://localhost/")
        client.post("/logout")
    r = client.post("/login?next=/privacy", data={"login": user.username, "password": PASSWORD})
    assert r.headers["Location"].endswith("/privacy")


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_post_without_csrf_is_refused(client, app):
    r = client.post("/register", data=GOOD)
    assert r.status_code == 400
    from novanet.accounts.models import User
    from novanet.extensions import db

    assert db.session.query(User).count() == 0


@pytest.mark.config(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
def test_login_is_rate_limited(client, app, user):
    for _ in range(3):
        client.post("/login", data={"login": user.username, "password": "wrong password!!"})
    r = client.post("/login", data={"login": user.username, "password": PASSWORD})
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0


def test_security_headers(client):
    r = client.get("/")
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_session_cookie_flags(client, app, user, auth):
    r = auth.login(user)
    cookie = r.headers.get("Set-Cookie")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
