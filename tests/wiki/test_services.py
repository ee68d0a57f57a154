"""Saving, renaming, reverting and linking pages through the services."""

import pytest
from sqlalchemy import func, select

from novanet.activity.models import Activity
from novanet.core import signals
from novanet.core.errors import Forbidden, Invalid, NotFound
from novanet.extensions import db
from novanet.notifications.models import Notification
from novanet.wiki import queries, services
from novanet.wiki.models import WikiPage, WikiRedirect, WikiRevision
from novanet.wiki.services import EditConflict
from novanet.wiki.wikis import Wiki, show
from tests.factories import add_member, make_group, make_user
from tests.wiki.factories import make_page

KB = Wiki(None)


def revisions_of(page):
    return db.session.scalar(select(func.count()).select_from(WikiRevision)
                             .where(WikiRevision.page_id == page.id))


def test_every_save_is_a_numbered_revision_with_size_change(in_request, user):
    page = make_page(author=user, body="abc")
    services.save_page(page, user, title=page.title, body="abcdef", summary="longer",
                       base_revision=1)
    services.save_page(page, user, title=page.title, body="ab", summary="shorter",
                       base_revision=2)
    revs = list(queries.history(page))
    assert [r.number for r in revs] == [3, 2, 1]
    assert [r.size_delta for r in revs] == [-4, 3, 3]
    assert revs[1].summary == "longer" and revs[0].author.id == user.id
    assert page.version == 3 and page.body == "ab"


@pytest.mark.parametrize("title", ["", "   ", "!!!", "x" * 201])
def test_bad_titles_are_refused_and_nothing_is_stored(in_request, user, title):
    with pytest.raises(Invalid) as exc:
        services.create_page(KB, user, title=title, body="text")
    assert "title" in exc.value.fields
    assert db.session.scalar(select(func.count()).select_from(WikiPage)) == 0


def test_title_colliding_with_another_page_is_refused(in_request, user):
    make_page("Guía de datos abiertos", author=user)
    with pytest.raises(Invalid) as exc:
        services.create_page(KB, user, title="guia de DATOS abiertos", body="other")
    assert "title" in exc.value.fields
    other = make_page("Otra página", author=user)
    with pytest.raises(Invalid):
        services.rename_page(other, user, title="Guía de datos abiertos")
    db.session.refresh(other)
    assert other.title == "Otra página" and revisions_of(other) == 1


def test_same_title_in_different_wikis_is_fine(in_request, user):
    group = make_group(owner=user)
    make_page("Actas", author=user)
    make_page("Actas", author=user, group=group)
    assert db.session.scalar(select(func.count()).select_from(WikiPage)) == 2


@pytest.mark.parametrize("base", [0, 5, -1, "x", None])
def test_base_revision_not_of_this_page_is_refused(in_request, user, base):
    page = make_page(author=user, revisions=["two"])
    with pytest.raises(Invalid) as exc:
        services.save_page(page, user, title=page.title, body="new", base_revision=base)
    assert "base_revision" in exc.value.fields
    assert revisions_of(page) == 2


def test_stale_base_raises_conflict_with_merge_and_stores_nothing(in_request, user):
    other = make_user()
    page = make_page(author=user, body="uno\ndos\ntres\ncuatro\ncinco\n")
    services.save_page(page, other, title=page.title, body="uno\ndos\ntres\ncuatro\nCINCO\n",
                       base_revision=1)
    with pytest.raises(EditConflict) as exc:
        services.save_page(page, user, title=page.title, body="UNO\ndos\ntres\ncuatro\ncinco\n",
                           base_revision=1, summary="mine")
    conflict = exc.value
    assert conflict.status == 409 and conflict.base.number == 1
    assert conflict.merge.clean
    assert conflict.merge.text == "UNO\ndos\ntres\ncuatro\nCINCO\n"
    assert revisions_of(page) == 2
    # the editor decides: saving the merge on top of the current revision works
    services.save_page(page, user, title=page.title, body=conflict.merge.text, base_revision=2)
    assert page.version == 3 and page.body == "UNO\ndos\ntres\ncuatro\nCINCO\n"


def test_saving_nothing_new_is_refused(in_request, user):
    page = make_page(author=user)
    with pytest.raises(Invalid):
        services.save_page(page, user, title=page.title, body=page.body, base_revision=1)


