"""`flask users create` for provisioning members and administrators."""

import getpass

import click
from flask import Flask

from novanet.core.errors import DomainError


def init_app(app: Flask) -> None:
    users = click.Group("users", help="Manage member accounts.")

    @users.command("create")
    @click.argument("username")
    @click.option("--email", required=True, help="E-mail address (marked as verified).")
    @click.option("--name", "display_name", help="Display name (defaults to the username).")
    @click.option("--password", help="Password; asked for when omitted.")
    @click.option("--admin", is_flag=True, help="Make a site administrator.")
    def create(username, email, display_name, password, admin):
        """Create a verified member account."""
        from novanet.accounts.services import register

        if not password:
            password = getpass.getpass("Password: ")
        try:
            user = register(username=username, email=email, password=password,
                            display_name=display_name or username, is_admin=admin, verified=True,
                            allow_reserved=True)
        except DomainError as exc:
            details = "; ".join(f"{k}: {v}" for k, v in exc.fields.items())
            raise click.ClickException(f"{exc.message} {details}".strip()) from None
        click.echo(f"Created {'administrator' if admin else 'member'} {user.username} (id {user.id}).")

    app.cli.add_command(users)
