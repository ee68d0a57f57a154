"""A member's wiki edits in their data download, and what deleting the account does to them.

A wiki page is written together, and each revision builds on the ones before it, so edits to
pages others have edited stay in the history as by a deleted member (author set to NULL by the
foreign key), whether or not the member asks to remove their content. Pages only the member
ever edited are theirs alone: without keep_content they are deleted with their history.
Watches go with the member (CASCADE).
"""

from flask import g, has_app_context
from sqlalchemy import delete, exists, select

from novanet.accounts.models import User
from novanet.accounts.privacy import register_eraser, register_exporter
from novanet.core import signals
from novanet.extensions import db
from novanet.wiki.models import WikiPage, WikiRevision


def export_revisions(user: User) -> list:
    rows = db.session.execute(
        select(WikiRevision, WikiPage.wiki_key, WikiPage.slug)
        .join(WikiPage, WikiPage.id == WikiRevision.page_id)
        .where(WikiRevision.author_id == user.id).order_by(WikiRevision.created_at))
    return [{"wiki": key, "page": slug, "revision": r.number, "kind": r.kind, "title": r.title,
             "body": r.body, "summary": r.summary, "created_at": r.created_at}
            for r, key, slug in rows]


def erase(user: User, keep_content: bool) -> None:
    """Runs inside the deletion transaction (no commit)."""
    if keep_content:
        return
    others = exists().where(WikiRevision.page_id == WikiPage.id,
                            (WikiRevision.author_id != user.id)
                            | WikiRevision.author_id.is_(None))
    mine = exists().where(WikiRevision.page_id == WikiPage.id, WikiRevision.author_id == user.id)
    alone = list(db.session.scalars(select(WikiPage.id).where(mine, ~others)))
    db.session.execute(delete(WikiPage).where(WikiPage.id.in_(alone)))
    if has_app_context():
        g.setdefault("_wiki_erased", {})[user.id] = alone


def after_user_deleted(sender, user_id: int, keep_content: bool = False, **_) -> None:
    """After the commit: search and activity streams forget the pages that went."""
    if not has_app_context():
        return
    for page_id in g.get("_wiki_erased", {}).pop(user_id, []):
        signals.content_removed.send("wiki", kind="wiki_page", id=page_id)


register_exporter("wiki_revisions", export_revisions)
register_eraser(erase)
signals.user_deleted.connect(after_user_deleted, weak=False)
