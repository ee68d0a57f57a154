import pytest

from novanet.accounts.profiles import update_profile
from novanet.accounts.services import set_suspended
from novanet.core import signals
from novanet.extensions import db
from novanet.search import index
from tests.factories import add_member, make_group, make_user

HOSTILE = ['"', '""', '"unbalanced', "'", "*", "-", "--", "-participación", "NEAR", "NEAR(a b)",
           "a NEAR b", "(", ")", "((a)", "a OR b", "AND", "NOT", "title:x", "^", "a*b*",
           "\\", "%", "_", "&", "|", "!", ":*", "a & !b", "<mark>", "<script>alert(1)</script>",
           "x" * 200, "\x00", "\x02\x03", "ß", "💥", "ñ" * 150, "{}", "[]", "null", "e'e",
           "select * from users; --", "\u202e", "a\tb\nc"]


@pytest.fixture
def world(app):
    """A public, a private and a secret group with people and indexed documents."""
    owner = make_user("owner", display_name="Olga Dueña")
    lucia = make_user("lucia", display_name="Lucía Martín",
                      email="lucia@madrid.es")
    update_profile(lucia, {"position": "Técnica de participación ciudadana",
                           "bio": "Trabajo en **presupuestos participativos**."})
    public = make_group("Participación ciudadana", owner=owner, slug="participacion",
                        description="Presupuestos participativos y consultas públicas.")
    private = make_group("Participación privada", owner=owner, slug="privada",
                         visibility="private", description="Participación interna.")
    secret = make_group("Participación secreta", owner=owner, slug="secreta",
                        visibility="secret", description="Participación confidencial.")
    index.rebuild()
    return {"owner": owner, "lucia": lucia, "public": public, "private": private,
            "secret": secret}


def _titles(client, q, **params):
    r = client.get("/api/v1/search", query_string={"q": q, **params})
    assert r.status_code == 200, r.json
    return [i["title"] for i in r.json["items"]]


def test_accent_insensitive_and_prefix(api, world):
    c = api.as_user(None)
    assert "Participación ciudadana" in _titles(c, "participacion")
    assert "Participación ciudadana" in _titles(c, "PARTICIPACIÓN")
    assert "Lucía Martín" in _titles(c, "lucia presupuestos")
    assert "Lucía Martín" in _titles(c, "presupuest")  # prefix of the last word


def test_visibility_matrix(api, world):
    anon, outsider = api.as_user(None), api.as_user(make_user("outsider"))
    member = make_user("member")
    add_member(world["private"], member)
    add_member(world["secret"], member)
    admin = make_user("boss", is_admin=True)
    expected = {
        "anon": {"Participación ciudadana", "Participación privada"},
        "outsider": {"Participación ciudadana", "Participación privada"},
        "member": {"Participación ciudadana", "Participación privada", "Participación secreta"},
        "admin": {"Participación ciudadana", "Participación privada", "Participación secreta"},
    }
    clients = {"anon": anon, "outsider": outsider, "member": api.as_user(member),
               "admin": api.as_user(admin)}
    for who, client in clients.items():
        assert set(_titles(client, "participacion", type="group")) == expected[who], who
    # a secret group's slug as filter reveals nothing
    assert _titles(outsider, "participacion", group="secreta") == []


def test_group_content_follows_group_policy(api, world):
    from novanet.search.sources import SOURCES, Document, Source

    docs = {1: ("Acta privada de participación", world["private"].id),
            2: ("Acta secreta de participación", world["secret"].id),
            3: ("Acta pública de participación", world["public"].id)}

    def load(ids):
        return [Document("test_note", i, docs[i][0], "cuerpo", f"/n/{i}", docs[i][1], None,
                         world["owner"].created_at) for i in ids if i in docs]

    SOURCES["test_note"] = Source("test_note", "Notes", load, lambda: list(docs))
    try:
        for i in docs:
            signals.content_changed.send("tests", kind="test_note", id=i)
        outsider = api.as_user(make_user("outsider"))
        assert _titles(outsider, "acta", type="test_note") == ["Acta pública de participación"]
        owner = api.as_user(world["owner"])
        assert len(_titles(owner, "acta", type="test_note")) == 3
        del docs[3]  # e.g. unpublished: the loader no longer returns it
        signals.content_changed.send("tests", kind="test_note", id=3)
        assert len(_titles(owner, "acta", type="test_note")) == 2
        signals.content_removed.send("tests", kind="test_note", id=2)
        assert _titles(owner, "acta", type="test_note") == ["Acta privada de participación"]
    finally:
        SOURCES.pop("test_note")


def test_snippets_are_highlighted_and_sanitised(api, world):
    evil = make_user("evil", display_name="<img src=x onerror=alert(1)> Participación")
    update_profile(evil, {"bio": "<script>alert(1)</script> participación **real**"})
    r = api.as_user(None).get("/api/v1/search", query_string={"q": "participacion",
                                                               "type": "user"})
    hits = {i["id"]: i for i in r.json["items"]}
    hit = hits[evil.id]
    assert "<mark>" in hit["title_html"] and "<img" not in hit["title_html"]
    assert "<script" not in hit["snippet_html"]


