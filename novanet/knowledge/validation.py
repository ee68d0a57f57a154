"""Turning raw input (a form or an API body) into clean values, collecting every field error.

Services call these; nothing is written until a whole submission is clean.
"""

import math
from datetime import date
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

from novanet.core.errors import Invalid
from novanet.core.tags import parse_tags

REQUIRED = _l("This field is required.")


class Errors(dict):
    def add(self, field: str, message) -> None:
        self.setdefault(field, message)


def text(data: dict, name: str, errors: Errors, *, max_len: int, required: bool = False) -> str:
    value = data.get(name)
    value = "" if value is None else str(value).strip()
    if required and not value:
        errors.add(name, REQUIRED)
    elif len(value) > max_len:
        errors.add(name, _l("Use at most %(n)s characters.", n=max_len))
    return value


def choice(data: dict, name: str, options, errors: Errors, *, message, required=True):
    value = (data.get(name) or "")
    value = str(value).strip()
    if not value and not required:
        return None
    if value not in options:
        errors.add(name, message)
        return None
    return value


def number(value, field: str, errors: Errors, *, required: bool = True) -> float | None:
    """A finite number; accepts "1.5", "1,5", 3 and 2.0, refuses booleans, NaN and infinity."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.add(field, _l("Enter a number."))
        return None
    if isinstance(value, bool):
        errors.add(field, _l("Enter a number, for example 42 or 3.5."))
        return None
    if isinstance(value, str):
        value = value.strip().replace(" ", "")
        if value.count(",") == 1 and "." not in value:
            value = value.replace(",", ".")
    try:
        result = float(value)
    except (TypeError, ValueError):
        errors.add(field, _l("Enter a number, for example 42 or 3.5."))
        return None
    if not math.isfinite(result):
        errors.add(field, _l("Enter a number, for example 42 or 3.5."))
        return None
    return result


def money(value, field: str, errors: Errors) -> Decimal | None:
    result = number(value, field, errors, required=False)
    if result is None:
        return None
    if result < 0 or result >= 1e14:
        errors.add(field, _l("Enter an amount between 0 and 99,999,999,999,999."))
        return None
    try:
        return Decimal(str(result)).quantize(Decimal("0.01"))
    except InvalidOperation:
        errors.add(field, _l("Enter a number, for example 42 or 3.5."))
        return None


def day(value, field: str, errors: Errors, *, required: bool = False) -> date | None:
    if value is None or value == "":
        if required:
            errors.add(field, _l("Enter a date."))
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        errors.add(field, _l("Enter a real date as YYYY-MM-DD."))
        return None


def date_range(start: date | None, end: date | None, errors: Errors, *, end_field="end_date"):
    if start and end and end < start:
        errors.add(end_field, _l("The end date must be on or after the start date."))


def links(value, errors: Errors, field: str = "links", limit: int = 10) -> list[str]:
    items = value.splitlines() if isinstance(value, str) else list(value or [])
    found = []
    for raw in items:
        url = str(raw).strip()
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
            errors.add(field, _l("Each link must be a full web address starting with https:// "
                                 "(one per line)."))
            return []
        if url not in found:
            found.append(url)
    if len(found) > limit:
        errors.add(field, _l("Add at most %(n)s links.", n=limit))
    return found[:limit]


def tags(value, errors: Errors, field: str = "tags") -> list[str]:
    try:
        return parse_tags(value, field)
    except Invalid as exc:
        errors.update({k: v for k, v in exc.fields.items() if k not in errors})
        return []
