"""Site administration (administrators only): members, groups, reports and the audit log.

Everyone else gets a 404, as if the area did not exist: the address reveals nothing and there
is nothing a non-administrator could do there anyway.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from novanet.accounts.models import User
from novanet.core.errors import DomainError
from novanet.core.pagination import clamp_limit, paginate
from novanet.extensions import db
from novanet.groups import policy
from novanet.groups.models import Group
from novanet.groups.services import escape_like
from novanet.moderation import audit, services
from novanet.moderation.forms import SuspendForm
from novanet.moderation.models import AuditEntry, Report

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def administrators_only():
    if not policy.can_administer(current_user):
        abort(404)


def _trail(label):
    return [(url_for("admin.index"), _("Administration")), (None, label)]


@bp.route("/")
def index():
    """Overview with the numbers that need attention."""
    counts = {
        "reports": db.session.scalar(select(func.count()).where(Report.status == "open")),
        "suspended": db.session.scalar(select(func.count()).where(User.suspended_at.isnot(None))),
        "members": db.session.scalar(select(func.count()).select_from(User)),
        "groups": db.session.scalar(select(func.count()).select_from(Group)),
    }
    return render_template("moderation/admin/index.html", counts=counts)


@bp.route("/members")
def members():
    """Find members (suspended ones included) to suspend or reinstate."""
    q = (request.args.get("q") or "").strip()[:100]
    only = request.args.get("suspended") == "1"
    stmt = select(User)
    if q:
        pattern = f"%{escape_like(q)}%"
        stmt = stmt.where(User.display_name.ilike(pattern, escape="\\")
                          | User.username.ilike(pattern, escape="\\")
                          | User.email.ilike(pattern, escape="\\"))
    if only:
        stmt = stmt.where(User.suspended_at.isnot(None))
    page = paginate(stmt, [User.id], session=db.session,
                    limit=clamp_limit(request.args.get("limit"), 30),
                    cursor=request.args.get("cursor"))
    return render_template("moderation/admin/members.html", page=page, q=q, only=only,
                           form=SuspendForm(), breadcrumbs=_trail(_("Members")))


@bp.route("/members/<username>/<any(suspend, reinstate):what>", methods=["POST"])
def suspension(username: str, what: str):
    """Suspend or reinstate one account, with a reason for the audit log."""
    user = db.session.scalar(select(User).where(User.username == username.lower()))
    if user is None:
        abort(404)
    form = SuspendForm()
    try:
        if what == "suspend":
            services.suspend(current_user, user, form.reason.data or "")
            flash(_("%(name)s is suspended and has been logged out.", name=user.display_name),
                  "success")
        else:
            services.reinstate(current_user, user, form.reason.data or "")
            flash(_("%(name)s can log in again.", name=user.display_name), "success")
    except DomainError as exc:
        flash(" ".join(exc.fields.values()) or str(exc.message), "error")
        return members(), exc.status if exc.status != 422 else 400
    return redirect(url_for("admin.members", q=username))


@bp.route("/groups")
def groups():
    """Every group, secret ones included, largest first."""
    q = (request.args.get("q") or "").strip()[:100]
    stmt = select(Group)
    if q:
        stmt = stmt.where(Group.name.ilike(f"%{escape_like(q)}%", escape="\\"))
    page = paginate(stmt, [Group.member_count, Group.id], session=db.session,
                    limit=clamp_limit(request.args.get("limit"), 30),
                    cursor=request.args.get("cursor"))
    return render_template("moderation/admin/groups.html", page=page, q=q,
                           breadcrumbs=_trail(_("Groups")))


@bp.route("/reports")
def reports():
    """All reports, open ones first by default."""
    status = request.args.get("status") if request.args.get("status") in ("open", "closed") \
        else "open"
    page = services.queue(current_user, status=status,
                          limit=clamp_limit(request.args.get("limit")),
                          cursor=request.args.get("cursor"))
    return render_template("moderation/queue.html", group=None, page=page, status=status,
                           breadcrumbs=_trail(_("Reports")))


@bp.route("/audit")
def audit_log():
    """Every moderator and administrator action, newest first."""
    page = paginate(audit.entries_for(current_user), [AuditEntry.id], session=db.session,
                    limit=clamp_limit(request.args.get("limit"), 50),
                    cursor=request.args.get("cursor"))
    return render_template("moderation/audit.html", group=None, page=page,
                           breadcrumbs=_trail(_("Audit log")))
