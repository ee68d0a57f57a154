"""Load and authorize in one step, for the HTML views and the API alike.

Unknown and invisible wikis or pages are NotFound (secret groups are never confirmed);
a private group's wiki is Forbidden to outsiders who may know the group exists.
"""

from flask_login import current_user
from sqlalchemy import select

from novanet.core.errors import Forbidden, NotFound
from novanet.extensions import db
from novanet.groups.models import Group
from novanet.wiki import policy
from novanet.wiki.models import WikiPage
from novanet.wiki.services import find_page
from novanet.wiki.wikis import Wiki


def load_wiki(group_slug: str | None) -> Wiki:
    if group_slug is None:
        return Wiki(None)
    group = db.session.scalar(select(Group).where(Group.slug == group_slug))
    if group is None:
        raise NotFound()
    wiki = Wiki(group)
    if not policy.can_know(current_user, wiki):
        raise NotFound()
    if not policy.can_read(current_user, wiki):
        raise Forbidden()
    return wiki


def load_page(wiki: Wiki, slug: str) -> tuple[WikiPage, bool]:
    """(page, reached through a rename redirect); deleted pages only for moderators."""
    page, redirected = find_page(wiki, slug)
    if page is None or not policy.can_see_page(current_user, wiki, page):
        raise NotFound()
    return page, redirected


def require_edit(wiki: Wiki, page: WikiPage | None = None) -> None:
    if not policy.can_edit(current_user, wiki, page):
        raise Forbidden()


def require_moderate(wiki: Wiki) -> None:
    if not policy.can_moderate(current_user, wiki):
        raise Forbidden()
