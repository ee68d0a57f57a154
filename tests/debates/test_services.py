import pytest
from sqlalchemy import func, select

from novanet.activity.models import Activity
from novanet.core import signals
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.debates import services
from novanet.debates.models import Debate, Post, PostRevision, Reaction
from novanet.extensions import db
from novanet.notifications.models import Notification
from tests.debates.factories import group_owner, make_debate, make_post
from tests.factories import add_member, make_group, make_user

pytestmark = pytest.mark.usefixtures("request_ctx")


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_create_debate_renders_and_records_activity(app):
    owner = make_user("owner1")
    group = make_group(owner=owner)
    debate = services.create_debate(owner, group, title="  Open data portals ",
                                    body="**Why** <script>x</script>", tags="open-data, Portal")
    assert debate.title == "Open data portals"
    assert "<strong>Why</strong>" in debate.body_html and "<script>" not in debate.body_html
    assert debate.tag_names == ["open-data", "portal"]
    act = db.session.scalar(select(Activity).where(Activity.subject_type == "debate"))
    assert act.group_id == group.id and act.url == f"/debates/{debate.id}"


@pytest.mark.parametrize("title,body,field", [
    ("", "text", "title"), ("ok title", "   ", "body"), ("ok title", "x" * 20_001, "body"),
    ("x" * 201, "text", "title")])
def test_create_debate_rejects_bad_input_and_stores_nothing(app, title, body, field):
    owner = make_user()
    group = make_group(owner=owner)
    with pytest.raises(Invalid) as err:
        services.create_debate(owner, group, title=title, body=body)
    assert field in err.value.fields
    assert count(Debate) == 0


def test_non_member_cannot_start_or_reply(app):
    group = make_group()
    outsider = make_user()
    with pytest.raises(Forbidden):
        services.create_debate(outsider, group, title="Hello there", body="x")
    debate = make_debate(group)
    with pytest.raises(Forbidden):
        services.reply(outsider, debate, body="hi")
    pending = make_user()
    add_member(group, pending, status="pending")
    with pytest.raises(Forbidden):
        services.reply(pending, debate, body="hi")
    assert count(Post) == 0


def test_reply_updates_counters_and_signals_after_commit(app):
    debate = make_debate()
    seen = []

    def receiver(sender, post, debate, **_):
        # committed: a fresh connection sees the row
        with db.engine.connect() as conn:
            seen.append(conn.exec_driver_sql("select count(*) from posts").scalar())

    signals.post_created.connect(receiver)
    try:
        make_post(debate)
        make_post(debate)
    finally:
        signals.post_created.disconnect(receiver)
    assert seen == [1, 2]
    db.session.refresh(debate)
    assert debate.reply_count == 2 and debate.post_count == 2


@pytest.mark.parametrize("body,expected", [("", "body"), ("   \n ", "body"),
                                           ("y" * 20_001, "body")])
def test_reply_bad_bodies(app, body, expected):
    debate = make_debate()
    with pytest.raises(Invalid) as err:
        services.reply(debate.author, debate, body=body)
    assert expected in err.value.fields
    assert count(Post) == 0


def test_reply_at_the_length_limit_is_accepted(app):
    debate = make_debate()
    post = services.reply(debate.author, debate, body="z" * 20_000)
    assert len(post.body) == 20_000


@pytest.mark.parametrize("change", [{"locked": True}, {"closed": True, "conclusion": "Done."}])
def test_no_replies_to_locked_or_closed(app, change):
    debate = make_debate(**change)
    with pytest.raises(Conflict):
        services.reply(debate.author, debate, body="late")
    assert count(Post) == 0


def test_reply_to_must_be_in_same_debate(app):
    one = make_debate()
    other = make_debate(one.group, one.author)
    foreign = make_post(other)
    with pytest.raises(Invalid):
        services.reply(one.author, one, body="hi", reply_to_id=foreign.id)
    with pytest.raises(Invalid):
        services.reply(one.author, one, body="hi", reply_to_id="abc")
    first = make_post(one)
    second = services.reply(one.author, one, body="quoting", reply_to_id=first.id)
    assert second.reply_to_id == first.id


