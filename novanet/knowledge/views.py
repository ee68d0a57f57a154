"""Good practices pages: catalogue, submission, review, detail, comments, adoptions, exports."""

import json

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from novanet.core.errors import DomainError, Forbidden, NotFound
from novanet.core.pagination import paginate
from novanet.extensions import db
from novanet.knowledge import attachments, catalogue, pdf, policy, services
from novanet.knowledge.forms import AdoptionForm, CommentForm, PracticeForm, ReviewForm
from novanet.knowledge.models import Practice
from novanet.knowledge.webforms import place_errors, summary

bp = Blueprint("knowledge", __name__, url_prefix="/knowledge")


def _filters():
    try:
        return catalogue.Filters.from_args(request.args), {}
    except DomainError as exc:
        return catalogue.Filters(q=(request.args.get("q") or "")[:200]), exc.fields


@bp.get("/")
def index():
    """The public catalogue of published practices with facets, search and exports."""
    filters, filter_errors = _filters()
    stmt = catalogue.published(filters).options(selectinload(Practice.author))
    page = paginate(stmt, [Practice.published_at, Practice.id], session=db.session,
                    limit=20, cursor=request.args.get("cursor"))
    return render_template("knowledge/index.html", page=page, filters=filters,
                           filter_errors=filter_errors, facets=catalogue.facets(filters),
                           export_args=filters.as_args()), (400 if filter_errors else 200)


@bp.get("/practices.csv")
def export_csv():
    """The catalogue (same filters) as CSV open data."""
    filters, errors = _filters()
    if errors:
        raise DomainError(fields=errors)
    body = catalogue.to_csv(catalogue.export_rows(filters))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=good-practices.csv"})


