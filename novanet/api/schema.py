"""One decorator declares an API endpoint: input and output schemas, auth, status.

The same pydantic models validate requests, shape responses and generate the OpenAPI document,
so what is documented is what runs. Every /api/v1 view must use it (a test checks).
"""

from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import Response, g, jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import validate_csrf
from pydantic import BaseModel, ConfigDict, ValidationError, create_model
from wtforms import ValidationError as CSRFValidationError

from novanet.core.errors import DomainError, Forbidden, Invalid, Unauthorized


class Schema(BaseModel):
    """Base of request and response models: unknown request fields are refused."""

    model_config = ConfigDict(from_attributes=True, extra="forbid", str_strip_whitespace=True)


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


@dataclass
class EndpointSpec:
    summary: str
    tags: list[str]
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    auth: bool = True
    errors: list[int] = field(default_factory=list)


_PAGE_MODELS: dict[type, type] = {}


def page_of(item: type[BaseModel]) -> type[BaseModel]:
    """{"items": [...], "next": cursor|null} for an item model."""
    if item not in _PAGE_MODELS:
        _PAGE_MODELS[item] = create_model(
            f"{item.__name__}Page", __base__=Out, items=(list[item], ...), next=(str | None, None))
    return _PAGE_MODELS[item]


class Bad(DomainError):
    status = 400
    code = "bad_request"


def _validation_fields(exc: ValidationError) -> dict[str, str]:
    fields: dict[str, str] = {}
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"]) or "body"
        fields.setdefault(name, err["msg"])
    return fields


def parse(model: type[BaseModel], data: Any):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise Invalid(fields=_validation_fields(exc)) from None


def _check_csrf() -> None:
    # Browser-session calls must prove they come from our pages; token calls carry no cookie.
    if g.get("api_token_auth") or not current_user.is_authenticated:
        return
    try:
        validate_csrf(request.headers.get("X-CSRFToken"))
    except CSRFValidationError:
        raise Forbidden(_l("Missing or invalid CSRF token (send it as X-CSRFToken)."),
                        code="csrf_failed") from None


def endpoint(summary: str, *, tags: list[str], body: type[BaseModel] | None = None,
             query: type[BaseModel] | None = None, response: type[BaseModel] | None = None,
             status: int = 200, auth: bool = True, errors: list[int] | None = None):
    spec = EndpointSpec(summary, tags, body, query, response, status, auth, errors or [])

    def decorate(fn):
        @wraps(fn)
        def view(*args, **kwargs):
            if spec.auth and not current_user.is_authenticated:
                raise Unauthorized()
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                _check_csrf()
            if spec.body is not None:
                data = request.get_json(silent=True)
                if not isinstance(data, dict):
                    raise Bad(_l("The body must be a JSON object."),
                              fields={"body": _l("expected a JSON object")})
                kwargs["body"] = parse(spec.body, data)
            if spec.query is not None:
                kwargs["query"] = parse(spec.query, request.args.to_dict())
            result = fn(*args, **kwargs)
            if isinstance(result, Response):
                return result
            if result is None:
                return Response(status=204)
            return jsonify(dump(spec.response, result)), spec.status

        view.api_spec = spec
        return view

    return decorate


def dump(model: type[BaseModel] | None, result: Any) -> Any:
    if model is None:
        return result
    return model.model_validate(result).model_dump(mode="json", by_alias=True)
