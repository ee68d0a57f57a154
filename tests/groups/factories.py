"""Group test helpers: a cast of people around one group, one per role."""

from dataclasses import dataclass

from novanet.accounts.models import User
from novanet.groups import invitations
from novanet.groups.models import Group, Invitation, Membership
from novanet.moderation.models import AuditEntry, Report
from tests.factories import add_member, make_group, make_user


@dataclass
class Cast:
    group: Group
    owner: User
    moderator: User
    member: User
    requester: User
    invited: User
    banned: User
    outsider: User
    admin: User


def make_cast(visibility: str = "public", prefix: str = "") -> Cast:
    """A group with one person in every relation to it (and a site administrator)."""
    p = prefix or visibility[:3]
    owner = make_user(f"{p}_owner")
    group = make_group(f"{visibility.title()} group", owner=owner, visibility=visibility,
                       slug=f"{p}-group")
    people = {name: make_user(f"{p}_{name}") for name in
              ("moderator", "member", "requester", "invited", "banned", "outsider")}
    add_member(group, people["moderator"], role="moderator")
    add_member(group, people["member"])
    add_member(group, people["requester"], status="pending")
    invitations.invite(owner, group, username=people["invited"].username)
    add_member(group, people["banned"], status="banned")
    admin = make_user(f"{p}_admin", is_admin=True)
    return Cast(group=group, owner=owner, admin=admin, **people)


def snapshot(db) -> dict:
    """Row counts and member counts: what 'nothing stored' compares."""
    from sqlalchemy import func, select

    counts = {model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
              for model in (Group, Membership, Invitation, Report, AuditEntry)}
    counts["member_counts"] = sorted(db.session.execute(
        select(Group.slug, Group.member_count)).all())
    counts["statuses"] = sorted(db.session.execute(
        select(Membership.group_id, Membership.user_id, Membership.status,
               Membership.role)).all())
    return counts
