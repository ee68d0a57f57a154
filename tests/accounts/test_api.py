from tests.factories import PASSWORD, make_user


def test_register_validation_errors_have_fields(client):
    r = client.post("/api/v1/auth/register", json={"username": "x", "email": "bad",
                                                   "password": "short", "display_name": ""})
    assert r.status_code == 422
    fields = r.get_json()["error"]["fields"]
    assert set(fields) >= {"username", "email", "password", "display_name"}


def test_malformed_body_is_400_not_500(client):
    r = client.post("/api/v1/auth/register", data="{not json", content_type="application/json")
    assert r.status_code == 400
    r = client.post("/api/v1/auth/register", json={"username": 5, "unexpected": True})
    assert r.status_code == 422


def test_token_lifecycle(client, app):
    user = make_user("ana")
    r = client.post("/api/v1/auth/tokens", json={"login": "ana", "password": PASSWORD,
                                                 "name": "script"})
    assert r.status_code == 201
    token, token_id = r.get_json()["token"], r.get_json()["id"]
    headers = {"Authorization": f"Bearer {token}"}
    me = client.get("/api/v1/me", headers=headers)
    assert me.status_code == 200 and me.get_json()["username"] == "ana"
    r = client.patch("/api/v1/me", headers=headers, json={"bio": "x" * 20001})
    assert r.status_code == 422 and "bio" in r.get_json()["error"]["fields"]
    r = client.patch("/api/v1/me", headers=headers, json={"position": "Jefa", "country": "es",
                                                           "expertise": ["Open Data"]})
    assert r.status_code == 200 and r.get_json()["expertise"] == ["open-data"]
    assert client.delete(f"/api/v1/auth/tokens/{token_id}", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert user.username == "ana"


def test_wrong_password_and_anonymous(client, app):
    make_user("ana")
    r = client.post("/api/v1/auth/tokens", json={"login": "ana", "password": "nope nope nope",
                                                 "name": "x"})
    assert r.status_code == 422
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/users/nobody").status_code == 404
    assert client.get("/api/v1/users").status_code == 200


def test_suspended_members_are_hidden_from_the_api_except_for_admins(app, api, admin):
    from novanet.accounts.services import set_suspended

    member = make_user("hidden_one")
    set_suspended(member, True, "spam")
    anonymous = api.as_user(None)
    assert anonymous.get("/api/v1/users/hidden_one").status_code == 404
    names = {u["username"] for u in anonymous.get("/api/v1/users").get_json()["items"]}
    assert "hidden_one" not in names
    as_admin = api.as_user(admin)
    assert as_admin.get("/api/v1/users/hidden_one").status_code == 200
    names = {u["username"] for u in as_admin.get("/api/v1/users").get_json()["items"]}
    assert "hidden_one" in names
