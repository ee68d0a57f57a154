"""A member's group memberships in their data download, and what deleting the account does."""

from sqlalchemy import delete, select, update

from novanet.accounts.privacy import register_eraser, register_exporter
from novanet.extensions import db
from novanet.groups.models import Group, Membership


def export_memberships(user) -> list:
    rows = db.session.execute(
        select(Membership, Group.slug, Group.name).join(Group, Group.id == Membership.group_id)
        .where(Membership.user_id == user.id).order_by(Membership.created_at))
    return [{"group": slug, "group_name": name, "role": m.role, "status": m.status,
             "message": m.message, "joined_at": m.created_at, "decided_at": m.decided_at}
            for m, slug, name in rows]


def _hand_over_ownership(user) -> None:
    """Groups the member owns alone pass to their longest-serving moderator, or else to their
    longest-standing member, so no group is left without an owner."""
    owned = db.session.scalars(select(Membership.group_id).where(
        Membership.user_id == user.id, Membership.status == "active", Membership.role == "owner"))
    for group_id in list(owned):
        others = select(Membership).where(Membership.group_id == group_id,
                                          Membership.user_id != user.id,
                                          Membership.status == "active")
        if db.session.scalar(others.where(Membership.role == "owner").limit(1)) is not None:
            continue
        heir = (db.session.scalar(others.where(Membership.role == "moderator")
                                  .order_by(Membership.created_at, Membership.id).limit(1))
                or db.session.scalar(others.order_by(Membership.created_at, Membership.id)
                                     .limit(1)))
        if heir is not None:
            heir.role = "owner"


def erase_memberships(user, keep_content: bool) -> None:
    _hand_over_ownership(user)
    # The rows cascade with the member; the groups' member counts must follow.
    active = select(Membership.group_id).where(Membership.user_id == user.id,
                                               Membership.status == "active")
    db.session.execute(update(Group).where(Group.id.in_(active))
                       .values(member_count=Group.member_count - 1))
    db.session.execute(delete(Membership).where(Membership.user_id == user.id))


register_exporter("memberships", export_memberships)
register_eraser(erase_memberships)
