"""Writing posts through the pages: editor, preview, slugs, bad input, hostile Markdown."""

import re

from sqlalchemy import func, select

from novanet.blogs.models import BlogOldSlug, BlogPost
from novanet.extensions import db
from tests.blogs.factories import make_post
from tests.factories import add_member, make_group, make_user


def count_posts() -> int:
    return db.session.scalar(select(func.count()).select_from(BlogPost))


def test_write_and_publish_a_post(client, auth, user):
    auth.login(user)
    r = client.post("/blogs/new", data={"title": "Sede electrónica en 3 pasos",
                                        "body": "## Qué hicimos\n\nSimplificar.", "tags": "open-data, Sede",
                                        "status": "published", "save": "1"})
    assert r.status_code == 302
    post = db.session.scalar(select(BlogPost))
    assert post.slug == "sede-electronica-en-3-pasos" and post.status == "published"
    assert post.tag_names == ["open-data", "sede"] and post.published_at is not None
    assert r.headers["Location"].endswith("/blogs/people/marta/sede-electronica-en-3-pasos")
    page = client.get(r.headers["Location"])
    assert page.status_code == 200 and "<h2" in page.text and "Simplificar" in page.text
    assert "Sede electrónica en 3 pasos – NovaNet" in page.text


def test_preview_renders_sanitised_and_stores_nothing(client, auth, user):
    auth.login(user)
    hostile = "Hola <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"
    r = client.post("/blogs/new", data={"title": "Prueba", "body": hostile, "status": "published",
                                        "preview": "1"})
    assert r.status_code == 200
    preview = r.text.split('class="blog-preview"')[1].split("</section>")[0]
    assert "Hola" in preview and "<p>" in preview
    assert "<script" not in preview and "javascript:" not in preview and "onerror" not in preview
    assert "<script>alert" not in r.text  # the kept source is escaped in the textarea
    assert count_posts() == 0


def test_hostile_markdown_never_comes_out_of_the_post_page(client, auth, user):
    post = make_post(user, body="<script>alert('x')</script>\n\n<a href='javascript:evil()'>a</a>"
                                "\n\n[b](javascript:evil2()) {: onclick=evil3() }")
    r = client.get(f"/blogs/posts/{post.id}", follow_redirects=True)
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "javascript:" not in r.text
    assert not re.search(r"<[^>]*\son\w+=", r.text)  # no event-handler attribute on any tag


def test_empty_title_is_refused_and_nothing_stored(client, auth, user):
    auth.login(user)
    r = client.post("/blogs/new", data={"title": "  ", "body": "Texto", "status": "draft",
                                        "save": "1"})
    assert r.status_code == 400 and 'id="title-error"' in r.text
    assert count_posts() == 0


def test_publishing_needs_a_body(client, auth, user):
    auth.login(user)
    r = client.post("/blogs/new", data={"title": "Vacío", "body": "", "status": "published",
                                        "save": "1"})
    assert r.status_code == 400 and 'id="body-error"' in r.text
    assert count_posts() == 0


def test_duplicate_slug_is_refused_in_the_same_blog_only(client, auth, user):
    make_post(user, title="Compras abiertas", slug="compras")
    auth.login(user)
    r = client.post("/blogs/new", data={"title": "Otra cosa", "slug": "compras", "body": "x",
                                        "status": "published", "save": "1"})
    assert r.status_code == 400 and 'id="slug-error"' in r.text
    assert count_posts() == 1
    other = make_user("pedro")
    assert make_post(other, title="Compras", slug="compras").slug == "compras"


def test_same_title_gets_a_distinct_slug(user):
    first = make_post(user, title="Datos abiertos")
    second = make_post(user, title="Datos abiertos")
    assert (first.slug, second.slug) == ("datos-abiertos", "datos-abiertos-2")


