"""Blogs: every member and every group has one; posts, comments, likes, images and feeds."""

from flask import Flask
from flask_babel import lazy_gettext as _l


def init_app(app: Flask) -> None:
    from novanet.blogs import api, demo, editor, models, policy, privacy, reports, views  # noqa: F401
    from novanet.notifications.services import register_kind

    register_kind("blog_comment", lambda p: _l("%(name)s commented on your post “%(title)s”.",
                                                name=p.get("name", ""), title=p.get("title", "")),
                  label=_l("Comments on my blog posts"))
    register_kind("blog_reply", lambda p: _l("%(name)s answered your comment on “%(title)s”.",
                                              name=p.get("name", ""), title=p.get("title", "")),
                  label=_l("Answers to my blog comments"))
    reports.register()
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.jinja_env.globals["blog_policy"] = policy
