"""Fixtures: an app with a clean database per test (SQLite, or PostgreSQL when
NOVANET_TEST_DATABASE_URL is set), clients that share a login, and a query counter."""

import os
import re
from contextlib import contextmanager

import pytest
from flask.globals import _cv_app
from flask.testing import FlaskClient
from flask_socketio import SocketIOTestClient
from sqlalchemy import event

from novanet import create_app
from novanet.extensions import db
from tests import factories
from tests.factories import english_client

TEST_DB = os.environ.get("NOVANET_TEST_DATABASE_URL")
IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Compile the .po catalogs (the .mo files are build output, not committed) with the same
    code as `python scripts/i18n.py compile`, so a fresh clone tests real translations."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "i18n.py"
    spec = importlib.util.spec_from_file_location("novanet_i18n_script", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.compile_all()


def base_config(tmp_path, **extra) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "DATABASE_URL": TEST_DB or f"sqlite:///{tmp_path / 'test.sqlite'}",
        "MEDIA_DIR": str(tmp_path / "media"),
        "MAIL_DIR": str(tmp_path / "mail"),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "REQUIRE_ADMIN_2FA": False,
        "BABEL_DEFAULT_LOCALE": "en",
        "BASE_URL": "http://localhost",
        "PRESENCE_INTERVAL": 0.02,
        "VERIFIED_DOMAINS_TTL": 0,  # query counts stay the same from the first request on
    }
    config.update(extra)
    return config


@contextmanager
def own_app_context():
    """Let a request or socket event push its own app context (own g, own db session), as in
    production, even though the test body keeps one open for factories and assertions."""
    token = _cv_app.set(None)
    try:
        yield
    finally:
        _cv_app.reset(token)
        db.session.expire_all()  # the test's objects reload what the request changed


class IsolatedClient(FlaskClient):
    def open(self, *args, **kwargs):
        with own_app_context():
            return super().open(*args, **kwargs)


class IsolatedSocketClient(SocketIOTestClient):
    """socketio test client whose every event runs in a fresh app context."""

    def connect(self, *args, **kwargs):
        with own_app_context():
            return super().connect(*args, **kwargs)

    def emit(self, *args, **kwargs):
        with own_app_context():
            return super().emit(*args, **kwargs)

    def disconnect(self, *args, **kwargs):
        with own_app_context():
            return super().disconnect(*args, **kwargs)


def reset_schema() -> None:
    if db.engine.dialect.name == "postgresql":
        # drop_all cannot see tables other branches left behind; start from an empty schema.
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    else:
        db.drop_all()
    db.create_all()


@pytest.fixture
def app(tmp_path, request):
    marker = request.node.get_closest_marker("config")
    extra = marker.kwargs if marker else {}
    app = create_app(base_config(tmp_path, **extra))
    app.test_client_class = IsolatedClient
    with app.app_context():
        reset_schema()
        yield app
        app.extensions["debate_presence"].wait()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return english_client(app)


@pytest.fixture
def make_client(app):
    """Extra independent browsers (each with its own cookies)."""
    def make():
        return english_client(app)
    return make


@pytest.fixture
def socket_client(app):
    """socket_client(http_client) connects Socket.IO sharing that client's login cookie;
    socket_client(None, auth={"token": …}) connects with an API token."""
    from novanet.extensions import socketio

    made = []

    def make(http_client=None, **kwargs):
        sc = IsolatedSocketClient(app, socketio, flask_test_client=http_client, **kwargs)
        made.append(sc)
        return sc

    yield make
    for sc in made:
        if sc.is_connected():
            sc.disconnect()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, user_or_name, password=factories.PASSWORD, remember=False):
        login = getattr(user_or_name, "username", user_or_name)
        return self.client.post("/login", data={"login": login, "password": password,
                                                "remember": "y" if remember else ""})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def user(app):
    return factories.make_user("marta", display_name="Marta Ruiz")


@pytest.fixture
def admin(app):
    return factories.make_user("root_admin", is_admin=True)


@pytest.fixture
def api(app):
    """JSON client: api.as_user(user) returns a client sending that user's bearer token."""
    return factories.ApiClient(app)


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, *args):
        if not re.match(r"\s*(SAVEPOINT|RELEASE|ROLLBACK)", statement, re.I):
            self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """with count_queries() as q: ...; q.count is the number of SQL statements run."""
    @contextmanager
    def counting():
        counter = QueryCounter()
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)

    return counting


def require_service(name: str, available: bool, why: str):
    """Skip locally when a real service is missing; in CI (CI=true) it is a failure."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{name} is required in CI: {why}")
    pytest.skip(f"{name} not available: {why}")
