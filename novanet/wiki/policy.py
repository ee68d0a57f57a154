"""Who may read, edit and moderate wiki pages. Group wikis follow the group policy; the
knowledge base is public to read and editable by every active member."""

from novanet.groups import policy as groups_policy
from novanet.wiki.models import WikiPage
from novanet.wiki.wikis import Wiki


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def can_know(user, wiki: Wiki) -> bool:
    """May this person know the wiki exists? (No: 404 everywhere, as for secret groups.)"""
    return wiki.group is None or groups_policy.can_view(user, wiki.group)


def can_read(user, wiki: Wiki) -> bool:
    return wiki.group is None or groups_policy.can_view_content(user, wiki.group)


def can_moderate(user, wiki: Wiki) -> bool:
    """Protect, delete and restore pages: group moderators, or site administrators."""
    if wiki.group is None:
        return groups_policy.is_admin(user)
    return groups_policy.can_moderate(user, wiki.group)


def can_edit(user, wiki: Wiki, page: WikiPage | None = None) -> bool:
    """Create pages and save revisions (protected pages: moderators only)."""
    if not _active(user):
        return False
    allowed = True if wiki.group is None else (groups_policy.can_post(user, wiki.group)
                                              or groups_policy.is_admin(user))
    if allowed and page is not None and page.protected:
        return can_moderate(user, wiki)
    return allowed


def can_see_page(user, wiki: Wiki, page: WikiPage) -> bool:
    """Deleted pages stay visible to moderators only (so they can restore them)."""
    return can_read(user, wiki) and (page.deleted_at is None or can_moderate(user, wiki))
