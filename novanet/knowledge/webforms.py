"""Placing service errors on forms with repeated rows (indicators, milestones) and listing them
for the error summary at the top of the page, each linked to its field."""

from novanet.core.errors import DomainError


def place_errors(form, exc: DomainError) -> None:
    for key, message in exc.fields.items():
        target = _field(form, key)
        if target is not None:
            target.errors = [*list(target.errors or []), message]
        else:
            form.form_errors.append(str(message))
    if not exc.fields:
        form.form_errors.append(str(exc.message))


def _field(form, key: str):
    parts = key.split(".")
    field = getattr(form, parts[0], None)
    if field is None or not hasattr(field, "errors"):
        return None
    if len(parts) == 3 and hasattr(field, "entries"):
        index = int(parts[1]) if parts[1].isdigit() else -1
        if 0 <= index < len(field.entries):
            inner = getattr(field.entries[index].form, parts[2], None)
            return inner
        return None
    if hasattr(field, "entries"):
        return None  # a list-level message goes to the summary only
    return field


def summary(form) -> list[tuple[str, str, str]]:
    """(field id, label, message) for every error, rows included, in page order."""
    items = []
    for field in form:
        if field.type in ("CSRFTokenField", "HiddenField"):
            continue
        if hasattr(field, "entries"):
            for n, entry in enumerate(field.entries, start=1):
                for inner in entry.form:
                    for message in _messages(inner.errors):
                        items.append((inner.id, f"{inner.label.text} ({n})", message))
            continue
        for message in _messages(field.errors):
            items.append((field.id, field.label.text, message))
    return items


def _messages(errors) -> list[str]:
    if isinstance(errors, dict):
        return [str(m) for values in errors.values() for m in values]
    return [str(m) for m in errors or [] if not isinstance(m, dict)]
