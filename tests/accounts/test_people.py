"""Public profiles, avatars and the people directory."""

import io
import os
import re

import pytest
from PIL import Image

from novanet.accounts.services import set_suspended
from novanet.extensions import db
from tests.accounts.factories import image_bytes
from tests.factories import make_user


def test_profile_shows_what_the_member_wrote(client, app):
    make_user("lucia", display_name="Lucía Martín", position="Jefa de Servicio",
              organisation="Ayuntamiento de Zaragoza", level="local", country="ES",
              city="Zaragoza", expertise="datos abiertos, transparencia",
              bio="Trabajo en **sede electrónica**.", links=["https://zaragoza.es/lucia"])
    html = client.get("/people/lucia").get_data(as_text=True)
    assert "Lucía Martín" in html and "Jefa de Servicio" in html
    assert "Ayuntamiento de Zaragoza" in html and "Zaragoza" in html
    assert "Spain" in html  # country name in the viewer's language
    assert "<strong>sede electrónica</strong>" in html
    assert 'href="https://zaragoza.es/lucia" rel="nofollow noopener"' in html
    assert "datos-abiertos" in html and "/people?expertise=transparencia" in html
    assert 'class="avatar initials"' in html and ">LM<" in html
    es = client.get("/people/lucia", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "España" in es


def test_profile_bio_is_sanitised(client, app):
    make_user("eve", bio='<script>alert(1)</script>[x](javascript:alert(1)) <img src=x onerror=y>')
    html = client.get("/people/eve").get_data(as_text=True)
    assert "<script>alert" not in html and "javascript:" not in html and "onerror" not in html


def test_unknown_profile_is_404(client):
    assert client.get("/people/nobody").status_code == 404


def test_suspended_members_are_hidden_except_to_admins(client, app, auth, admin, make_client):
    member = make_user("spammer", display_name="Spam Person")
    set_suspended(member, True, "spam")
    assert client.get("/people/spammer").status_code == 404
    assert "Spam Person" not in client.get("/people").get_data(as_text=True)
    auth.login(admin)
    assert client.get("/people/spammer").status_code == 200
    assert "Spam Person" in client.get("/people").get_data(as_text=True)


def test_directory_filters(client, app):
    make_user("ana", display_name="Ana Sousa", country="PT", organisation="AMA Lisboa",
              expertise="simplex")
    make_user("carlos", display_name="Carlos Hernández", country="MX",
              organisation="Gobierno CDMX", expertise="gobierno-digital, simplex")
    make_user("jordi", display_name="Jordi Puig", country="ES", organisation="Generalitat")

    def names(query):
        html = client.get("/people" + query).get_data(as_text=True)
        return {n for n in ("Ana Sousa", "Carlos Hernández", "Jordi Puig") if n in html}

    assert names("") == {"Ana Sousa", "Carlos Hernández", "Jordi Puig"}
    assert names("?country=pt") == {"Ana Sousa"}
    assert names("?expertise=simplex") == {"Ana Sousa", "Carlos Hernández"}
    assert names("?organisation=generalitat") == {"Jordi Puig"}
    assert names("?q=carl") == {"Carlos Hernández"}
    assert names("?q=%25") == set()  # wildcards are literal
    assert names("?country=XX") == {"Ana Sousa", "Carlos Hernández", "Jordi Puig"}
    assert "Nobody matches" in client.get("/people?q=zzz").get_data(as_text=True)


@pytest.mark.config(PAGE_SIZE=2)
def test_directory_keyset_pagination_visits_everyone_once(client, app, count_queries):
    for i in range(5):
        make_user(f"person{i}", display_name=f"Person {i}", expertise="a, b")
    seen, url = [], "/people"
    while url:
        with count_queries() as q:
            html = client.get(url).get_data(as_text=True)
        assert q.count <= 8
        seen += [f"Person {i}" for i in range(5) if f">Person {i}<" in html]
        m = re.search(r'href="([^"]+)" rel="next"', html)
        url = m.group(1).replace("&amp;", "&") if m else None
    assert seen == [f"Person {i}" for i in range(5)]
    assert client.get("/people?cursor=garbage").status_code == 400


def test_avatar_upload_is_reencoded_square(client, app, auth, user):
    auth.login(user)
    data = image_bytes("JPEG", (640, 480))
    r = client.post("/settings/avatar", data={"avatar": (io.BytesIO(data), "me.jpg")},
                    content_type="multipart/form-data")
    assert r.status_code == 302
    db.session.refresh(user)
    assert user.avatar_key and user.avatar_key.startswith("avatars/")
    with client.get("/people/marta/avatar") as r:
        assert r.status_code == 200 and r.mimetype == "image/jpeg"
        img = Image.open(io.BytesIO(r.data))
    assert img.size == (256, 256)
    assert 'src="/people/marta/avatar?v=' in client.get("/people/marta").get_data(as_text=True)


@pytest.mark.parametrize("payload,name,message", [
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "x.svg",
     "not a PNG, JPG, WEBP image"),
    (b"GIF89a" + b"\0" * 100, "x.png", "not a PNG"),
    (b"%PDF-1.4 not an image", "x.jpg", "not a PNG"),
    (image_bytes("GIF"), "x.gif", "not a PNG"),
])
def test_bad_avatar_gives_field_error_and_stores_nothing(client, app, auth, user, payload, name,
                                                         message):
    auth.login(user)
    r = client.post("/settings/avatar", data={"avatar": (io.BytesIO(payload), name)},
                    content_type="multipart/form-data")
    assert r.status_code == 400
    assert message in r.get_data(as_text=True)
    db.session.refresh(user)
    assert user.avatar_key is None
    media = app.config["MEDIA_DIR"]
    assert not os.path.exists(media) or not any(files for _, _, files in os.walk(media))


