"""Events: congresses, government-lab sessions, webinars and meetups with RSVP, waiting lists,
check-in, certificates and calendars."""

from flask import Flask


def init_app(app: Flask) -> None:
    from novanet.events import api, cli, demo, manage, notices, privacy, views  # noqa: F401

    app.register_blueprint(views.bp)
    views.install_globals(app)
    app.register_blueprint(api.bp)
    notices.init_app(app)
    privacy.init_app(app)
    cli.init_app(app)
