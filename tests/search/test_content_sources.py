"""Content features' documents reach the index through their own services and signals."""

from novanet.search.sources import SOURCES
from tests.events.factories import make_event
from tests.factories import add_member, make_group, make_user


def _search(client, q, **params):
    r = client.get("/api/v1/search", query_string={"q": q, **params})
    assert r.status_code == 200, r.json
    return [(i["type"], i["title"]) for i in r.json["items"]]


def test_events_are_indexed_and_follow_group_visibility(api):
    owner = make_user("owner")
    secret = make_group("Secreto", owner=owner, visibility="secret")
    make_event(owner, title="Jornada de contratación pública")
    make_event(owner, group=secret, title="Contratación reservada")
    outsider, member = make_user("outsider"), make_user("member")
    add_member(secret, member)
    assert _search(api.as_user(outsider), "contratacion", type="event") == [
        ("event", "Jornada de contratación pública")]
    assert len(_search(api.as_user(member), "contratacion", type="event")) == 2
    assert "event" in SOURCES


def test_event_updates_reach_the_index(api):
    from novanet.events import services

    owner = make_user("owner")
    event = make_event(owner, title="Taller de datos")
    services.update_event(owner, event, {"title": "Taller de movilidad"})
    c = api.as_user(None)
    assert _search(c, "movilidad", type="event") == [("event", "Taller de movilidad")]
    assert _search(c, "taller datos", type="event") == []


def test_blog_posts_published_only_and_never_hidden(api):
    from novanet.blogs import services as blogs
    from tests.blogs.factories import make_post

    author, mod = make_user("author"), make_user("boss", is_admin=True)
    post = make_post(author, title="Participación en presupuestos")
    make_post(author, title="Participación en borrador", status="draft")
    private = make_group("Privado", owner=author, visibility="private")
    make_post(author, title="Participación del grupo privado", group=private)
    c = api.as_user(make_user("reader"))
    assert _search(c, "participacion", type="blog_post") == [
        ("blog_post", "Participación en presupuestos")]
    blogs.set_hidden(mod, post, True)
    assert _search(c, "participacion", type="blog_post") == []
    assert _search(api.as_user(author), "participacion", type="blog_post") == [
        ("blog_post", "Participación del grupo privado")]
