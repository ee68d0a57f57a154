"""Cached post blocks must never show stale content, in any language."""

from novanet.debates import services
from tests.debates.factories import make_debate, make_post
from tests.factories import add_member, make_user


def test_anonymous_page_follows_edits_deletes_and_reactions(app, client, request_ctx):
    debate = make_debate()
    member = make_user()
    add_member(debate.group, member)
    post = make_post(debate, member, body="first words")
    url = f"/debates/{debate.id}"
    assert "first words" in client.get(url).get_data(as_text=True)
    assert "first words" in client.get(url).get_data(as_text=True)  # served from the cache
    services.edit_post(member, post, body="second words")
    html = client.get(url).get_data(as_text=True)
    assert "second words" in html and "first words" not in html
    services.react(debate.author, post, "useful")
    html = client.get(url).get_data(as_text=True)
    assert 'data-kind="useful">Useful <span data-count>1</span>' in html
    make_post(debate, body="a newer reply")
    assert "a newer reply" in client.get(url).get_data(as_text=True)
    services.delete_post(member, post)
    html = client.get(url).get_data(as_text=True)
    assert "second words" not in html and "This post was deleted." in html


def test_blocks_are_per_language_and_per_reader(app, make_client, request_ctx):
    debate = make_debate()
    make_post(debate, body="hola")
    url = f"/debates/{debate.id}"
    english, spanish = make_client(), make_client()
    spanish.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    assert "link to this post" in english.get(url).get_data(as_text=True)
    assert "enlace a esta intervención" in spanish.get(url).get_data(as_text=True)
    author = make_client()
    author.post("/login", data={"login": debate.author.username,
                                "password": "correct horse battery staple"})
    assert ">Edit</a>" in author.get(url).get_data(as_text=True)
    assert ">Edit</a>" not in english.get(url).get_data(as_text=True)
