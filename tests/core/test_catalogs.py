"""A template speaks with its own feature's words when features translate a word differently."""

from flask_babel import force_locale
from jinja2 import DictLoader


def test_each_feature_template_uses_its_own_catalog(app):
    env = app.jinja_env.overlay(loader=DictLoader({
        "blogs/t.html": "{{ _('Post') }}",
        "debates/t.html": "{{ _('Post') }}",
        "base_t.html": "{{ _('Log in') }}",
    }))
    with app.test_request_context(), force_locale("es"):
        assert env.get_template("blogs/t.html").render() == "Entrada"
        assert env.get_template("debates/t.html").render() == "Intervención"
        assert env.get_template("base_t.html").render() == "Iniciar sesión"
