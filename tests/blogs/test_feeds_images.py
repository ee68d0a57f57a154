"""Atom feeds are valid with absolute links; uploads are checked, re-encoded, size-limited."""

from io import BytesIO
from xml.etree import ElementTree

import pytest
from PIL import Image
from sqlalchemy import func, select

from novanet.blogs.models import BlogImage, BlogPost
from novanet.extensions import db
from tests.blogs.factories import image_bytes, make_post
from tests.factories import add_member, make_group

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.config(BASE_URL="https://novanet.example")
def test_site_feed_is_valid_atom_with_absolute_links(client, user):
    group = make_group(visibility="public", slug="datos")
    add_member(group, user)
    make_post(user, title="Personal & <raro>", body="Texto *rico*", tags=["open-data"])
    make_post(user, title="En grupo", group=group)
    r = client.get("/blogs/feed.atom")
    assert r.status_code == 200 and r.mimetype == "application/atom+xml"
    root = ElementTree.fromstring(r.data)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}id").text == "https://novanet.example/blogs/feed.atom"
    assert root.find(f"{ATOM}updated").text
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["En grupo", "Personal & <raro>"]
    for entry in entries:
        for tag in ("id", "updated", "published"):
            assert entry.find(f"{ATOM}{tag}").text, tag
        assert entry.find(f"{ATOM}author/{ATOM}name").text == "Marta Ruiz"
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith("https://novanet.example/blogs/")
    assert entries[0].find(f"{ATOM}link").get("href") == (
        "https://novanet.example/blogs/groups/datos/en-grupo")
    content = entries[1].find(f"{ATOM}content")
    assert content.get("type") == "html" and "<em>rico</em>" in content.text


def test_member_group_and_tag_feeds(client, user):
    group = make_group(visibility="public", slug="abierto")
    add_member(group, user)
    make_post(user, title="Del grupo", group=group, tags=["etiqueta"])
    make_post(user, title="Mío", tags=["etiqueta"])
    make_post(user, title="Borrador", status="draft", tags=["etiqueta"])
    titles = lambda url: [e.find(f"{ATOM}title").text for e in  # noqa: E731
                          ElementTree.fromstring(client.get(url).data).findall(f"{ATOM}entry")]
    assert titles("/blogs/people/marta/feed.atom") == ["Mío"]
    assert titles("/blogs/groups/abierto/feed.atom") == ["Del grupo"]
    assert titles("/blogs/tags/etiqueta/feed.atom") == ["Mío", "Del grupo"]
    assert client.get("/blogs/people/nobody/feed.atom").status_code == 404


def upload(client, post_id, data, name="a.png", cover=False):
    fields = {"image": (BytesIO(data), name)}
    if cover:
        fields["as_cover"] = "y"
    return client.post(f"/blogs/posts/{post_id}/images", data=fields,
                       content_type="multipart/form-data")


def test_images_are_reencoded_and_can_be_the_cover(client, auth, user, app):
    post = make_post(user)
    auth.login(user)
    for fmt in ("PNG", "JPEG", "WEBP", "GIF"):
        assert upload(client, post.id, image_bytes(fmt), f"x.{fmt.lower()}").status_code == 302
    assert upload(client, post.id, image_bytes("PNG", (3000, 1000)), cover=True).status_code == 302
    images = db.session.scalars(select(BlogImage).order_by(BlogImage.id)).all()
    assert [i.key.rsplit(".", 1)[1] for i in images] == ["png", "jpg", "webp", "gif", "png"]
    from pathlib import Path

    stored = Path(app.config["MEDIA_DIR"]) / images[-1].key
    with Image.open(stored) as im:
        assert max(im.size) == 1600
    db.session.refresh(post)
    assert post.cover_url == images[-1].url
    with client.get(f"/blogs/posts/{post.id}", follow_redirects=True) as page:
        assert f'src="{images[-1].url}"' in page.text


@pytest.mark.config(BLOG_IMAGE_MAX_BYTES=2000)
def test_bad_uploads_are_refused_and_nothing_kept(client, auth, user, app):
    post = make_post(user)
    auth.login(user)
    r = upload(client, post.id, b"<?php echo 'hi'; ?>", "evil.png")
    assert r.status_code == 400 and 'id="image-error"' in r.text
    r = upload(client, post.id, b"GIF89a" + b"\x00" * 20, "broken.gif")
    assert r.status_code == 400
    r = upload(client, post.id, image_bytes("PNG", (400, 400)) + b"\x00" * 5000, "big.png")
    assert r.status_code == 400 and "larger than" in r.text
    bmp = BytesIO()
    Image.new("RGB", (4, 4)).save(bmp, "BMP")
    assert upload(client, post.id, bmp.getvalue(), "x.bmp").status_code == 400
    assert db.session.scalar(select(func.count()).select_from(BlogImage)) == 0
    from pathlib import Path

    folder = Path(app.config["MEDIA_DIR"]) / "blogs"
    assert not folder.exists() or not any(folder.iterdir())


def test_bad_cover_on_create_stores_nothing(client, auth, user, app):
    auth.login(user)
    r = client.post("/blogs/new", data={"title": "Con portada", "body": "x", "status": "published",
                                        "save": "1", "cover": (BytesIO(b"not an image"), "c.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 400 and 'id="cover-error"' in r.text
    assert db.session.scalar(select(func.count()).select_from(BlogPost)) == 0
    r = client.post("/blogs/new", data={"title": "Con portada", "body": "x", "status": "published",
                                        "save": "1", "cover": (BytesIO(image_bytes()), "c.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 302
    post = db.session.scalar(select(BlogPost))
    assert post.cover_name and db.session.scalar(select(BlogImage.post_id)) == post.id


def test_others_cannot_upload(client, auth, user):
    from tests.factories import make_user

    post = make_post(user)
    auth.login(make_user("otro"))
    assert upload(client, post.id, image_bytes()).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(BlogImage)) == 0
