"""Glue between WTForms and domain errors, shared by every feature's views."""

from flask import render_template
from flask_babel import lazy_gettext as _l

from novanet.core.errors import DomainError


def apply_errors(form, exc: DomainError) -> None:
    """Attach a service's field errors to the form fields (or to the form as a whole)."""
    placed = False
    for name, message in exc.fields.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            errors = list(field.errors) if not isinstance(field.errors, list) else field.errors
            errors.append(message)
            field.errors = errors
            placed = True
    if not placed or not exc.fields:
        form.form_errors.append(str(exc.message))


def render_form(template: str, form, **context):
    """Render a form page; 400 when it carries errors so clients and tests can tell."""
    status = 400 if (form.errors or form.form_errors) else 200
    return render_template(template, form=form, **context), status


NOT_A_CHOICE = _l("Choose one of the options.")
