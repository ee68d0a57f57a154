"""Settings from NOVANET_* variables: malformed values stop start-up naming the variable."""

import os
import stat

import pytest

from novanet import create_app
from novanet.config import ConfigError, load_secret_key
from tests.conftest import base_config


@pytest.mark.parametrize("name,value", [
    ("DATABASE_URL", "nonsense"),
    ("DATABASE_URL", "mysql://root@localhost/novanet"),
    ("EMAIL_VERIFICATION", "maybe"),
    ("PAGE_SIZE", "abc"),
    ("PAGE_SIZE", "0"),
    ("MAIL_PORT", "twenty-five"),
    ("REDIS_URL", "localhost:6379"),
    ("BASE_URL", "novanet.example"),
    ("RATELIMIT_ENABLED", "perhaps"),
    ("REQUIRE_ADMIN_2FA", "1"),
    ("BABEL_DEFAULT_LOCALE", "fr"),
    ("SECRET_KEY", "short"),
    ("MAIL_BACKEND", "pigeon"),
])
def test_malformed_setting_fails_at_start_naming_the_variable(tmp_path, monkeypatch, name, value):
    monkeypatch.setenv(f"NOVANET_{name}", value)
    config = base_config(tmp_path)
    config.pop(name, None)
    with pytest.raises(ConfigError) as info:
        create_app(config)
    assert f"NOVANET_{name}" in str(info.value)


def test_well_formed_variables_are_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("NOVANET_PAGE_SIZE", "35")
    monkeypatch.setenv("NOVANET_RATELIMIT_ENABLED", "false")
    monkeypatch.setenv("NOVANET_EMAIL_VERIFICATION", "optional")
    monkeypatch.setenv("NOVANET_BASE_URL", "https://novanet.example/")
    config = base_config(tmp_path)
    for key in ("RATELIMIT_ENABLED", "BASE_URL"):
        config.pop(key)
    app = create_app(config)
    assert app.config["PAGE_SIZE"] == 35 and app.config["RATELIMIT_ENABLED"] is False
    assert app.config["EMAIL_VERIFICATION"] == "optional"
    assert app.config["BASE_URL"] == "https://novanet.example"
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_secret_key_file_is_created_once_private_and_reused(tmp_path):
    first = load_secret_key(str(tmp_path / "instance"))
    path = tmp_path / "instance" / "secret_key"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(first) >= 32
    assert load_secret_key(str(tmp_path / "instance")) == first
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_app_without_secret_key_uses_the_instance_file(tmp_path, monkeypatch):
    monkeypatch.delenv("NOVANET_SECRET_KEY", raising=False)
    config = base_config(tmp_path)
    config.pop("SECRET_KEY")
    app = create_app(config)
    path = os.path.join(app.instance_path, "secret_key")
    with open(path) as fh:
        assert app.config["SECRET_KEY"] == fh.read().strip()
    assert create_app(dict(config)).config["SECRET_KEY"] == app.config["SECRET_KEY"]


@pytest.mark.config(EMAIL_VERIFICATION="optional")
def test_optional_verification_lets_unverified_members_log_in(client, app):
    r = client.post("/register", data={"username": "nuevo", "display_name": "Nuevo Miembro",
                                       "email": "nuevo@example.org",
                                       "password": "tres palabras largas"})
    assert r.status_code == 302
    client.post("/logout")
    r = client.post("/login", data={"login": "nuevo", "password": "tres palabras largas"})
    assert r.status_code == 302
    assert "Nuevo Miembro" in client.get("/").get_data(as_text=True)


def test_required_verification_blocks_unverified_members(client, app):
    from tests.factories import PASSWORD, make_user

    make_user("pending", verified=False)
    r = client.post("/login", data={"login": "pending", "password": PASSWORD})
    assert r.status_code == 400 and "Confirm your e-mail" in r.get_data(as_text=True)
