"""Networking: follows, verified affiliation and the home feed."""

from flask import Flask
from flask_babel import lazy_gettext as _l


def init_app(app: Flask) -> None:
    from novanet.network import api, demo, privacy, services, views  # noqa: F401
    from novanet.notifications.services import register_kind

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)

    def is_following(user) -> bool:
        from flask_login import current_user

        return services.is_following(current_user, user)

    app.jinja_env.globals.update(verified_employee=services.is_verified_employee,
                                 is_following=is_following, follow_counts=services.counts)

    register_kind("followed", lambda p: _l("%(name)s started following you.",
                                           name=p.get("name", "")),
                  label=_l("Someone follows me"))
    from novanet.core import signals

    signals.followed.connect(_notify_followed, weak=False)


def _notify_followed(sender, follower, followed, **_):
    from flask import url_for
    from werkzeug.routing import BuildError

    from novanet.notifications.services import notify

    try:
        url = url_for("people.profile", username=follower.username)
    except (BuildError, RuntimeError):  # no people pages installed, or outside a request
        url = ""
    notify([followed], "followed", actor=follower, url=url,
           params={"name": follower.display_name})
