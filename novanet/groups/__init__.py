"""Groups: directory, membership, roles and the group policy every feature asks."""

from flask import Flask


def init_app(app: Flask) -> None:
    from novanet.groups import policy

    app.jinja_env.globals["group_policy"] = policy
