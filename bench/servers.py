"""Start real NovaNet server processes (gunicorn) for benchmarks and the scale-out test."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(*, database_url: str, redis_url: str | None, ports: list[int],
               channel: str | None = None, secret_key: str | None = None,
               worker_class: str = "gthread", **extra) -> dict:
    env = dict(os.environ)
    env.update({
        "NOVANET_DATABASE_URL": database_url,
        "NOVANET_SECRET_KEY": secret_key or secrets.token_urlsafe(32),
        "NOVANET_BASE_URL": f"http://127.0.0.1:{ports[0]}",
        "NOVANET_SOCKETIO_ORIGINS": "[" + ",".join(f'"http://127.0.0.1:{p}"' for p in ports) + "]",
        "NOVANET_SOCKETIO_CHANNEL": channel or f"novanet-{secrets.token_hex(4)}",
        "NOVANET_RATELIMIT_ENABLED": "false",
        "NOVANET_REQUIRE_ADMIN_2FA": "false",
        "NOVANET_EMAIL_VERIFICATION": "optional",
        "NOVANET_SOCKET_RATE_LIMIT": '"1000/1"',
    })
    if worker_class == "gevent":  # Socket.IO must use the same concurrency as the worker
        env["NOVANET_SOCKETIO_ASYNC_MODE"] = "gevent"
    if redis_url:
        env["NOVANET_REDIS_URL"] = redis_url
    else:
        env.pop("NOVANET_REDIS_URL", None)
    env.update({f"NOVANET_{k}": str(v) for k, v in extra.items()})
    return env


class Server:
    """One gunicorn process serving novanet.wsgi:app (or another WSGI target) on a port."""

    def __init__(self, port: int, env: dict, *, target: str = "novanet.wsgi:app",
                 threads: int = 100, worker_class: str = "gthread", workers: int = 1,
                 log_path: str | None = None, ready_path: str = "/static/css/main.css"):
        self.port = port
        self.ready_path = ready_path
        self.env = env
        self.args = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-k", worker_class,
                     "-b", f"127.0.0.1:{port}", "--timeout", "120", "--graceful-timeout", "2",
                     "--worker-connections", str(max(1000, threads + 100))]
        if worker_class == "gthread":
            self.args += ["--threads", str(threads)]
        self.args.append(target)
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 40) -> "Server":
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(self.args, env=self.env, cwd=ROOT, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        finally:
            if log is not subprocess.DEVNULL:
                log.close()  # the child holds its own copy
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server on {self.port} exited: see {self.log_path}")
            try:
                if requests.get(self.url + self.ready_path, timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"server on {self.port} did not start in {timeout}s")

    def pids(self) -> list[int]:
        """The gunicorn master and its workers."""
        if self.proc is None:
            return []
        out = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True)
        return [self.proc.pid] + [int(p) for p in out.stdout.split()]

    def worker_pids(self) -> list[int]:
        """The processes that serve requests and hold the connections (not the master)."""
        return self.pids()[1:]

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total / 1024


def api_token(base_url: str, login: str, password: str) -> str:
    res = requests.post(base_url + "/api/v1/auth/tokens",
                        json={"login": login, "password": password, "name": "bench"}, timeout=10)
    res.raise_for_status()
    return res.json()["token"]


class RedisServer:
    """A private redis-server on a free port (to stop and start it without touching others')."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        import redis

        self.proc = subprocess.Popen(["redis-server", "--port", str(self.port), "--save", "",
                                      "--appendonly", "no", "--bind", "127.0.0.1"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
        for _ in range(50):
            try:
                client.ping()
                return self
            except redis.RedisError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
