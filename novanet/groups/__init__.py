"""Groups: directory, membership, roles and the group policy every feature asks."""

from flask import Flask
from flask_babel import lazy_gettext as _l


def init_app(app: Flask) -> None:
    from novanet.groups import api, demo, manage_views, policy, privacy, views  # noqa: F401
    from novanet.notifications.services import register_kind

    app.config.setdefault("GROUP_INVITATION_DAYS", 14)
    app.jinja_env.globals["group_policy"] = policy
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)

    register_kind("group_request", lambda p: _l(
        "%(name)s asked to join %(group)s.", name=p.get("name", ""), group=p.get("group", "")),
        label=_l("Requests to join groups I moderate"))
    register_kind("group_request_approved", lambda p: _l(
        "Your request to join %(group)s was approved. Welcome!", group=p.get("group", "")),
        label=_l("My requests to join a group approved"))
    register_kind("group_request_rejected", lambda p: _l(
        "Your request to join %(group)s was not accepted.", group=p.get("group", "")),
        label=_l("My requests to join a group not accepted"))
    register_kind("group_invitation", lambda p: _l(
        "%(name)s invited you to join %(group)s.", name=p.get("name", ""),
        group=p.get("group", "")), label=_l("Invitations to join groups"))
