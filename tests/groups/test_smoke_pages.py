"""Every group page renders for the people who may see it."""

from tests.groups.factories import make_cast


def test_pages_render_for_owner(client, auth, app):
    cast = make_cast("private")
    auth.login(cast.owner)
    slug = cast.group.slug
    for path in ["/groups", f"/groups/{slug}", f"/groups/{slug}/members",
                 f"/groups/{slug}/members?status=banned", f"/groups/{slug}/edit",
                 f"/groups/{slug}/settings", f"/groups/{slug}/requests",
                 f"/groups/{slug}/invitations", f"/groups/{slug}/reports",
                 f"/groups/{slug}/audit", "/groups/new"]:
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code)
        assert r.data.count(b"<h1") == 1, path


def test_admin_pages_render(client, auth, app):
    cast = make_cast("secret")
    auth.login(cast.admin)
    for path in ["/admin/", "/admin/members", "/admin/members?q=sec", "/admin/groups",
                 "/admin/reports", "/admin/audit", f"/groups/{cast.group.slug}"]:
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code)
        assert r.data.count(b"<h1") == 1, path
