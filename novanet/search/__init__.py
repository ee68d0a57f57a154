"""Search: one box over people, groups and every content kind that registers a source."""

import click
from flask import Flask
from flask.cli import AppGroup


def init_app(app: Flask) -> None:
    from novanet.search import api, content, demo, engine, models, receivers, views  # noqa: F401

    engine.hook(models.SearchDocument.__table__)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    receivers.connect()
    content.register_all()

    group = AppGroup("search", help="The full-text search index.")

    @group.command("rebuild")
    @click.option("--kind", "kinds", multiple=True, help="Only these kinds (repeatable).")
    def rebuild(kinds):
        """Re-index everything from the database (safe to run any time)."""
        from novanet.search import index

        index.rebuild(list(kinds) or None, echo=click.echo)

    app.cli.add_command(group)
