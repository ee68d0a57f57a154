import pytest


@pytest.fixture
def in_request(app):
    """Services format translated error messages, which needs a request's locale."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield
