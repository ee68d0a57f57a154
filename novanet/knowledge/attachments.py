"""PDF attachments: the real file signature and a minimal structural parse, not the extension.

A file is accepted when it starts with %PDF-1.x or %PDF-2.0, has at least one indirect object,
a cross-reference pointer (startxref) and an end-of-file marker, and carries no scripting or
launch actions (which a document shared between administrations has no business with).
"""

import re

from flask import current_app
from flask_babel import lazy_gettext as _l

from novanet.core import uploads
from novanet.core.errors import Invalid

MAX_BYTES = 10 * 1024 * 1024
FOLDER = "knowledge"

_HEADER = re.compile(rb"^%PDF-(1\.[0-7]|2\.0)")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF", re.S)
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile)\b")


def max_bytes() -> int:
    return int(current_app.config.get("KNOWLEDGE_ATTACHMENT_MAX_BYTES", MAX_BYTES))


def check_pdf(data: bytes, field: str) -> None:
    """Raise Invalid naming field unless data is a plain PDF document within the size limit."""
    limit = max_bytes()
    if len(data) > limit:
        raise Invalid(fields={field: _l("The file is larger than %(mb)s MB.",
                                        mb=round(limit / 1024 / 1024, 1))})
    if not data:
        raise Invalid(fields={field: _l("The file is empty.")})
    if not _HEADER.match(data[:16]):
        raise Invalid(fields={field: _l("That file is not a PDF document.")})
    tail = data[-2048:]
    found = _STARTXREF.search(tail)
    if not _OBJECT.search(data) or found is None or int(found.group(1)) >= len(data):
        raise Invalid(fields={field: _l("That PDF document is damaged or incomplete.")})
    if _ACTIVE.search(data):
        raise Invalid(fields={field: _l("PDF documents with scripts or embedded programs are "
                                        "not accepted.")})


def clean_filename(name: str | None) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    base = re.sub(r"[^\w .()-]+", "_", base)[:150] or "document"
    if not base.lower().endswith(".pdf"):
        base += ".pdf"
    return base


def store(data: bytes) -> str:
    return uploads.store(data, "pdf", FOLDER)


def remove(key: str) -> None:
    uploads.remove(key)


def send(key: str, filename: str):
    response = uploads.send_media(key, download_name=filename)
    response.mimetype = "application/pdf"
    response.headers["Content-Type"] = "application/pdf"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
