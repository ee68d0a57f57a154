"""Wiki pages as report targets: moderators see the page and can delete it (restorable)."""

from novanet.accounts.models import User
from novanet.core.db import utcnow
from novanet.extensions import db
from novanet.moderation.registry import register_target
from novanet.wiki import policy
from novanet.wiki.models import WikiPage
from novanet.wiki.wikis import Wiki


def _author(page: WikiPage) -> User | None:
    return db.session.get(User, page.created_by_id) if page.created_by_id else None


def _delete(page: WikiPage) -> None:
    # Soft delete, as from the wiki itself: moderators can still restore the page.
    page.deleted_at = utcnow()


def register() -> None:
    register_target(
        "wiki_page",
        load=lambda id: db.session.get(WikiPage, id),
        group_of=lambda page: page.group,
        can_view=lambda user, page: policy.can_see_page(user, Wiki(page.group), page),
        author_of=_author,
        title_of=lambda page: page.title,
        url_of=lambda page: Wiki(page.group).page_path(page.slug),
        delete=_delete,
    )
