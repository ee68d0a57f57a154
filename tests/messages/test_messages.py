import pytest
from sqlalchemy import func, select

from novanet.extensions import db
from novanet.messages import services
from novanet.messages.models import Conversation, Message
from tests.conftest import Auth
from tests.factories import make_user


def _messages():
    return db.session.scalar(select(func.count()).select_from(Message))


@pytest.fixture
def pablo(app):
    return make_user("pablo", display_name="Pablo")


def test_conversation_over_api_with_unread_counts(api, user, pablo):
    me, him = api.as_user(user), api.as_user(pablo)
    r = me.post("/api/v1/conversations", json={"username": "Pablo", "body": "Hola **Pablo**"})
    assert r.status_code == 201
    conv_id = r.json["conversation_id"]
    assert "<strong>Pablo</strong>" in r.json["body_html"]
    # writing again reuses the conversation
    assert me.post("/api/v1/conversations", json={"username": "pablo", "body": "¿Qué tal?"}
                   ).json["conversation_id"] == conv_id
    convs = him.get("/api/v1/conversations").json["items"]
    assert convs[0]["with"]["username"] == user.username and convs[0]["unread"] == 2
    msgs = him.get(f"/api/v1/conversations/{conv_id}/messages").json["items"]
    assert [m["body"] for m in msgs] == ["¿Qué tal?", "Hola **Pablo**"]
    assert him.get("/api/v1/conversations").json["items"][0]["unread"] == 0
    r = him.post(f"/api/v1/conversations/{conv_id}/messages", json={"body": "Bien"})
    assert r.status_code == 201
    assert me.get("/api/v1/conversations").json["items"][0]["unread"] == 1


def test_outsiders_cannot_read_or_write_a_conversation(api, user, pablo):
    msg = services.start(user, pablo, "privado")
    outsider = api.as_user(make_user("eve"))
    assert outsider.get(f"/api/v1/conversations/{msg.conversation_id}/messages"
                        ).status_code == 404
    assert outsider.post(f"/api/v1/conversations/{msg.conversation_id}/messages",
                         json={"body": "hi"}).status_code == 404
    assert _messages() == 1


@pytest.mark.parametrize("body,field", [
    ({"username": "pablo", "body": "   "}, "body"),
    ({"username": "pablo", "body": "x" * 5001}, "body"),
    ({"username": "nobody", "body": "hi"}, "username"),
    ({"username": "pablo"}, "body"),
])
def test_bad_input_stores_nothing(api, user, pablo, body, field):
    r = api.as_user(user).post("/api/v1/conversations", json=body)
    assert r.status_code == 422 and field in r.json["error"]["fields"]
    assert _messages() == 0


def test_messaging_oneself_is_a_clear_error(api, user):
    r = api.as_user(user).post("/api/v1/conversations",
                               json={"username": user.username, "body": "hi"})
    assert r.status_code == 422 and r.json["error"]["code"] == "self_message"
    assert db.session.scalar(select(func.count()).select_from(Conversation)) == 0


def test_blocked_member_gets_clear_error_and_nothing_is_stored(api, user, pablo):
    services.block(pablo, user)
    r = api.as_user(user).post("/api/v1/conversations", json={"username": "pablo", "body": "hi"})
    assert r.status_code == 403 and r.json["error"]["code"] == "blocked"
    assert "does not accept messages" in r.json["error"]["message"]
    assert _messages() == 0
    assert db.session.scalar(select(func.count()).select_from(Conversation)) == 0


def test_block_in_existing_conversation_and_unblock(api, user, pablo):
    msg = services.start(user, pablo, "hola")
    services.block(pablo, user)
    me = api.as_user(user)
    url = f"/api/v1/conversations/{msg.conversation_id}/messages"
    assert me.post(url, json={"body": "¿hola?"}).status_code == 403
    # the blocker cannot write either until they unblock
    r = api.as_user(pablo).post(url, json={"body": "adiós"})
    assert r.status_code == 403 and "Unblock" in r.json["error"]["message"]
    services.unblock(pablo, user)
    assert me.post(url, json={"body": "¿hola?"}).status_code == 201


def test_live_delivery_to_recipient_room(app, make_client, socket_client, user, pablo):
    mine, his = make_client(), make_client()
    Auth(mine).login(user)
    Auth(his).login(pablo)
    s_his = socket_client(his)
    s_eve = socket_client(_logged_in(make_client(), make_user("eve")))
    services.start(user, pablo, "<script>x</script> hola")
    got = [e["args"][0] for e in s_his.get_received() if e["name"] == "message:created"]
    assert len(got) == 1 and got[0]["unread_total"] == 1
    assert "<script>" not in got[0]["body_html"]
    assert not [e for e in s_eve.get_received() if e["name"] == "message:created"]


def _logged_in(client, who):
    Auth(client).login(who)
    return client


def test_html_pages(client, auth, user, pablo):
    auth.login(user)
    assert "No conversations yet" in client.get("/messages/").get_data(as_text=True)
    r = client.post("/messages/", data={"username": "pablo", "body": "Buenos días"})
    assert r.status_code == 302
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Buenos días" in page and "Conversation with Pablo" in page
    r = client.post("/messages/", data={"username": "pablo", "body": ""})
    assert r.status_code == 400 and "Write a message." in r.get_data(as_text=True)
    client.post("/messages/block/pablo")
    assert services.is_blocked(user, pablo)


def test_html_blocked_shows_error(client, auth, user, pablo):
    services.block(pablo, user)
    auth.login(user)
    r = client.post("/messages/", data={"username": "pablo", "body": "hola"})
    assert r.status_code == 400
    assert "does not accept messages from you" in r.get_data(as_text=True)
    assert _messages() == 0


def test_conversation_list_query_count_is_flat(client, auth, user, count_queries):
    auth.login(user)
    services.start(make_user("one"), user, "1")
    with count_queries() as few:
        client.get("/messages/")
    for n in range(5):
        services.start(make_user(f"many{n}"), user, "x")
    with count_queries() as many:
        client.get("/messages/")
    assert many.count == few.count
