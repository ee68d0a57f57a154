"""Stable codes for the bank's closed lists and their translated labels.

Codes are stored and exchanged through the API; labels are translated at display time, so a
catalogue filtered in Spanish and exported in Portuguese still speaks about the same category.
"""

from flask_babel import lazy_gettext as _l

CATEGORY_GROUPS = (
    ("ict", _l("ICT"), (
        ("ict.accessibility", _l("Accessibility and inclusion")),
        ("ict.elearning", _l("E-learning")),
        ("ict.culture", _l("Culture and identity")),
        ("ict.ebusiness", _l("E-business")),
        ("ict.egovernment", _l("E-government / e-administration")),
        ("ict.infrastructure", _l("Infrastructure")),
        ("ict.democracy", _l("Democracy and citizen participation")),
        ("ict.security", _l("Security")),
        ("ict.health", _l("Health")),
    )),
    ("innovation", _l("Innovation"), (
        ("innovation.rd", _l("R&D")),
        ("innovation.talent", _l("Talent")),
        ("innovation.entrepreneurship", _l("Entrepreneurship")),
        ("innovation.creativity", _l("Creativity")),
        ("innovation.internationalisation", _l("Internationalisation")),
        ("innovation.tech_infrastructure", _l("Technology infrastructure")),
    )),
    ("knowledge", _l("Knowledge"), (
        ("knowledge.infrastructure", _l("Infrastructure")),
        ("knowledge.education", _l("Education")),
        ("knowledge.human_capital", _l("Human capital")),
        ("knowledge.continuing_training", _l("Continuing training")),
    )),
)

CATEGORIES = {code: label for _, _, items in CATEGORY_GROUPS for code, label in items}
GROUP_LABELS = {code: label for code, label, _ in CATEGORY_GROUPS}

LEVELS = {
    "local": _l("Local"),
    "regional": _l("Regional"),
    "national": _l("National"),
}

PRACTICE_STATUSES = {
    "draft": _l("Draft"),
    "submitted": _l("Waiting for review"),
    "changes_requested": _l("Changes requested"),
    "published": _l("Published"),
    "rejected": _l("Rejected"),
}

PROJECT_STATUSES = {
    "planned": _l("Planned"),
    "in_progress": _l("In progress"),
    "paused": _l("Paused"),
    "completed": _l("Completed"),
    "cancelled": _l("Cancelled"),
}

# Countries where the network's members work, plus a few partners; ISO 3166-1 alpha-2.
COUNTRIES = {
    "AR": _l("Argentina"), "BO": _l("Bolivia"), "BR": _l("Brazil"), "CL": _l("Chile"),
    "CO": _l("Colombia"), "CR": _l("Costa Rica"), "CU": _l("Cuba"),
    "DO": _l("Dominican Republic"), "EC": _l("Ecuador"), "SV": _l("El Salvador"),
    "ES": _l("Spain"), "GT": _l("Guatemala"), "HN": _l("Honduras"), "MX": _l("Mexico"),
    "NI": _l("Nicaragua"), "PA": _l("Panama"), "PY": _l("Paraguay"), "PE": _l("Peru"),
    "PT": _l("Portugal"), "PR": _l("Puerto Rico"), "UY": _l("Uruguay"), "VE": _l("Venezuela"),
    "AD": _l("Andorra"), "AO": _l("Angola"), "MZ": _l("Mozambique"), "CV": _l("Cape Verde"),
}


def category_label(code: str) -> str:
    label = CATEGORIES.get(code)
    if label is None:
        return code
    group = GROUP_LABELS[code.split(".")[0]]
    return f"{group}: {label}"


def country_label(code: str | None) -> str:
    return str(COUNTRIES.get(code or "", code or ""))

