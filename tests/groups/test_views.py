"""The group pages work without JavaScript: forms post, errors show beside fields, nothing is
stored when something is wrong."""

import io
import re

from PIL import Image
from sqlalchemy import select

from novanet.core import mail
from novanet.extensions import db
from novanet.groups import membership
from novanet.groups.models import Group
from tests.factories import PASSWORD, make_group, make_user
from tests.groups.factories import make_cast, snapshot


def _login(make_client, user):
    client = make_client()
    assert client.post("/login", data={"login": user.username,
                                       "password": PASSWORD}).status_code == 302
    return client


def _png() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (800, 300), (20, 90, 160)).save(out, "PNG")
    out.seek(0)
    return out


def test_create_with_cover_and_duplicate_slug_suggestion(app, make_client):
    owner = make_user("owner")
    make_group("Datos", owner=owner, slug="datos-abiertos")
    client = _login(make_client, owner)
    before = snapshot(db)
    r = client.post("/groups/new", data={"name": "Datos abiertos", "visibility": "public"})
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and "datos-abiertos-2" in page
    assert 'aria-invalid="true"' in page and 'href="#slug"' in page
    r = client.post("/groups/new", data={"name": "ab", "tags": "a/b", "visibility": "public"})
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and 'href="#name"' in page and 'href="#tags"' in page
    assert 'value="ab"' in page  # what was typed is kept
    assert snapshot(db) == before
    r = client.post("/groups/new", data={
        "name": "Datos abiertos", "slug": "datos-abiertos-2", "visibility": "secret",
        "description": "Para **publicar** datos", "tags": "datos, transparencia",
        "country": "ES", "cover": (_png(), "cover.png")}, content_type="multipart/form-data")
    assert r.status_code == 302 and r.headers["Location"].endswith("/groups/datos-abiertos-2")
    group = db.session.scalar(select(Group).where(Group.slug == "datos-abiertos-2"))
    assert group.cover_key and group.visibility == "secret"
    cover = client.get("/groups/datos-abiertos-2/cover")
    assert cover.status_code == 200 and cover.mimetype == "image/png"
    cover.close()
    outsider = _login(make_client, make_user("outsider"))
    assert outsider.get("/groups/datos-abiertos-2/cover").status_code == 404
    assert outsider.get("/groups/datos-abiertos-2").status_code == 404


def test_join_request_approve_and_leave_over_html(app, make_client):
    cast = make_cast("private")
    newcomer = make_user("newcomer")
    client = _login(make_client, newcomer)
    form = client.get(f"/groups/{cast.group.slug}/join")
    assert form.status_code == 200 and b"Message to the moderators" in form.data
    r = client.post(f"/groups/{cast.group.slug}/join", data={"message": "Hola, trabajo en esto"})
    assert r.status_code == 302
    page = client.get(f"/groups/{cast.group.slug}").get_data(as_text=True)
    assert "Withdraw the request" in page
    moderator = _login(make_client, cast.moderator)
    queue = moderator.get(f"/groups/{cast.group.slug}/requests").get_data(as_text=True)
    assert "Hola, trabajo en esto" in queue
    r = moderator.post(f"/groups/{cast.group.slug}/requests/newcomer",
                       data={"decision": "approve"})
    assert r.status_code == 302
    r = moderator.post(f"/groups/{cast.group.slug}/requests/newcomer",
                       data={"decision": "approve"})
    assert r.status_code == 409 and b"withdrawn or already decided" in r.data
    assert "Leave the group" in client.get(f"/groups/{cast.group.slug}").get_data(as_text=True)
    assert client.post(f"/groups/{cast.group.slug}/leave").status_code == 302
    assert membership.row(cast.group, newcomer) is None
    owner = _login(make_client, cast.owner)
    r = owner.post(f"/groups/{cast.group.slug}/leave")
    assert r.status_code == 409 and b"only owner" in r.data


