"""Scheduled posts publish themselves the first time anyone looks after their time, once."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from novanet.activity.models import Activity
from novanet.blogs import services
from novanet.blogs.models import BlogPost
from novanet.core import signals
from novanet.core.db import utcnow
from novanet.extensions import db
from tests.blogs.factories import make_scheduled


def make_due(post):
    """Move the scheduled time into the past, as the clock would."""
    db.session.execute(update(BlogPost).where(BlogPost.id == post.id)
                       .values(publish_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()


@pytest.fixture
def published_signals():
    seen = []

    def receiver(sender, post, **kw):
        seen.append(post.id)

    signals.blog_post_published.connect(receiver)
    yield seen
    signals.blog_post_published.disconnect(receiver)


def test_scheduled_in_the_past_is_refused(client, auth, user, api):
    auth.login(user)
    r = client.post("/blogs/new", data={"title": "Tarde", "body": "x", "status": "scheduled",
                                        "publish_at": "2001-01-01T10:00", "save": "1"})
    assert r.status_code == 400 and 'id="publish_at-error"' in r.text
    r = api.as_user(user).post("/api/v1/blog-posts", json={
        "title": "Tarde", "body": "x", "status": "scheduled",
        "publish_at": "2001-01-01T10:00:00+00:00"})
    assert r.status_code == 422 and "publish_at" in r.get_json()["error"]["fields"]
    r = api.as_user(user).post("/api/v1/blog-posts", json={"title": "Sin hora", "body": "x",
                                                           "status": "scheduled"})
    assert r.status_code == 422 and "publish_at" in r.get_json()["error"]["fields"]
    assert db.session.scalar(select(func.count()).select_from(BlogPost)) == 0


def test_scheduled_post_hidden_until_due_then_published_on_first_look(
        client, user, published_signals):
    post = make_scheduled(user, title="Mañana")
    url = f"/blogs/people/marta/{post.slug}"
    assert client.get(url).status_code == 404
    assert "Mañana" not in client.get("/blogs").text
    assert published_signals == []
    make_due(post)
    assert "Mañana" in client.get("/blogs").text  # the list publishes what is due
    assert client.get(url).status_code == 200
    db.session.refresh(post)
    assert post.status == "published" and post.published_at == post.publish_at
    assert published_signals == [post.id]
    client.get(url)
    client.get("/blogs/feed.atom")
    assert published_signals == [post.id]
    assert db.session.scalar(select(func.count()).select_from(Activity)) == 1


def test_detail_page_publishes_a_due_post(client, user, published_signals):
    post = make_scheduled(user)
    make_due(post)
    assert client.get(f"/blogs/people/marta/{post.slug}").status_code == 200
    assert published_signals == [post.id]


def test_concurrent_views_publish_once(app, user, published_signals):
    posts = [make_scheduled(user, title=f"Programado {n}") for n in range(3)]
    for post in posts:
        make_due(post)
    ids = [p.id for p in posts]
    barrier = threading.Barrier(4)
    errors = []

    def view():
        try:
            with app.app_context():
                barrier.wait()
                for post_id in ids:
                    services.publish_if_due(db.session.get(BlogPost, post_id))
                services.publish_due()
                db.session.remove()
        except Exception as exc:  # surfaced below: a thread's failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=view) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(published_signals) == sorted(ids)
    db.session.expire_all()
    assert all(db.session.get(BlogPost, i).status == "published" for i in ids)
    assert db.session.scalar(select(func.count()).select_from(Activity)) == 3


def test_author_sees_and_publishes_scheduled_post_early(client, auth, user, published_signals):
    post = make_scheduled(user, minutes=600)
    auth.login(user)
    assert "Scheduled for" in client.get("/blogs/drafts").text
    assert client.post(f"/blogs/posts/{post.id}/publish").status_code == 302
    db.session.refresh(post)
    assert post.status == "published" and published_signals == [post.id]
    assert client.post(f"/blogs/posts/{post.id}/publish").status_code == 409
