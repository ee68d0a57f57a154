"""Moderation API: reporting, report queues and actions, the audit log, account suspension."""

from flask import Blueprint
from flask_login import current_user
from sqlalchemy import select

from novanet.api.schema import endpoint, page_of
from novanet.core.errors import Forbidden, NotFound
from novanet.core.pagination import paginate
from novanet.extensions import csrf, db
from novanet.groups import policy
from novanet.groups.models import Group
from novanet.groups.services import get_visible
from novanet.moderation import audit, services
from novanet.moderation.models import AuditEntry
from novanet.moderation.schemas import (
    AccountOut,
    ActionIn,
    AuditOut,
    AuditQuery,
    ReportIn,
    ReportOut,
    ReportQuery,
    SuspendIn,
)

bp = Blueprint("moderation_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
TAGS = ["moderation"]


def report_out(row, *, handler: bool) -> dict:
    group = db.session.get(Group, row.group_id) if row.group_id else None
    return {
        "id": row.id, "target_type": row.target_type, "target_id": row.target_id,
        "group": group.slug if group is not None else None, "title": row.title, "url": row.url,
        "reason": row.reason, "status": row.status, "resolution": row.resolution,
        "reporter": row.reporter.username if handler and row.reporter else None,
        "author": row.author.username if handler and row.author else None,
        "created_at": row.created_at, "resolved_at": row.resolved_at,
    }


def audit_out(entry) -> dict:
    return {"id": entry.id, "actor": entry.actor.username if entry.actor else None,
            "actor_name": entry.actor_name, "action": entry.action,
            "target_type": entry.target_type, "target_id": entry.target_id,
            "target_label": entry.target_label, "group_id": entry.group_id,
            "group_name": entry.group_name, "reason": entry.reason,
            "details": entry.details or {}, "created_at": entry.created_at}


@bp.post("/reports")
@endpoint("Report content or a profile to the moderators", tags=TAGS, body=ReportIn,
          response=ReportOut, status=201, errors=[404, 409])
def create_report(body: ReportIn):
    """What the caller cannot see answers 404, exactly like something that does not exist."""
    row = services.report(current_user, body.target_type, body.target_id, body.reason)
    return report_out(row, handler=False)


@bp.get("/reports")
@endpoint("Report queue: one group's (moderators) or all (administrators)", tags=TAGS,
          query=ReportQuery, response=page_of(ReportOut), errors=[403, 404])
def list_reports(query: ReportQuery):
    group = get_visible(current_user, query.group) if query.group else None
    page = services.queue(current_user, group=group, status=query.status, limit=query.limit,
                          cursor=query.cursor)
    return {"items": [report_out(r, handler=True) for r in page.items], "next": page.next}


@bp.get("/reports/<int:report_id>")
@endpoint("One report (its group's moderators and administrators)", tags=TAGS,
          response=ReportOut, errors=[404])
def get_report(report_id: int):
    return report_out(services.get_for(current_user, report_id), handler=True)


@bp.post("/reports/<int:report_id>/actions")
@endpoint("Act on a report: dismiss, hide, unhide, delete, ban (from the group) or suspend "
          "(administrators)", tags=TAGS, body=ActionIn, response=ReportOut,
          errors=[403, 404, 409])
def act(report_id: int, body: ActionIn):
    """The action, its audit entry and the report's outcome are stored together; the reporter
    is notified."""
    row = services.get_for(current_user, report_id)
    return report_out(services.resolve(current_user, row, body.action, body.reason),
                      handler=True)


@bp.get("/groups/<slug>/audit")
@endpoint("A group's audit log (its moderators and administrators)", tags=TAGS,
          query=AuditQuery, response=page_of(AuditOut), errors=[403, 404])
def group_audit(slug: str, query: AuditQuery):
    group = get_visible(current_user, slug)
    if not policy.can_view_audit(current_user, group):
        raise Forbidden()
    page = paginate(audit.entries_for(current_user, group), [AuditEntry.id], session=db.session,
                    limit=query.limit, cursor=query.cursor)
    return {"items": [audit_out(e) for e in page.items], "next": page.next}


@bp.get("/audit")
@endpoint("The whole audit log (administrators)", tags=TAGS, query=AuditQuery,
          response=page_of(AuditOut), errors=[403])
def site_audit(query: AuditQuery):
    if not policy.can_view_audit(current_user):
        raise Forbidden()
    page = paginate(audit.entries_for(current_user), [AuditEntry.id], session=db.session,
                    limit=query.limit, cursor=query.cursor)
    return {"items": [audit_out(e) for e in page.items], "next": page.next}


def _account(username: str):
    from novanet.accounts.models import User

    if not policy.can_administer(current_user):
        raise Forbidden()
    user = db.session.scalar(select(User).where(User.username == username.lower()))
    if user is None:
        raise NotFound()
    return user


def account_out(user) -> dict:
    return {"username": user.username, "suspended": user.suspended_at is not None,
            "suspended_reason": user.suspended_reason}


@bp.post("/admin/users/<username>/suspend")
@endpoint("Suspend an account (administrators)", tags=TAGS, body=SuspendIn, response=AccountOut,
          errors=[403, 404, 409])
def suspend(username: str, body: SuspendIn):
    user = _account(username)
    services.suspend(current_user, user, body.reason)
    return account_out(user)


@bp.post("/admin/users/<username>/reinstate")
@endpoint("Reinstate a suspended account (administrators)", tags=TAGS, body=SuspendIn,
          response=AccountOut, errors=[403, 404, 409])
def reinstate(username: str, body: SuspendIn):
    user = _account(username)
    services.reinstate(current_user, user, body.reason)
    return account_out(user)
