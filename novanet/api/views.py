"""/api/v1 itself: the OpenAPI document."""

from flask import Blueprint, current_app, jsonify

from novanet.api import openapi

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/openapi.json")
def openapi_document():
    """The generated OpenAPI 3.1 description of every /api/v1 route."""
    doc = current_app.extensions.get("novanet_openapi")
    if doc is None:
        doc = current_app.extensions["novanet_openapi"] = openapi.build(current_app)
    return jsonify(doc)