def test_title_change_keeps_the_old_address_as_redirect(client, auth, user):
    post = make_post(user, title="Primer título")
    old = f"/blogs/people/marta/{post.slug}"
    auth.login(user)
    r = client.post(f"/blogs/posts/{post.id}/edit", data={
        "title": "Título nuevo", "body": post.body, "status": "published", "save": "1"})
    assert r.status_code == 302
    db.session.refresh(post)
    assert post.slug == "titulo-nuevo"
    assert db.session.scalar(select(BlogOldSlug.slug)) == "primer-titulo"
    moved = client.get(old)
    assert moved.status_code == 301
    assert moved.headers["Location"].endswith("/blogs/people/marta/titulo-nuevo")
    # a new post may take the freed address; the redirect then gives way
    newer = make_post(user, title="Primer título")
    assert newer.slug == "primer-titulo"
    assert client.get(old).status_code == 200


def test_only_the_author_edits_and_deletes(client, auth, user):
    post = make_post(user)
    other = make_user("intruso")
    auth.login(other)
    assert client.get(f"/blogs/posts/{post.id}/edit").status_code == 403
    assert client.post(f"/blogs/posts/{post.id}/edit", data={"title": "Hacked", "body": "x",
                                                             "status": "published"}).status_code == 403
    assert client.post(f"/blogs/posts/{post.id}/delete").status_code == 403
    db.session.refresh(post)
    assert post.title != "Hacked" and count_posts() == 1
    auth.logout()
    auth.login(user)
    assert client.post(f"/blogs/posts/{post.id}/delete").status_code == 302
    assert count_posts() == 0


def test_group_blog_needs_membership_to_write(client, auth, user):
    group = make_group("Compras Públicas", slug="compras")
    auth.login(user)
    r = client.post("/blogs/new", data={"title": "En el grupo", "body": "x", "group": "compras",
                                        "status": "published", "save": "1"})
    assert r.status_code == 400 and count_posts() == 0
    add_member(group, user)
    r = client.post("/blogs/new", data={"title": "En el grupo", "body": "x", "group": "compras",
                                        "status": "published", "save": "1"})
    assert r.status_code == 302
    assert r.headers["Location"].endswith("/blogs/groups/compras/en-el-grupo")
    assert client.get("/blogs/groups/compras").status_code == 200


def test_reading_time_and_lists(client, user):
    make_post(user, title="Largo", body=" ".join(["palabra"] * 900), tags=["datos"])
    r = client.get("/blogs")
    assert r.status_code == 200 and "Largo" in r.text and "5 min read" in r.text
    assert "Largo" in client.get("/blogs/tags/datos").text
    assert "Largo" in client.get("/blogs/people/marta").text
    assert client.get("/blogs/tags/Not%20A%20Tag").status_code == 404


def test_empty_states_say_what_to_do(client):
    r = client.get("/blogs")
    assert "No posts yet" in r.text and r.text.count("<h1") == 1


def test_drafts_only_for_their_author(client, auth, user):
    post = make_post(user, title="Borrador secreto", status="draft")
    assert client.get(f"/blogs/people/marta/{post.slug}").status_code == 404
    assert "Borrador secreto" not in client.get("/blogs").text
    auth.login(make_user("curioso"))
    assert client.get(f"/blogs/people/marta/{post.slug}").status_code == 404
    assert client.get(f"/api/v1/blog-posts/{post.id}").status_code == 404
    auth.logout()
    auth.login(user)
    assert client.get(f"/blogs/people/marta/{post.slug}").status_code == 200
    assert "Borrador secreto" in client.get("/blogs/drafts").text
    assert "Borrador secreto" not in client.get("/blogs/people/marta").text


def test_list_pages_are_paginated_with_flat_query_counts(client, user, count_queries, app):
    app.config["PAGE_SIZE"] = 5
    group = make_group(visibility="public")
    add_member(group, user)
    for n in range(12):
        make_post(user, title=f"Post {n}", tags=["a", "b"], group=group if n % 2 else None)
    with count_queries() as few:
        first = client.get("/blogs")
    assert first.status_code == 200
    assert first.text.count('class="blog-card"') == 5 and 'rel="next"' in first.text
    nxt = re.search(r'href="([^"]+)" rel="next"', first.text).group(1).replace("&amp;", "&")
    second = client.get(nxt)
    assert second.text.count('class="blog-card"') == 5
    app.config["PAGE_SIZE"] = 20
    with count_queries() as many:
        client.get("/blogs")
    assert many.count == few.count
