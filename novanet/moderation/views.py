"""Moderation pages: the report form, a group's report queue, a report with its actions, and a
group's audit log."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from novanet.core.errors import DomainError, Forbidden
from novanet.core.forms import apply_errors, render_form
from novanet.core.pagination import clamp_limit, paginate
from novanet.core.security import is_safe_redirect
from novanet.extensions import db
from novanet.groups import policy
from novanet.groups.models import Group
from novanet.groups.views import crumbs, load, login_first
from novanet.moderation import audit, registry, services
from novanet.moderation.forms import ReportForm, ResolveForm
from novanet.moderation.models import AuditEntry

bp = Blueprint("moderation", __name__)


@bp.route("/report/<kind>/<int:target_id>", methods=["GET", "POST"])
@login_required
def report(kind: str, target_id: int):
    """Tell the moderators what is wrong with a piece of content or a profile."""
    target, obj = services.load_target(kind, target_id, current_user)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            services.report(current_user, kind, target_id, form.reason.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Thank you. The moderators will look at your report and tell you what "
                    "they decided."), "success")
            back = target.url_of(obj)
            return redirect(back if is_safe_redirect(back) else url_for("pages.home"))
    return render_form("moderation/report.html", form, title=target.title_of(obj),
                       url=target.url_of(obj))


@bp.route("/groups/<slug>/reports")
def group_reports(slug: str):
    """The group's report queue (its moderators)."""
    group = load(slug)
    if (redirect_to := login_first()) is not None:
        return redirect_to
    if not policy.can_moderate(current_user, group):
        raise Forbidden()
    status = request.args.get("status") if request.args.get("status") in ("open", "closed") \
        else "open"
    page = services.queue(current_user, group=group, status=status,
                          limit=clamp_limit(request.args.get("limit")),
                          cursor=request.args.get("cursor"))
    return render_template("moderation/queue.html", group=group, page=page, status=status,
                           breadcrumbs=crumbs(group, (None, _("Reports"))))


@bp.route("/moderation/reports/<int:report_id>", methods=["GET", "POST"])
def report_detail(report_id: int):
    """One report with the actions the viewer may take."""
    if (redirect_to := login_first()) is not None:
        return redirect_to
    row = services.get_for(current_user, report_id)
    group = db.session.get(Group, row.group_id) if row.group_id else None
    target = registry.get(row.target_type)
    form = ResolveForm()
    if form.validate_on_submit():
        try:
            services.resolve(current_user, row, form.action.data, form.reason.data or "")
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Done. The reporter has been told the outcome."), "success")
            if group is not None:
                return redirect(url_for("moderation.group_reports", slug=group.slug))
            return redirect(url_for("admin.reports"))
    actions = list(target.actions) if target else ["dismiss"]
    if group is not None and row.author_id:
        actions.append("ban")
    if policy.is_admin(current_user) and row.author_id:
        actions.append("suspend")
    trail = (crumbs(group, (url_for("moderation.group_reports", slug=group.slug), _("Reports")),
                    (None, _("Report"))) if group is not None
             else [(url_for("admin.index"), _("Administration")),
                   (url_for("admin.reports"), _("Reports")), (None, _("Report"))])
    return render_form("moderation/report_detail.html", form, report=row, group=group,
                       actions=actions, breadcrumbs=trail)


@bp.route("/groups/<slug>/audit")
def group_audit(slug: str):
    """The group's audit log: every moderator action, newest first (moderators)."""
    group = load(slug)
    if (redirect_to := login_first()) is not None:
        return redirect_to
    if not policy.can_view_audit(current_user, group):
        raise Forbidden()
    page = paginate(audit.entries_for(current_user, group), [AuditEntry.id], session=db.session,
                    limit=clamp_limit(request.args.get("limit"), 50),
                    cursor=request.args.get("cursor"))
    return render_template("moderation/audit.html", group=group, page=page,
                           breadcrumbs=crumbs(group, (None, _("Audit log"))))
