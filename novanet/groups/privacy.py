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


def erase_memberships(user, keep_content: bool) -> None:
    # The rows cascade with the member; the groups' member counts must follow.
    active = select(Membership.group_id).where(Membership.user_id == user.id,
                                               Membership.status == "active")
    db.session.execute(update(Group).where(Group.id.in_(active))
                       .values(member_count=Group.member_count - 1))
    db.session.execute(delete(Membership).where(Membership.user_id == user.id))


register_exporter("memberships", export_memberships)
register_eraser(erase_memberships)
