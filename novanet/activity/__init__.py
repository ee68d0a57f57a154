"""Activity records behind group streams and home feeds."""

from flask import Flask


def init_app(app: Flask) -> None:
    from novanet.activity import models, privacy  # noqa: F401  (tables; data export)
