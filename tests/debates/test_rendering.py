"""Cached post blocks and pages must never show stale content, in any language, nor
anything a reader may not see."""

import re

import pytest

from novanet.debates import rendering, services
from tests.debates.factories import make_debate, make_post
from tests.factories import add_member, make_group, make_user


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


def _login(make_client, user):
    browser = make_client()
    browser.post("/login", data={"login": user.username,
                                 "password": "correct horse battery staple"})
    return browser


def test_anonymous_pages_are_cached_but_never_outlive_access(app, make_client, request_ctx):
    """A cached anonymous page stops being served the moment its group stops being public."""
    from novanet.extensions import db

    debate = make_debate()
    make_post(debate, body="only for the public")
    url = f"/debates/{debate.id}"
    reader = make_client()
    assert "only for the public" in reader.get(url).get_data(as_text=True)
    assert "only for the public" in reader.get(url).get_data(as_text=True)  # from the cache
    debate.group.visibility = "private"
    db.session.commit()
    res = make_client().get(url)
    assert res.status_code == 403 and "only for the public" not in res.get_data(as_text=True)
    debate.group.visibility = "secret"
    db.session.commit()
    assert reader.get(url).status_code == 404


def test_cached_anonymous_page_follows_group_renames(app, client, request_ctx):
    from novanet.extensions import db

    debate = make_debate()
    url = f"/debates/{debate.id}"
    client.get(url)
    debate.group.name = "Renamed group"
    db.session.commit()
    assert "Renamed group" in client.get(url).get_data(as_text=True)


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_cached_anonymous_page_carries_each_visitors_own_csrf_token(app, make_client):
    debate = make_debate()
    url = f"/debates/{debate.id}"
    tokens = []
    for _ in range(2):
        browser = make_client()
        html = browser.get(url).get_data(as_text=True)
        token = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
        assert html.count(token) >= 2  # the meta tag and the language form
        tokens.append(token)
        res = browser.post("/language", data={"lang": "es", "next": url, "csrf_token": token})
        assert res.status_code == 302
    assert tokens[0] != tokens[1]
    assert app.extensions["page_cache"].marker not in html


def test_flashed_messages_are_not_cached_or_shared(app, make_client, request_ctx):
    debate = make_debate()
    url = f"/debates/{debate.id}"
    first = make_client()
    first.get(url)
    with first.session_transaction() as session:
        session["_flashes"] = [("success", "Only for the first visitor")]
    assert "Only for the first visitor" in first.get(url).get_data(as_text=True)
    assert "Only for the first visitor" not in make_client().get(url).get_data(as_text=True)
    assert "Only for the first visitor" not in first.get(url).get_data(as_text=True)


def test_members_share_the_list_but_see_their_own_actions(app, make_client, request_ctx):
    debate = make_debate()
    ana, ben = make_user("ana"), make_user("ben")
    for person in (ana, ben):
        add_member(debate.group, person)
    ana_post = make_post(debate, ana, body="from ana")
    ben_post = make_post(debate, ben, body="from ben")
    services.react(ben, ana_post, "agree")
    url = f"/debates/{debate.id}"
    as_ana, as_ben = _login(make_client, ana), _login(make_client, ben)
    for _ in range(2):  # the second round comes from the shared cache
        ana_page = as_ana.get(url).get_data(as_text=True)
        ben_page = as_ben.get(url).get_data(as_text=True)
        assert f'/posts/{ana_post.id}/edit"' in ana_page
        assert f'/posts/{ben_post.id}/edit"' not in ana_page
        assert f'/posts/{ben_post.id}/edit"' in ben_page
        assert f'/posts/{ana_post.id}/edit"' not in ben_page
        assert _pressed(ben_page, ana_post.id, "agree") and not _pressed(ana_page, ana_post.id,
                                                                          "agree")
        for page in (ana_page, ben_page):
            assert rendering.CSRF_MARKER not in page


def _pressed(html: str, post_id: int, kind: str) -> bool:
    footer = html.split(f'data-reactions="{post_id}"', 1)[1].split("</footer>", 1)[0]
    button = footer.split(f'data-kind="{kind}"', 1)[0].rsplit("<button", 1)[1]
    return 'aria-pressed="true"' in button


def test_cached_member_page_follows_membership_at_once(app, make_client, request_ctx):
    """Membership is read on every view: a banned member of a private group is refused even
    though the page is cached, and a banned member of a public group loses the reply form."""
    from novanet.extensions import db

    private = make_debate(make_group(visibility="private"))
    public = make_debate()
    reader = make_user("lector")
    memberships = [add_member(private.group, reader), add_member(public.group, reader)]
    browser = _login(make_client, reader)
    for debate in (private, public):
        for _ in range(2):
            html = browser.get(f"/debates/{debate.id}").get_data(as_text=True)
            assert "data-reply-form" in html
    for membership in memberships:
        membership.status = "banned"
    db.session.commit()
    assert browser.get(f"/debates/{private.id}").status_code == 403
    html = browser.get(f"/debates/{public.id}").get_data(as_text=True)
    assert "data-reply-form" not in html and "Join the group to reply." in html


def test_cached_member_pages_keep_moderation_links_to_moderators(app, make_client, request_ctx):
    debate = make_debate()
    moderator, member = make_user("moderadora"), make_user("socio")
    add_member(debate.group, moderator, role="moderator")
    add_member(debate.group, member)
    post = make_post(debate, member, body="needs a look")
    url = f"/debates/{debate.id}"
    as_moderator, as_member = _login(make_client, moderator), _login(make_client, member)
    for _ in range(2):
        mod_page = as_moderator.get(url).get_data(as_text=True)
        member_page = as_member.get(url).get_data(as_text=True)
        assert f"/debates/{debate.id}/moderate" in mod_page
        assert f"/debates/{debate.id}/moderate" not in member_page
        assert f"/posts/{post.id}/delete" in mod_page and f"/posts/{post.id}/delete" in member_page
        assert moderator.display_name in mod_page and moderator.display_name not in member_page


def test_cached_member_page_shows_each_reader_where_they_stopped(app, make_client,
                                                                 request_ctx):
    debate = make_debate()
    early, late = make_user("temprano"), make_user("tarde")
    for person in (early, late):
        add_member(debate.group, person)
    first = make_post(debate, body="first")
    url = f"/debates/{debate.id}"
    as_early, as_late = _login(make_client, early), _login(make_client, late)
    as_early.get(url)
    make_post(debate, body="second")
    early_page = as_early.get(url).get_data(as_text=True)
    assert early_page.index(f'id="post-{first.id}"') < early_page.index('id="new"')
    assert 'id="new"' not in as_late.get(url).get_data(as_text=True)
    assert 'id="new"' not in as_early.get(url).get_data(as_text=True)
