"""Group and membership rules, including hostile input: clear errors and nothing stored."""

import threading

import pytest
from sqlalchemy import select

from novanet.core import mail
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.extensions import db
from novanet.groups import invitations, membership, services
from novanet.groups.models import Group, Membership
from novanet.moderation.models import AuditEntry
from novanet.notifications.models import Notification
from tests.factories import add_member, make_group, make_user
from tests.groups.factories import make_cast, snapshot


def test_create_group_renders_markdown_and_normalises_tags(app):
    owner = make_user("owner")
    group = services.create_group(owner, {
        "name": "  Datos   abiertos ", "description": "**Hola** <script>x</script>",
        "tags": "Open Data, transparencia, open-data", "country": "es", "region": "Aragón",
        "visibility": "private"})
    assert group.slug == "datos-abiertos" and group.name == "Datos abiertos"
    assert "<strong>Hola</strong>" in group.description_html
    assert "<script>" not in group.description_html
    assert group.tag_names == ["open-data", "transparencia"]
    assert group.country == "ES" and group.member_count == 1
    assert membership.row(group, owner).role == "owner"


def test_duplicate_slug_suggests_a_free_one_and_stores_nothing(app):
    owner = make_user("owner")
    make_group("Datos", owner=owner, slug="datos-abiertos")
    make_group("Datos 2", owner=owner, slug="datos-abiertos-2")
    before = snapshot(db)
    with pytest.raises(Conflict) as err:
        services.create_group(owner, {"name": "Datos abiertos", "slug": "datos-abiertos"})
    assert "datos-abiertos-3" in str(err.value.message)
    assert "datos-abiertos-3" in err.value.fields["slug"]
    with pytest.raises(Conflict):
        services.create_group(owner, {"name": "Datos abiertos"})  # derived slug collides too
    assert snapshot(db) == before


@pytest.mark.parametrize("data,field", [
    ({"name": ""}, "name"),
    ({"name": "ab"}, "name"),
    ({"name": "x" * 121}, "name"),
    ({"name": "Valid name", "tags": "ok, <b>bad</b>"}, "tags"),
    ({"name": "Valid name", "tags": "a/b"}, "tags"),
    ({"name": "Valid name", "slug": "Bad Slug!"}, "slug"),
    ({"name": "Valid name", "slug": "new"}, "slug"),
    ({"name": "Valid name", "visibility": "hidden"}, "visibility"),
    ({"name": "Valid name", "country": "XX"}, "country"),
])
def test_bad_group_input_is_refused_with_field_errors(app, data, field):
    owner = make_user("owner")
    before = snapshot(db)
    with pytest.raises((Invalid, Conflict)) as err:
        services.create_group(owner, data)
    assert field in err.value.fields
    assert snapshot(db) == before


def test_public_join_leave_and_counts(app):
    group = make_group(visibility="public")
    ana = make_user("ana")
    membership.join(ana, group)
    assert db.session.get(Group, group.id).member_count == 2
    with pytest.raises(Conflict):
        membership.join(ana, group)
    membership.leave(ana, group)
    assert db.session.get(Group, group.id).member_count == 1
    assert membership.row(group, ana) is None


def test_last_owner_cannot_leave_until_handing_over(app):
    owner = make_user("owner")
    group = make_group(owner=owner)
    ana = make_user("ana")
    add_member(group, ana)
    with pytest.raises(Conflict):
        membership.leave(owner, group)
    membership.transfer_ownership(owner, group, ana)
    assert membership.row(group, ana).role == "owner"
    assert membership.row(group, owner).role == "moderator"
    membership.leave(owner, group)
    assert db.session.get(Group, group.id).member_count == 1


def test_private_request_approve_notifies_requester(app):
    cast = make_cast("private")
    newcomer = make_user("newcomer")
    m = membership.join(newcomer, cast.group, "Trabajo en datos en Zaragoza")
    assert m.status == "pending" and m.message == "Trabajo en datos en Zaragoza"
    moderators_told = db.session.scalars(select(Notification.user_id).where(
        Notification.kind == "group_request")).all()
    assert set(moderators_told) == {cast.owner.id, cast.moderator.id}
    count = cast.group.member_count
    membership.decide_request(cast.moderator, cast.group, newcomer, True)
    assert db.session.get(Group, cast.group.id).member_count == count + 1
    kinds = db.session.scalars(select(Notification.kind).where(
        Notification.user_id == newcomer.id)).all()
    assert kinds == ["group_request_approved"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "request_approved"))
    assert entry.actor_id == cast.moderator.id and entry.group_id == cast.group.id