def test_revert_creates_a_new_revision_with_the_old_text(in_request, user):
    page = make_page(author=user, body="first", revisions=["second", "third"])
    services.revert_page(page, user, 1)
    assert page.version == 4 and page.body == "first"
    rev = services.get_revision(page, 4)
    assert rev.kind == "revert" and rev.reverted_to == 1
    with pytest.raises(Invalid):
        services.revert_page(page, user, 1)
    with pytest.raises(NotFound):
        services.revert_page(page, user, 99)


def test_revision_numbers_of_another_page_do_not_leak(in_request, user):
    a = make_page("A", author=user, revisions=["a2", "a3"])
    b = make_page("B", author=user)
    assert services.get_revision(a, 3).body == "a3"
    with pytest.raises(NotFound):
        services.get_revision(b, 3)


def test_rename_leaves_a_redirect_and_loops_are_impossible(in_request, user):
    page = make_page("Alpha", author=user)
    services.rename_page(page, user, title="Beta")
    services.rename_page(page, user, title="Gamma")
    services.rename_page(page, user, title="Alpha")  # back to the first title
    for slug in ("alpha", "beta", "gamma"):
        found, _redirected = services.find_page(KB, slug)
        assert found.id == page.id
    assert services.find_page(KB, "alpha") == (page, False)
    redirects = {r.slug: r.page_id for r in db.session.scalars(select(WikiRedirect))}
    assert redirects == {"beta": page.id, "gamma": page.id}
    # a redirect never points at a slug, only at a page: every hop ends at a real page
    assert all(db.session.get(WikiPage, pid) for pid in redirects.values())


def test_new_page_takes_over_an_old_redirect(in_request, user):
    page = make_page("Alpha", author=user)
    services.rename_page(page, user, title="Beta")
    fresh = make_page("Alpha", author=user, body="A new page")
    assert services.find_page(KB, "alpha") == (fresh, False)
    assert services.find_page(KB, "beta") == (page, False)


def test_renaming_onto_a_redirect_of_another_page_takes_the_slug(in_request, user):
    a = make_page("Alpha", author=user)
    services.rename_page(a, user, title="Alpha two")  # "alpha" redirects to a
    b = make_page("Beta", author=user)
    services.rename_page(b, user, title="Alpha")
    assert services.find_page(KB, "alpha") == (b, False)
    assert services.find_page(KB, "beta") == (b, True)


def test_links_render_existing_and_missing_pages_and_update(in_request, user):
    page = make_page("Índice", author=user,
                     body="Ver [[Guía de datos]] y [[Glosario|el glosario]]. `[[no link]]`")
    html = page.body_html
    assert 'class="wiki-link wiki-missing"' in html
    assert "/wiki/pages/guia-de-datos/edit?title=Gu%C3%ADa%20de%20datos" in html
    assert "el glosario" in html and "[[no link]]" in html
    assert "create it" in str(show(html))
    make_page("Glosario", author=user)
    db.session.refresh(page)
    assert '<a class="wiki-link" href="/wiki/pages/glosario" rel="nofollow noopener">' \
        in page.body_html or 'href="/wiki/pages/glosario"' in page.body_html
    assert page.body_html.count("wiki-missing\"") == 1
    assert [p.id for p in queries.what_links_here(
        services.find_page(KB, "glosario")[0])] == [page.id]


def test_hostile_markup_in_pages_and_links_is_sanitised(in_request, user):
    page = make_page("Hostil", author=user,
                     body='Intro [[x" onclick="alert(1)|<b>label</b>]] '
                          '[evil](javascript:alert(1))\n\n<script>alert(1)</script>')
    assert "<script" not in page.body_html
    assert " onclick" not in page.body_html and "<b>" not in page.body_html
    assert "javascript:" not in page.body_html
    assert "&lt;b&gt;label" in page.body_html


def test_long_pages_get_a_table_of_contents(in_request, user):
    short = make_page("Corta", author=user, body="## Uno\n\ntexto")
    long = make_page("Larga", author=user, body="## Uno\n\na\n\n## Dos\n\nb\n\n## Tres\n\nc")
    assert short.toc_html == ""
    assert 'href="#uno"' in long.toc_html and 'id="tres"' in long.body_html


