"""The blog API: create, read, update, delete, publish, comments, likes, hide; errors."""

from sqlalchemy import func, select

from novanet.blogs.models import BlogPost, Comment
from novanet.extensions import db
from tests.blogs.factories import make_post
from tests.factories import add_member, make_group, make_user


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_create_read_update_delete(api, user):
    client = api.as_user(user)
    r = client.post("/api/v1/blog-posts", json={"title": "Simplex en números", "body": "# Hola",
                                                "status": "draft", "tags": ["Simplex"]})
    assert r.status_code == 201
    post = r.get_json()
    assert post["status"] == "draft" and post["tags"] == ["simplex"]
    assert post["url"] == "/blogs/people/marta/simplex-en-numeros"
    assert post["author"]["username"] == "marta" and "<h1" in post["body_html"]
    r = client.patch(f"/api/v1/blog-posts/{post['id']}", json={"summary": "Resumen"})
    assert r.status_code == 200 and r.get_json()["summary"] == "Resumen"
    r = client.post(f"/api/v1/blog-posts/{post['id']}/publish")
    assert r.status_code == 200 and r.get_json()["published_at"]
    assert client.post(f"/api/v1/blog-posts/{post['id']}/publish").status_code == 409
    listed = api.as_user(None).get("/api/v1/blog-posts").get_json()
    assert [p["id"] for p in listed["items"]] == [post["id"]] and listed["next"] is None
    assert client.delete(f"/api/v1/blog-posts/{post['id']}").status_code == 204
    assert count(BlogPost) == 0


def test_validation_errors_store_nothing(api, user):
    client = api.as_user(user)
    for payload, field in [({"title": "", "body": "x", "status": "published"}, "title"),
                           ({"title": "x", "status": "nope"}, "status"),
                           ({"title": "x", "body": "x", "group": "missing"}, "group"),
                           ({"title": "x", "body": "x", "tags": ["<b>"]}, "tags"),
                           ({"title": "x", "body": "x", "extra": 1}, "extra")]:
        r = client.post("/api/v1/blog-posts", json=payload)
        assert r.status_code == 422, payload
        assert field in r.get_json()["error"]["fields"], payload
    make_post(user, title="Uno", slug="uno")
    r = client.post("/api/v1/blog-posts", json={"title": "Dos", "slug": "uno", "body": "x"})
    assert r.status_code == 422 and "slug" in r.get_json()["error"]["fields"]
    assert client.post("/api/v1/blog-posts", data="{", content_type="application/json"
                       ).status_code == 400
    assert count(BlogPost) == 1
    assert api.as_user(None).post("/api/v1/blog-posts", json={"title": "x"}).status_code == 401


def test_only_author_changes_and_group_rules(api, user):
    post = make_post(user)
    other = api.as_user(make_user("otro"))
    assert other.patch(f"/api/v1/blog-posts/{post.id}", json={"title": "Mío"}).status_code == 403
    assert other.delete(f"/api/v1/blog-posts/{post.id}").status_code == 403
    assert other.put(f"/api/v1/blog-posts/{post.id}/hidden", json={"hidden": True}
                     ).status_code == 403
    group = make_group(visibility="private", slug="privado")
    r = api.as_user(user).post("/api/v1/blog-posts", json={"title": "x", "body": "y",
                                                           "group": "privado"})
    assert r.status_code == 422 and "group" in r.get_json()["error"]["fields"]
    add_member(group, user)
    r = api.as_user(user).post("/api/v1/blog-posts", json={"title": "x", "body": "y",
                                                           "group": "privado",
                                                           "status": "published"})
    assert r.status_code == 201 and r.get_json()["group"]["slug"] == "privado"
    assert other.get(f"/api/v1/blog-posts/{r.get_json()['id']}").status_code == 404


def test_comments_and_likes(api, user):
    post = make_post(user)
    reader = api.as_user(make_user("lectora"))
    r = reader.post(f"/api/v1/blog-posts/{post.id}/comments", json={"body": "Gracias"})
    assert r.status_code == 201
    first = r.get_json()
    r = reader.post(f"/api/v1/blog-posts/{post.id}/comments", json={"body": "Y otra",
                                                                    "reply_to": first["id"]})
    assert r.status_code == 201 and r.get_json()["parent_id"] == first["id"]
    assert reader.post(f"/api/v1/blog-posts/{post.id}/comments", json={"body": " "}
                       ).status_code == 422
    assert reader.post(f"/api/v1/blog-posts/{post.id}/comments",
                       json={"body": "x", "reply_to": 99999}).status_code == 422
    items = api.as_user(None).get(f"/api/v1/blog-posts/{post.id}/comments").get_json()["items"]
    assert [c["body"] for c in items] == ["Gracias", "Y otra"]
    assert reader.patch(f"/api/v1/blog-comments/{first['id']}", json={"body": "Editado"}
                        ).get_json()["edited_at"]
    assert api.as_user(user).patch(f"/api/v1/blog-comments/{first['id']}", json={"body": "no"}
                                   ).status_code == 403
    assert api.as_user(user).delete(f"/api/v1/blog-comments/{first['id']}").status_code == 204
    assert count(Comment) == 2
    assert reader.put(f"/api/v1/blog-posts/{post.id}/like").get_json() == {
        "like_count": 1, "liked": True}
    assert reader.put(f"/api/v1/blog-posts/{post.id}/like").get_json()["like_count"] == 1
    assert reader.delete(f"/api/v1/blog-posts/{post.id}/like").get_json()["like_count"] == 0


def test_list_pagination_and_filters(api, user):
    for n in range(5):
        make_post(user, title=f"P{n}", tags=["datos"] if n % 2 else [])
    client = api.as_user(None)
    first = client.get("/api/v1/blog-posts?limit=2").get_json()
    second = client.get(f"/api/v1/blog-posts?limit=2&cursor={first['next']}").get_json()
    assert [p["title"] for p in first["items"] + second["items"]] == ["P4", "P3", "P2", "P1"]
    assert client.get("/api/v1/blog-posts?cursor=garbage").status_code == 400
    assert {p["title"] for p in client.get("/api/v1/blog-posts?tag=datos").get_json()["items"]} == {
        "P1", "P3"}
    assert len(client.get("/api/v1/blog-posts?author=marta").get_json()["items"]) == 5
    assert client.get("/api/v1/blog-posts?author=nobody").status_code == 404


def test_session_calls_need_csrf(app, user, make_client):
    app.config["WTF_CSRF_ENABLED"] = True
    browser = make_client()
    from tests.conftest import Auth

    app.config["WTF_CSRF_ENABLED"] = False
    Auth(browser).login(user)
    app.config["WTF_CSRF_ENABLED"] = True
    r = browser.post("/api/v1/blog-posts", json={"title": "x", "body": "y"})
    assert r.status_code == 403 and count(BlogPost) == 0
