"""Who may do what: every role × visibility × action, over the HTML pages and the API, with
exact status codes. Secret groups answer 404 to everyone who may not know they exist."""

import pytest

from novanet.groups import policy
from tests.groups.factories import make_cast

ROLES = ("anonymous", "outsider", "requester", "invited", "member", "moderator", "owner",
         "banned", "admin")


def row(text: str) -> dict:
    values = text.split()
    if len(values) == 1:
        values = values * len(ROLES)
    return dict(zip(ROLES, values, strict=True))


# HTML: "302" = done and sent back to the page, "login" = sent to the login page.
HTML = {
    "public": {
        "view": row("200"), "members": row("200"),
        "join": row("login 302 409 302 409 409 409 403 302"),
        "request": row("login 302 409 302 409 409 409 403 302"),
        "moderate": row("login 403 403 403 403 200 200 403 200"),
        "manage": row("login 403 403 403 403 403 200 403 200"),
    },
    "private": {
        "view": row("200"), "members": row("403 403 403 403 200 200 200 403 200"),
        "join": row("login 302 409 302 409 409 409 403 302"),
        "request": row("login 302 409 302 409 409 409 403 302"),
        "moderate": row("login 403 403 403 403 200 200 403 200"),
        "manage": row("login 403 403 403 403 403 200 403 200"),
    },
    "secret": {
        "view": row("404 404 404 200 200 200 200 404 200"),
        "members": row("404 404 404 403 200 200 200 404 200"),
        "join": row("404 404 404 302 409 409 409 404 403"),
        "request": row("404 404 404 302 409 409 409 404 403"),
        "moderate": row("404 404 404 403 403 200 200 404 200"),
        "manage": row("404 404 404 403 403 403 200 404 200"),
    },
}

# API: anonymous unsafe calls are 401 before any lookup (so they reveal nothing either).
API = {
    "public": {
        "view": row("200"), "members": row("200"),
        "join": row("401 200 409 200 409 409 409 403 200"),
        "request": row("401 200 409 200 409 409 409 403 200"),
        "moderate": row("401 403 403 403 403 200 200 403 200"),
        "manage": row("401 403 403 403 403 403 200 403 200"),
    },
    "private": {
        "view": row("200"), "members": row("403 403 403 403 200 200 200 403 200"),
        "join": row("401 200 409 200 409 409 409 403 200"),
        "request": row("401 200 409 200 409 409 409 403 200"),
        "moderate": row("401 403 403 403 403 200 200 403 200"),
        "manage": row("401 403 403 403 403 403 200 403 200"),
    },
    "secret": {
        "view": row("404 404 404 200 200 200 200 404 200"),
        "members": row("404 404 404 403 200 200 200 404 200"),
        "join": row("401 404 404 200 409 409 409 404 403"),
        "request": row("401 404 404 200 409 409 409 404 403"),
        "moderate": row("401 404 404 403 403 200 200 404 200"),
        "manage": row("401 404 404 403 403 403 200 404 200"),
    },
}

POST = {"public": row("False False False False True True True False False"),
        "private": row("False False False False True True True False False"),
        "secret": row("False False False False True True True False False")}

MUTATING = ("join", "request", "manage")


def html_status(client, action: str, slug: str) -> str:
    if action == "view":
        r = client.get(f"/groups/{slug}")
    elif action == "members":
        r = client.get(f"/groups/{slug}/members")
    elif action == "join":
        r = client.post(f"/groups/{slug}/join")
    elif action == "request":
        r = client.post(f"/groups/{slug}/join", data={"message": "Trabajo en esto, ¿puedo?"})
    elif action == "moderate":
        r = client.get(f"/groups/{slug}/requests")
    else:
        r = client.get(f"/groups/{slug}/edit")
    if r.status_code == 302 and "/login" in r.headers["Location"]:
        return "login"
    return str(r.status_code)


def api_status(client, action: str, slug: str) -> str:
    base = f"/api/v1/groups/{slug}"
    if action == "view":
        r = client.get(base)
    elif action == "members":
        r = client.get(f"{base}/members")
    elif action == "join":
        r = client.post(f"{base}/join", json={})
    elif action == "request":
        r = client.post(f"{base}/join", json={"message": "Trabajo en esto, ¿puedo?"})
    elif action == "moderate":
        r = client.get(f"{base}/requests")
    else:
        r = client.patch(base, json={"region": "Norte"})
    return str(r.status_code)


def _client_for(kind, cast, role, make_client, api):
    user = None if role == "anonymous" else getattr(cast, role)
    if kind == "api":
        return api.as_user(user)
    client = make_client()
    if user is not None:
        r = client.post("/login", data={"login": user.username,
                                        "password": "correct horse battery staple"})
        assert r.status_code == 302
    return client


@pytest.mark.parametrize("kind", ["html", "api"])
@pytest.mark.parametrize("visibility", ["public", "private", "secret"])
def test_permission_matrix(app, make_client, api, kind, visibility):
    table = (HTML if kind == "html" else API)[visibility]
    check = html_status if kind == "html" else api_status
    shared = make_cast(visibility, prefix="m")
    actual: dict = {}
    for role in ROLES:
        client = _client_for(kind, shared, role, make_client, api)
        for action in table:
            if action in MUTATING:
                continue
            actual[(role, action)] = check(client, action, shared.group.slug)
    for action in MUTATING:
        for n, role in enumerate(ROLES):
            cast = make_cast(visibility, prefix=f"{action[:2]}{n}")
            client = _client_for(kind, cast, role, make_client, api)
            actual[(role, action)] = check(client, action, cast.group.slug)
    expected = {(role, action): table[action][role] for action in table for role in ROLES}
    wrong = {key: (actual[key], expected[key]) for key in expected if actual[key] != expected[key]}
    assert not wrong, f"(role, action): (got, expected) {wrong}"


@pytest.mark.parametrize("visibility", ["public", "private", "secret"])
def test_post_permission_follows_membership(app, visibility):
    from flask_login import AnonymousUserMixin

    cast = make_cast(visibility)
    for role in ROLES:
        user = AnonymousUserMixin() if role == "anonymous" else getattr(cast, role)
        assert str(policy.can_post(user, cast.group)) == POST[visibility][role], role


def test_secret_groups_are_absent_from_directory_for_outsiders(app, make_client, api):
    cast = make_cast("secret")
    for user, present in ((None, False), (cast.outsider, False), (cast.banned, False),
                          (cast.requester, False), (cast.invited, True), (cast.member, True),
                          (cast.admin, True)):
        listed = api.as_user(user).get("/api/v1/groups").get_json()["items"]
        assert (cast.group.slug in {g["slug"] for g in listed}) is present, user
        filtered = api.as_user(user).get("/api/v1/groups?visibility=secret").get_json()["items"]
        assert (cast.group.slug in {g["slug"] for g in filtered}) is present, user
    anonymous = make_client().get("/groups?visibility=secret")
    assert cast.group.name.encode() not in anonymous.data
