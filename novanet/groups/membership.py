"""Membership rules: join, request, approve/reject, leave, roles, removal, bans, ownership, mute.

Status changes are conditional SQL UPDATEs ("… WHERE status = 'pending'") checked by row count,
and member_count moves with UPDATE … SET member_count = member_count ± 1 in the same
transaction, so two simultaneous requests can neither double-count nor resurrect a withdrawn
request. Moderator and administrator actions write their audit entry in that transaction too.
"""

from flask import has_request_context, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from novanet.accounts.models import User
from novanet.core import signals
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.extensions import db
from novanet.groups import policy
from novanet.groups.models import ROLES, Group, Invitation, Membership
from novanet.moderation import audit
from novanet.notifications.services import notify

MESSAGE_MAX = 1000


def path(endpoint: str, **values) -> str:
    """A site-relative link usable in notifications, inside or outside a request."""
    if has_request_context():
        return url_for(endpoint, **values)
    from flask import current_app

    with current_app.test_request_context():
        return url_for(endpoint, **values)


def row(group: Group, user: User) -> Membership | None:
    """The current membership row, read from the database (never the per-request cache)."""
    return db.session.scalar(select(Membership).where(Membership.group_id == group.id,
                                                      Membership.user_id == user.id))


def _count(group_id: int, delta: int) -> None:
    db.session.execute(update(Group).where(Group.id == group_id).values(
        member_count=Group.member_count + delta))


def _move(membership: Membership, old: str, new: str, **values) -> None:
    """Change status old -> new only if nobody changed it meanwhile; Conflict otherwise."""
    result = db.session.execute(
        update(Membership).where(Membership.id == membership.id, Membership.status == old)
        .values(status=new, decided_at=utcnow(), **values))
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict(_l("This membership changed meanwhile. Reload the page and try again."))


def _done(group: Group) -> None:
    db.session.commit()
    policy.forget_memberships()


def _active(actor) -> User:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise Forbidden()
    return actor


def join(actor: User, group: Group, message: str = "") -> Membership:
    """Join a public group, ask to join a private one (with a message), or accept one's
    invitation. Banned people, and outsiders of secret groups, are refused."""
    from novanet.groups import invitations

    actor = _active(actor)
    message = " ".join((message or "").split())
    if len(message) > MESSAGE_MAX:
        raise Invalid(fields={"message": _l("Use at most %(n)s characters (it has %(m)s).",
                                            n=MESSAGE_MAX, m=len(message))})
    current = row(group, actor)
    if current is not None:
        if current.status == "banned":
            raise Forbidden(_l("You cannot join this group."))
        if current.status == "active":
            raise Conflict(_l("You are already a member of this group."))
        if current.status == "pending":
            raise Conflict(_l("Your request to join is already waiting for a moderator."))
        return invitations.accept_for(actor, group)
    if group.visibility == "secret":
        if policy.can_view(actor, group):
            raise Forbidden(_l("This group is joined by invitation only."))
        raise NotFound(_l("We could not find that group."))
    if group.visibility == "private":
        return _request(actor, group, message)
    membership = Membership(group_id=group.id, user_id=actor.id, role="member",
                            status="active", decided_at=utcnow())
    db.session.add(membership)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_l("You are already a member of this group.")) from None
    _count(group.id, +1)
    _done(group)
    signals.member_joined.send("groups", group=group, user=actor, membership=membership)
    return membership


def _request(actor: User, group: Group, message: str) -> Membership:
    membership = Membership(group_id=group.id, user_id=actor.id, role="member",
                            status="pending", message=message)
    db.session.add(membership)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_l("Your request to join is already waiting for a moderator.")) from None
    policy.forget_memberships()
    signals.membership_requested.send("groups", group=group, user=actor, membership=membership)
    recipients = [m.user_id for m in _moderator_rows(group)]
    notify(recipients, "group_request", actor=actor,
           url=path("groups.requests", slug=group.slug),
           params={"group": group.name, "name": actor.display_name})
    return membership


def _moderator_rows(group: Group) -> list[Membership]:
    return list(db.session.scalars(select(Membership).where(
        Membership.group_id == group.id, Membership.status == "active",
        Membership.role.in_(("owner", "moderator")))))


def owner_count(group: Group) -> int:
    return db.session.scalar(select(func.count()).where(
        Membership.group_id == group.id, Membership.status == "active",
        Membership.role == "owner")) or 0


