"""Who may read, start, reply to, edit, delete, react to and moderate debates.

Built on the group policy: a debate is readable exactly when its group's content is, and every
write needs active membership. Views, the API and socket handlers all ask these functions.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload

from novanet.accounts.models import User
from novanet.core.errors import Forbidden, NotFound
from novanet.debates.models import Debate, Post
from novanet.extensions import db
from novanet.groups import policy as group_policy
from novanet.groups.models import Group


def _uid(user) -> int | None:
    return user.id if user is not None and getattr(user, "is_authenticated", False) else None


def can_view_debate(user, debate: Debate) -> bool:
    return group_policy.can_view_content(user, debate.group)


def can_view_given(user, facts) -> bool:
    """can_view_debate on facts read with the page (see queries.member_facts)."""
    return group_policy.content_visible_given(user, facts.visibility, facts.status)


def can_start_debate(user, group) -> bool:
    return group_policy.can_post(user, group)


def can_reply(user, debate: Debate) -> bool:
    return PostRights(user, debate).can_reply()


def can_moderate_debate(user, debate: Debate) -> bool:
    return group_policy.can_moderate(user, debate.group)


def can_edit_debate(user, debate: Debate) -> bool:
    return PostRights(user, debate).can_edit_debate()


class PostRights:
    """What one person may do with the posts of one debate. The group facts are looked up once,
    so a page of a hundred posts asks the group policy a handful of times, not hundreds."""

    __slots__ = ("uid", "member", "moderator", "open", "locked", "author_id")

    def __init__(self, user, debate: Debate, *, member: bool | None = None,
                 moderator: bool | None = None):
        self.uid = _uid(user)
        self.member = group_policy.can_post(user, debate.group) if member is None else member
        self.moderator = (group_policy.can_moderate(user, debate.group) if moderator is None
                          else moderator)
        self.open = not debate.locked and debate.closed_at is None
        self.locked = debate.locked
        self.author_id = debate.author_id

    @classmethod
    def given(cls, user, facts) -> "PostRights":
        """From facts read with the page (see queries.member_facts): no further queries."""
        return cls(user, facts,
                   member=group_policy.can_post_given(user, facts.status),
                   moderator=group_policy.can_moderate_given(user, facts.status, facts.role))

    def can_reply(self) -> bool:
        return self.open and self.member

    def can_edit_debate(self) -> bool:
        """Authors fix their opening post while the debate is open; moderators always can."""
        return self.moderator or (self.uid is not None and self.author_id == self.uid
                                  and self.open and self.member)

    def can_edit(self, post: Post) -> bool:
        """Only the author edits, while the debate accepts replies (moderators delete instead)."""
        return (not post.deleted and self.uid is not None and post.author_id == self.uid
                and self.open and self.member)

    def can_delete(self, post: Post) -> bool:
        if post.deleted:
            return False
        return self.moderator or (self.uid is not None and post.author_id == self.uid
                                  and self.member)

    def can_react(self, post: Post) -> bool:
        return not post.deleted and not self.locked and self.member

    def can_see_revisions(self, post: Post) -> bool:
        return self.moderator


def can_edit_post(user, post: Post) -> bool:
    return PostRights(user, post.debate).can_edit(post)


def can_delete_post(user, post: Post) -> bool:
    return PostRights(user, post.debate).can_delete(post)


def can_react(user, post: Post) -> bool:
    return PostRights(user, post.debate).can_react(post)


def can_see_revisions(user, post: Post) -> bool:
    return PostRights(user, post.debate).can_see_revisions(post)


def readable(user):
    """SQL condition on Debate: the debates this person may read."""
    return Debate.group_id.in_(group_policy.readable_group_ids(user))


def _refuse(user, group):
    # Outsiders of a secret group must not learn it exists; a private group's page is public.
    if group_policy.can_view(user, group):
        raise Forbidden(_l("Only members of this group can read its debates."))
    raise NotFound()


# A debate page shows the group's name and the author's name, not their tags or expertise.
_DEBATE_OPTIONS = [joinedload(Debate.group).lazyload(Group.tags),
                   joinedload(Debate.author).lazyload(User.expertise)]


# When the page itself may come from a cache: the group decides, the rest loads if needed.
_LIGHT_OPTIONS = [joinedload(Debate.group).lazyload(Group.tags), lazyload(Debate.author),
                  lazyload(Debate.tags)]


def get_debate(user, debate_id, *, light: bool = False) -> Debate:
    """Load a debate the person may read: 404 if missing or secret, 403 if members-only.
    light: load only the debate and its group (author and tags load when first used)."""
    debate = db.session.get(Debate, debate_id,
                            options=_LIGHT_OPTIONS if light else _DEBATE_OPTIONS) \
        if isinstance(debate_id, int) else None
    if debate is None:
        raise NotFound()
    if not can_view_debate(user, debate):
        _refuse(user, debate.group)
    return debate


def get_post(user, post_id) -> Post:
    post = db.session.scalar(select(Post).where(Post.id == post_id)) \
        if isinstance(post_id, int) else None
    if post is None:
        raise NotFound()
    if not can_view_debate(user, post.debate):
        _refuse(user, post.debate.group)
    return post


def require(allowed: bool, message=None) -> None:
    if not allowed:
        raise Forbidden(message)
