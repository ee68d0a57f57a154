"""Who sees which posts: groups, drafts, hidden posts, across pages, feeds, images and the API."""

import pytest

from tests.blogs.factories import image_bytes, make_post
from tests.factories import add_member, make_group, make_user


@pytest.fixture
def world(app):
    author = make_user("autora")
    member = make_user("miembro")
    outsider = make_user("ajeno")
    moderator = make_user("moderadora")
    groups = {}
    for vis in ("public", "private", "secret"):
        group = make_group(f"Grupo {vis}", slug=f"g-{vis}", visibility=vis)
        add_member(group, author)
        add_member(group, member)
        add_member(group, moderator, role="moderator")
        groups[vis] = group
    posts = {vis: make_post(author, title=f"Post {vis}", group=g, tags=["comun"])
             for vis, g in groups.items()}
    posts["personal"] = make_post(author, title="Post personal", tags=["comun"])
    return {"author": author, "member": member, "outsider": outsider, "moderator": moderator,
            "groups": groups, "posts": posts}


def fetch(client, url) -> int:
    """Status of a file response, closing it (file responses hold the file open)."""
    with client.get(url) as response:
        return response.status_code


def _login(client, auth, who):
    if who is not None:
        auth.login(who)


@pytest.mark.parametrize("viewer,vis,expected", [
    (None, "public", 200), (None, "private", 403), (None, "secret", 404),
    ("outsider", "public", 200), ("outsider", "private", 403), ("outsider", "secret", 404),
    ("member", "public", 200), ("member", "private", 200), ("member", "secret", 200),
])
def test_group_blog_page_follows_group_visibility(client, auth, world, viewer, vis, expected):
    _login(client, auth, world.get(viewer))
    assert client.get(f"/blogs/groups/g-{vis}").status_code == expected


@pytest.mark.parametrize("viewer,vis,expected", [
    (None, "public", 200), (None, "private", 404), (None, "secret", 404),
    ("outsider", "private", 404), ("outsider", "secret", 404),
    ("member", "private", 200), ("member", "secret", 200),
])
def test_group_post_page_and_api(client, auth, api, world, viewer, vis, expected):
    post = world["posts"][vis]
    _login(client, auth, world.get(viewer))
    assert client.get(f"/blogs/groups/g-{vis}/{post.slug}").status_code == expected
    assert client.get(f"/blogs/posts/{post.id}").status_code in (
        (302,) if expected == 200 else (404,))
    assert api.as_user(world.get(viewer)).get(f"/api/v1/blog-posts/{post.id}").status_code == (
        200 if expected == 200 else 404)
    assert api.as_user(world.get(viewer)).get(
        f"/api/v1/blog-posts/{post.id}/comments").status_code == (200 if expected == 200 else 404)


def test_private_and_secret_posts_never_in_public_lists_or_feeds(client, auth, api, world):
    # even the members of those groups see only public posts in the public lists and feeds
    auth.login(world["member"])
    urls = ["/blogs", "/blogs/tags/comun", "/blogs/people/autora", "/blogs/feed.atom",
            "/blogs/tags/comun/feed.atom", "/blogs/people/autora/feed.atom"]
    for url in urls:
        text = client.get(url).text
        assert "Post private" not in text and "Post secret" not in text, url
    assert "Post public" in client.get("/blogs").text
    assert "Post public" in client.get("/blogs/feed.atom").text
    assert "Post personal" in client.get("/blogs/people/autora/feed.atom").text
    listed = api.as_user(None).get("/api/v1/blog-posts").get_json()["items"]
    assert {p["title"] for p in listed} == {"Post public", "Post personal"}


def test_group_feeds_only_for_public_groups(client, auth, world):
    assert client.get("/blogs/groups/g-public/feed.atom").status_code == 200
    auth.login(world["member"])  # membership does not open a feed: feed readers have no login
    assert client.get("/blogs/groups/g-private/feed.atom").status_code == 404
    assert client.get("/blogs/groups/g-secret/feed.atom").status_code == 404
    assert client.get("/blogs/groups/nope/feed.atom").status_code == 404


def test_api_group_filter_follows_membership(api, world):
    assert api.as_user(world["outsider"]).get(
        "/api/v1/blog-posts?group=g-secret").status_code == 404
    assert api.as_user(world["outsider"]).get(
        "/api/v1/blog-posts?group=g-private").status_code == 403
    items = api.as_user(world["member"]).get(
        "/api/v1/blog-posts?group=g-secret").get_json()["items"]
    assert [p["title"] for p in items] == ["Post secret"]


def test_hidden_posts_seen_by_author_and_moderators_only(client, auth, world, make_client):
    post = world["posts"]["public"]
    auth.login(world["member"])
    assert client.post(f"/blogs/posts/{post.id}/hide").status_code == 403
    auth.logout()
    auth.login(world["moderator"])
    assert client.post(f"/blogs/posts/{post.id}/hide").status_code == 302
    url = f"/blogs/groups/g-public/{post.slug}"
    assert client.get(url).status_code == 200  # moderators still see it
    assert "Hidden posts" in client.get("/blogs/groups/g-public").text
    anon = make_client()
    assert anon.get(url).status_code == 404
    assert "Post public" not in anon.get("/blogs").text
    assert "Post public" not in anon.get("/blogs/feed.atom").text
    assert "Post public" not in anon.get("/blogs/groups/g-public/feed.atom").text
    auth.logout()
    auth.login(world["author"])
    assert client.get(url).status_code == 200
    auth.logout()
    auth.login(world["moderator"])
    client.post(f"/blogs/posts/{post.id}/unhide")
    assert anon.get(url).status_code == 200


def test_personal_posts_hidden_by_site_admins_only(client, auth, world, admin):
    post = world["posts"]["personal"]
    auth.login(world["moderator"])
    assert client.post(f"/blogs/posts/{post.id}/hide").status_code == 403
    auth.logout()
    auth.login(admin)
    assert client.post(f"/blogs/posts/{post.id}/hide").status_code == 302


def test_images_follow_post_visibility(client, auth, world, make_client):
    from io import BytesIO

    author = world["author"]
    secret_post = world["posts"]["secret"]
    auth.login(author)
    r = client.post(f"/blogs/posts/{secret_post.id}/images",
                    data={"image": (BytesIO(image_bytes()), "a.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 302
    from sqlalchemy import select

    from novanet.blogs.models import BlogImage
    from novanet.extensions import db

    image = db.session.scalar(select(BlogImage))
    assert len(image.name) > 20
    assert fetch(client, image.url) == 200
    outsider = make_client()
    assert fetch(outsider, image.url) == 404
    draft = make_post(author, status="draft", title="Borrador con imagen")
    client.post(f"/blogs/posts/{draft.id}/images",
                data={"image": (BytesIO(image_bytes("JPEG")), "b.jpg")},
                content_type="multipart/form-data")
    draft_image = db.session.scalars(select(BlogImage).where(BlogImage.post_id == draft.id)).one()
    assert fetch(client, draft_image.url) == 200
    auth.logout()
    auth.login(world["member"])
    assert fetch(client, image.url) == 200
    assert fetch(client, draft_image.url) == 404
    assert client.get("/media/blogs/not-a-real-name.png").status_code == 404
