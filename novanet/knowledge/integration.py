"""The knowledge bank in site-wide search and in moderation reports."""

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from novanet.core.markup import plain_text
from novanet.extensions import db
from novanet.knowledge import policy
from novanet.knowledge.models import Practice, PracticeComment


def _documents(ids):
    from novanet.search.sources import BODY_MAX, Document

    rows = db.session.scalars(select(Practice).where(Practice.id.in_(ids),
                                                     Practice.status == "published"))
    for p in rows:
        body = " ".join([p.administration, p.objectives, plain_text(p.description),
                         " ".join(p.tags or [])])[:BODY_MAX]
        yield Document("practice", p.id, p.title, body,
                       url_for("knowledge.practice", practice_id=p.id), None, p.author_id,
                       p.published_at or p.created_at)


def _published_ids():
    return db.session.scalars(select(Practice.id).where(Practice.status == "published"))


def register_search() -> None:
    try:
        from novanet.search.sources import Source, register
    except ImportError:
        return
    register(Source("practice", _l("Good practices"), _documents, _published_ids))


def _delete_comment(comment: PracticeComment) -> None:
    db.session.execute(update(Practice).where(Practice.id == comment.practice_id)
                       .values(comment_count=Practice.comment_count - 1))
    db.session.delete(comment)


def register_reports() -> None:
    try:
        from novanet.moderation.registry import register_target
    except ImportError:
        return
    register_target(
        "practice",
        load=lambda pk: db.session.get(Practice, pk),
        group_of=lambda practice: None,
        can_view=policy.can_view_practice,
        author_of=lambda practice: practice.author,
        title_of=lambda practice: practice.title,
        url_of=lambda practice: url_for("knowledge.practice", practice_id=practice.id),
    )
    register_target(
        "practice_comment",
        load=lambda pk: db.session.get(PracticeComment, pk),
        group_of=lambda comment: None,
        can_view=lambda user, comment: policy.can_view_practice(
            user, db.session.get(Practice, comment.practice_id)),
        author_of=lambda comment: comment.author,
        title_of=lambda comment: plain_text(comment.body, 80),
        url_of=lambda comment: url_for("knowledge.practice", practice_id=comment.practice_id,
                                       _anchor=f"comment-{comment.id}"),
        delete=_delete_comment,
    )
