"""Groups: directory, membership, roles and the group policy every feature asks."""

from flask import Flask


def init_app(app: Flask) -> None:
    from novanet.groups import policy, privacy  # noqa: F401  (privacy registers its exporter)

    app.jinja_env.globals["group_policy"] = policy
