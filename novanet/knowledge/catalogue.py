"""The public catalogue: filters, facet counts, search, similar practices and open-data exports.

One filter function serves the HTML list, the API and the CSV/JSON exports, so an export holds
exactly what the reader was looking at, never more than they may see.
"""

import csv
import io
from dataclasses import dataclass, field

from sqlalchemy import func, select

from novanet.core import markup
from novanet.core.errors import Invalid
from novanet.extensions import db
from novanet.knowledge import policy
from novanet.knowledge.models import Practice
from novanet.knowledge.text import fold, like_terms, words
from novanet.knowledge.vocab import CATEGORIES, COUNTRIES, LEVELS, category_label, country_label

EXPORT_LIMIT = 5000
FACETS = ("category", "country", "level", "year")


@dataclass
class Filters:
    category: str | None = None
    country: str | None = None
    level: str | None = None
    year: int | None = None
    q: str = ""
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_args(cls, args) -> "Filters":
        """Read filters from a query string; unknown codes are an Invalid naming the field."""
        from flask_babel import lazy_gettext as _l

        errors = {}
        category = (args.get("category") or "").strip() or None
        if category and category not in CATEGORIES:
            errors["category"] = _l("Choose a category from the list.")
        country = (args.get("country") or "").strip().upper() or None
        if country and country not in COUNTRIES:
            errors["country"] = _l("Choose a country from the list.")
        level = (args.get("level") or "").strip() or None
        if level and level not in LEVELS:
            errors["level"] = _l("Choose local, regional or national.")
        year = None
        raw_year = (str(args.get("year") or "")).strip()
        if raw_year:
            if raw_year.isdigit() and 1900 <= int(raw_year) <= 2200:
                year = int(raw_year)
            else:
                errors["year"] = _l("Enter a year such as 2025.")
        if errors:
            raise Invalid(fields=errors)
        q = (args.get("q") or "").strip()[:200]
        return cls(category, country, level, year, q)

    def conditions(self, skip: str | None = None) -> list:
        found = []
        for name in FACETS:
            value = getattr(self, name)
            if value is not None and name != skip:
                found.append(getattr(Practice, name) == value)
        for term in like_terms(self.q):
            found.append(Practice.search_text.like(term, escape="\\"))
        return found

    def as_args(self) -> dict:
        return {k: v for k, v in (("category", self.category), ("country", self.country),
                                  ("level", self.level), ("year", self.year), ("q", self.q))
                if v}


def published(filters: Filters, skip: str | None = None):
    return select(Practice).where(Practice.status == "published", *filters.conditions(skip))


def facets(filters: Filters) -> dict[str, list[tuple]]:
    """For each facet, (value, label, count) over the practices matching the other filters."""
    result = {}
    for name in FACETS:
        column = getattr(Practice, name)
        stmt = (select(column, func.count()).where(Practice.status == "published",
                                                   *filters.conditions(skip=name))
                .group_by(column))
        rows = [(value, count) for value, count in db.session.execute(stmt) if value is not None]
        labelled = [(value, _label(name, value), count) for value, count in rows]
        if name == "year":
            labelled.sort(key=lambda row: -row[0])
        else:
            labelled.sort(key=lambda row: (-row[2], str(row[1])))
        result[name] = labelled
    return result


def _label(name: str, value) -> str:
    if name == "category":
        return category_label(value)
    if name == "country":
        return country_label(value)
    if name == "level":
        return str(LEVELS.get(value, value))
    return str(value)


def similar(practice: Practice, limit: int = 5) -> list[Practice]:
    """Published practices sharing the category, tags or significant words, best first."""
    mine_words = words(f"{practice.title} {practice.objectives}")
    mine_tags = set(practice.tags or [])
    rows = db.session.execute(
        select(Practice.id, Practice.category, Practice.tags, Practice.title, Practice.objectives)
        .where(Practice.status == "published", Practice.id != practice.id)
        .order_by(Practice.published_at.desc()).limit(400)).all()
    scored = []
    for row in rows:
        score = 3 if row.category == practice.category else 0
        score += 2 * len(mine_tags & set(row.tags or []))
        score += min(5, len(mine_words & words(f"{row.title} {row.objectives}")))
        if score >= 2:
            scored.append((score, row.id))
    scored.sort(key=lambda pair: (-pair[0], -pair[1]))
    ids = [pid for _, pid in scored[:limit]]
    if not ids:
        return []
    found = {p.id: p for p in db.session.scalars(select(Practice).where(Practice.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def mine(user) -> list[Practice]:
    return list(db.session.scalars(select(Practice).where(Practice.author_id == user.id)
                                   .order_by(Practice.updated_at.desc()).limit(200)))


def review_queue(user) -> list[Practice]:
    if not policy.is_moderator(user):
        return []
    return list(db.session.scalars(select(Practice).where(Practice.status == "submitted")
                                   .order_by(Practice.submitted_at).limit(200)))


def export_rows(filters: Filters) -> list[dict]:
    """Published practices matching the filters as open-data records (newest first)."""
    from flask import url_for

    stmt = published(filters).order_by(Practice.published_at.desc(), Practice.id.desc())
    rows = []
    for p in db.session.scalars(stmt.limit(EXPORT_LIMIT)):
        rows.append({
            "id": p.id,
            "url": url_for("knowledge.practice", practice_id=p.id, _external=True),
            "title": p.title,
            "administration": p.administration,
            "level": p.level,
            "country": p.country,
            "category": p.category,
            "category_label": category_label(p.category),
            "department": p.department,
            "responsible_person": p.responsible_person,
            "objectives": p.objectives,
            "target_group": p.target_group,
            "description": markup.plain_text(p.description),
            "resources": p.resources,
            "budget": float(p.budget) if p.budget is not None else None,
            "currency": p.currency,
            "funding_source": p.funding_source,
            "start_date": p.start_date.isoformat() if p.start_date else None,
            "end_date": p.end_date.isoformat() if p.end_date else None,
            "year": p.year,
            "tags": list(p.tags or []),
            "links": list(p.links or []),
            "indicators": [{"name": i.name, "value": i.value, "unit": i.unit,
                            "date": i.measured_on.isoformat() if i.measured_on else None}
                           for i in p.indicators],
            "adoptions": p.adoption_count,
            "published_at": p.published_at.isoformat() if p.published_at else None,
        })
    return rows


CSV_COLUMNS = ("id", "url", "title", "administration", "level", "country", "category",
               "category_label", "department", "responsible_person", "objectives", "target_group",
               "description", "resources", "budget", "currency", "funding_source", "start_date",
               "end_date", "year", "tags", "links", "indicators", "adoptions", "published_at")


def _cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    # Spreadsheets run cells that start like a formula; open data must not carry that.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        flat = dict(row)
        flat["tags"] = "; ".join(row["tags"])
        flat["links"] = " ".join(row["links"])
        flat["indicators"] = "; ".join(
            f"{i['name']}={i['value']:g}{(' ' + i['unit']) if i['unit'] else ''}"
            f"{(' @' + i['date']) if i['date'] else ''}" for i in row["indicators"])
        writer.writerow([_cell(flat[c]) for c in CSV_COLUMNS])
    return "\ufeff" + out.getvalue()  # the BOM lets spreadsheet programs read UTF-8 accents


def search_words(query: str) -> str:
    return fold(query)
