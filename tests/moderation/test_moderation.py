"""Reports, moderator actions, the audit log and site administration."""

import pytest
from sqlalchemy import func, select

from novanet.activity.models import Activity
from novanet.activity.services import record
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.extensions import db
from novanet.groups import membership, policy
from novanet.groups.models import Group
from novanet.moderation import registry, services
from novanet.moderation.models import AuditEntry, AuditLogIsAppendOnly, Report
from novanet.notifications.models import Notification
from tests.factories import make_user
from tests.groups.factories import make_cast, snapshot


@pytest.fixture
def hidden_calls():
    """Group content of another feature, modelled on activity rows: deletable for real, and
    hiding is recorded (each feature stores 'hidden' its own way)."""
    calls = []

    def load(id):
        return db.session.get(Activity, id)

    registry.register_target(
        "activity", load=load,
        group_of=lambda a: db.session.get(Group, a.group_id) if a.group_id else None,
        can_view=lambda user, a: policy.can_view_content(
            user, db.session.get(Group, a.group_id)),
        author_of=lambda a: a.actor, title_of=lambda a: a.title, url_of=lambda a: a.url,
        set_hidden=lambda a, hidden: calls.append((a.id, hidden)),
        delete=lambda a: db.session.delete(a))
    yield calls
    registry._TARGETS.pop("activity", None)


def _content(cast, author=None):
    author = author or cast.member
    return record(actor_id=author.id, verb="debate_created", subject_type="debate",
                  subject_id=1, group_id=cast.group.id, title="Un debate polémico",
                  url=f"/groups/{cast.group.slug}")


def test_profile_reports_and_bad_input(app):
    reporter, target = make_user("reporter"), make_user("target")
    before = snapshot(db)
    with pytest.raises(Invalid):
        services.report(reporter, "profile", target.id, "no")
    with pytest.raises(NotFound):
        services.report(reporter, "nonsense", target.id, "a good reason")
    with pytest.raises(NotFound):
        services.report(reporter, "profile", 999_999, "a good reason")
    assert snapshot(db) == before
    report = services.report(reporter, "profile", target.id, "Suplanta a un alcalde")
    assert report.group_id is None and report.author_id == target.id
    with pytest.raises(Conflict):
        services.report(reporter, "profile", target.id, "Otra vez lo mismo")


def test_content_one_cannot_see_cannot_be_reported(app, hidden_calls, api):
    for visibility in ("private", "secret"):
        cast = make_cast(visibility)
        item = _content(cast)
        before = snapshot(db)
        with pytest.raises(NotFound):
            services.report(cast.outsider, "activity", item.id, "Esto es spam claramente")
        r = api.as_user(cast.outsider).post("/api/v1/reports", json={
            "target_type": "activity", "target_id": item.id, "reason": "Esto es spam"})
        assert r.status_code == 404
        assert snapshot(db) == before
        assert services.report(cast.member, "activity", item.id, "Esto es spam").id


def test_queue_belongs_to_the_group_moderators(app, hidden_calls, api):
    here, there = make_cast("public", prefix="here"), make_cast("public", prefix="there")
    report = services.report(here.member, "activity", _content(here, here.moderator).id,
                             "Insulta a otros miembros")
    assert [r.id for r in services.queue(here.moderator, group=here.group)] == [report.id]
    assert [r.id for r in services.queue(here.admin)] == [report.id]
    with pytest.raises(Forbidden):
        services.queue(there.moderator, group=here.group)
    with pytest.raises(Forbidden):
        services.queue(here.moderator)  # site-wide queue is for administrators
    before = snapshot(db)
    with pytest.raises(NotFound):
        services.resolve(there.moderator, report, "delete", "not my group")
    assert snapshot(db) == before
    other = api.as_user(there.moderator)
    assert other.get(f"/api/v1/reports/{report.id}").status_code == 404
    assert other.post(f"/api/v1/reports/{report.id}/actions",
                      json={"action": "dismiss"}).status_code == 404
    assert other.get(f"/api/v1/reports?group={here.group.slug}").status_code == 403
    mine = api.as_user(here.moderator).get(f"/api/v1/reports?group={here.group.slug}")
    assert mine.status_code == 200 and mine.get_json()["items"][0]["reporter"] == "here_member"


