"""The groups API: CRUD, membership and member management, with hostile input."""

from novanet.activity.services import record
from novanet.core import mail
from novanet.extensions import db
from novanet.groups.models import Group
from tests.factories import make_group, make_user
from tests.groups.factories import make_cast, snapshot


def test_create_read_update_delete(app, api):
    owner = make_user("owner")
    client = api.as_user(owner)
    r = client.post("/api/v1/groups", json={
        "name": "Contratación pública", "description": "Pliegos *claros*",
        "visibility": "private", "tags": ["compras", "Open Data"], "country": "ar"})
    assert r.status_code == 201
    body = r.get_json()
    assert body["slug"] == "contratacion-publica" and body["tags"] == ["compras", "open-data"]
    assert body["membership"] == {"status": "active", "role": "owner", "muted": False}
    assert "<em>claros</em>" in body["description_html"] and body["member_count"] == 1
    r = client.patch("/api/v1/groups/contratacion-publica", json={"region": "Santa Fe",
                                                                  "tags": "compras"})
    assert r.status_code == 200 and r.get_json()["region"] == "Santa Fe"
    assert r.get_json()["tags"] == ["compras"]
    anonymous = api.as_user(None).get("/api/v1/groups/contratacion-publica").get_json()
    assert anonymous["membership"] is None
    assert client.delete("/api/v1/groups/contratacion-publica").status_code == 204
    assert client.get("/api/v1/groups/contratacion-publica").status_code == 404


def test_bad_input_answers_with_fields_and_stores_nothing(app, api):
    owner = make_user("owner")
    make_group("Datos", owner=owner, slug="datos")
    client = api.as_user(owner)
    before = snapshot(db)
    r = client.post("/api/v1/groups", json={"name": "Datos", "slug": "datos"})
    assert r.status_code == 409
    error = r.get_json()["error"]
    assert "datos-2" in error["message"] and "datos-2" in error["fields"]["slug"]
    for body, field in (({"name": ""}, "name"), ({"name": "x" * 121}, "name"),
                        ({"name": "Bien", "tags": ["<script>"]}, "tags"),
                        ({"name": "Bien", "visibility": "hidden"}, "visibility"),
                        ({"name": "Bien", "unexpected": 1}, "unexpected")):
        r = client.post("/api/v1/groups", json=body)
        assert r.status_code == 422, body
        assert field in r.get_json()["error"]["fields"], body
    r = client.post("/api/v1/groups", data="{nope", content_type="application/json")
    assert r.status_code == 400
    assert snapshot(db) == before


def test_session_calls_need_the_csrf_header(app, make_client):
    owner = make_user("owner")
    client = make_client()
    client.post("/login", data={"login": "owner", "password": "correct horse battery staple"})
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        r = client.post("/api/v1/groups", json={"name": "Sin token"})
        assert r.status_code == 403 and r.get_json()["error"]["code"] == "csrf_failed"
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert not db.session.scalars(db.select(Group).where(Group.name == "Sin token")).all()
    assert owner.id


def test_request_flow_and_withdrawn_request(app, api):
    cast = make_cast("private")
    newcomer = make_user("newcomer")
    r = api.as_user(newcomer).post(f"/api/v1/groups/{cast.group.slug}/join",
                                   json={"message": "Soy técnica de datos"})
    assert r.status_code == 200 and r.get_json()["status"] == "pending"
    moderator = api.as_user(cast.moderator)
    pending = moderator.get(f"/api/v1/groups/{cast.group.slug}/requests").get_json()["items"]
    assert {p["username"] for p in pending} == {"newcomer", cast.requester.username}
    assert [p["message"] for p in pending if p["username"] == "newcomer"] == ["Soy técnica de datos"]
    r = moderator.post(f"/api/v1/groups/{cast.group.slug}/requests/newcomer/approve", json={})
    assert r.status_code == 200 and r.get_json()["status"] == "active"
    assert api.as_user(cast.requester).post(
        f"/api/v1/groups/{cast.group.slug}/leave").status_code == 204
    before = snapshot(db)
    r = moderator.post(f"/api/v1/groups/{cast.group.slug}/requests/"
                       f"{cast.requester.username}/approve", json={})
    assert r.status_code == 409 and "withdrawn" in r.get_json()["error"]["message"]
    assert snapshot(db) == before


