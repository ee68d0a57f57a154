"""Wiki: group wikis and the site knowledge base, with revisions, diffs and edit conflicts."""

from flask import Flask

from novanet.core import signals


def _forget_removed(sender, kind=None, id=None, **_):
    # Pages removed here or by moderation leave the activity streams.
    if kind == "wiki_page" and id is not None:
        from novanet.activity import services as activity

        activity.forget("wiki_page", id)


def init_app(app: Flask) -> None:
    from novanet.wiki import api, demo, policy, privacy, reports, views  # noqa: F401 (seeder)
    from novanet.wiki.wikis import Wiki, show

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.jinja_env.filters["wiki_html"] = show
    app.jinja_env.globals.update(wiki_policy=policy, wiki_for=Wiki)
    signals.content_removed.connect(_forget_removed)
    reports.register()
