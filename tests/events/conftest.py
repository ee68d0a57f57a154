import pytest


@pytest.fixture(autouse=True)
def request_context(app):
    """Services build translated messages; give direct service calls a request to translate in."""
    with app.test_request_context():
        yield
