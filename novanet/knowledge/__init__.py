"""Knowledge bank: good practices (submission, review, catalogue, adoptions, exports) and
modernization projects with quarterly indicators and dashboards."""

import click
from flask import Flask
from flask_babel import lazy_gettext as _l

from novanet.notifications.services import register_kind


def init_app(app: Flask) -> None:
    # demo and privacy register the seeder and the personal-data hooks when imported
    from novanet.knowledge import (  # noqa: F401
        api,
        demo,
        integration,
        policy,
        privacy,
        views,
        views_admin,
        views_projects,
        vocab,
    )

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.jinja_env.globals.update(knowledge_policy=policy, knowledge_vocab=vocab)
    _register_kinds()
    integration.register_search()
    integration.register_reports()

    @app.cli.command("knowledge-moderator")
    @click.argument("username")
    @click.option("--remove", is_flag=True, help="Take the role away instead.")
    def knowledge_moderator(username, remove):
        """Give (or with --remove take away) the knowledge bank moderator role."""
        from novanet.core.errors import DomainError
        from novanet.knowledge.services import set_moderator

        # messages are translated, which needs a request's locale
        with app.test_request_context():
            try:
                user = set_moderator(username, not remove)
            except DomainError as exc:
                detail = "; ".join(exc.fields.values()) or str(exc.message)
                raise click.ClickException(detail) from None
        click.echo(f"{user.username}: {'removed' if remove else 'knowledge moderator'}")


def _register_kinds() -> None:
    register_kind("knowledge.submitted", lambda p: _l(
        "A good practice is waiting for review: “%(title)s”.", title=p.get("title", "")),
        label=_l("Good practices waiting for review"))
    register_kind("knowledge.published", lambda p: _l(
        "Your good practice “%(title)s” is published.", title=p.get("title", "")),
        label=_l("My good practices published"))
    register_kind("knowledge.changes_requested", lambda p: _l(
        "Changes were requested for “%(title)s”: %(message)s", title=p.get("title", ""),
        message=p.get("message", "")), label=_l("Changes requested on my good practices"))
    register_kind("knowledge.rejected", lambda p: _l(
        "Your good practice “%(title)s” was not accepted: %(message)s",
        title=p.get("title", ""), message=p.get("message", "")),
        label=_l("My good practices not accepted"))
    register_kind("knowledge.comment", lambda p: _l(
        "%(name)s commented on “%(title)s”.", name=p.get("name", ""), title=p.get("title", "")),
        label=_l("Comments on my good practices"))
    register_kind("knowledge.adopted", lambda p: _l(
        "%(administration)s adopted your practice “%(title)s”.",
        administration=p.get("administration", ""), title=p.get("title", "")),
        label=_l("Administrations adopting my good practices"))
