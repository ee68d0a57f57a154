"""GDPR: downloading all of one's data and deleting the account."""

import io
import json
import os

from flask import render_template_string

from novanet.accounts import privacy
from novanet.accounts.models import ApiToken, LoginSession, User
from novanet.activity.models import Activity
from novanet.activity.services import record
from novanet.extensions import db
from novanet.groups.models import Group, Membership
from novanet.notifications.models import Notification
from novanet.notifications.services import notify
from tests.accounts.factories import image_bytes
from tests.factories import PASSWORD, add_member, make_group, make_user


def _world(user):
    other = make_user("colleague")
    group = make_group("Datos abiertos", owner=other)
    add_member(group, user)
    record(actor_id=user.id, verb="debate_created", subject_type="debate", subject_id=1,
           group_id=group.id, title="¿Qué datos publicamos?", url="/d/1")
    notify([user], "mention", actor=other, url="/d/1")
    notify([other], "reply", actor=user, url="/d/1")
    return other, group


def test_export_contains_everything_and_no_secrets(client, auth, user):
    _world(user)
    client.post("/login", data={"login": "marta", "password": PASSWORD})
    client.post("/settings/tokens", data={"name": "script"})
    secret_token = db.session.query(ApiToken).one()
    r = client.get("/settings/privacy/export.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert "attachment" in r.headers["Content-Disposition"]
    data = json.loads(r.data)
    assert data["profile"]["email"] == "marta@example.org"
    assert data["memberships"][0]["group_name"] == "Datos abiertos"
    assert data["activity"][0]["title"] == "¿Qué datos publicamos?"
    assert data["notifications"][0]["kind"] == "mention"
    assert data["api_tokens"][0]["name"] == "script"
    assert data["login_sessions"]
    text = r.get_data(as_text=True)
    assert user.password_hash not in text and secret_token.token_hash not in text
    assert "password" not in json.dumps(data["profile"]).replace("password_changed_at", "")


def test_feature_exporters_are_included(client, auth, user):
    privacy.register_exporter("test_section", lambda u: {"who": u.username})
    try:
        auth.login(user)
        data = json.loads(client.get("/settings/privacy/export.json").data)
        assert data["test_section"] == {"who": "marta"}
    finally:
        privacy.EXPORTERS.pop("test_section")


def test_delete_needs_the_password(client, auth, user):
    auth.login(user)
    r = client.post("/settings/privacy/delete", data={"content": "keep", "password": "nope nope"})
    assert r.status_code == 400 and "not your current password" in r.get_data(as_text=True)
    assert db.session.get(User, user.id) is not None


def test_delete_keeping_content(client, auth, user, make_client, app):
    other, group = _world(user)
    second = make_client()
    second.post("/login", data={"login": "marta", "password": PASSWORD})
    auth.login(user)
    client.post("/settings/avatar", data={"avatar": (io.BytesIO(image_bytes()), "a.png")},
                content_type="multipart/form-data")
    uid = user.id
    r = client.post("/settings/privacy/delete", data={"content": "keep", "password": PASSWORD})
    assert r.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, uid) is None
    assert db.session.query(LoginSession).filter_by(user_id=uid).count() == 0
    assert "Marta Ruiz" not in second.get("/").get_data(as_text=True)
    activity = db.session.query(Activity).one()
    assert activity.actor_id is None and activity.actor is None
    assert db.session.query(Membership).filter_by(user_id=uid).count() == 0
    assert db.session.get(Group, group.id).member_count == 1
    assert db.session.query(Notification).filter_by(user_id=other.id).one().actor_id is None
    assert os.listdir(os.path.join(app.config["MEDIA_DIR"], "avatars")) == []
    assert client.get("/people/marta").status_code == 404
    with app.test_request_context(headers={"Accept-Language": "en"}):
        html = render_template_string('{% from "_macros/ui.html" import person, avatar %}'
                                      '{{ person(activity.actor) }}{{ avatar(activity.actor) }}',
                                      activity=activity)
    assert "deleted member" in html


def test_delete_removing_content(client, auth, user):
    other, group = _world(user)
    auth.login(user)
    r = client.post("/settings/privacy/delete", data={"content": "remove", "password": PASSWORD})
    assert r.status_code == 302
    db.session.expire_all()
    assert db.session.query(Activity).count() == 0
    assert db.session.query(Notification).filter_by(user_id=other.id).count() == 0
    assert db.session.query(User).count() == 1


def test_delete_refuses_unknown_choice(client, auth, user):
    auth.login(user)
    r = client.post("/settings/privacy/delete", data={"content": "both", "password": PASSWORD})
    assert r.status_code == 400
    assert db.session.get(User, user.id) is not None


def test_username_and_email_can_be_reused_after_deletion(client, auth, user):
    auth.login(user)
    client.post("/settings/privacy/delete", data={"content": "keep", "password": PASSWORD})
    again = make_user("marta")
    assert again.id


def test_every_reference_to_a_member_survives_account_deletion(app):
    """Columns pointing at users.id must cascade or become NULL (content kept as "deleted
    member"); anything else would block deletion or leave a dangling author."""
    problems = []
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name != "users":
                continue
            ondelete = (fk.ondelete or "").upper()
            if ondelete not in ("CASCADE", "SET NULL"):
                problems.append(f"{table.name}.{fk.parent.name}: ondelete={fk.ondelete!r}")
            elif ondelete == "SET NULL" and not fk.parent.nullable:
                problems.append(f"{table.name}.{fk.parent.name}: SET NULL on a NOT NULL column")
    assert not problems, problems