def leave(actor: User, group: Group) -> None:
    """Leave the group, withdraw one's request, or decline one's invitation. The last owner
    must hand over first."""
    if not getattr(actor, "is_authenticated", False):
        raise Forbidden()
    current = row(group, actor)
    if current is None or current.status == "banned":
        raise Conflict(_l("You are not a member of this group."))
    was_active = current.status == "active"
    if was_active and current.role == "owner" and owner_count(group) <= 1:
        raise Conflict(_l("You are the only owner. Make someone else an owner before leaving."))
    result = db.session.execute(delete(Membership).where(Membership.id == current.id,
                                                         Membership.status == current.status))
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict(_l("This membership changed meanwhile. Reload the page and try again."))
    if was_active:
        _count(group.id, -1)
    db.session.execute(update(Invitation).where(
        Invitation.group_id == group.id, Invitation.user_id == actor.id,
        Invitation.status == "open").values(status="declined", decided_at=utcnow()))
    _done(group)
    if was_active:
        signals.member_left.send("groups", group=group, user_id=actor.id, reason="left")
    elif current.status == "pending":
        signals.membership_decided.send("groups", group=group, user_id=actor.id,
                                        outcome="withdrawn")


def _target(group: Group, user: User, *statuses: str) -> Membership:
    current = row(group, user)
    if current is None or current.status not in statuses:
        if "pending" in statuses:
            raise Conflict(_l("There is no waiting request from this person: it was withdrawn "
                              "or already decided."))
        raise Conflict(_l("This person is not a member of the group."))
    return current


def decide_request(actor: User, group: Group, user: User, approve: bool,
                   reason: str = "") -> Membership | None:
    """Approve or reject a pending request (moderators); the requester is notified."""
    if not policy.can_moderate(actor, group):
        raise Forbidden()
    current = _target(group, user, "pending")
    if approve:
        _move(current, "pending", "active")
        _count(group.id, +1)
    else:
        result = db.session.execute(delete(Membership).where(Membership.id == current.id,
                                                             Membership.status == "pending"))
        if result.rowcount != 1:
            db.session.rollback()
            raise Conflict(_l("There is no waiting request from this person: it was withdrawn "
                              "or already decided."))
    audit.write(actor, "request_approved" if approve else "request_rejected", group=group,
                target_type="user", target_id=user.id, target_label=user.username, reason=reason)
    _done(group)
    outcome = "approved" if approve else "rejected"
    signals.membership_decided.send("groups", group=group, user_id=user.id, outcome=outcome)
    if approve:
        signals.member_joined.send("groups", group=group, user=user, membership=current)
    notify([user], f"group_request_{outcome}", actor=actor,
           url=path("groups.detail", slug=group.slug), params={"group": group.name})
    return current if approve else None


def _may_act_on(actor: User, group: Group, target: Membership) -> None:
    """Moderators act on members; owners also on moderators; administrators on anyone."""
    if policy.is_admin(actor):
        return
    mine = policy.role(actor, group)
    if mine == "owner" and target.role != "owner":
        return
    if mine == "moderator" and target.role == "member":
        return
    raise Forbidden(_l("You cannot do that to someone with this role."))


def set_role(actor: User, group: Group, user: User, role: str) -> Membership:
    """Promote or demote an active member (owners and administrators); one owner must remain."""
    if not policy.can_manage(actor, group):
        raise Forbidden()
    if role not in ROLES:
        raise Invalid(fields={"role": _l("Choose owner, moderator or member.")})
    current = _target(group, user, "active")
    if current.role == role:
        return current
    if current.role == "owner" and owner_count(group) <= 1:
        raise Conflict(_l("A group needs at least one owner. Make someone else an owner first."))
    old = current.role
    current.role = role
    audit.write(actor, "role_changed", group=group, target_type="user", target_id=user.id,
                target_label=user.username, details={"from": old, "to": role})
    _done(group)
    signals.member_role_changed.send("groups", group=group, user_id=user.id, role=role,
                                     previous=old)
    return current


def transfer_ownership(actor: User, group: Group, user: User) -> None:
    """Make user the owner; the acting owner stays on as moderator."""
    if not policy.can_manage(actor, group):
        raise Forbidden()
    current = _target(group, user, "active")
    if current.user_id == actor.id:
        raise Invalid(fields={"username": _l("You already own this group.")})
    current.role = "owner"
    mine = row(group, actor)
    if mine is not None and mine.status == "active" and mine.role == "owner":
        mine.role = "moderator"
    audit.write(actor, "ownership_transferred", group=group, target_type="user",
                target_id=user.id, target_label=user.username)
    _done(group)
    signals.member_role_changed.send("groups", group=group, user_id=user.id, role="owner",
                                     previous="member")


