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

    from novanet.core import signals

    signals.member_joined.connect(_record_join, weak=False)


def _record_join(sender, group, user, **_):
    """New members reach the home feeds of the group's members and of their followers, through
    the group policy like any group activity (a secret group's stay among its members)."""
    from flask import current_app, has_request_context, url_for

    from novanet.activity import services as activity

    def link():
        return url_for("groups.detail", slug=group.slug)

    if has_request_context():
        url = link()
    else:
        with current_app.test_request_context("/"):
            url = link()
    activity.record(actor_id=user.id, verb="member_joined", subject_type="group",
                    subject_id=group.id, group_id=group.id, title=group.name, url=url)
