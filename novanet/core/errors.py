"""Domain errors and their three forms: HTML error pages, the /api/v1 JSON format, Socket.IO acks."""

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

log = logging.getLogger("novanet.security")


class DomainError(Exception):
    """Base of every rule violation a service reports; carries a code, a message and field errors."""

    status = 400
    code = "bad_request"
    default_message = _l("The request could not be understood.")

    def __init__(self, message=None, fields: dict | None = None, code: str | None = None):
        super().__init__(message or self.default_message)
        self.message = message or self.default_message
        self.fields = {k: str(v) for k, v in (fields or {}).items()}
        if code:
            self.code = code

    def to_dict(self) -> dict:
        body = {"code": self.code, "message": str(self.message)}
        if self.fields:
            body["fields"] = self.fields
        return body


class Invalid(DomainError):
    status = 422
    code = "invalid"
    default_message = _l("Some fields need attention.")


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"
    default_message = _l("You need to log in.")


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    default_message = _l("You are not allowed to do that.")


class NotFound(DomainError):
    status = 404
    code = "not_found"
    default_message = _l("We could not find that page.")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    default_message = _l("That conflicts with the current state.")


class TooLarge(DomainError):
    status = 413
    code = "too_large"
    default_message = _l("That is too large.")


HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
    422: "invalid", 429: "rate_limited", 500: "server_error",
}

HTTP_MESSAGES = {
    400: _l("The request could not be understood."),
    401: _l("You need to log in."),
    403: _l("You are not allowed to do that."),
    404: _l("We could not find that page."),
    405: _l("That method is not allowed here."),
    413: _l("That is too large."),
    429: _l("Too many attempts. Please wait a moment and try again."),
    500: _l("Something went wrong on our side. It has been logged."),
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def json_error(status: int, code: str, message, fields: dict | None = None, headers=None):
    body = {"code": code, "message": str(message)}
    if fields:
        body["fields"] = {k: str(v) for k, v in fields.items()}
    response = jsonify({"error": body})
    response.status_code = status
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def html_error(status: int, message):
    template = f"errors/{status}.html" if status in (400, 403, 404, 413, 429, 500) else "errors/generic.html"
    return render_template(template, status=status, message=message), status


def ack_error(exc: DomainError) -> dict:
    """The Socket.IO acknowledgement for a refused event."""
    return {"ok": False, "error": exc.to_dict()}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def on_domain_error(exc: DomainError):
        if exc.status == 403:
            log.info("access denied path=%s user=%s", request.path, _who())
        if wants_json():
            return json_error(exc.status, exc.code, exc.message, exc.fields)
        return html_error(exc.status if exc.status != 422 else 400, exc.message)

    @app.errorhandler(CSRFError)
    def on_csrf(exc: CSRFError):
        log.info("csrf rejected path=%s", request.path)
        message = _l("The form expired or was sent from elsewhere. Please try again.")
        if wants_json():
            return json_error(400, "csrf_failed", message)
        return html_error(400, message)

    @app.errorhandler(HTTPException)
    def on_http(exc: HTTPException):
        status = exc.code or 500
        if status == 403:
            log.info("access denied path=%s user=%s", request.path, _who())
        headers = {}
        if status == 429:
            retry = getattr(exc, "retry_after", None)
            headers["Retry-After"] = str(retry or 60)
            log.warning("rate limited path=%s", request.path)
        message = HTTP_MESSAGES.get(status, exc.description)
        if wants_json():
            return json_error(status, HTTP_CODES.get(status, "error"), message, headers=headers)
        response = html_error(status, message)
        return response[0], status, headers

    @app.errorhandler(Exception)
    def on_crash(exc: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        if wants_json():
            return json_error(500, "server_error", HTTP_MESSAGES[500])
        return html_error(500, HTTP_MESSAGES[500])


def _who() -> str:
    from flask_login import current_user

    return str(current_user.get_id() and current_user.id) if current_user.is_authenticated else "-"
