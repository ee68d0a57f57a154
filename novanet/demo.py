"""`flask seed-demo`: realistic demo content in Spanish and English.

Each feature adds a seeder with @seeder; they run in registration order and receive the
shared context (people by username, groups by slug…) so later features build on earlier ones.
"""

import click
from flask import Flask

_SEEDERS: list = []
_FINISHERS: list = []


def seeder(fn):
    if fn not in _SEEDERS:
        _SEEDERS.append(fn)
    return fn


def finisher(fn):
    """Runs after every seeder (e.g. rebuilding an index over all the demo content)."""
    if fn not in _FINISHERS:
        _FINISHERS.append(fn)
    return fn


def init_app(app: Flask) -> None:
    @app.cli.command("seed-demo")
    @click.option("--password", default="demo-password-2026",
                  help="Password given to every demo member.")
    def seed_demo(password):
        """Fill the platform with demo members, groups and content (idempotent)."""
        context = {"password": password}
        for fn in _SEEDERS + _FINISHERS:
            fn(context)
            click.echo(f"seeded: {fn.__module__.split('.')[1]}")
