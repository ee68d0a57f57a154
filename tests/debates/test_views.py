import re

import pytest
from sqlalchemy import select

from novanet.debates.models import Post, Reaction
from novanet.extensions import db
from tests.debates.factories import make_debate, make_post
from tests.factories import add_member, make_group, make_user


def test_index_lists_only_readable_debates(app, client, auth):
    public = make_debate(make_group("Open", visibility="public"), title="Public talk")
    private = make_debate(make_group("Closed", visibility="private"), title="Private talk")
    secret = make_debate(make_group("Hidden", visibility="secret"), title="Secret talk")
    page = client.get("/debates").get_data(as_text=True)
    assert "Public talk" in page and "Private talk" not in page and "Secret talk" not in page
    member = make_user()
    add_member(secret.group, member)
    auth.login(member)
    page = client.get("/debates").get_data(as_text=True)
    assert "Secret talk" in page and "Private talk" not in page
    assert public and private


def test_group_list_and_status_codes(app, client):
    secret = make_debate(make_group(visibility="secret", slug="s-group"), title="Hush")
    private = make_debate(make_group(visibility="private", slug="p-group"))
    public = make_debate(make_group(slug="pub-group"), title="Open one")
    assert client.get("/groups/s-group/debates").status_code == 404
    assert client.get(f"/debates/{secret.id}").status_code == 404
    assert client.get("/groups/p-group/debates").status_code == 403
    assert client.get(f"/debates/{private.id}").status_code == 403
    assert client.get("/groups/nope/debates").status_code == 404
    res = client.get("/groups/pub-group/debates")
    assert res.status_code == 200 and "Open one" in res.get_data(as_text=True)
    assert client.get(f"/debates/{public.id}").status_code == 200


def test_start_debate_by_form(app, client, auth):
    owner = make_user()
    group = make_group(owner=owner, slug="g1")
    auth.login(owner)
    res = client.post("/groups/g1/debates/new", data={"title": "", "body": ""})
    assert res.status_code == 400
    html = res.get_data(as_text=True)
    assert "There is a problem" in html and 'aria-invalid="true"' in html
    res = client.post("/groups/g1/debates/new", data={"title": "Budgets", "body": "Hi", "tags": ""})
    assert res.status_code == 302
    page = client.get(res.headers["Location"]).get_data(as_text=True)
    assert "<h1>Budgets</h1>" in page and "Budgets – NovaNet" in page
    assert group


def test_reply_form_keeps_text_on_error_and_redirects_to_permalink(app, client, auth):
    debate = make_debate()
    auth.login(debate.author)
    res = client.post(f"/debates/{debate.id}/posts", data={"body": "x" * 20_001})
    assert res.status_code == 400
    assert "Keep it under" in res.get_data(as_text=True)
    assert db.session.scalar(select(Post)) is None
    res = client.post(f"/debates/{debate.id}/posts", data={"body": "Sensible reply"})
    post = db.session.scalar(select(Post))
    assert res.headers["Location"].endswith(f"/posts/{post.id}")
    res = client.get(f"/posts/{post.id}")
    assert res.headers["Location"].endswith(f"/debates/{debate.id}#post-{post.id}")


def test_outsider_and_locked_reply_forms(app, client, auth):
    debate = make_debate(locked=True)
    auth.login(debate.author)
    page = client.get(f"/debates/{debate.id}").get_data(as_text=True)
    assert "locked" in page and "data-reply-form" not in page
    res = client.post(f"/debates/{debate.id}/posts", data={"body": "late"})
    assert res.status_code == 400 and "closed to new replies" in res.get_data(as_text=True)
    open_debate = make_debate()
    outsider = make_user()
    auth.logout()
    auth.login(outsider)
    assert client.post(f"/debates/{open_debate.id}/posts", data={"body": "hi"}).status_code == 403
    assert db.session.scalar(select(Post)) is None


@pytest.mark.config(DEBATE_PAGE_SIZE=5)
def test_pagination_and_permalinks_land_on_the_right_page(app, client):
    debate = make_debate()
    posts = [make_post(debate) for _ in range(12)]
    res = client.get(f"/posts/{posts[7].id}")
    assert res.headers["Location"].endswith(f"/debates/{debate.id}?page=2#post-{posts[7].id}")
    page3 = client.get(f"/debates/{debate.id}?page=3").get_data(as_text=True)
    assert f'id="post-{posts[11].id}"' in page3 and f'id="post-{posts[9].id}"' not in page3
    assert client.get(f"/debates/{debate.id}?page=99").status_code == 200