def test_delete_action_commits_with_audit_and_tells_the_reporter(app, hidden_calls):
    cast = make_cast("public")
    item = _content(cast)
    report = services.report(cast.outsider, "activity", item.id, "Datos personales expuestos")
    services.resolve(cast.moderator, report, "delete", "Contiene datos personales")
    assert db.session.get(Activity, item.id) is None
    assert db.session.get(Report, report.id).status == "deleted"
    entries = db.session.scalars(select(AuditEntry)).all()
    deletion = [e for e in entries if e.action == "report_delete"]
    assert len(deletion) == 1 and deletion[0].reason == "Contiene datos personales"
    assert deletion[0].actor_id == cast.moderator.id and deletion[0].group_id == cast.group.id
    note = db.session.scalar(select(Notification).where(Notification.user_id == cast.outsider.id))
    assert note.kind == "report_resolved" and note.params["outcome"] == "deleted"
    with pytest.raises(Conflict):
        services.resolve(cast.moderator, report, "dismiss")


def test_hide_and_unhide_reach_the_feature(app, hidden_calls):
    cast = make_cast("public")
    item = _content(cast)
    report = services.report(cast.outsider, "activity", item.id, "Fuera de tema")
    services.resolve(cast.owner, report, "hide", "Fuera de tema")
    services.resolve(cast.owner, report, "unhide", "Lo revisamos de nuevo")
    assert hidden_calls == [(item.id, True), (item.id, False)]
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["report_hide", "report_unhide"]


def test_a_failing_action_stores_nothing(app, hidden_calls):
    cast = make_cast("public")
    report = services.report(cast.outsider, "profile", cast.member.id, "Perfil falso, creo")
    before = snapshot(db)
    with pytest.raises(Invalid):
        services.resolve(cast.admin, report, "hide", "profiles cannot be hidden")
    with pytest.raises(Invalid):
        services.resolve(cast.admin, report, "ban", "no group to ban from")
    with pytest.raises(Invalid):
        services.resolve(cast.admin, report, "explode", "")
    assert snapshot(db) == before
    assert db.session.get(Report, report.id).status == "open"


def test_ban_author_writes_one_entry(app, hidden_calls):
    cast = make_cast("public")
    report = services.report(cast.outsider, "activity", _content(cast).id, "Spam comercial")
    count = cast.group.member_count
    services.resolve(cast.moderator, report, "ban", "Spam repetido")
    assert membership.row(cast.group, cast.member).status == "banned"
    assert db.session.get(Group, cast.group.id).member_count == count - 1
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action.in_(("member_banned", "report_ban")))) == 1


def test_suspend_is_for_administrators_only(app, hidden_calls, api):
    cast = make_cast("public")
    report = services.report(cast.outsider, "activity", _content(cast).id, "Acoso a otra persona")
    before = snapshot(db)
    with pytest.raises(Forbidden):
        services.resolve(cast.moderator, report, "suspend", "Acoso")
    r = api.as_user(cast.moderator).post(f"/api/v1/reports/{report.id}/actions",
                                         json={"action": "suspend", "reason": "Acoso"})
    assert r.status_code == 403
    assert snapshot(db) == before
    r = api.as_user(cast.admin).post(f"/api/v1/reports/{report.id}/actions",
                                     json={"action": "suspend", "reason": "Acoso"})
    assert r.status_code == 200 and r.get_json()["status"] == "suspended"
    db.session.expire_all()
    assert cast.member.suspended_at is not None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "account_suspended"))
    assert entry.actor_id == cast.admin.id and entry.details == {"report": report.id}


def test_audit_log_is_append_only(app):
    cast = make_cast("public")
    entry = db.session.scalar(select(AuditEntry))  # the invitation make_cast sent
    entry.reason = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalar(select(AuditEntry)))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    assert cast.group.id


@pytest.mark.parametrize("role,html,api_status", [
    ("anonymous", 302, 401), ("outsider", 403, 403), ("member", 403, 403),
    ("moderator", 200, 200), ("owner", 200, 200), ("admin", 200, 200),
])
def test_who_reads_a_group_audit_log(app, make_client, api, role, html, api_status):
    cast = make_cast("public")
    user = None if role == "anonymous" else getattr(cast, role)
    client = make_client()
    if user is not None:
        client.post("/login", data={"login": user.username,
                                    "password": "correct horse battery staple"})
    assert client.get(f"/groups/{cast.group.slug}/audit").status_code == html
    r = api.as_user(user).get(f"/api/v1/groups/{cast.group.slug}/audit")
    assert r.status_code == api_status
    if api_status == 200:
        assert r.get_json()["items"][0]["action"] == "member_invited"


