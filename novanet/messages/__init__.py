"""Direct messages between members, delivered live; blocking."""

from flask import Flask
from flask_babel import lazy_gettext as _l


def init_app(app: Flask) -> None:
    from novanet.core import signals
    from novanet.messages import api, demo, privacy, services, views  # noqa: F401
    from novanet.notifications.services import register_kind

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    signals.message_sent.connect(_deliver, weak=False)
    register_kind("direct_message", lambda p: _l("%(name)s sent you a message.",
                                                 name=p.get("name", "")),
                  label=_l("Direct messages"), default="off")

    from novanet.core.templating import register_badge

    register_badge(app, "messages", services.unread_total_sql)


def _deliver(sender, message, conversation, recipient, **_):
    """Live to both members' rooms (the sender's other tabs too); a notification if wanted."""
    from flask import url_for

    from novanet.core.realtime import publish, user_room
    from novanet.messages import services
    from novanet.notifications.services import notify

    payload = {"id": message.id, "conversation_id": conversation.id,
               "sender": message.sender.username if message.sender else None,
               "body_html": message.body_html, "created_at": message.created_at.isoformat()}
    publish("message:created", {**payload, "unread_total": services.unread_total(recipient)},
            user_room(recipient.id))
    publish("message:created", payload, user_room(message.sender_id))
    try:
        url = url_for("messages.conversation", conversation_id=conversation.id)
    except RuntimeError:
        url = f"/messages/{conversation.id}"
    notify([recipient], "direct_message", actor=message.sender, url=url,
           params={"name": message.sender.display_name if message.sender else ""})