@pytest.mark.config(DEBATE_PAGE_SIZE=50)
def test_new_since_last_visit(app, client, auth):
    debate = make_debate()
    reader = make_user()
    add_member(debate.group, reader)
    make_post(debate)
    auth.login(reader)
    assert "New since your last visit" not in client.get(f"/debates/{debate.id}").get_data(as_text=True)
    fresh = make_post(debate)
    html = client.get(f"/debates/{debate.id}").get_data(as_text=True)
    assert re.search(rf'id="new".*?id="post-{fresh.id}"', html, re.S)
    assert "New since your last visit" not in client.get(f"/debates/{debate.id}").get_data(as_text=True)


def test_edit_delete_react_by_forms(app, client, auth):
    debate = make_debate()
    member = make_user()
    add_member(debate.group, member)
    post = make_post(debate, member, body="original")
    auth.login(debate.author)
    assert client.get(f"/posts/{post.id}/edit").status_code == 403
    assert client.post(f"/posts/{post.id}/edit", data={"body": "hijack"}).status_code == 403
    auth.logout()
    auth.login(member)
    assert client.post(f"/posts/{post.id}/edit", data={"body": ""}).status_code == 400
    assert client.post(f"/posts/{post.id}/edit", data={"body": "better"}).status_code == 302
    client.post(f"/posts/{post.id}/reactions", data={"kind": "useful"})
    client.post(f"/posts/{post.id}/reactions", data={"kind": "useful"})
    assert len(db.session.scalars(select(Reaction)).all()) == 1
    page = client.get(f"/debates/{debate.id}").get_data(as_text=True)
    assert 'aria-pressed="true" data-kind="useful"' in page and "edited" in page
    assert client.get(f"/posts/{post.id}/revisions").status_code == 403
    auth.logout()
    auth.login(debate.author)
    res = client.get(f"/posts/{post.id}/revisions")
    assert res.status_code == 200 and "original" in res.get_data(as_text=True)
    client.post(f"/posts/{post.id}/delete")
    assert "This post was deleted." in client.get(f"/debates/{debate.id}").get_data(as_text=True)


def test_moderation_forms(app, client, auth):
    debate = make_debate()
    member = make_user()
    add_member(debate.group, member)
    auth.login(member)
    assert client.post(f"/debates/{debate.id}/moderate", data={"action": "pin"}).status_code == 403
    auth.logout()
    auth.login(debate.author)
    client.post(f"/debates/{debate.id}/moderate", data={"action": "pin"})
    assert client.post(f"/debates/{debate.id}/close", data={"conclusion": ""}).status_code == 400
    client.post(f"/debates/{debate.id}/close", data={"conclusion": "Use **open** formats."})
    html = client.get(f"/debates/{debate.id}").get_data(as_text=True)
    assert "Conclusion" in html and "<strong>open</strong>" in html and "Pinned" in html


@pytest.mark.parametrize("logged_in", [False, True])
def test_debate_page_query_count_is_flat(app, make_client, count_queries, logged_in):
    debate = make_debate()
    members = [make_user() for _ in range(4)]
    for m in members:
        add_member(debate.group, m)
    client = make_client()
    if logged_in:
        client.post("/login", data={"login": members[0].username,
                                    "password": "correct horse battery staple"})

    q_last = []

    def measure(n_total):
        while debate.post_count < n_total:
            author = members[debate.post_count % 4]
            post = make_post(debate, author)
            db.session.refresh(debate)
            if debate.post_count % 3 == 0:
                make_post(debate, author, reply_to_id=post.id)
                db.session.refresh(debate)
        url = f"/debates/{debate.id}?page=1"
        with count_queries() as rendered:  # new posts: the page is rendered (and kept)
            client.get(url)
        client.get(url)  # the read marker exists from now on
        with count_queries() as q:  # then served from the page cache
            res = client.get(url)
        assert res.status_code == 200
        q_last[:] = q.statements
        return rendered.count, q.count

    (small_render, small), (large_render, large) = measure(10), measure(100)
    assert small == large and small_render == large_render
    assert small < small_render
    # the shared layout (notifications, messages, badges) asks a few of these too
    assert large <= 14, "\n".join(s.split("\n")[0][:100] + " | " + s.replace("\n", " ")[-90:] for s in q_last)
