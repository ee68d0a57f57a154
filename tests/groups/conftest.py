import pytest
from werkzeug.security import generate_password_hash


@pytest.fixture(autouse=True)
def request_context(app):
    """Services called directly build translated messages, which need a request's locale."""
    with app.test_request_context():
        yield


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """These tests create many members; password strength is tested in tests/accounts."""
    monkeypatch.setattr("novanet.accounts.passwords.hash_password",
                        lambda password: generate_password_hash(password, "pbkdf2:sha256:1000"))
