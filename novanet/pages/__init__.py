"""Site-wide pages: home, accessibility statement, privacy notice, language choice."""

from flask import Flask


def init_app(app: Flask) -> None:
    from novanet.pages.views import bp

    app.register_blueprint(bp)
