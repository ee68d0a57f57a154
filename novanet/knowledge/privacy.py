"""A member's knowledge bank data in their download, and what deleting the account does.

Projects belong to their administration, not to the person who registered them: they stay
(their creator becomes "deleted member"). Practices, comments and adoptions are the member's
writing: removed unless they chose to keep their public content; unpublished practices always go.
"""

from sqlalchemy import delete, func, select, update

from novanet.accounts.privacy import register_eraser, register_exporter
from novanet.core import signals
from novanet.extensions import db
from novanet.knowledge import attachments
from novanet.knowledge.models import (
    Adoption,
    IndicatorValue,
    Practice,
    PracticeAttachment,
    PracticeComment,
    Project,
)

# Files of practices deleted with an account, removed once the deletion has committed.
_PENDING_FILES: dict[int, list[str]] = {}


def export_knowledge(user) -> dict | None:
    practices = db.session.scalars(select(Practice).where(Practice.author_id == user.id)
                                   .order_by(Practice.id)).all()
    comments = db.session.scalars(select(PracticeComment).where(
        PracticeComment.author_id == user.id).order_by(PracticeComment.id)).all()
    adoptions = db.session.scalars(select(Adoption).where(Adoption.user_id == user.id)
                                   .order_by(Adoption.id)).all()
    projects = db.session.scalars(select(Project).where(Project.created_by_id == user.id)
                                  .order_by(Project.id)).all()
    values = db.session.scalar(select(func.count()).select_from(IndicatorValue).where(
        IndicatorValue.reported_by_id == user.id))
    if not (practices or comments or adoptions or projects or values):
        return None
    return {
        "practices": [{"id": p.id, "title": p.title, "status": p.status,
                       "administration": p.administration, "category": p.category,
                       "objectives": p.objectives, "description": p.description,
                       "created_at": p.created_at, "published_at": p.published_at,
                       "attachments": [a.filename for a in p.attachments]}
                      for p in practices],
        "comments": [{"practice_id": c.practice_id, "body": c.body, "created_at": c.created_at}
                     for c in comments],
        "adoptions": [{"practice_id": a.practice_id, "administration": a.administration,
                       "result": a.result, "adopted_on": a.adopted_on,
                       "created_at": a.created_at} for a in adoptions],
        "projects_registered": [{"id": p.id, "title": p.title,
                                 "administration": p.administration} for p in projects],
        "indicator_values_reported": values or 0,
    }


def erase_knowledge(user, keep_content: bool) -> None:
    doomed = select(Practice.id).where(Practice.author_id == user.id)
    if keep_content:
        doomed = doomed.where(Practice.status != "published")
    else:
        comments = select(PracticeComment.practice_id, func.count().label("n")).where(
            PracticeComment.author_id == user.id).group_by(PracticeComment.practice_id)
        for practice_id, n in db.session.execute(comments).all():
            db.session.execute(update(Practice).where(Practice.id == practice_id)
                               .values(comment_count=Practice.comment_count - n))
        db.session.execute(update(Practice).where(Practice.id.in_(
            select(Adoption.practice_id).where(Adoption.user_id == user.id)))
            .values(adoption_count=Practice.adoption_count - 1))
        db.session.execute(delete(PracticeComment).where(PracticeComment.author_id == user.id))
        db.session.execute(delete(Adoption).where(Adoption.user_id == user.id))
    ids = list(db.session.scalars(doomed))
    if ids:
        _PENDING_FILES[user.id] = list(db.session.scalars(
            select(PracticeAttachment.key).where(PracticeAttachment.practice_id.in_(ids))))
        for practice in db.session.scalars(select(Practice).where(Practice.id.in_(ids))):
            db.session.delete(practice)


def _remove_files(sender, user_id=None, **extra) -> None:
    for key in _PENDING_FILES.pop(user_id, []):
        attachments.remove(key)


register_exporter("knowledge", export_knowledge)
register_eraser(erase_knowledge)
signals.user_deleted.connect(_remove_files)
