"""Knowledge bank factories: go through the real services."""

import itertools

from novanet.extensions import db
from novanet.knowledge import projects, services
from novanet.knowledge.models import KnowledgeModerator
from tests.factories import make_user

_seq = itertools.count(1)


def practice_data(**overrides) -> dict:
    n = next(_seq)
    data = {
        "administration": "Ayuntamiento de Zaragoza",
        "level": "local",
        "country": "ES",
        "title": f"Ventanilla única municipal {n}",
        "category": "ict.egovernment",
        "tags": ["ventanilla-unica"],
        "department": "Servicio de Administración Electrónica",
        "responsible_person": "Lucía Martín",
        "objectives": "Reducir desplazamientos y tiempos de tramitación.",
        "target_group": "Vecinos y empresas",
        "description": "Un **único punto** de acceso a todos los trámites.",
        "resources": "Cuatro personas durante un año.",
        "budget": "120000",
        "currency": "EUR",
        "funding_source": "Fondos propios",
        "start_date": "2024-01-15",
        "end_date": "2025-06-30",
        "links": ["https://sede.example.es/ventanilla"],
        "indicators": [{"name": "Trámites en línea", "value": "240", "unit": "trámites",
                        "measured_on": "2025-06-30"}],
    }
    data.update(overrides)
    return data


def make_moderator(username: str | None = None):
    user = make_user(username)
    db.session.add(KnowledgeModerator(user_id=user.id))
    db.session.commit()
    return user


def make_practice(author=None, *, status: str = "draft", moderator=None, files=(), **overrides):
    """A practice in the given state (draft, submitted, published, changes_requested, rejected)."""
    from flask import current_app

    author = author or make_user()
    with current_app.test_request_context():
        practice = services.create_practice(author, practice_data(**overrides), files,
                                            submit=status != "draft")
        if status in ("published", "changes_requested", "rejected"):
            moderator = moderator or make_user(is_admin=True)
            action = {"published": "publish", "changes_requested": "request_changes",
                      "rejected": "reject"}[status]
            services.review_practice(moderator, practice, action, "" if action == "publish"
                                     else "Añadid indicadores de resultado.")
    return practice


def project_data(**overrides) -> dict:
    data = {
        "title": "Carpeta ciudadana municipal",
        "administration": "Ayuntamiento de Zaragoza",
        "country": "ES",
        "strategy_line": "Servicios digitales",
        "agency": "Servicio de Administración Electrónica",
        "liaison_officer": "Lucía Martín",
        "status": "in_progress",
        "start_date": "2025-01-01",
        "end_date": "2026-12-31",
        "description": "Una carpeta con todos los expedientes del vecino.",
        "milestones": [{"title": "Piloto", "due_on": "2025-06-30", "done": True}],
    }
    data.update(overrides)
    return data


def make_project(user=None, **overrides):
    user = user or make_user()
    return projects.create_project(user, project_data(**overrides))


def minimal_pdf(extra: bytes = b"") -> bytes:
    """A tiny but structurally complete PDF document."""
    body = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n" + extra)
    xref = len(body)
    return body + (b"xref\n0 3\n0000000000 65535 f \ntrailer\n<< /Size 3 /Root 1 0 R >>\n"
                   b"startxref\n" + str(xref).encode() + b"\n%%EOF\n")