def test_edit_keeps_revisions_and_only_author(app):
    debate = make_debate()
    post = make_post(debate, body="first")
    other = make_user()
    add_member(debate.group, other)
    with pytest.raises(Forbidden):
        services.edit_post(other, post, body="hijack")
    services.edit_post(debate.author, post, body="second")
    assert post.edited_at is not None and post.body_html == "<p>second</p>"
    revs = db.session.scalars(select(PostRevision)).all()
    assert [r.body for r in revs] == ["first"]
    with pytest.raises(Invalid):
        services.edit_post(debate.author, post, body="")


def test_soft_delete_by_author_or_moderator(app):
    debate = make_debate()
    member = make_user()
    add_member(debate.group, member)
    post = make_post(debate, member)
    stranger = make_user()
    add_member(debate.group, stranger)
    with pytest.raises(Forbidden):
        services.delete_post(stranger, post)
    services.delete_post(debate.author, post)  # the author of the debate owns the group
    assert post.deleted and db.session.get(Post, post.id) is not None
    db.session.refresh(debate)
    assert debate.reply_count == 0 and debate.post_count == 1
    assert db.session.scalar(select(func.count()).select_from(Activity)
                             .where(Activity.subject_type == "post")) == 0
    with pytest.raises(Forbidden):
        services.delete_post(member, post)


def test_reactions_twice_is_conflict_and_counts(app):
    debate = make_debate()
    post = make_post(debate)
    member = make_user()
    add_member(debate.group, member)
    assert services.react(member, post, "useful") == {"useful": 1}
    with pytest.raises(Conflict):
        services.react(member, post, "useful")
    assert services.react(debate.author, post, "useful") == {"useful": 2}
    assert services.react(member, post, "agree") == {"useful": 2, "agree": 1}
    assert services.unreact(member, post, "useful") == {"useful": 1, "agree": 1}
    with pytest.raises(NotFound):
        services.unreact(member, post, "useful")
    with pytest.raises(Invalid):
        services.react(member, post, "love<3")
    outsider = make_user()
    with pytest.raises(Forbidden):
        services.react(outsider, post, "useful")
    assert count(Reaction) == 2


def test_mentions_notify_readers_only(app):
    debate = make_debate(make_group(visibility="private"))
    member = make_user("ines_m")
    add_member(debate.group, member)
    make_user("outside_o")
    make_post(debate, body="Hola @ines_m y @outside_o, ¿qué opináis? email@ines_m.org")
    rows = db.session.scalars(select(Notification)).all()
    assert [(n.user_id, n.kind) for n in rows] == [(member.id, "debate_mention")]


def test_a_reply_to_my_post_notifies_me_once(app):
    debate = make_debate(make_group(visibility="private"))
    ana, ben = make_user("ana_r"), make_user("ben_r")
    for person in (ana, ben):
        add_member(debate.group, person)
    first = make_post(debate, ana, body="My proposal")
    make_post(debate, ana, body="Answering myself", reply_to_id=first.id)  # no self-notice
    make_post(debate, ben, body="A plain reply, quoting nobody")
    make_post(debate, ben, body="I disagree", reply_to_id=first.id)
    make_post(debate, ben, body="@ana_r see above", reply_to_id=first.id)  # mentioned: once
    rows = db.session.scalars(select(Notification).order_by(Notification.id)).all()
    assert [(n.user_id, n.kind) for n in rows] == [(ana.id, "debate_reply"),
                                                    (ana.id, "debate_mention")]
    # Someone removed from the group no longer hears about the debate.
    from novanet.groups import membership

    membership.remove(group_owner(debate.group), debate.group, ana)
    make_post(debate, ben, body="After you left", reply_to_id=first.id)
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 2


def test_close_needs_conclusion_and_moderator(app):
    debate = make_debate()
    member = make_user()
    add_member(debate.group, member)
    with pytest.raises(Forbidden):
        services.update_debate(member, debate, pinned=True)
    owner = debate.author
    with pytest.raises(Invalid) as err:
        services.update_debate(owner, debate, closed=True)
    assert "conclusion" in err.value.fields
    services.update_debate(owner, debate, closed=True, conclusion="We agreed on **X**.")
    assert debate.closed and "<strong>X</strong>" in debate.conclusion_html
    services.update_debate(owner, debate, closed=False)
    assert not debate.closed
