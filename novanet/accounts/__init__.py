"""Accounts: registration, login sessions, profiles, settings and API tokens."""

from flask import Flask, g, request

from novanet.extensions import login_manager


def init_app(app: Flask) -> None:
    from novanet.accounts import (  # noqa: F401  (demo registers a seeder; privacy exporters)
        api,
        cli,
        demo,
        people,
        privacy,
        security_views,
        settings_views,
        views,
    )
    from novanet.accounts.services import load_session, user_for_token

    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(key: str):
        if request and request.headers.get("Authorization", "").startswith("Bearer "):
            return None
        return load_session(key)

    @login_manager.request_loader
    def load_user_from_token(req):
        header = req.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        user = user_for_token(header[7:].strip())
        if user is not None:
            g.api_token_auth = True
        return user

    app.register_blueprint(views.bp)
    app.register_blueprint(people.bp)
    app.register_blueprint(settings_views.bp)
    people.install_template_helpers(app)
    app.register_blueprint(api.bp)
    cli.init_app(app)