@bp.get("/practices.json")
def export_json():
    """The catalogue (same filters) as JSON open data."""
    filters, errors = _filters()
    if errors:
        raise DomainError(fields=errors)
    rows = catalogue.export_rows(filters)
    body = json.dumps({"filters": filters.as_args(), "count": len(rows), "practices": rows},
                      ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": "attachment; filename=good-practices.json"})


@bp.get("/mine")
@login_required
def mine():
    """The practices I submitted, whatever their state."""
    return render_template("knowledge/mine.html", practices=catalogue.mine(current_user))


@bp.get("/review")
@login_required
def review_queue():
    """Submissions waiting for a moderator."""
    if not policy.is_moderator(current_user):
        raise Forbidden()
    return render_template("knowledge/review_queue.html",
                           practices=catalogue.review_queue(current_user))


def _files():
    return [(f.filename, f.read()) for f in request.files.getlist("attachments")
            if f and f.filename]


def _form_page(form, practice=None):
    status = 400 if (summary(form) or form.form_errors) else 200
    return render_template("knowledge/practice_form.html", form=form, practice=practice,
                           errors=summary(form)), status


@bp.route("/practices/new", methods=["GET", "POST"])
@login_required
def new_practice():
    """Submit a good practice; errors are shown beside their fields and nothing is stored."""
    if not policy.can_submit_practice(current_user):
        raise Forbidden()
    form = PracticeForm()
    if request.method == "GET":
        form.administration.data = current_user.organisation
        form.level.data = current_user.level if current_user.level in ("local", "regional",
                                                                        "national") else ""
        form.country.data = current_user.country or ""
    if form.is_submitted():
        if "more_indicators" in request.form:
            form.indicators.append_entry()
            return _form_page(form)
        if form.validate():
            try:
                practice = services.create_practice(
                    current_user, form.service_data(), _files(),
                    submit="send_review" in request.form)
            except DomainError as exc:
                place_errors(form, exc)
            else:
                flash(_("Your practice was sent for review.") if practice.status == "submitted"
                      else _("Your draft was saved."), "success")
                return redirect(url_for("knowledge.practice", practice_id=practice.id))
    return _form_page(form)


@bp.route("/practices/<int:practice_id>/edit", methods=["GET", "POST"])
@login_required
def edit_practice(practice_id: int):
    practice = services.get_practice(practice_id, current_user)
    if not policy.can_edit_practice(current_user, practice):
        raise Forbidden()
    form = PracticeForm(obj=None if request.method == "POST" else practice)
    if request.method == "GET":
        form.tags.data = ", ".join(practice.tags or [])
        form.links.data = "\n".join(practice.links or [])
        form.budget.data = f"{practice.budget:f}" if practice.budget is not None else ""
        for attr in ("start_date", "end_date"):
            value = getattr(practice, attr)
            getattr(form, attr).data = value.isoformat() if value else ""
        while len(form.indicators.entries):
            form.indicators.pop_entry()
        for row in practice.indicators:
            form.indicators.append_entry({"name": row.name, "value": f"{row.value:g}",
                                          "unit": row.unit, "measured_on":
                                          row.measured_on.isoformat() if row.measured_on else ""})
        while len(form.indicators.entries) < 3:
            form.indicators.append_entry()
    if form.is_submitted():
        if "more_indicators" in request.form:
            form.indicators.append_entry()
            return _form_page(form, practice)
        if form.validate():
            removing = [int(x) for x in request.form.getlist("remove_attachment") if x.isdigit()]
            try:
                services.update_practice(current_user, practice, form.service_data(), _files(),
                                         removing)
                if "send_review" in request.form and policy.can_send_for_review(current_user,
                                                                                practice):
                    services.submit_practice(current_user, practice)
            except DomainError as exc:
                db.session.rollback()
                place_errors(form, exc)
            else:
                flash(_("Your changes were saved."), "success")
                return redirect(url_for("knowledge.practice", practice_id=practice.id))
    return _form_page(form, practice)


@bp.get("/practices/<int:practice_id>")
def practice(practice_id: int):
    """A practice with its indicators, documents, adoptions, comments and similar ones."""
    item = services.get_practice(practice_id, current_user)
    show_history = policy.is_author(current_user, item) or policy.is_moderator(current_user)
    adoption_form = AdoptionForm()
    if current_user.is_authenticated:
        adoption_form.administration.data = current_user.organisation
        adoption_form.country.data = current_user.country or ""
        adoption_form.level.data = current_user.level or ""
    return render_template(
        "knowledge/practice.html", practice=item, comments=services.list_comments(item),
        adoptions=services.list_adoptions(item),
        similar=catalogue.similar(item) if item.is_published else [],
        history=services.review_history(item) if show_history else [],
        comment_form=CommentForm(), review_form=ReviewForm(), adoption_form=adoption_form)


@bp.post("/practices/<int:practice_id>/submit")
@login_required
def submit(practice_id: int):
    item = services.get_practice(practice_id, current_user)
    services.submit_practice(current_user, item)
    flash(_("Your practice was sent for review."), "success")
    return redirect(url_for("knowledge.practice", practice_id=item.id))


@bp.post("/practices/<int:practice_id>/review")
@login_required
def review(practice_id: int):
    """Publish, ask for changes or reject (moderators)."""
    item = services.get_practice(practice_id, current_user)
    form = ReviewForm()
    if form.validate_on_submit():
        try:
            services.review_practice(current_user, item, form.action.data or "",
                                     form.message.data or "")
        except DomainError as exc:
            if exc.status in (403, 409):
                raise
            place_errors(form, exc)
        else:
            flash(_("Your decision was recorded and the author notified."), "success")
            return redirect(url_for("knowledge.practice", practice_id=item.id))
    return render_template("knowledge/review.html", practice=item, form=form,
                           errors=summary(form)), 400


@bp.post("/practices/<int:practice_id>/delete")
@login_required
def delete(practice_id: int):
    item = services.get_practice(practice_id, current_user)
    services.delete_practice(current_user, item)
    flash(_("The practice was deleted."), "success")
    return redirect(url_for("knowledge.mine"))


@bp.post("/practices/<int:practice_id>/comments")
@login_required
def comment(practice_id: int):
    item = services.get_practice(practice_id, current_user)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            created = services.add_comment(current_user, item, form.body.data)
        except DomainError as exc:
            if exc.status == 403:
                raise
            place_errors(form, exc)
        else:
            return redirect(url_for("knowledge.practice", practice_id=item.id,
                                    _anchor=f"comment-{created.id}"))
    return render_template("knowledge/comment_error.html", practice=item, form=form,
                           errors=summary(form)), 400


@bp.route("/practices/<int:practice_id>/adopt", methods=["GET", "POST"])
@login_required
def adopt(practice_id: int):
    """“We adopted this too”: another administration tells its own result."""
    item = services.get_practice(practice_id, current_user)
    if not policy.can_adopt(current_user, item):
        raise Forbidden()
    form = AdoptionForm()
    if request.method == "GET":
        form.administration.data = current_user.organisation
        form.country.data = current_user.country or ""
        form.level.data = current_user.level or ""
    if form.validate_on_submit():
        data = {k: getattr(form, k).data for k in ("administration", "level", "country",
                                                    "adopted_on", "result")}
        try:
            services.add_adoption(current_user, item, data)
        except DomainError as exc:
            if exc.status == 403:
                raise
            place_errors(form, exc)
        else:
            flash(_("Thank you: your adoption is recorded."), "success")
            return redirect(url_for("knowledge.practice", practice_id=item.id,
                                    _anchor="adoptions"))
    errors = summary(form)
    return render_template("knowledge/adopt.html", practice=item, form=form,
                           errors=errors), (400 if errors or form.form_errors else 200)


@bp.get("/practices/<int:practice_id>/print")
def print_view(practice_id: int):
    """A printable page (print stylesheet) of the practice."""
    item = services.get_practice(practice_id, current_user)
    return render_template("knowledge/print.html", practice=item,
                           adoptions=services.list_adoptions(item))


@bp.get("/practices/<int:practice_id>.pdf")
def practice_pdf(practice_id: int):
    item = services.get_practice(practice_id, current_user)
    body = pdf.practice_pdf(item, services.list_adoptions(item))
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f"inline; filename=practice-{item.id}.pdf"})


@bp.get("/practices/<int:practice_id>/attachments/<int:attachment_id>")
def attachment(practice_id: int, attachment_id: int):
    """A PDF document, with the visibility of its practice."""
    item = services.get_practice(practice_id, current_user)
    found = next((a for a in item.attachments if a.id == attachment_id), None)
    if found is None:
        raise NotFound()
    return attachments.send(found.key, found.filename)