def test_index_follows_user_signals(api, world):
    lucia = world["lucia"]
    update_profile(lucia, {"position": "Especialista en movilidad sostenible"})
    assert "Lucía Martín" in _titles(api.as_user(None), "movilidad")
    set_suspended(lucia, True, "spam")
    assert "Lucía Martín" not in _titles(api.as_user(None), "movilidad")


def test_filters_type_group_and_date(api, world):
    c = api.as_user(world["owner"])
    assert set(_titles(c, "participacion", type="user")) == {"Lucía Martín"}
    assert _titles(c, "participacion", group="participacion") == ["Participación ciudadana"]
    assert _titles(c, "participacion", until="2000-01-01") == []
    assert len(_titles(c, "participacion", since="2000-01-01")) >= 4
    r = c.get("/api/v1/search", query_string={"q": "x", "type": "nonsense"})
    assert r.status_code == 422
    r = c.get("/api/v1/search", query_string={"q": "x", "since": "yesterday"})
    assert r.status_code == 422


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_never_error(api, client, world, q):
    r = api.as_user(None).get("/api/v1/search", query_string={"q": q})
    assert r.status_code in (200, 422), (q, r.status_code)
    page = client.get("/search", query_string={"q": q})
    assert page.status_code in (200, 400)


def test_syntax_characters_are_plain_words(api, world):
    c = api.as_user(None)
    assert "Participación ciudadana" in _titles(c, '"participación')
    assert "Participación ciudadana" in _titles(c, "participación*")
    assert "Participación ciudadana" in _titles(c, "-participación")
    assert "Participación ciudadana" in _titles(c, "(ciudadana) participación")


def test_operator_words_are_searched_as_words(api, world):
    """NEAR, AND, OR and NOT are words like any other, in any case."""
    make_group("Near miss reporting", owner=world["owner"], slug="near-miss")
    make_group("Not only paper", owner=world["owner"], slug="not-only")
    index.rebuild()
    c = api.as_user(None)
    assert _titles(c, "NEAR") == ["Near miss reporting"]
    assert _titles(c, "near miss") == ["Near miss reporting"]
    assert _titles(c, "NEAR(miss reporting)") == ["Near miss reporting"]
    assert _titles(c, "NOT paper") == ["Not only paper"]
    assert _titles(c, "participación NEAR ciudadana") == []  # "near" is not in it


@pytest.mark.parametrize("q", ["", "   ", "x" * 500])
def test_empty_and_too_long_queries(api, client, world, q):
    r = api.as_user(None).get("/api/v1/search", query_string={"q": q})
    assert r.status_code == 422 and "q" in r.json["error"]["fields"]
    page = client.get("/search", query_string={"q": q})
    assert page.status_code in (200, 400)
    if q.strip():
        assert "Use at most 200 characters" in page.get_data(as_text=True)


def test_html_page_and_pagination(client, world):
    for n in range(25):
        make_user(f"pers{n}", display_name=f"Persona {n}", position="gestión del agua")
    page = client.get("/search?q=agua&type=user")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and text.count('class="search-hit"') == 20
    assert "Next page" in text
    second = client.get("/search?q=agua&type=user&cursor=20").get_data(as_text=True)
    assert second.count('class="search-hit"') == 5
    assert "Type a few words" in client.get("/search").get_data(as_text=True)


def test_rebuild_cli(runner, world):
    from sqlalchemy import func, select

    from novanet.search.models import SearchDocument

    db.session.execute(SearchDocument.__table__.delete())
    db.session.commit()
    result = runner.invoke(args=["search", "rebuild"])
    assert "user:" in result.output and "group: 3" in result.output
    assert db.session.scalar(select(func.count()).select_from(SearchDocument)) >= 5


def test_deleted_group_leaves_the_index(api, world):
    signals.group_deleted.send("tests", group=world["public"])
    owner = api.as_user(world["owner"])
    assert "Participación ciudadana" not in _titles(owner, "participacion")


def test_filters_apply_before_the_rank_window(app, monkeypatch):
    """Only the newest matches are ranked; a type filter still reaches older documents."""
    from datetime import UTC, datetime

    from novanet.search import query
    from novanet.search.models import SearchDocument

    when = datetime(2026, 1, 1, tzinfo=UTC)
    db.session.add(SearchDocument(kind="event", ref_id=1, title="Agua para todos", body="",
                                  url="/events/1", created_at=when))
    db.session.commit()
    for n in range(5):
        db.session.add(SearchDocument(kind="debate", ref_id=n, title=f"Agua {n}", body="",
                                      url=f"/debates/{n}", created_at=when))
    db.session.commit()
    monkeypatch.setattr(query, "RANK_WINDOW", 3)
    viewer = make_user("viewer")
    assert len(query.search(viewer, "agua").hits) == 3  # the window bounds the ranking
    found = query.search(viewer, "agua", kinds=["event"])
    assert [h.doc.title for h in found.hits] == ["Agua para todos"]
