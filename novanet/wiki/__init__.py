"""Wiki: group wikis and the site knowledge base, with revisions, diffs and edit conflicts."""

from flask import Flask


def init_app(app: Flask) -> None:
    from novanet.wiki import api, demo, policy, views  # noqa: F401  (demo registers a seeder)
    from novanet.wiki.wikis import Wiki, show

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.jinja_env.filters["wiki_html"] = show
    app.jinja_env.globals.update(wiki_policy=policy, wiki_for=Wiki)
