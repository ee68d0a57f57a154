"""Invitations: by username or e-mail, with a link that expires. Secret groups are joined only
this way. Members are notified in the app; e-mail addresses get a message with the link."""

import secrets
from datetime import timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from novanet.accounts.models import User, hash_secret
from novanet.accounts.services import external_url, normalize_email
from novanet.core import mail, signals
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.extensions import db
from novanet.groups import policy
from novanet.groups.membership import _count, _done, _move, path, row
from novanet.groups.models import Group, Invitation, Membership
from novanet.moderation import audit
from novanet.notifications.services import notify


def _days() -> int:
    return int(current_app.config.get("GROUP_INVITATION_DAYS", 14))


def invite(actor: User, group: Group, *, username: str | None = None,
           email: str | None = None) -> tuple[Invitation, str]:
    """Invite a member or an address; returns the invitation and the secret link token.
    Refuses people already in the group, already invited, waiting for approval or banned."""
    if not policy.can_invite(actor, group):
        raise Forbidden()
    username = (username or "").strip().lower()
    email = (email or "").strip()
    if bool(username) == bool(email):
        raise Invalid(fields={"username": _l("Give either a username or an e-mail address.")})
    field = "username" if username else "email"
    if username:
        user = db.session.scalar(select(User).where(User.username == username))
        if user is None:
            raise Invalid(fields={"username": _l("No member with that username.")})
        address = user.email
    else:
        address = normalize_email(email)
        user = db.session.scalar(select(User).where(User.email == address))
    now = utcnow()
    if user is not None:
        current = row(group, user)
        problems = {
            "active": _l("%(name)s is already a member of this group."),
            "invited": _l("%(name)s has already been invited."),
            "pending": _l("%(name)s has asked to join: approve the request instead."),
            "banned": _l("%(name)s is banned from this group. Lift the ban first."),
        }
        if current is not None:
            raise Conflict(fields={field: problems[current.status] % {
                "name": user.display_name}})
    elif db.session.scalar(select(Invitation.id).where(
            Invitation.group_id == group.id, Invitation.email == address,
            Invitation.status == "open", Invitation.expires_at > now)):
        raise Conflict(fields={field: _l("That address has already been invited.")})
    token = secrets.token_urlsafe(24)
    invitation = Invitation(group_id=group.id, user_id=user.id if user else None, email=address,
                            token_hash=hash_secret(token), invited_by_id=actor.id,
                            expires_at=now + timedelta(days=_days()))
    db.session.add(invitation)
    if user is not None:
        db.session.add(Membership(group_id=group.id, user_id=user.id, role="member",
                                  status="invited", invited_by_id=actor.id))
    audit.write(actor, "member_invited", group=group, target_type="user" if user else "email",
                target_id=user.id if user else None,
                target_label=user.username if user else address)
    _done(group)
    signals.member_invited.send("groups", group=group, user=user, email=address,
                                invitation=invitation)
    link = path("groups.invitation", token=token)
    if user is not None:
        notify([user], "group_invitation", actor=actor, url=link,
               params={"group": group.name, "name": actor.display_name})
    else:
        with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
            mail.send(address, str(_l("You are invited to a group on NovaNet")),
                      render_template("groups/email/invitation.txt", group=group, actor=actor,
                                      link=external_url("groups.invitation", token=token),
                                      days=_days()))
    return invitation, token


def by_token(token: str) -> Invitation:
    """The invitation behind a link; NotFound if it never existed or was withdrawn."""
    if not token or len(token) > 100:
        raise NotFound(_l("This invitation link is not valid."))
    invitation = db.session.scalar(select(Invitation).where(
        Invitation.token_hash == hash_secret(token)))
    if invitation is None or invitation.status == "revoked":
        raise NotFound(_l("This invitation link is not valid."))
    return invitation


