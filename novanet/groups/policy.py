"""Who may do what with groups and their content: the single source of these answers.

HTML views, the API, Socket.IO handlers, search, feeds and calendar exports all ask here.
Each can_* function has a query-side twin (visible_groups, readable_group_ids) so lists can
never show what a detail page would refuse.

Rules:
- public: anyone sees the group and its content; any member can join.
- private: listed everywhere, content for active members only; joining by approved request.
- secret: invisible to non-members (404 everywhere); joining by invitation only.
- banned people see what outsiders see and can neither join nor request.
- site administrators see and moderate everything.
"""

from flask import g, has_request_context
from sqlalchemy import bindparam, false, or_, select, true

from novanet.accounts.models import User
from novanet.extensions import db
from novanet.groups.models import Group, Membership


def _user(user) -> User | None:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


# Only the facts the rules need, as plain rows, built once: this runs on most pages.
_MEMBERSHIP_FACTS = select(Membership.group_id, Membership.status, Membership.role,
                           Membership.muted).where(Membership.user_id == bindparam("user_id"))


def _memberships(user: User) -> dict:
    """All of a person's memberships (group_id, status, role, muted), loaded once per request
    (one query, whatever the page)."""
    cache = g.setdefault("_memberships", {}) if has_request_context() else {}
    if user.id not in cache:
        rows = db.session.execute(_MEMBERSHIP_FACTS, {"user_id": user.id})
        cache[user.id] = {m.group_id: m for m in rows}
    return cache[user.id]


def forget_memberships() -> None:
    """Services call this after changing memberships so the same request sees the change."""
    if has_request_context():
        g.pop("_memberships", None)


def active_group_ids(user) -> list[int]:
    """The groups this person actively belongs to, from the per-request membership facts."""
    user = _user(user)
    if user is None:
        return []
    return sorted(gid for gid, m in _memberships(user).items() if m.status == "active")


def membership(user, group: Group):
    """The person's membership facts in the group (status, role, muted), or None."""
    user = _user(user)
    if user is None:
        return None
    return _memberships(user).get(group.id)


def status(user, group: Group) -> str | None:
    m = membership(user, group)
    return m.status if m else None


def role(user, group: Group) -> str | None:
    m = membership(user, group)
    return m.role if m and m.status == "active" else None


def is_admin(user) -> bool:
    user = _user(user)
    return bool(user and user.is_admin)


def is_member(user, group: Group) -> bool:
    return status(user, group) == "active"


def is_banned(user, group: Group) -> bool:
    return status(user, group) == "banned"


def can_view(user, group: Group) -> bool:
    """May this person know the group exists (see its page header, find it in lists)?"""
    if group.visibility != "secret" or is_admin(user):
        return True
    return status(user, group) in ("active", "invited")


def content_is_public(visibility: str) -> bool:
    """Can anyone, signed in or not, read content of a group with this visibility?"""
    return visibility == "public"


def can_view_content(user, group: Group) -> bool:
    """May this person read the group's debates, posts, wiki, events and member list?"""
    if content_is_public(group.visibility):
        return True
    return content_visible_given(user, group.visibility, status(user, group))


# The same rules on facts already read (a group's visibility, the person's membership status
# and role), for hot pages that read them in one query with the rest of what they show.

def content_visible_given(user, visibility: str, status: str | None) -> bool:
    return content_is_public(visibility) or is_admin(user) or status == "active"


def can_post_given(user, status: str | None) -> bool:
    user = _user(user)
    return user is not None and user.is_active and status == "active"


def can_moderate_given(user, status: str | None, role: str | None) -> bool:
    return is_admin(user) or (status == "active" and role in ("owner", "moderator"))


def can_join(user, group: Group) -> bool:
    """Join at once: public groups, or accepting an invitation."""
    user = _user(user)
    if user is None:
        return False
    current = status(user, group)
    if current in ("active", "banned", "pending"):
        return False
    return group.visibility == "public" or current == "invited"


def can_request(user, group: Group) -> bool:
    """Ask to join a private group (moderators approve)."""
    user = _user(user)
    if user is None:
        return False
    return group.visibility == "private" and status(user, group) is None


def can_leave(user, group: Group) -> bool:
    return status(user, group) in ("active", "pending", "invited")


def can_post(user, group: Group) -> bool:
    """Create content in the group (debates, replies, blog posts, wiki edits, events)."""
    return can_post_given(user, status(user, group))


def can_moderate(user, group: Group) -> bool:
    """Manage members and content of the group."""
    m = membership(user, group)
    return can_moderate_given(user, m.status if m else None, m.role if m else None)


def can_manage(user, group: Group) -> bool:
    """Change settings, roles, ownership, delete the group."""
    return is_admin(user) or role(user, group) == "owner"


def can_invite(user, group: Group) -> bool:
    """Invite people (by username or e-mail): the group's moderators and owners."""
    user = _user(user)
    return user is not None and user.is_active and can_moderate(user, group)


def can_view_members(user, group: Group) -> bool:
    """See the member list: the same people who may read the group's content."""
    return can_view_content(user, group)


def can_view_audit(user, group: Group | None = None) -> bool:
    """Read the audit log: a group's moderators for that group, administrators for all."""
    if group is None:
        return is_admin(user)
    return can_moderate(user, group)


def can_administer(user) -> bool:
    """Use the site administration pages."""
    user = _user(user)
    return bool(user and user.is_admin and user.is_active)


def visible_groups(user):
    """SQL condition on Group: the groups this person may know exist."""
    user = _user(user)
    if user is not None and user.is_admin:
        return true()
    if user is None:
        return Group.visibility != "secret"
    mine = select(Membership.group_id).where(Membership.user_id == user.id,
                                             Membership.status.in_(("active", "invited")))
    return or_(Group.visibility != "secret", Group.id.in_(mine))


def member_group_ids(user):
    """A subquery of the groups this person actively belongs to ("my groups")."""
    return select(Membership.group_id).where(Membership.user_id == user.id,
                                             Membership.status == "active")


def readable_group_ids(user):
    """A subquery of group ids whose content this person may read."""
    user = _user(user)
    public = select(Group.id).where(Group.visibility == "public")
    if user is not None and user.is_admin:
        return select(Group.id)
    if user is None:
        return public
    return public.union(member_group_ids(user))


def content_visible(user, group_id_column):
    """SQL condition for content that may belong to a group (NULL = not in a group)."""
    user = _user(user)
    if user is not None and user.is_admin:
        return true()
    return or_(group_id_column.is_(None), group_id_column.in_(readable_group_ids(user)))


def nothing():
    return false()
