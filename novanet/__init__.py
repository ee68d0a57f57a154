"""NovaNet: the Ibero-American social network of public employees."""

from flask import Flask

from novanet import (
    accounts,
    activity,
    api,
    blogs,
    debates,
    demo,
    events,
    groups,
    knowledge,
    messages,
    moderation,
    network,
    notifications,
    pages,
    search,
    wiki,
)
from novanet.config import configure
from novanet.core import pagecache, realtime
from novanet.core.errors import register_error_handlers
from novanet.core.i18n import install_i18n, select_locale, select_timezone
from novanet.core.security import install_security_headers
from novanet.core.templating import install_templating
from novanet.extensions import babel, csrf, db, limiter, login_manager, migrate, socketio

# Feature packages, in the order their blueprints, signal receivers and demo data load.
FEATURES = (
    pages,
    accounts,
    groups,
    moderation,
    notifications,
    activity,
    debates,
    blogs,
    wiki,
    events,
    knowledge,
    network,
    messages,
    search,
    api,
)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, static_folder="../static", static_url_path="/static")
    configure(app, config)

    db.init_app(app)
    migrate.init_app(app, db, directory=app.config.get("MIGRATIONS_DIR", _migrations_dir()))
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    limiter.init_app(app)
    socketio.init_app(
        app,
        message_queue=app.config["REDIS_URL"],
        channel=app.config.get("SOCKETIO_CHANNEL", "novanet-socketio"),
        cors_allowed_origins=app.config.get("SOCKETIO_ORIGINS") or [app.config["BASE_URL"]],
        async_mode=app.config.get("SOCKETIO_ASYNC_MODE", "threading"),
        logger=False, engineio_logger=False,
    )

    install_security_headers(app)
    install_i18n(app)
    install_templating(app)
    register_error_handlers(app)
    realtime.init_app(app)
    pagecache.init_app(app)
    for feature in FEATURES:
        feature.init_app(app)
    demo.init_app(app)
    return app


def _migrations_dir() -> str:
    import os

    return os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations")
