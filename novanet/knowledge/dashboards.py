"""Figures for the modernization dashboards (overall and per administration).

Each function runs a fixed number of aggregate queries whatever the number of projects, and
returns plain data; the views turn it into SVG charts and the tables beside them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select

from novanet.extensions import db
from novanet.knowledge.models import IndicatorValue, Project, ProjectIndicator
from novanet.knowledge.text import fold, words
from novanet.knowledge.vocab import PROJECT_STATUSES

MAX_TRENDS = 24


def quarter_label(year: int, quarter: int) -> str:
    return _("%(year)s Q%(quarter)s", year=year, quarter=quarter)


@dataclass
class Trend:
    indicator: ProjectIndicator
    points: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class Dashboard:
    administration: str | None
    total: int
    by_strategy: list[tuple[str, int]]
    by_status: list[tuple[str, str, int]]
    agencies: list[dict]
    trends: list[Trend]
    activity: list[tuple[str, int]]


def _scope(stmt, administration):
    return stmt.where(Project.administration == administration) if administration else stmt


def administrations() -> list[tuple[str, str, int]]:
    rows = db.session.execute(
        select(Project.administration, Project.country, func.count())
        .group_by(Project.administration, Project.country)
        .order_by(Project.administration)).all()
    return [(name, country, count) for name, country, count in rows]


def build(administration: str | None = None) -> Dashboard:
    total = db.session.scalar(_scope(select(func.count(Project.id)), administration)) or 0
    by_strategy = [(line, n) for line, n in db.session.execute(
        _scope(select(Project.strategy_line, func.count()), administration)
        .group_by(Project.strategy_line).order_by(func.count().desc(), Project.strategy_line))]
    status_counts = dict(db.session.execute(
        _scope(select(Project.status, func.count()), administration).group_by(Project.status))
        .all())
    by_status = [(code, str(label), status_counts.get(code, 0))
                 for code, label in PROJECT_STATUSES.items()]
    agencies = _agencies(administration)
    trends = _trends(administration)
    activity_rows = db.session.execute(
        _scope(select(IndicatorValue.year, IndicatorValue.quarter, func.count())
               .join(ProjectIndicator, ProjectIndicator.id == IndicatorValue.indicator_id)
               .join(Project, Project.id == ProjectIndicator.project_id), administration)
        .group_by(IndicatorValue.year, IndicatorValue.quarter)
        .order_by(IndicatorValue.year, IndicatorValue.quarter)).all()
    activity = [(quarter_label(y, q), n) for y, q, n in activity_rows]
    return Dashboard(administration, total, by_strategy, by_status, agencies, trends, activity)


def _agencies(administration) -> list[dict]:
    """Per agency: projects, projects under way, and projects that report indicator values."""
    reporting = (select(ProjectIndicator.project_id)
                 .join(IndicatorValue, IndicatorValue.indicator_id == ProjectIndicator.id)
                 .distinct())
    rows = db.session.execute(
        _scope(select(Project.agency, Project.administration, func.count(Project.id),
                      func.sum(_case(Project.status == "in_progress")),
                      func.sum(_case(Project.id.in_(reporting)))), administration)
        .group_by(Project.agency, Project.administration)
        .order_by(Project.administration, Project.agency)).all()
    return [{"agency": agency, "administration": admin, "projects": n,
             "in_progress": int(active or 0), "reporting": int(rep or 0)}
            for agency, admin, n, active, rep in rows]


def _case(condition):
    from sqlalchemy import case

    return case((condition, 1), else_=0)


def _trends(administration) -> list[Trend]:
    indicators = list(db.session.scalars(
        _scope(select(ProjectIndicator).join(Project, Project.id == ProjectIndicator.project_id),
               administration)
        .where(ProjectIndicator.id.in_(select(IndicatorValue.indicator_id)))
        .order_by(ProjectIndicator.id).limit(MAX_TRENDS)))
    if not indicators:
        return []
    ids = [i.id for i in indicators]
    series: dict[int, list] = defaultdict(list)
    for row in db.session.execute(
            select(IndicatorValue.indicator_id, IndicatorValue.year, IndicatorValue.quarter,
                   IndicatorValue.value)
            .where(IndicatorValue.indicator_id.in_(ids))
            .order_by(IndicatorValue.year, IndicatorValue.quarter)):
        series[row.indicator_id].append((quarter_label(row.year, row.quarter), row.value))
    projects = {p.id: p for p in db.session.scalars(
        select(Project).where(Project.id.in_({i.project_id for i in indicators})))}
    trends = []
    for indicator in indicators:
        indicator.project = projects[indicator.project_id]
        trends.append(Trend(indicator, series[indicator.id]))
    return trends


@dataclass
class _Sketch:
    id: int
    administration: str
    line: str
    words: set


def _sketches() -> list[_Sketch]:
    rows = db.session.execute(
        select(Project.id, Project.strategy_line, Project.title, Project.description,
               Project.administration).order_by(Project.id.desc()).limit(1000)).all()
    return [_Sketch(r.id, r.administration, fold(r.strategy_line),
                    words(f"{r.title} {r.description}")) for r in rows]


def _compare(a: _Sketch, b: _Sketch) -> tuple[int, list[str]]:
    reasons, score = [], 0
    if a.line == b.line:
        score += 3
        reasons.append(_("same strategy line"))
    shared = sorted(a.words & b.words)
    if shared:
        score += min(5, len(shared))
        reasons.append(_("shared words: %(words)s", words=", ".join(shared[:5])))
    if score >= 2 and a.administration != b.administration:
        score += 1  # the point is for teams in different administrations to meet
    return score, reasons


def _best(me: _Sketch, sketches: list[_Sketch], limit: int):
    scored = []
    for other in sketches:
        if other.id == me.id:
            continue
        score, reasons = _compare(me, other)
        if score >= 2:
            scored.append((score, other, reasons))
    scored.sort(key=lambda s: (-s[0], -s[1].id))
    return scored[:limit]


def _load(ids) -> dict[int, Project]:
    return {p.id: p for p in db.session.scalars(select(Project).where(Project.id.in_(ids)))}


def look_alike(project: Project, limit: int = 5) -> list[tuple[Project, list[str]]]:
    """Other projects sharing the strategy line or significant words, with the reasons."""
    me = _Sketch(project.id, project.administration, fold(project.strategy_line),
                 words(f"{project.title} {project.description}"))
    best = _best(me, _sketches(), limit)
    found = _load([o.id for _s, o, _r in best])
    return [(found[o.id], reasons) for _s, o, reasons in best if o.id in found]


def look_alike_across(administration: str | None, limit: int = 10):
    """Pairs of projects from different administrations that look alike (one query each for
    the sketches and the projects shown)."""
    sketches = _sketches()
    scope = [s for s in sketches if administration in (None, s.administration)][:100]
    pairs, seen = [], set()
    for me in scope:
        for _score, other, reasons in _best(me, sketches, 5):
            key = tuple(sorted((me.id, other.id)))
            if other.administration == me.administration or key in seen:
                continue
            seen.add(key)
            pairs.append((me.id, other.id, reasons))
            break
        if len(pairs) >= limit:
            break
    found = _load({i for a, b, _ in pairs for i in (a, b)})
    return [(found[a], found[b], r) for a, b, r in pairs if a in found and b in found]