@pytest.mark.parametrize("role", ["anonymous", "outsider", "moderator", "owner"])
def test_administration_is_404_for_everyone_but_administrators(app, make_client, api, role):
    cast = make_cast("public")
    client = make_client()
    if role != "anonymous":
        client.post("/login", data={"login": getattr(cast, role).username,
                                    "password": "correct horse battery staple"})
    for path in ("/admin/", "/admin/members", "/admin/groups", "/admin/reports", "/admin/audit"):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/admin/members/{cast.member.username}/suspend",
                       data={"reason": "x"}).status_code == 404
    token_client = api.as_user(None if role == "anonymous" else getattr(cast, role))
    assert token_client.get("/api/v1/audit").status_code in (401, 403)
    assert token_client.post(f"/api/v1/admin/users/{cast.member.username}/suspend",
                             json={"reason": "x"}).status_code in (401, 403)
    db.session.expire_all()
    assert cast.member.suspended_at is None


def test_admin_suspends_and_reinstates_with_a_reason(app, client, auth):
    cast = make_cast("public")
    auth.login(cast.admin)
    before = snapshot(db)
    r = client.post(f"/admin/members/{cast.member.username}/suspend", data={"reason": ""})
    assert r.status_code == 400 and snapshot(db) == before
    r = client.post(f"/admin/members/{cast.member.username}/suspend",
                    data={"reason": "Suplantación de identidad"})
    assert r.status_code == 302
    db.session.expire_all()
    assert cast.member.suspended_at is not None
    assert cast.member.suspended_reason == "Suplantación de identidad"
    r = client.post(f"/admin/members/{cast.member.username}/reinstate",
                    data={"reason": "Verificado por teléfono"})
    assert r.status_code == 302
    db.session.expire_all()
    assert cast.member.suspended_at is None
    actions = db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.target_id == cast.member.id).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["account_suspended", "account_reinstated"]
    assert "Suplantación" in client.get("/admin/audit").get_data(as_text=True)


def test_report_page_and_moderator_decision_over_html(app, make_client, hidden_calls):
    cast = make_cast("private")
    item = _content(cast)
    reporter = make_client()
    reporter.post("/login", data={"login": cast.member.username,
                                  "password": "correct horse battery staple"})
    assert reporter.get(f"/report/activity/{item.id}").status_code == 200
    assert reporter.post(f"/report/activity/{item.id}", data={"reason": "x"}).status_code == 400
    assert reporter.post(f"/report/activity/{item.id}",
                         data={"reason": "Publica datos personales"}).status_code == 302
    outsider = make_client()
    outsider.post("/login", data={"login": cast.outsider.username,
                                  "password": "correct horse battery staple"})
    assert outsider.get(f"/report/activity/{item.id}").status_code == 404
    report = db.session.scalar(select(Report))
    moderator = make_client()
    moderator.post("/login", data={"login": cast.moderator.username,
                                   "password": "correct horse battery staple"})
    queue = moderator.get(f"/groups/{cast.group.slug}/reports")
    assert "Publica datos personales" in queue.get_data(as_text=True)
    page = moderator.get(f"/moderation/reports/{report.id}").get_data(as_text=True)
    assert "Suspend" not in page and "Delete it" in page
    r = moderator.post(f"/moderation/reports/{report.id}",
                       data={"action": "dismiss", "reason": "Es información pública"})
    assert r.status_code == 302
    db.session.expire_all()
    assert db.session.get(Report, report.id).status == "dismissed"


def test_report_link_macro_for_features_templates(app):
    from flask import render_template_string
    from flask_login import AnonymousUserMixin, login_user

    member = make_user("reader")
    template = ('{% from "moderation/_report.html" import report_link with context %}'
                '{{ report_link("profile", 7) }}')
    with app.test_request_context():
        assert render_template_string(template).strip() == ""
        assert AnonymousUserMixin().is_authenticated is False
    with app.test_request_context():
        login_user(member)
        assert 'href="/report/profile/7"' in render_template_string(template)