def remove(actor: User, group: Group, user: User, reason: str = "") -> None:
    """Remove an active member (they may join or request again later)."""
    if not policy.can_moderate(actor, group):
        raise Forbidden()
    current = _target(group, user, "active")
    if current.user_id == actor.id:
        raise Invalid(_l("To leave the group yourself, use Leave."))
    _may_act_on(actor, group, current)
    result = db.session.execute(delete(Membership).where(Membership.id == current.id,
                                                         Membership.status == "active"))
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict(_l("This membership changed meanwhile. Reload the page and try again."))
    _count(group.id, -1)
    audit.write(actor, "member_removed", group=group, target_type="user", target_id=user.id,
                target_label=user.username, reason=reason)
    _done(group)
    signals.member_left.send("groups", group=group, user_id=user.id, reason="removed")


def stage_ban(actor: User, group: Group, user: User, reason: str = "",
              details: dict | None = None) -> bool:
    """Ban inside the caller's transaction (no commit); returns whether they were active."""
    if not policy.can_moderate(actor, group):
        raise Forbidden()
    if user.id == actor.id:
        raise Invalid(_l("You cannot ban yourself."))
    current = row(group, user)
    was_active = False
    if current is None:
        db.session.add(Membership(group_id=group.id, user_id=user.id, role="member",
                                  status="banned", decided_at=utcnow()))
    elif current.status == "banned":
        raise Conflict(_l("This person is already banned from the group."))
    else:
        _may_act_on(actor, group, current)
        was_active = current.status == "active"
        _move(current, current.status, "banned", role="member")
        if was_active:
            _count(group.id, -1)
    db.session.execute(update(Invitation).where(
        Invitation.group_id == group.id, Invitation.user_id == user.id,
        Invitation.status == "open").values(status="revoked", decided_at=utcnow()))
    audit.write(actor, "member_banned", group=group, target_type="user", target_id=user.id,
                target_label=user.username, reason=reason, details=details)
    return was_active


def ban(actor: User, group: Group, user: User, reason: str = "") -> None:
    """Ban someone: they lose membership and cannot join, request or be invited until unbanned."""
    was_active = stage_ban(actor, group, user, reason)
    _done(group)
    if was_active:
        signals.member_left.send("groups", group=group, user_id=user.id, reason="banned")


def unban(actor: User, group: Group, user: User, reason: str = "") -> None:
    if not policy.can_moderate(actor, group):
        raise Forbidden()
    current = row(group, user)
    if current is None or current.status != "banned":
        raise Conflict(_l("This person is not banned from the group."))
    db.session.delete(current)
    audit.write(actor, "member_unbanned", group=group, target_type="user", target_id=user.id,
                target_label=user.username, reason=reason)
    _done(group)


def set_muted(actor: User, group: Group, muted: bool) -> Membership:
    """Stop (or resume) notifications from a group one belongs to."""
    current = row(group, actor) if getattr(actor, "is_authenticated", False) else None
    if current is None or current.status != "active":
        raise Conflict(_l("Only members can mute a group."))
    current.muted = bool(muted)
    _done(group)
    return current


def is_muted(user_id: int, group_id: int) -> bool:
    """For features that notify group members: skip those who muted the group."""
    return bool(db.session.scalar(select(Membership.muted).where(
        Membership.group_id == group_id, Membership.user_id == user_id)))


def audience(group_id: int, *, exclude: int | None = None) -> list[int]:
    """Ids of the active members who want the group's notifications (muted ones left out).
    Features notifying "everyone in the group" pass this to notifications.services.notify."""
    stmt = select(Membership.user_id).where(Membership.group_id == group_id,
                                            Membership.status == "active",
                                            Membership.muted.is_(False))
    if exclude is not None:
        stmt = stmt.where(Membership.user_id != exclude)
    return list(db.session.scalars(stmt))


def find_user(username: str) -> User:
    user = db.session.scalar(select(User).where(User.username == (username or "").lower()))
    if user is None:
        raise NotFound(_l("No member with that username."))
    return user
