"""Two real server processes sharing one Redis and one database: rooms span processes."""

import os
import queue
import shutil
import time

import pytest
import redis
import requests
import socketio

from bench.servers import RedisServer, Server, api_token, free_port, server_env
from novanet import create_app
from novanet.extensions import db
from tests.conftest import TEST_DB, base_config, require_service, reset_schema
from tests.factories import PASSWORD, add_member, make_group, make_user

pytestmark = [pytest.mark.slow, pytest.mark.redis]

REDIS_URL = os.environ.get("NOVANET_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def redis_up(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def prepare(tmp_path):
    """Schema and people in the shared database, written by this process before servers start."""
    url = TEST_DB or f"sqlite:///{tmp_path / 'shared.sqlite'}"
    app = create_app(base_config(tmp_path, DATABASE_URL=url))
    with app.app_context(), app.test_request_context("/"):
        reset_schema()
        alice, bruno = make_user("alice_live"), make_user("bruno_live")
        group = make_group(owner=alice, slug="live-group")
        add_member(group, bruno)
        from novanet.debates import services

        debate = services.create_debate(alice, group, title="Across processes", body="Hello")
        debate_id = debate.id
        db.session.remove()
        db.engine.dispose()
    return url, debate_id


def is_post(post_id: int):
    return lambda data: data["post"]["id"] == post_id


class Listener:
    def __init__(self, base_url: str, token: str):
        self.events: queue.Queue = queue.Queue()
        self.client = socketio.Client(reconnection=True, reconnection_delay=0.2,
                                      reconnection_delay_max=1)
        for name in ("post:created", "presence"):
            self.client.on(name, lambda data, name=name: self.events.put((name, data)))
        self.client.connect(base_url, auth={"token": token}, transports=["websocket"],
                            wait_timeout=10)

    def join(self, debate_id: int) -> dict:
        return self.client.call("debate:join", {"debate_id": debate_id}, timeout=10)

    def wait_for(self, name: str, predicate=lambda d: True, timeout: float = 10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                got, data = self.events.get(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                break
            if got == name and predicate(data):
                return data
        return None


def start_pair(tmp_path, redis_url):
    url, debate_id = prepare(tmp_path)
    ports = [free_port(), free_port()]
    env = server_env(database_url=url, redis_url=redis_url, ports=ports)
    servers = []
    try:
        for n, port in enumerate(ports):
            servers.append(Server(port, env, threads=20,
                                  log_path=str(tmp_path / f"server{n}.log")).start())
    except Exception:
        for s in servers:
            s.stop()
        raise
    return servers, debate_id


def test_reply_through_one_process_reaches_a_client_on_the_other(tmp_path):
    require_service("Redis", redis_up(REDIS_URL), f"no Redis at {REDIS_URL}")
    servers, debate_id = start_pair(tmp_path, REDIS_URL)
    listeners = []
    try:
        one, two = servers
        token_a = api_token(one.url, "alice_live", PASSWORD)
        token_b = api_token(two.url, "bruno_live", PASSWORD)
        a, b = Listener(one.url, token_a), Listener(two.url, token_b)
        listeners += [a, b]
        assert a.join(debate_id)["ok"] and b.join(debate_id)["ok"]
        res = requests.post(f"{one.url}/api/v1/debates/{debate_id}/posts",
                            json={"body": "Sent through process one"},
                            headers={"Authorization": f"Bearer {token_a}"}, timeout=10)
        assert res.status_code == 201, res.text
        got = b.wait_for("post:created", lambda d: d["post"]["id"] == res.json()["id"])
        assert got is not None, "the client on process two never got the reply"
        assert got["post"]["body_html"] == "<p>Sent through process one</p>"
        # and the other way round, over the socket
        ack = b.client.call("post:create", {"debate_id": debate_id, "body": "Back from two"},
                            timeout=10)
        assert ack["ok"]
        assert a.wait_for("post:created", lambda d: d["post"]["id"] == ack["post"]["id"])
        # presence is shared too: process one sees both readers
        ack = a.join(debate_id)
        assert sorted(v["username"] for v in ack["viewers"]) == ["alice_live", "bruno_live"]
    finally:
        for listener in listeners:
            listener.client.disconnect()
        for s in servers:
            s.stop()


def test_redis_outage_degrades_live_and_recovers(tmp_path):
    require_service("redis-server", shutil.which("redis-server") is not None,
                    "the redis-server binary is needed to stop and restart a private Redis")
    private = RedisServer().start()
    servers, listeners = [], []
    try:
        servers, debate_id = start_pair(tmp_path, private.url)
        one, two = servers
        token_a = api_token(one.url, "alice_live", PASSWORD)
        token_b = api_token(two.url, "bruno_live", PASSWORD)
        b = Listener(two.url, token_b)
        listeners.append(b)
        assert b.join(debate_id)["ok"]
        headers = {"Authorization": f"Bearer {token_a}"}

        private.stop()
        res = requests.post(f"{one.url}/api/v1/debates/{debate_id}/posts",
                            json={"body": "While Redis is down"}, headers=headers, timeout=20)
        assert res.status_code == 201, "posting must keep working without Redis"
        assert requests.get(f"{one.url}/debates/{debate_id}", timeout=10).status_code == 200
        log = (tmp_path / "server0.log").read_text()
        assert "Cannot publish to redis" in log and "redis_exception" in log

        private.start()
        deadline = time.monotonic() + 45
        delivered = None
        while delivered is None and time.monotonic() < deadline:
            res = requests.post(f"{one.url}/api/v1/debates/{debate_id}/posts",
                                json={"body": "After recovery"}, headers=headers, timeout=20)
            assert res.status_code == 201
            pid = res.json()["id"]
            delivered = b.wait_for("post:created", is_post(pid), timeout=3)
            if delivered is None and b.client.connected:
                b.join(debate_id)
        assert delivered is not None, "live delivery did not come back after Redis returned"
    finally:
        for listener in listeners:
            listener.client.disconnect()
        for s in servers:
            s.stop()
        private.stop()
