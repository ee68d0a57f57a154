"""The JSON API under /api/v1: token auth, request/response schemas, OpenAPI document."""

from flask import Flask


def init_app(app: Flask) -> None:
    from novanet.api.views import bp

    app.register_blueprint(bp)
