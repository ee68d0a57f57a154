import json

from sqlalchemy import func, select

from novanet.accounts.models import User
from novanet.extensions import db
from novanet.messages import services as messages
from novanet.messages.models import Conversation, Message
from novanet.network import services as network
from novanet.network.models import Follow
from novanet.notifications import services as notifications
from novanet.search import index
from novanet.search.models import SearchDocument
from tests.factories import PASSWORD, make_user


def _world(user):
    other = make_user("pablo")
    network.follow(user, other)
    network.follow(other, user)
    messages.start(user, other, "Hola Pablo")
    messages.start(other, user, "Hola Marta")
    messages.block(user, make_user("pest"))
    notifications.set_preferences(user, {"followed": "email"})
    index.rebuild()
    return other


def test_export_has_follows_messages_blocks_and_preferences(client, auth, user):
    _world(user)
    auth.login(user)
    data = json.loads(client.get("/settings/privacy/export.json").data)
    assert [f["username"] for f in data["follows"]["following"]] == ["pablo"]
    assert [f["username"] for f in data["follows"]["followers"]] == ["pablo"]
    conv = data["direct_messages"][0]
    assert conv["with"] == "pablo"
    assert [(m["from_me"], m["body"]) for m in conv["messages"]] == [(True, "Hola Pablo"),
                                                                     (False, "Hola Marta")]
    assert data["blocked_members"][0]["username"] == "pest"
    assert data["notification_preferences"] == {"followed": "email"}


def test_account_deletion_removes_follows_messages_and_index_entry(client, auth, user):
    other = _world(user)
    uid = user.id
    auth.login(user)
    r = client.post("/settings/privacy/delete", data={"content": "remove", "password": PASSWORD})
    assert r.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, uid) is None
    for model in (Follow, Conversation, Message):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0, model
    kinds = set(db.session.scalars(select(SearchDocument.kind).where(
        SearchDocument.ref_id == uid, SearchDocument.kind == "user")))
    assert kinds == set()
    assert messages.unread_total(other) == 0
