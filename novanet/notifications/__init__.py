"""Notifications: in-app list with a live unread count, preferences, daily e-mail digest."""

import click
from flask import Flask


def init_app(app: Flask) -> None:
    from novanet.core import signals
    from novanet.notifications import api, privacy, services, views  # noqa: F401

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    signals.notification_created.connect(_push, weak=False)
    from flask_babel import lazy_gettext as _l

    app.jinja_env.globals.setdefault("settings_extra_pages", []).append(
        ("notifications.settings", _l("Notifications")))

    from novanet.core.templating import register_badge

    register_badge(app, "notifications", services.unread_count_sql)

    @app.cli.command("send-digests")
    def send_digests():
        """E-mail each member their pending notifications (run daily from cron)."""
        from novanet.notifications.digest import send_digests as run

        click.echo(f"digests sent: {run()}")


def _push(sender, notification, **_):
    """Live: the recipient's badge and a polite announcement, in their language."""
    from flask import current_app
    from flask_babel import force_locale

    from novanet.accounts.models import User
    from novanet.core.realtime import publish, user_room
    from novanet.extensions import db
    from novanet.notifications import services

    user = db.session.get(User, notification.user_id)
    if user is None:
        return
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        text = services.message(notification)
    publish("notification", {"id": notification.id, "kind": notification.kind, "text": text,
                             "url": notification.url, "unread": services.unread_count(user)},
            user_room(user.id))
