"""Writing and reading the audit log. write() only adds to the session: the caller's service
commits it together with the action it records, so an action and its entry never diverge."""

from sqlalchemy import select

from novanet.extensions import db
from novanet.groups import policy
from novanet.moderation.models import AuditEntry


def write(actor, action: str, *, group=None, target_type: str = "", target_id: int | None = None,
          target_label: str = "", reason: str = "", details: dict | None = None) -> AuditEntry:
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None), actor_name=getattr(actor, "display_name", "")[:80],
        action=action, target_type=target_type, target_id=target_id,
        target_label=(target_label or "")[:300],
        group_id=group.id if group is not None else None,
        group_name=group.name[:120] if group is not None else "",
        reason=(reason or "")[:2000], details=dict(details or {}))
    db.session.add(entry)
    return entry


def entries_for(viewer, group=None):
    """A select of audit entries this viewer may read: a group's for its moderators, all for
    administrators; raises nothing, returns an empty condition for everyone else."""
    stmt = select(AuditEntry)
    if group is not None:
        if not policy.can_moderate(viewer, group):
            return stmt.where(policy.nothing())
        return stmt.where(AuditEntry.group_id == group.id)
    if not policy.is_admin(viewer):
        return stmt.where(policy.nothing())
    return stmt
