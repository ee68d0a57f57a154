"""Notifications: in-app list with unread count; other features call services.notify()."""

from flask import Flask


def init_app(app: Flask) -> None:
    from novanet.notifications import privacy, services  # noqa: F401

    @app.context_processor
    def unread():
        from flask_login import current_user

        def count():
            return services.unread_count(current_user) if current_user.is_authenticated else 0

        return {"unread_notifications": count}