def test_invitation_link_by_email(app, make_client):
    cast = make_cast("secret")
    moderator = _login(make_client, cast.moderator)
    r = moderator.post(f"/groups/{cast.group.slug}/invitations",
                       data={"email": "colega@example.org"})
    assert r.status_code == 302
    r = moderator.post(f"/groups/{cast.group.slug}/invitations",
                       data={"username": cast.member.username})
    assert r.status_code == 400 and b"already a member" in r.data
    link = re.search(r"http://localhost(/invitations/\S+)",
                     mail.outbox()[-1].get_body(("plain",)).get_content()).group(1)
    colleague = make_user("colega", email="colega@example.org")
    client = _login(make_client, colleague)
    assert client.get(f"/groups/{cast.group.slug}").status_code == 404
    page = client.get(link)
    assert page.status_code == 200 and b"Accept and join" in page.data
    assert client.post(link, data={"answer": "accept"}).status_code == 302
    assert client.get(f"/groups/{cast.group.slug}").status_code == 200


def test_member_actions_edit_and_settings(app, make_client):
    cast = make_cast("public")
    slug, group_id = cast.group.slug, cast.group.id
    owner = _login(make_client, cast.owner)
    members = owner.get(f"/groups/{slug}/members?q={cast.member.username}")
    assert cast.member.display_name.encode() in members.data
    assert cast.moderator.display_name.encode() not in members.data
    url = f"/groups/{slug}/members/{cast.member.username}"
    assert owner.post(url, data={"action": "promote"}).status_code == 302
    assert membership.row(cast.group, cast.member).role == "moderator"
    assert owner.post(url, data={"action": "explode"}).status_code == 400
    moderator = _login(make_client, cast.moderator)
    r = moderator.post(f"/groups/{slug}/members/{cast.owner.username}", data={"action": "ban"})
    assert r.status_code == 403
    r = owner.post(f"/groups/{slug}/edit", data={"name": "", "visibility": "public"})
    assert r.status_code == 400
    r = owner.post(f"/groups/{slug}/edit", data={"name": "Nombre nuevo", "visibility": "private",
                                                 "tags": "uno, dos"})
    assert r.status_code == 302
    group = db.session.get(Group, cast.group.id)
    assert group.name == "Nombre nuevo" and group.tag_names == ["dos", "uno"]
    r = owner.post(f"/groups/{slug}/settings", data={"what": "transfer",
                                                     "transfer-username": "nobody_here"})
    assert r.status_code == 400
    r = owner.post(f"/groups/{slug}/settings", data={"what": "delete", "delete-confirm": "nope"})
    assert r.status_code == 400 and db.session.get(Group, group_id) is not None
    r = owner.post(f"/groups/{slug}/settings", data={"what": "delete", "delete-confirm": slug})
    assert r.status_code == 302 and db.session.get(Group, group_id) is None


def test_directory_page_filters_and_hides_secret_groups(app, client):
    owner = make_user("owner")
    make_group("Datos abiertos", owner=owner, slug="datos", country="ES")
    make_group("Compras", owner=owner, slug="compras", country="AR")
    make_group("Comité secreto", owner=owner, slug="comite", visibility="secret")
    page = client.get("/groups").get_data(as_text=True)
    assert "Datos abiertos" in page and "Compras" in page and "Comité secreto" not in page
    page = client.get("/groups?country=AR").get_data(as_text=True)
    assert "Compras" in page and "Datos abiertos" not in page
    page = client.get("/groups?tag=nothing").get_data(as_text=True)
    assert "No groups match these filters." in page


def test_group_page_query_count_stays_flat(app, make_client, count_queries):
    cast = make_cast("public")
    for n in range(12):
        membership.join(make_user(f"extra{n}"), cast.group)
    client = _login(make_client, cast.owner)
    client.get(f"/groups/{cast.group.slug}/members")
    with count_queries() as few:
        client.get(f"/groups/{cast.group.slug}/members?limit=5")
    with count_queries() as many:
        client.get(f"/groups/{cast.group.slug}/members?limit=30")
    assert many.count == few.count
