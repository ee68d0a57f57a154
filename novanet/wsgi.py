"""WSGI entry point for gunicorn: `gunicorn 'novanet.wsgi:app'`."""

from novanet import create_app

app = create_app()
