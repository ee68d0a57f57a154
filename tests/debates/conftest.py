import pytest


@pytest.fixture
def request_ctx(app):
    """Service tests run inside a request, as services do in production (translated errors)."""
    with app.test_request_context("/"):
        yield
