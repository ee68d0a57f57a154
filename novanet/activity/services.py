"""Recording activity (called by feature services after their commit) and reading streams."""

from sqlalchemy import delete, select, update

from novanet.activity.models import Activity
from novanet.core.db import utcnow
from novanet.core.pagination import Page, paginate
from novanet.extensions import db
from novanet.groups import policy
from novanet.groups.models import Group


def record(*, actor_id: int | None, verb: str, subject_type: str, subject_id: int,
           group_id: int | None, title: str, url: str) -> Activity:
    row = Activity(actor_id=actor_id, verb=verb, subject_type=subject_type,
                   subject_id=subject_id, group_id=group_id, title=title[:300], url=url[:500])
    db.session.add(row)
    if group_id is not None:
        # The directory sorts groups by recent activity: keep it in step with the stream.
        db.session.execute(update(Group).where(Group.id == group_id)
                           .values(last_activity_at=row.created_at or utcnow()))
    db.session.commit()
    return row


def forget(subject_type: str, subject_id: int) -> None:
    """Drop the activity of something deleted or hidden, so streams stop showing it."""
    db.session.execute(delete(Activity).where(Activity.subject_type == subject_type,
                                              Activity.subject_id == subject_id))
    db.session.commit()


def group_stream(viewer, group, *, limit: int = 20, cursor: str | None = None) -> Page:
    if not policy.can_view_content(viewer, group):
        return Page([], None)
    stmt = select(Activity).where(Activity.group_id == group.id)
    return paginate(stmt, [Activity.created_at, Activity.id], session=db.session, limit=limit,
                    cursor=cursor)