def test_member_management(app, api):
    cast = make_cast("public")
    owner, slug = api.as_user(cast.owner), cast.group.slug
    r = owner.patch(f"/api/v1/groups/{slug}/members/{cast.member.username}",
                    json={"role": "moderator"})
    assert r.status_code == 200 and r.get_json()["role"] == "moderator"
    r = owner.patch(f"/api/v1/groups/{slug}/members/{cast.member.username}",
                    json={"role": "member", "status": "banned"})
    assert r.status_code == 422
    r = owner.patch(f"/api/v1/groups/{slug}/members/{cast.member.username}",
                    json={"status": "banned", "reason": "Spam"})
    assert r.status_code == 200 and r.get_json()["status"] == "banned"
    banned = owner.get(f"/api/v1/groups/{slug}/members?status=banned").get_json()["items"]
    assert cast.member.username in {m["username"] for m in banned}
    assert api.as_user(cast.member).post(f"/api/v1/groups/{slug}/join",
                                         json={}).status_code == 403
    r = owner.patch(f"/api/v1/groups/{slug}/members/{cast.member.username}",
                    json={"status": "active"})
    assert r.status_code == 204
    assert api.as_user(cast.member).post(f"/api/v1/groups/{slug}/join",
                                         json={}).status_code == 200
    assert owner.delete(f"/api/v1/groups/{slug}/members/{cast.member.username}").status_code == 204
    assert api.as_user(cast.member).get(f"/api/v1/groups/{slug}").get_json()["membership"] is None
    assert api.as_user(cast.member).get(
        f"/api/v1/groups/{slug}/members?status=banned").status_code == 403
    r = owner.post(f"/api/v1/groups/{slug}/transfer", json={"username": cast.moderator.username})
    assert r.status_code == 204
    assert api.as_user(cast.owner).post(f"/api/v1/groups/{slug}/leave").status_code == 204


def test_invitations_over_the_api(app, api):
    cast = make_cast("secret")
    moderator, slug = api.as_user(cast.moderator), cast.group.slug
    r = moderator.post(f"/api/v1/groups/{slug}/invitations", json={"email": "Nadie@Example.org"})
    assert r.status_code == 201 and r.get_json()["email"] == "nadie@example.org"
    assert mail.outbox()[-1]["To"] == "nadie@example.org"
    before = snapshot(db)
    r = moderator.post(f"/api/v1/groups/{slug}/invitations",
                       json={"username": cast.member.username})
    assert r.status_code == 409
    assert "already a member" in r.get_json()["error"]["fields"]["username"]
    r = moderator.post(f"/api/v1/groups/{slug}/invitations", json={})
    assert r.status_code == 422
    assert api.as_user(cast.member).post(f"/api/v1/groups/{slug}/invitations",
                                         json={"username": "x"}).status_code == 403
    assert api.as_user(cast.outsider).post(f"/api/v1/groups/{slug}/invitations",
                                           json={"username": "x"}).status_code == 404
    assert snapshot(db) == before
    listed = moderator.get(f"/api/v1/groups/{slug}/invitations").get_json()["items"]
    assert {i["email"] for i in listed} >= {"nadie@example.org"}
    r = api.as_user(cast.invited).post(f"/api/v1/groups/{slug}/join", json={})
    assert r.status_code == 200 and r.get_json()["status"] == "active"


def test_moderator_of_another_group_is_refused_over_the_api(app, api):
    here, there = make_cast("public", prefix="here"), make_cast("private", prefix="there")
    other = api.as_user(there.moderator)
    before = snapshot(db)
    slug = here.group.slug
    assert other.patch(f"/api/v1/groups/{slug}/members/{here.member.username}",
                       json={"status": "banned"}).status_code == 403
    assert other.delete(f"/api/v1/groups/{slug}/members/{here.member.username}").status_code == 403
    assert other.post(f"/api/v1/groups/{slug}/requests/{here.requester.username}/approve",
                      json={}).status_code == 403
    assert other.patch(f"/api/v1/groups/{slug}", json={"name": "Mío"}).status_code == 403
    assert other.delete(f"/api/v1/groups/{slug}").status_code == 403
    assert snapshot(db) == before


def test_mute(app, api):
    cast = make_cast("public")
    client = api.as_user(cast.member)
    assert client.put(f"/api/v1/groups/{cast.group.slug}/mute").get_json() == {"muted": True}
    assert client.delete(f"/api/v1/groups/{cast.group.slug}/mute").get_json() == {"muted": False}
    assert api.as_user(cast.outsider).put(f"/api/v1/groups/{cast.group.slug}/mute").status_code == 409


def test_directory_filters_sorting_and_keyset_pages(app, api):
    owner = make_user("owner")
    groups = []
    for n in range(5):
        groups.append(make_group(f"Grupo {n}", owner=owner, slug=f"grupo-{n}",
                                 country="ES" if n % 2 else "PT"))
    db.session.get(Group, groups[3].id).member_count = 40
    db.session.commit()
    record(actor_id=owner.id, verb="debate_created", subject_type="debate", subject_id=1,
           group_id=groups[1].id, title="Nuevo debate", url="/x")
    client = api.as_user(None)
    by_activity = client.get("/api/v1/groups").get_json()["items"]
    assert by_activity[0]["slug"] == "grupo-1"
    by_size = client.get("/api/v1/groups?sort=size").get_json()["items"]
    assert by_size[0]["slug"] == "grupo-3"
    spain = client.get("/api/v1/groups?country=es").get_json()["items"]
    assert {g["slug"] for g in spain} == {"grupo-1", "grupo-3"}
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/groups?limit=2" + (f"&cursor={cursor}" if cursor else ""))
        body = page.get_json()
        seen += [g["slug"] for g in body["items"]]
        cursor = body["next"]
        if not cursor:
            break
    assert sorted(seen) == sorted(g.slug for g in groups) and len(seen) == 5
    assert client.get("/api/v1/groups?cursor=garbage").status_code == 400
