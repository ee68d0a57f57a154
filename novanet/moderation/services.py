"""Reports and moderator actions. Every action commits together with its audit entry and the
report's outcome; signals and the reporter's notification follow the commit."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from novanet.accounts.models import User
from novanet.core import signals
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.core.pagination import Page, paginate
from novanet.extensions import db
from novanet.groups import policy
from novanet.groups.models import Group
from novanet.moderation import audit, registry
from novanet.moderation.models import Report
from novanet.notifications.services import notify

REASON_MIN, REASON_MAX = 5, 2000
ACTIONS = ("dismiss", "hide", "unhide", "delete", "ban", "suspend")
OUTCOME = {"dismiss": "dismissed", "hide": "hidden", "unhide": "dismissed", "delete": "deleted",
           "ban": "banned", "suspend": "suspended"}


def load_target(kind: str, target_id, viewer):
    """The reported object if it exists and the viewer may see it; NotFound otherwise."""
    target = registry.get(kind)
    if target is None:
        raise NotFound(_l("That cannot be reported."))
    try:
        obj = target.load(int(target_id))
    except (TypeError, ValueError):
        obj = None
    if obj is None or not target.can_view(viewer, obj):
        raise NotFound()
    return target, obj


def report(reporter: User, kind: str, target_id: int, reason: str) -> Report:
    """File a report; what the reporter cannot see is NotFound, a repeat of their own open
    report on the same thing is a Conflict."""
    if not getattr(reporter, "is_authenticated", False) or not reporter.is_active:
        raise Forbidden()
    target, obj = load_target(kind, target_id, reporter)
    reason = " ".join((reason or "").split())
    if len(reason) < REASON_MIN or len(reason) > REASON_MAX:
        raise Invalid(fields={"reason": _l("Say what is wrong in %(a)s to %(b)s characters.",
                                           a=REASON_MIN, b=REASON_MAX)})
    existing = db.session.scalar(select(Report.id).where(
        Report.target_type == kind, Report.target_id == int(target_id),
        Report.reporter_id == reporter.id, Report.status == "open"))
    if existing:
        raise Conflict(_l("You have already reported this; moderators will look at it."))
    group = target.group_of(obj)
    author = target.author_of(obj)
    row = Report(target_type=kind, target_id=int(target_id),
                 group_id=group.id if group is not None else None, reporter_id=reporter.id,
                 author_id=author.id if author is not None else None, reason=reason,
                 title=(target.title_of(obj) or "")[:300], url=(target.url_of(obj) or "")[:500])
    db.session.add(row)
    db.session.commit()
    signals.report_created.send("moderation", report=row)
    return row


def can_handle(user, row: Report) -> bool:
    """Group reports go to that group's moderators; site-wide ones to administrators."""
    if policy.is_admin(user):
        return True
    if row.group_id is None:
        return False
    group = db.session.get(Group, row.group_id)
    return group is not None and policy.can_moderate(user, group)


def get_for(viewer, report_id: int) -> Report:
    row = db.session.get(Report, report_id)
    if row is None or not can_handle(viewer, row):
        raise NotFound()
    return row


def queue(viewer, *, group: Group | None = None, status: str = "open", limit: int = 20,
          cursor: str | None = None) -> Page:
    """Reports this viewer handles (one group's, or all for administrators), newest first."""
    stmt = select(Report)
    if group is not None:
        if not policy.can_moderate(viewer, group):
            raise Forbidden()
        stmt = stmt.where(Report.group_id == group.id)
    elif not policy.is_admin(viewer):
        raise Forbidden()
    if status == "open":
        stmt = stmt.where(Report.status == "open")
    elif status == "closed":
        stmt = stmt.where(Report.status != "open")
    return paginate(stmt, [Report.created_at, Report.id], session=db.session, limit=limit,
                    cursor=cursor)


