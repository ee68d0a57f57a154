"""The interface speaks Spanish, Portuguese, Catalan and English, chosen per visitor."""

import html as htmllib

import pytest

from novanet.extensions import db
from tests.factories import PASSWORD

EXPECTED = {
    "es": {"/": ["La red de empleados públicos", "Saltar al contenido principal"],
           "/login": ["Iniciar sesión", "Nombre de usuario o correo electrónico",
                      "¿Has olvidado tu contraseña?"]},
    "pt": {"/": ["A rede de funcionários públicos", "Saltar para o conteúdo principal"],
           "/login": ["Entrar", "Nome de utilizador ou e-mail", "Esqueceu-se da palavra-passe?"]},
    "ca": {"/": ["La xarxa d'empleats públics", "Salta al contingut principal"],
           "/login": ["Inicia la sessió", "Nom d'usuari o correu electrònic",
                      "Has oblidat la contrasenya?"]},
    "en": {"/": ["The network of public employees", "Skip to main content"],
           "/login": ["Log in", "Username or e-mail", "Forgot your password?"]},
}


@pytest.mark.parametrize("lang", sorted(EXPECTED))
@pytest.mark.parametrize("path", ["/", "/login"])
def test_pages_follow_accept_language(client, lang, path):
    html = client.get(path, headers={"Accept-Language": f"{lang},en;q=0.5"}).get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    text = htmllib.unescape(html)
    for phrase in EXPECTED[lang][path]:
        assert phrase in text, (lang, phrase)
    if lang != "en":
        assert "Skip to main content" not in text


def test_field_errors_are_translated(client):
    r = client.post("/register", headers={"Accept-Language": "pt"},
                    data={"username": "ab", "display_name": "A", "email": "x",
                          "password": "curta"})
    text = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "Use de 3 a 32 letras, algarismos ou sublinhados." in text
    assert "Use pelo menos 12 caracteres." in text
    assert "Há um problema" in text


def test_language_switcher_for_visitors(client):
    r = client.post("/language", data={"lang": "ca", "next": "/login"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/login")
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="ca">' in html and "Inicia la sessió" in html
    assert client.post("/language", data={"lang": "xx"}).status_code == 302
    assert '<html lang="ca">' in client.get("/").get_data(as_text=True)


def test_language_switcher_persists_on_the_account(client, auth, user, make_client):
    auth.login(user)
    client.post("/language", data={"lang": "pt", "next": "/"})
    db.session.refresh(user)
    assert user.locale == "pt"
    other = make_client()  # another browser, English Accept-Language
    other.post("/login", data={"login": user.username, "password": PASSWORD})
    html = other.get("/settings/profile").get_data(as_text=True)
    assert '<html lang="pt">' in html and "Guardar perfil" in html


def test_switcher_form_is_in_every_page(client):
    html = client.get("/people").get_data(as_text=True)
    assert 'action="/language"' in html and 'name="lang"' in html
