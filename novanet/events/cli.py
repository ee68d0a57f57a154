"""`flask events …` maintenance commands."""

import click
from flask import Flask
from flask.cli import AppGroup

from novanet.events import attendance

events_cli = AppGroup("events", help="Events maintenance.")


@events_cli.command("purge-registrations")
@click.option("--days", type=click.IntRange(min=0), default=None,
              help="Days after an event ends (default: REGISTRATION_PURGE_DAYS).")
def purge_registrations(days):
    """Erase personal registration data (codes, check-in times, notes) of past events."""
    purged = attendance.purge_registrations(days)
    click.echo(f"purged registration data of {purged} event(s)")


def init_app(app: Flask) -> None:
    app.cli.add_command(events_cli)
