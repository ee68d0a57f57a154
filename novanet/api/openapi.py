"""The OpenAPI 3.1 document, generated from the registered routes and their pydantic schemas."""

import re

from flask import Flask
from pydantic.json_schema import models_json_schema

from novanet.core.errors import HTTP_CODES

_CONVERTER = re.compile(r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>")
_STATUS_TEXT = {200: "OK", 201: "Created", 204: "No content"}


def api_rules(app: Flask):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "static":
            yield rule, app.view_functions[rule.endpoint]


def openapi_path(rule: str) -> str:
    return _CONVERTER.sub(r"{\1}", rule)


def build(app: Flask) -> dict:
    models = set()
    operations = []
    for rule, view in api_rules(app):
        spec = getattr(view, "api_spec", None)
        if spec is None:
            continue
        for model in (spec.body, spec.query, spec.response):
            if model is not None:
                models.add(model)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            operations.append((rule, method.lower(), spec, view))

    ordered = sorted(models, key=lambda m: m.__name__)
    keys = [(m, "validation" if _is_input(m, operations) else "serialization") for m in ordered]
    refs, schema = models_json_schema(keys, ref_template="#/components/schemas/{model}")
    components = dict(schema.get("$defs", {}))
    components["Error"] = {
        "type": "object", "required": ["error"],
        "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string"}, "message": {"type": "string"},
            "fields": {"type": "object", "additionalProperties": {"type": "string"}}}}},
    }

    paths: dict = {}
    for rule, method, spec, view in operations:
        path = openapi_path(rule.rule)
        params = [{"name": name, "in": "path", "required": True,
                   "schema": {"type": "integer" if _is_int(rule, name) else "string"}}
                  for name in sorted(rule.arguments)]
        if spec.query is not None:
            ref = refs[(spec.query, _mode(spec.query, keys))]
            query_schema = components[ref["$ref"].rsplit("/", 1)[1]]
            for name, prop in query_schema.get("properties", {}).items():
                params.append({"name": name, "in": "query",
                               "required": name in query_schema.get("required", []),
                               "schema": prop})
        op: dict = {
            "summary": spec.summary,
            "operationId": view.__module__.rsplit(".", 2)[-2] + "_" + view.__name__,
            "tags": spec.tags,
            "parameters": params,
            "responses": {},
        }
        if spec.body is not None:
            op["requestBody"] = {"required": True, "content": {"application/json": {
                "schema": refs[(spec.body, _mode(spec.body, keys))]}}}
        ok: dict = {"description": _STATUS_TEXT.get(spec.status, "OK")}
        if spec.response is not None:
            ok["content"] = {"application/json": {
                "schema": refs[(spec.response, _mode(spec.response, keys))]}}
        op["responses"][str(spec.status)] = ok
        errors = set(spec.errors)
        if spec.auth:
            errors |= {401}
            op["security"] = [{"bearer": []}, {"session": []}]
        if spec.body is not None or spec.query is not None:
            errors |= {400, 422}
        for status in sorted(errors):
            op["responses"][str(status)] = {
                "description": HTTP_CODES.get(status, "error"),
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }
        paths.setdefault(path, {})[method] = op

    return {
        "openapi": "3.1.0",
        "info": {"title": "NovaNet API", "version": "1",
                 "description": "The public API of NovaNet, the network of public employees."},
        "servers": [{"url": app.config["BASE_URL"]}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": components,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer",
                           "description": "Personal access token from Settings → API tokens."},
                "session": {"type": "apiKey", "in": "cookie", "name": "session",
                            "description": "Browser session; unsafe methods need X-CSRFToken."},
            },
        },
    }


def _is_input(model, operations) -> bool:
    return any(model in (spec.body, spec.query) for _, _, spec, _ in operations)


def _mode(model, keys):
    return dict(keys)[model]


def _is_int(rule, name: str) -> bool:
    converter = rule._converters.get(name)
    return converter is not None and type(converter).__name__ == "IntegerConverter"