@pytest.mark.config(AVATAR_MAX_BYTES=200_000)
def test_too_large_avatar_is_refused(client, app, auth, user):
    # A real image just over the limit (the default limit is 2 MB; a smaller one keeps the
    # test request in memory).
    noise = Image.frombytes("RGB", (400, 400), os.urandom(400 * 400 * 3))
    out = io.BytesIO()
    noise.save(out, "PNG")
    assert len(out.getvalue()) > 200_000
    auth.login(user)
    r = client.post("/settings/avatar", data={"avatar": (io.BytesIO(out.getvalue()), "big.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 400 and "larger than 0.2 MB" in r.get_data(as_text=True)
    db.session.refresh(user)
    assert user.avatar_key is None


def test_default_avatar_limit_is_two_megabytes(app):
    assert app.config["AVATAR_MAX_BYTES"] == 2 * 1024 * 1024


def test_avatar_route_cannot_be_abused(client, app, auth, user):
    assert client.get("/people/marta/avatar").status_code == 404  # no avatar yet
    for path in ("/people/..%2F..%2Fsecret_key/avatar", "/people/marta/avatar/../../x",
                 "/people/%2e%2e/avatar"):
        assert client.get(path).status_code == 404
    user.avatar_key = "../../../etc/passwd"
    db.session.commit()
    assert client.get("/people/marta/avatar").status_code == 404


def test_replacing_and_removing_avatar_deletes_old_files(client, app, auth, user):
    auth.login(user)
    for _ in range(2):
        client.post("/settings/avatar",
                    data={"avatar": (io.BytesIO(image_bytes("PNG")), "a.png")},
                    content_type="multipart/form-data")
    folder = os.path.join(app.config["MEDIA_DIR"], "avatars")
    assert len(os.listdir(folder)) == 1
    assert client.post("/settings/avatar/remove").status_code == 302
    assert os.listdir(folder) == []
    assert client.get("/people/marta/avatar").status_code == 404
