"""Deleting an account never leaves a group without an owner."""

from sqlalchemy import select

from novanet.accounts.privacy import delete_account
from novanet.extensions import db
from novanet.groups.models import Membership
from tests.factories import PASSWORD, add_member, make_group, make_user


def _role(group, user):
    return db.session.scalar(select(Membership.role).where(Membership.group_id == group.id,
                                                           Membership.user_id == user.id))


def test_sole_owner_leaving_hands_the_group_to_a_moderator_then_the_oldest_member(app):
    owner = make_user("duena")
    with_moderator = make_group(owner=owner)
    members_only = make_group(owner=owner)
    shared = make_group(owner=owner)
    old, newer, moderator, co_owner = (make_user(n) for n in ("antigua", "nueva", "moderador", "coduena"))
    add_member(with_moderator, old)
    add_member(with_moderator, moderator, role="moderator")
    add_member(members_only, old)
    add_member(members_only, newer)
    add_member(members_only, make_user("baneado"), status="banned")
    add_member(shared, co_owner, role="owner")
    add_member(shared, old)
    alone = make_group(owner=owner)
    delete_account(owner, PASSWORD, keep_content=True)
    assert _role(with_moderator, moderator) == "owner" and _role(with_moderator, old) == "member"
    assert _role(members_only, old) == "owner" and _role(members_only, newer) == "member"
    assert _role(shared, co_owner) == "owner" and _role(shared, old) == "member"
    assert db.session.scalar(select(Membership).where(Membership.group_id == alone.id)) is None