def _check_usable(actor: User, invitation: Invitation) -> None:
    if invitation.status != "open":
        raise Conflict(_l("This invitation has already been answered."))
    if invitation.is_expired(utcnow()):
        raise Conflict(_l("This invitation has expired. Ask a moderator for a new one."))
    if invitation.user_id is not None and invitation.user_id != actor.id:
        raise Forbidden(_l("This invitation was sent to someone else."))
    if invitation.user_id is None and invitation.email != actor.email:
        raise Forbidden(_l("This invitation was sent to another e-mail address. Log in with "
                           "the account registered with that address."))


def accept(actor: User, token: str) -> Membership:
    """Accept an invitation from its link."""
    invitation = by_token(token)
    _check_usable(actor, invitation)
    return _activate(actor, invitation)


def accept_for(actor: User, group: Group) -> Membership:
    """Accept one's open invitation from the group page (Join)."""
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.group_id == group.id, Invitation.user_id == actor.id,
                                 Invitation.status == "open")
        .order_by(Invitation.expires_at.desc()))
    if invitation is None:
        raise Conflict(_l("This invitation has already been answered."))
    _check_usable(actor, invitation)
    return _activate(actor, invitation)


def _activate(actor: User, invitation: Invitation) -> Membership:
    group = invitation.group
    current = row(group, actor)
    if current is not None and current.status == "banned":
        raise Forbidden(_l("You cannot join this group."))
    if current is not None and current.status == "active":
        raise Conflict(_l("You are already a member of this group."))
    if current is None:
        current = Membership(group_id=group.id, user_id=actor.id, role="member",
                             status="active", invited_by_id=invitation.invited_by_id,
                             decided_at=utcnow())
        db.session.add(current)
    else:
        _move(current, current.status, "active")
    _close(group, actor, invitation.id, "accepted")
    _count(group.id, +1)
    _done(group)
    signals.member_joined.send("groups", group=group, user=actor, membership=current)
    return current


def _close(group: Group, actor: User, invitation_id: int, outcome: str) -> None:
    result = db.session.execute(update(Invitation).where(
        Invitation.id == invitation_id, Invitation.status == "open")
        .values(status=outcome, decided_at=utcnow(), user_id=actor.id))
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict(_l("This invitation has already been answered."))


def decline(actor: User, token: str) -> None:
    invitation = by_token(token)
    _check_usable(actor, invitation)
    group = invitation.group
    _close(group, actor, invitation.id, "declined")
    current = row(group, actor)
    if current is not None and current.status == "invited":
        db.session.delete(current)
    _done(group)


def revoke(actor: User, group: Group, invitation_id: int) -> None:
    """Withdraw an open invitation (moderators)."""
    if not policy.can_invite(actor, group):
        raise Forbidden()
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.group_id != group.id or invitation.status != "open":
        raise NotFound(_l("No such open invitation."))
    invitation.status = "revoked"
    invitation.decided_at = utcnow()
    if invitation.user_id is not None:
        current = db.session.scalar(select(Membership).where(
            Membership.group_id == group.id, Membership.user_id == invitation.user_id,
            Membership.status == "invited"))
        if current is not None:
            db.session.delete(current)
    audit.write(actor, "invitation_revoked", group=group, target_type="invitation",
                target_id=invitation.id, target_label=invitation.email)
    _done(group)


def open_for_group(group: Group) -> list[Invitation]:
    from sqlalchemy.orm import selectinload

    return list(db.session.scalars(
        select(Invitation).options(selectinload(Invitation.user),
                                   selectinload(Invitation.invited_by))
        .where(Invitation.group_id == group.id, Invitation.status == "open")
        .order_by(Invitation.created_at.desc()).limit(200)))


def open_for_user(user: User) -> list[Invitation]:
    return list(db.session.scalars(
        select(Invitation).where(Invitation.user_id == user.id, Invitation.status == "open",
                                 Invitation.expires_at > utcnow())
        .order_by(Invitation.created_at.desc())))
