"""Modernization projects pages: list, registration, indicators, quarterly values, dashboards."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from novanet.core.errors import DomainError, Forbidden, NotFound
from novanet.core.pagination import paginate
from novanet.extensions import db
from novanet.knowledge import charts, dashboards, policy, projects
from novanet.knowledge.forms import EditorForm, IndicatorForm, ProjectForm, ValueForm
from novanet.knowledge.models import Project
from novanet.knowledge.views import bp
from novanet.knowledge.vocab import PROJECT_STATUSES
from novanet.knowledge.webforms import place_errors, summary


@bp.get("/projects")
def project_list():
    """Registered projects, filtered by administration, status or strategy line."""
    status = request.args.get("status") or None
    status = status if status in PROJECT_STATUSES else None
    stmt = projects.projects_query(administration=request.args.get("administration") or None,
                                   status=status,
                                   strategy_line=request.args.get("strategy_line") or None,
                                   q=request.args.get("q", "")[:200])
    page = paginate(stmt, [Project.id], session=db.session, limit=30,
                    cursor=request.args.get("cursor"))
    return render_template("knowledge/projects.html", page=page, status=status,
                           administrations=dashboards.administrations())


def _project_form_page(form, project=None):
    errors = summary(form)
    return render_template("knowledge/project_form.html", form=form, project=project,
                           errors=errors), (400 if errors or form.form_errors else 200)


@bp.route("/projects/new", methods=["GET", "POST"])
@login_required
def new_project():
    if not policy.can_register_project(current_user):
        raise Forbidden()
    form = ProjectForm()
    if request.method == "GET":
        form.administration.data = current_user.organisation
        form.country.data = current_user.country or ""
        form.liaison_officer.data = current_user.display_name
    if form.is_submitted():
        if "more_milestones" in request.form:
            form.milestones.append_entry()
            return _project_form_page(form)
        if form.validate():
            try:
                project = projects.create_project(current_user, form.service_data())
            except DomainError as exc:
                place_errors(form, exc)
            else:
                flash(_("The project is registered. Add its indicators next."), "success")
                return redirect(url_for("knowledge.project", project_id=project.id))
    return _project_form_page(form)


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@login_required
def edit_project(project_id: int):
    project = projects.get_project(project_id)
    if not policy.can_edit_project(current_user, project):
        raise Forbidden()
    form = ProjectForm(obj=None if request.method == "POST" else project)
    if request.method == "GET":
        for attr in ("start_date", "end_date"):
            value = getattr(project, attr)
            getattr(form, attr).data = value.isoformat() if value else ""
        while len(form.milestones.entries):
            form.milestones.pop_entry()
        for m in project.milestones:
            form.milestones.append_entry({"title": m.title, "done": m.done, "due_on":
                                          m.due_on.isoformat() if m.due_on else ""})
        while len(form.milestones.entries) < 3:
            form.milestones.append_entry()
    if form.is_submitted():
        if "more_milestones" in request.form:
            form.milestones.append_entry()
            return _project_form_page(form, project)
        if form.validate():
            try:
                projects.update_project(current_user, project, form.service_data())
            except DomainError as exc:
                db.session.rollback()
                place_errors(form, exc)
            else:
                flash(_("Your changes were saved."), "success")
                return redirect(url_for("knowledge.project", project_id=project.id))
    return _project_form_page(form, project)


def _project_page(project, indicator_form=None, value_forms=None, editor_form=None,
                  status=200):
    indicators = list(project.indicators)
    value_forms = value_forms or {}
    trends = []
    by_indicator = projects.values_by_indicator(project)
    for indicator in indicators:
        values = by_indicator[indicator.id]
        points = [(dashboards.quarter_label(v.year, v.quarter), v.value) for v in values]
        chart = charts.line_chart(
            points, title=_("%(name)s by quarter", name=indicator.name),
            desc=_("Values of %(name)s reported for %(n)s quarters.", name=indicator.name,
                   n=len(points)), y_label=indicator.unit, x_label=_("Quarter"),
            target=indicator.target, target_label=_("Target")) if points else None
        trends.append((indicator, values, chart))
        value_forms.setdefault(indicator.id, ValueForm(prefix=f"v{indicator.id}"))
    return render_template(
        "knowledge/project.html", project=project, trends=trends,
        indicator_form=indicator_form or IndicatorForm(prefix="ind"), value_forms=value_forms,
        editor_form=editor_form or EditorForm(prefix="ed"),
        look_alike=dashboards.look_alike(project)), status


@bp.get("/projects/<int:project_id>")
def project(project_id: int):
    """A project: facts, milestones, indicators with their charts and tables, lessons."""
    return _project_page(projects.get_project(project_id))


@bp.post("/projects/<int:project_id>/indicators")
@login_required
def add_indicator(project_id: int):
    project = projects.get_project(project_id)
    form = IndicatorForm(prefix="ind")
    if form.validate_on_submit():
        try:
            projects.add_indicator(current_user, project, {
                "name": form.name.data, "unit": form.unit.data, "target": form.target.data})
        except DomainError as exc:
            if exc.status == 403:
                raise
            place_errors(form, exc)
        else:
            flash(_("Indicator added."), "success")
            return redirect(url_for("knowledge.project", project_id=project.id,
                                    _anchor="indicators"))
    return _project_page(project, indicator_form=form, status=400)


@bp.post("/projects/<int:project_id>/indicators/<int:indicator_id>/values")
@login_required
def report_value(project_id: int, indicator_id: int):
    """Report the value of a quarter; a second report needs the explicit replace box."""
    project = projects.get_project(project_id)
    indicator = projects.get_indicator(project, indicator_id)
    form = ValueForm(prefix=f"v{indicator.id}")
    if form.validate_on_submit():
        try:
            _row, created = projects.report_value(current_user, indicator, {
                "year": form.year.data, "quarter": form.quarter.data, "value": form.value.data,
                "note": form.note.data}, replace=bool(form.replace.data))
        except DomainError as exc:
            if exc.status == 403:
                raise
            place_errors(form, exc)
            if exc.status == 409:
                form.form_errors.append(str(exc.message))
        else:
            flash(_("Value recorded.") if created else _("Value updated."), "success")
            return redirect(url_for("knowledge.project", project_id=project.id,
                                    _anchor=f"indicator-{indicator.id}"))
    return _project_page(project, value_forms={indicator.id: form},
                         status=409 if form.form_errors else 400)


@bp.post("/projects/<int:project_id>/editors")
@login_required
def add_editor(project_id: int):
    project = projects.get_project(project_id)
    form = EditorForm(prefix="ed")
    if form.validate_on_submit():
        try:
            person = projects.add_editor(current_user, project, form.username.data)
        except DomainError as exc:
            if exc.status == 403:
                raise
            place_errors(form, exc)
        else:
            flash(_("%(name)s can now edit this project.", name=person.display_name), "success")
            return redirect(url_for("knowledge.project", project_id=project.id,
                                    _anchor="editors"))
    return _project_page(project, editor_form=form, status=400)


@bp.post("/projects/<int:project_id>/editors/<int:user_id>/remove")
@login_required
def remove_editor(project_id: int, user_id: int):
    project = projects.get_project(project_id)
    projects.remove_editor(current_user, project, user_id)
    flash(_("Editor removed."), "success")
    return redirect(url_for("knowledge.project", project_id=project.id, _anchor="editors"))


@bp.get("/dashboard")
def dashboard():
    """Overall or per-administration figures: charts with their data tables."""
    administration = request.args.get("administration") or None
    known = dashboards.administrations()
    if administration and administration not in {name for name, _c, _n in known}:
        raise NotFound()
    data = dashboards.build(administration)
    scope = administration or _("all administrations")
    strategy_chart = charts.bar_chart(
        data.by_strategy, title=_("Projects by strategy line"),
        desc=_("Number of projects in each strategy line, %(scope)s.", scope=scope),
        axis_label=_("Projects")) if data.by_strategy else None
    status_chart = charts.bar_chart(
        [(label, n) for _code, label, n in data.by_status], title=_("Projects by status"),
        desc=_("Number of projects in each status, %(scope)s.", scope=scope),
        axis_label=_("Projects")) if data.total else None
    activity_chart = charts.line_chart(
        data.activity, title=_("Indicator values reported per quarter"),
        desc=_("How many indicator values were reported in each quarter, %(scope)s.",
               scope=scope), y_label=_("Values reported"),
        x_label=_("Quarter")) if data.activity else None
    trend_charts = [(trend, charts.line_chart(
        trend.points, title=_("%(name)s by quarter", name=trend.indicator.name),
        desc=_("%(project)s: values of %(name)s in %(n)s quarters.",
               project=trend.indicator.project.title, name=trend.indicator.name,
               n=len(trend.points)), y_label=trend.indicator.unit, x_label=_("Quarter"),
        target=trend.indicator.target, target_label=_("Target"))) for trend in data.trends]
    return render_template(
        "knowledge/dashboard.html", data=data, administrations=known,
        strategy_chart=strategy_chart, status_chart=status_chart,
        activity_chart=activity_chart, trend_charts=trend_charts,
        pairs=dashboards.look_alike_across(administration))