def test_protected_pages_are_for_moderators(in_request, user):
    group = make_group(owner=user)
    member = make_user()
    add_member(group, member)
    page = make_page("Protegida", author=member, group=group)
    with pytest.raises(Forbidden):
        services.set_protected(page, member, True)
    services.set_protected(page, user, True)
    with pytest.raises(Forbidden):
        services.save_page(page, member, title=page.title, body="x", base_revision=1)
    services.save_page(page, user, title=page.title, body="x", base_revision=1)


def test_kb_is_editable_by_members_but_not_by_suspended_or_anonymous(in_request, user):
    page = make_page(author=user)
    from flask_login import AnonymousUserMixin

    with pytest.raises(Forbidden):
        services.create_page(KB, AnonymousUserMixin(), title="Anon", body="x")
    from novanet.core.db import utcnow

    other = make_user()
    other.suspended_at = utcnow()
    db.session.commit()
    with pytest.raises(Forbidden):
        services.save_page(page, other, title=page.title, body="x", base_revision=1)


def test_delete_and_restore_by_moderators_only(in_request, user, admin):
    page = make_page(author=user)
    with pytest.raises(Forbidden):
        services.delete_page(page, user)
    removed = []

    def heard(sender, **kw):
        removed.append(kw)

    with signals.content_removed.connected_to(heard):
        services.delete_page(page, admin)
    assert removed == [{"kind": "wiki_page", "id": page.id}]
    assert page.deleted_at is not None
    assert list(queries.pages(KB)) == []
    assert db.session.scalar(select(func.count()).select_from(Activity)
                             .where(Activity.subject_type == "wiki_page")) == 0
    with pytest.raises(NotFound):
        services.save_page(page, user, title=page.title, body="x", base_revision=1)
    services.restore_page(page, admin)
    assert [p.id for p in queries.pages(KB)] == [page.id]


def test_watchers_are_notified_of_edits_but_not_of_their_own(in_request, user):
    page = make_page(author=user)
    watcher, editor = make_user(), make_user(display_name="Edita Dora")
    services.watch(page, watcher)
    services.save_page(page, editor, title=page.title, body="changed", base_revision=1)
    notes = list(db.session.scalars(select(Notification)))
    assert {n.user_id for n in notes} == {user.id, watcher.id}  # creators watch their pages
    assert all(n.kind == "wiki_page_edited" for n in notes)
    from novanet.notifications.services import message

    assert "Edita Dora" in message(notes[0]) and page.title in message(notes[0])
    services.watch(page, watcher, False)
    services.save_page(page, user, title=page.title, body="again", base_revision=2)
    assert db.session.scalar(select(func.count()).select_from(Notification)
                             .where(Notification.user_id == watcher.id)) == 1


def test_watchers_who_left_a_private_group_hear_nothing(in_request, user):
    group = make_group(owner=user, visibility="private")
    leaver = make_user()
    membership = add_member(group, leaver)
    page = make_page(group=group, author=user)
    services.watch(page, leaver)
    membership.status = "banned"
    db.session.commit()
    services.save_page(page, user, title=page.title, body="secret change", base_revision=1)
    assert db.session.scalar(select(func.count()).select_from(Notification)
                             .where(Notification.user_id == leaver.id)) == 0


def test_activity_is_recorded_with_the_group(in_request, user):
    group = make_group(owner=user)
    page = make_page(group=group, author=user, revisions=["two"])
    rows = list(db.session.scalars(select(Activity).order_by(Activity.id)))
    assert [r.verb for r in rows] == ["wiki_page_created", "wiki_page_edited"]
    assert all(r.group_id == group.id and r.subject_id == page.id for r in rows)
    assert rows[0].url == f"/groups/{group.slug}/wiki/pages/{page.slug}"


def test_recent_changes_site_wide_hide_unreadable_wikis(in_request, user):
    outsider = make_user()
    secret = make_group(owner=user, visibility="secret")
    make_page("Pública", author=user)
    make_page("Secreta", author=user, group=secret)
    mine = {r.page.title for r in queries.recent_changes(user)}
    theirs = {r.page.title for r in queries.recent_changes(outsider)}
    anon = {r.page.title for r in queries.recent_changes(None)}
    assert mine == {"Pública", "Secreta"}
    assert theirs == anon == {"Pública"}
