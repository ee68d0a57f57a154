"""Moderation: reports of content, moderator actions, the audit log and site administration."""

from flask import Flask
from flask_babel import lazy_gettext as _l


def init_app(app: Flask) -> None:
    from novanet.moderation import admin, api, targets, views
    from novanet.notifications.services import register_kind

    app.register_blueprint(views.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(api.bp)
    targets.register_builtin()

    register_kind("report_resolved", _report_outcome, label=_l("What happened to my reports"))


def _report_outcome(params: dict):
    outcomes = {
        "dismissed": _l("Thank you for your report about “%(title)s”. The moderators looked at "
                        "it and decided no action was needed."),
        "hidden": _l("Thank you for your report about “%(title)s”. The moderators hid it."),
        "deleted": _l("Thank you for your report about “%(title)s”. The moderators removed it."),
        "banned": _l("Thank you for your report about “%(title)s”. Its author was banned from "
                     "the group."),
        "suspended": _l("Thank you for your report about “%(title)s”. The author's account was "
                        "suspended."),
    }
    message = outcomes.get(params.get("outcome"), outcomes["dismissed"])
    return message % {"title": params.get("title", "")}