def test_approving_a_withdrawn_request_is_a_clear_conflict(app):
    cast = make_cast("private")
    membership.leave(cast.requester, cast.group)  # withdraw
    before = snapshot(db)
    with pytest.raises(Conflict) as err:
        membership.decide_request(cast.owner, cast.group, cast.requester, True)
    assert "withdrawn" in str(err.value.message)
    assert snapshot(db) == before


def test_banned_cannot_rejoin_or_request_until_unbanned(app):
    for visibility in ("public", "private"):
        cast = make_cast(visibility)
        before = snapshot(db)
        with pytest.raises(Forbidden):
            membership.join(cast.banned, cast.group, "please")
        assert snapshot(db) == before
        membership.unban(cast.moderator, cast.group, cast.banned)
        assert membership.join(cast.banned, cast.group).status == (
            "active" if visibility == "public" else "pending")


def test_ban_active_member_drops_count_and_writes_audit(app):
    cast = make_cast("public")
    count = cast.group.member_count
    membership.ban(cast.moderator, cast.group, cast.member, "spam")
    assert db.session.get(Group, cast.group.id).member_count == count - 1
    assert membership.row(cast.group, cast.member).status == "banned"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "member_banned"))
    assert entry.reason == "spam" and entry.target_id == cast.member.id


def test_moderator_cannot_act_on_owner_or_other_moderator(app):
    cast = make_cast("public")
    other_mod = make_user("othermod")
    add_member(cast.group, other_mod, role="moderator")
    before = snapshot(db)
    for target in (cast.owner, other_mod):
        with pytest.raises(Forbidden):
            membership.remove(cast.moderator, cast.group, target)
        with pytest.raises(Forbidden):
            membership.ban(cast.moderator, cast.group, target)
    with pytest.raises(Forbidden):
        membership.set_role(cast.moderator, cast.group, cast.member, "moderator")
    assert snapshot(db) == before


def test_moderator_of_another_group_can_do_nothing_here(app):
    here = make_cast("public", prefix="here")
    there = make_cast("public", prefix="there")
    before = snapshot(db)
    actor = there.moderator
    attempts = [
        lambda: membership.remove(actor, here.group, here.member),
        lambda: membership.ban(actor, here.group, here.member),
        lambda: membership.unban(actor, here.group, here.banned),
        lambda: membership.decide_request(actor, here.group, here.requester, True),
        lambda: invitations.invite(actor, here.group, username=there.outsider.username),
        lambda: services.update_group(actor, here.group, {"name": "Hijacked"}),
        lambda: services.delete_group(actor, here.group),
    ]
    for attempt in attempts:
        with pytest.raises(Forbidden):
            attempt()
    assert snapshot(db) == before


def test_demoting_the_last_owner_is_refused(app):
    cast = make_cast("public")
    with pytest.raises(Conflict):
        membership.set_role(cast.admin, cast.group, cast.owner, "member")


def test_invite_by_username_then_accept_from_group_page(app):
    cast = make_cast("secret")
    newcomer = make_user("newcomer")
    inv, token = invitations.invite(cast.moderator, cast.group, username="NewComer")
    assert inv.user_id == newcomer.id and membership.row(cast.group, newcomer).status == "invited"
    note = db.session.scalar(select(Notification).where(Notification.user_id == newcomer.id))
    assert note.kind == "group_invitation" and token in note.url
    count = cast.group.member_count
    membership.join(newcomer, cast.group)
    assert membership.row(cast.group, newcomer).status == "active"
    assert db.session.get(Group, cast.group.id).member_count == count + 1


