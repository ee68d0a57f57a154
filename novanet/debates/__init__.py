"""Debates: discussions inside groups, with live replies, reactions and conclusions."""

from flask import Flask


def init_app(app: Flask) -> None:
    from novanet.debates import (  # noqa: F401  (demo registers a seeder)
        api,
        demo,
        feed,
        policy,
        privacy,
        receivers,
        rendering,
        reports,
        sockets,
        views,
    )
    from novanet.debates.queries import excerpt

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.jinja_env.globals.update(debate_policy=policy, excerpt=excerpt)
    sockets.init_app(app)  # first: live delivery should not wait for activity and mentions
    receivers.connect()
    rendering.connect()
    reports.register()
    feed.register()
