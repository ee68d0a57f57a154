"""A member's activity in their data download; removed with their contributions if they ask."""

from sqlalchemy import delete, select

from novanet.accounts.privacy import register_eraser, register_exporter
from novanet.activity.models import Activity
from novanet.extensions import db


def export_activity(user) -> list:
    rows = db.session.scalars(select(Activity).where(Activity.actor_id == user.id)
                              .order_by(Activity.created_at))
    return [{"verb": a.verb, "subject_type": a.subject_type, "subject_id": a.subject_id,
             "title": a.title, "url": a.url, "created_at": a.created_at} for a in rows]


def erase_activity(user, keep_content: bool) -> None:
    if not keep_content:
        db.session.execute(delete(Activity).where(Activity.actor_id == user.id))


register_exporter("activity", export_activity)
register_eraser(erase_activity)