def test_invite_by_email_mails_a_link_that_only_that_address_can_use(app):
    cast = make_cast("private")
    inv, token = invitations.invite(cast.owner, cast.group, email="Nueva@Example.org")
    assert inv.user_id is None and inv.email == "nueva@example.org"
    message = mail.outbox()[-1]
    assert message["To"] == "nueva@example.org"
    assert f"/invitations/{token}" in message.get_body(("plain",)).get_content()
    stranger = make_user("stranger")
    with pytest.raises(Forbidden):
        invitations.accept(stranger, token)
    nueva = make_user("nueva", email="nueva@example.org")
    invitations.accept(nueva, token)
    assert membership.row(cast.group, nueva).status == "active"
    with pytest.raises(Conflict):
        invitations.accept(nueva, token)


@pytest.mark.parametrize("who,needle", [
    ("member", "already a member"), ("invited", "already been invited"),
    ("requester", "asked to join"), ("banned", "banned"),
])
def test_inviting_someone_already_related_is_refused(app, who, needle):
    cast = make_cast("private")
    before = snapshot(db)
    with pytest.raises(Conflict) as err:
        invitations.invite(cast.owner, cast.group, username=getattr(cast, who).username)
    assert needle in err.value.fields["username"]
    assert snapshot(db) == before


def test_expired_invitation_cannot_be_accepted(app):
    from datetime import timedelta

    cast = make_cast("secret")
    newcomer = make_user("newcomer")
    inv, token = invitations.invite(cast.owner, cast.group, username="newcomer")
    inv.expires_at = inv.expires_at - timedelta(days=30)
    db.session.commit()
    before = snapshot(db)
    with pytest.raises(Conflict) as err:
        invitations.accept(newcomer, token)
    assert "expired" in str(err.value.message)
    assert snapshot(db) == before


def test_secret_group_cannot_be_joined_without_invitation(app):
    cast = make_cast("secret")
    with pytest.raises(NotFound):
        membership.join(cast.outsider, cast.group)
    with pytest.raises(NotFound):
        services.get_visible(cast.outsider, cast.group.slug)
    assert services.get_visible(cast.invited, cast.group.slug) == cast.group


def test_mute(app):
    cast = make_cast("public")
    assert membership.set_muted(cast.member, cast.group, True).muted
    assert membership.is_muted(cast.member.id, cast.group.id)
    assert set(membership.audience(cast.group.id)) == {cast.owner.id, cast.moderator.id}
    with pytest.raises(Conflict):
        membership.set_muted(cast.outsider, cast.group, True)


def test_delete_group_removes_memberships_and_keeps_the_audit_trail(app):
    cast = make_cast("public")
    group_id = cast.group.id
    services.delete_group(cast.owner, cast.group, reason="merged elsewhere")
    assert db.session.get(Group, group_id) is None
    assert not db.session.scalars(select(Membership).where(Membership.group_id == group_id)).all()
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "group_deleted"))
    assert entry.group_id == group_id and entry.reason == "merged elsewhere"


def _run_together(app, jobs):
    """Start every job at the same moment, each in its own app context and session."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        with app.test_request_context():
            barrier.wait()
            try:
                results[i] = job()
            except Exception as exc:  # collected for the assertions
                results[i] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_simultaneous_joins_do_not_double_count(app):
    group = make_group(visibility="public")
    ana, bea = make_user("ana"), make_user("bea")
    group_id, ids = group.id, (ana.id, bea.id)

    def joiner(user_id):
        def job():
            from novanet.accounts.models import User

            return membership.join(db.session.get(User, user_id), db.session.get(Group, group_id))
        return job

    results = _run_together(app, [joiner(ids[0]), joiner(ids[0])])
    assert sum(isinstance(r, Membership) for r in results) == 1
    assert sum(isinstance(r, Conflict) for r in results) == 1
    db.session.expire_all()
    assert db.session.get(Group, group_id).member_count == 2

    results = _run_together(app, [joiner(ids[1]), joiner(ids[1])])
    db.session.expire_all()
    assert db.session.get(Group, group_id).member_count == 3
    active = db.session.scalars(select(Membership).where(
        Membership.group_id == group_id, Membership.status == "active")).all()
    assert len(active) == 3
