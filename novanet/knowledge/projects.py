"""Modernization projects: registration, editors, milestones, indicators and quarterly values.

A project's indicator has at most one value per quarter (a unique key guards it even under
concurrent reports): a second report for the same quarter is a Conflict unless the caller says
it is an update, in which case the value is replaced and the change recorded.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from novanet.accounts.models import User
from novanet.core import markup
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.extensions import db
from novanet.knowledge import policy
from novanet.knowledge import validation as v
from novanet.knowledge.models import (
    IndicatorValue,
    Milestone,
    Project,
    ProjectEditor,
    ProjectIndicator,
)
from novanet.knowledge.text import fold
from novanet.knowledge.vocab import COUNTRIES, PROJECT_STATUSES

MAX_MILESTONES = 30


def get_project(project_id: int) -> Project:
    project = db.session.get(Project, project_id)
    if project is None:
        raise NotFound()
    return project


def get_indicator(project: Project, indicator_id: int) -> ProjectIndicator:
    indicator = db.session.get(ProjectIndicator, indicator_id)
    if indicator is None or indicator.project_id != project.id:
        raise NotFound()
    return indicator


def clean_project(data: dict) -> tuple[dict, list[dict] | None]:
    errors = v.Errors()
    out = {
        "title": v.text(data, "title", errors, max_len=200, required=True),
        "administration": v.text(data, "administration", errors, max_len=200, required=True),
        "country": v.choice(data, "country", COUNTRIES, errors,
                            message=_l("Choose a country from the list.")),
        "strategy_line": v.text(data, "strategy_line", errors, max_len=120, required=True),
        "agency": v.text(data, "agency", errors, max_len=200, required=True),
        "liaison_officer": v.text(data, "liaison_officer", errors, max_len=200),
        "status": v.choice(data, "status", PROJECT_STATUSES, errors,
                           message=_l("Choose a status from the list.")),
        "start_date": v.day(data.get("start_date"), "start_date", errors),
        "end_date": v.day(data.get("end_date"), "end_date", errors),
        "description": v.text(data, "description", errors, max_len=20_000),
        "lessons_learned": v.text(data, "lessons_learned", errors, max_len=20_000),
        "success_stories": v.text(data, "success_stories", errors, max_len=20_000),
    }
    v.date_range(out["start_date"], out["end_date"], errors)
    milestones = None
    if "milestones" in data:
        milestones = _clean_milestones(data.get("milestones") or [], errors)
    if errors:
        raise Invalid(fields=errors)
    return out, milestones


def _clean_milestones(rows, errors: v.Errors) -> list[dict]:
    if not isinstance(rows, list):
        errors.add("milestones", _l("Send a list of milestones."))
        return []
    clean = []
    for i, row in enumerate(rows):
        row = row if isinstance(row, dict) else {}
        title = str(row.get("title") or "").strip()
        if not title and not row.get("due_on"):
            continue
        if not title:
            errors.add(f"milestones.{i}.title", _l("Give the milestone a name."))
        elif len(title) > 200:
            errors.add(f"milestones.{i}.title", _l("Use at most %(n)s characters.", n=200))
        due = v.day(row.get("due_on"), f"milestones.{i}.due_on", errors)
        clean.append({"title": title, "due_on": due, "done": bool(row.get("done")),
                      "position": len(clean)})
    if len(clean) > MAX_MILESTONES:
        errors.add("milestones", _l("Add at most %(n)s milestones.", n=MAX_MILESTONES))
    return clean


def _apply(project: Project, columns: dict, milestones: list[dict] | None) -> None:
    for key, value in columns.items():
        setattr(project, key, value)
    project.description_html = markup.render(project.description)
    project.lessons_learned_html = markup.render(project.lessons_learned)
    project.success_stories_html = markup.render(project.success_stories)
    if milestones is not None:
        project.milestones = [Milestone(**row) for row in milestones]
    project.search_text = fold(" ".join([project.title, project.strategy_line, project.agency,
                                         project.administration,
                                         markup.plain_text(project.description)]))
    project.updated_at = utcnow()


def create_project(user: User, data: dict) -> Project:
    """Register a project; its creator may edit it and add editors."""
    if not policy.can_register_project(user):
        raise Forbidden()
    columns, milestones = clean_project(data)
    project = Project(created_by_id=user.id)
    _apply(project, columns, milestones or [])
    db.session.add(project)
    db.session.commit()
    return project


def update_project(user: User, project: Project, data: dict) -> Project:
    if not policy.can_edit_project(user, project):
        raise Forbidden()
    current = {c: getattr(project, c) for c in (
        "title", "administration", "country", "strategy_line", "agency", "liaison_officer",
        "status", "start_date", "end_date", "description", "lessons_learned", "success_stories")}
    merged = {**current, **data}
    columns, milestones = clean_project(merged)
    _apply(project, columns, milestones)
    db.session.commit()
    return project


def add_editor(user: User, project: Project, username: str) -> User:
    if not policy.can_manage_editors(user, project):
        raise Forbidden()
    name = (username or "").strip().lstrip("@").lower()
    person = db.session.scalar(select(User).where(User.username == name)) if name else None
    if person is None:
        raise Invalid(fields={"username": _l("No member with that username.")})
    if person.id == project.created_by_id or any(e.user_id == person.id
                                                 for e in project.editors):
        raise Conflict(_l("That member can already edit this project."),
                       fields={"username": _l("Already an editor.")})
    project.editors.append(ProjectEditor(user_id=person.id))
    db.session.commit()
    return person


def remove_editor(user: User, project: Project, user_id: int) -> None:
    if not policy.can_manage_editors(user, project):
        raise Forbidden()
    for editor in list(project.editors):
        if editor.user_id == user_id:
            project.editors.remove(editor)
    db.session.commit()


def add_indicator(user: User, project: Project, data: dict) -> ProjectIndicator:
    if not policy.can_edit_project(user, project):
        raise Forbidden()
    errors = v.Errors()
    name = v.text(data, "name", errors, max_len=200, required=True)
    unit = v.text(data, "unit", errors, max_len=60)
    target = v.number(data.get("target"), "target", errors, required=False)
    if errors:
        raise Invalid(fields=errors)
    indicator = ProjectIndicator(project_id=project.id, name=name, unit=unit, target=target)
    db.session.add(indicator)
    db.session.commit()
    return indicator


def clean_period(data: dict, errors: v.Errors) -> tuple[int | None, int | None]:
    year = _whole(data.get("year"), "year", errors, 2000, 2100,
                  _l("Enter a year between 2000 and 2100."))
    quarter = _whole(data.get("quarter"), "quarter", errors, 1, 4,
                     _l("Choose a quarter from 1 to 4."))
    return year, quarter


def _whole(value, field, errors, low, high, message):
    if isinstance(value, bool):
        errors.add(field, message)
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        errors.add(field, message)
        return None
    if not low <= number <= high:
        errors.add(field, message)
        return None
    return number


def report_value(user: User, indicator: ProjectIndicator, data: dict,
                 replace: bool = False) -> tuple[IndicatorValue, bool]:
    """Record the value of a quarter; returns (value, created). Conflict if the quarter already
    has a value and replace is false."""
    if not policy.can_edit_project(user, indicator.project):
        raise Forbidden()
    errors = v.Errors()
    year, quarter = clean_period(data, errors)
    value = v.number(data.get("value"), "value", errors)
    note = v.text(data, "note", errors, max_len=500)
    if errors:
        raise Invalid(fields=errors)
    existing = db.session.scalar(select(IndicatorValue).where(
        IndicatorValue.indicator_id == indicator.id, IndicatorValue.year == year,
        IndicatorValue.quarter == quarter))
    if existing is not None:
        if not replace:
            raise _already_reported(existing)
        existing.value = value
        existing.note = note
        existing.reported_by_id = user.id
        existing.updated_at = utcnow()
        db.session.commit()
        return existing, False
    row = IndicatorValue(indicator_id=indicator.id, year=year, quarter=quarter, value=value,
                         note=note, reported_by_id=user.id)
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:
        # Someone reported the same quarter between our check and our insert.
        db.session.rollback()
        existing = db.session.scalar(select(IndicatorValue).where(
            IndicatorValue.indicator_id == indicator.id, IndicatorValue.year == year,
            IndicatorValue.quarter == quarter))
        raise _already_reported(existing) from None
    return row, True


def _already_reported(existing: IndicatorValue | None) -> Conflict:
    shown = f"{existing.value:g}" if existing is not None else "?"
    return Conflict(
        _l("This quarter already has a value (%(value)s). Tick “replace the value” to update it.",
           value=shown),
        fields={"quarter": _l("Already reported; confirm to replace it.")},
        code="already_reported")


def values_of(indicator: ProjectIndicator) -> list[IndicatorValue]:
    return list(db.session.scalars(select(IndicatorValue).where(
        IndicatorValue.indicator_id == indicator.id)
        .order_by(IndicatorValue.year, IndicatorValue.quarter)))


def projects_query(*, administration: str | None = None, status: str | None = None,
                   strategy_line: str | None = None, q: str = ""):
    from novanet.knowledge.text import like_terms

    stmt = select(Project)
    if administration:
        stmt = stmt.where(Project.administration == administration)
    if status:
        stmt = stmt.where(Project.status == status)
    if strategy_line:
        stmt = stmt.where(Project.strategy_line == strategy_line)
    for term in like_terms(q):
        stmt = stmt.where(Project.search_text.like(term, escape="\\"))
    return stmt


def values_by_indicator(project: Project) -> dict[int, list[IndicatorValue]]:
    """Every reported value of the project's indicators, in one query, oldest quarter first."""
    found: dict[int, list[IndicatorValue]] = {i.id: [] for i in project.indicators}
    if not found:
        return found
    for row in db.session.scalars(select(IndicatorValue).where(
            IndicatorValue.indicator_id.in_(list(found)))
            .order_by(IndicatorValue.year, IndicatorValue.quarter)):
        found[row.indicator_id].append(row)
    return found
