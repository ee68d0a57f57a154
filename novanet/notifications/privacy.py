"""A member's notifications in their data download; they go with the account."""

from sqlalchemy import delete, select

from novanet.accounts.privacy import register_eraser, register_exporter
from novanet.extensions import db
from novanet.notifications.models import Notification


def export_notifications(user) -> list:
    rows = db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                              .order_by(Notification.created_at))
    return [{"kind": n.kind, "url": n.url, "params": n.params, "created_at": n.created_at,
             "read_at": n.read_at} for n in rows]


def erase_notifications(user, keep_content: bool) -> None:
    db.session.execute(delete(Notification).where(Notification.user_id == user.id))
    if not keep_content:
        # Notifications others got about this member's actions point at removed content.
        db.session.execute(delete(Notification).where(Notification.actor_id == user.id))


register_exporter("notifications", export_notifications)
register_eraser(erase_notifications)


def export_preferences(user) -> dict:
    from novanet.notifications.models import NotificationPreference

    return dict(db.session.execute(select(NotificationPreference.kind,
                                          NotificationPreference.channel)
                                   .where(NotificationPreference.user_id == user.id)).all())


register_exporter("notification_preferences", export_preferences)