def resolve(actor: User, row: Report, action: str, reason: str = "") -> Report:
    """Act on a report: dismiss, hide, unhide, delete, ban the author from the group, or suspend
    the author's account (administrators). One commit: action + audit entry + outcome."""
    from novanet.groups.membership import stage_ban

    if not can_handle(actor, row):
        raise NotFound()
    if action not in ACTIONS:
        raise Invalid(fields={"action": _l("Choose one of the offered actions.")})
    reason = " ".join((reason or "").split())[:REASON_MAX]
    if not row.is_open and action not in ("unhide",):
        raise Conflict(_l("This report has already been handled."))
    target = registry.get(row.target_type)
    obj = target.load(row.target_id) if target is not None else None
    group = db.session.get(Group, row.group_id) if row.group_id else None
    author = db.session.get(User, row.author_id) if row.author_id else None
    after = []
    if action in ("hide", "unhide", "delete"):
        if obj is None:
            raise Conflict(_l("The reported content no longer exists. Dismiss the report."))
        if action not in target.actions:
            raise Invalid(fields={"action": _l("This kind of content cannot be %(what)s.",
                                               what=_label(action))})
        if action == "delete":
            target.delete(obj)
            after.append((signals.content_removed, {"kind": row.target_type, "id": row.target_id}))
        else:
            target.set_hidden(obj, action == "hide")
            after.append((signals.content_changed, {"kind": row.target_type, "id": row.target_id}))
    elif action == "ban":
        if group is None or author is None:
            raise Invalid(fields={"action": _l("Only the author of group content can be banned "
                                               "from the group.")})
        if stage_ban(actor, group, author, reason, details={"report": row.id}):
            after.append((signals.member_left, {"group": group, "user_id": author.id,
                                                "reason": "banned"}))
    elif action == "suspend":
        if author is None:
            raise Invalid(fields={"action": _l("This content has no author to suspend.")})
        _check_suspend(actor, author, reason or str(_l("Reported content")))
    row.status = OUTCOME[action]
    row.resolution = reason
    row.resolved_by_id = actor.id
    row.resolved_at = utcnow()
    if action not in ("ban", "suspend"):  # those two write their own single entry
        audit.write(actor, f"report_{action}", group=group, target_type=row.target_type,
                    target_id=row.target_id, target_label=row.title, reason=reason,
                    details={"report": row.id})
    if action == "suspend":
        from novanet.accounts.services import set_suspended

        audit.write(actor, "account_suspended", target_type="user", target_id=author.id,
                    target_label=author.username, reason=reason, details={"report": row.id})
        set_suspended(author, True, reason)  # commits the report, both entries and the suspension
    else:
        db.session.commit()
    policy.forget_memberships()
    for signal, kwargs in after:
        signal.send("moderation", **kwargs)
    signals.report_resolved.send("moderation", report=row, action=action)
    if row.reporter_id:
        notify([row.reporter_id], "report_resolved", actor=None,
               params={"title": row.title, "outcome": row.status})
    return row


def _label(action: str) -> str:
    return str({"hide": _l("hidden"), "unhide": _l("shown again"), "delete": _l("deleted")}
               .get(action, action))


def _check_suspend(actor: User, user: User, reason: str) -> str:
    if not policy.can_administer(actor):
        raise Forbidden(_l("Only site administrators can suspend accounts."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise Invalid(fields={"reason": _l("Say why, for the audit log.")})
    if user.id == actor.id or user.is_admin:
        raise Invalid(fields={"reason": _l("Administrator accounts cannot be suspended here.")})
    if user.suspended_at is not None:
        raise Conflict(_l("This account is already suspended."))
    return reason


def suspend(actor: User, user: User, reason: str) -> None:
    """Suspend an account (administrators): logged out everywhere, tokens revoked.

    The audit entry is added first, so accounts.set_suspended's commit carries both."""
    from novanet.accounts.services import set_suspended

    reason = _check_suspend(actor, user, reason)
    audit.write(actor, "account_suspended", target_type="user", target_id=user.id,
                target_label=user.username, reason=reason)
    set_suspended(user, True, reason)


def reinstate(actor: User, user: User, reason: str) -> None:
    """Lift a suspension (administrators), with the reason in the audit log."""
    from novanet.accounts.services import set_suspended

    if not policy.can_administer(actor):
        raise Forbidden()
    reason = " ".join((reason or "").split())
    if not reason:
        raise Invalid(fields={"reason": _l("Say why, for the audit log.")})
    if user.suspended_at is None:
        raise Conflict(_l("This account is not suspended."))
    audit.write(actor, "account_reinstated", target_type="user", target_id=user.id,
                target_label=user.username, reason=reason)
    set_suspended(user, False)
