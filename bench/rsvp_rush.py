"""RSVP rush: many people press "going" at the same moment on an event with few seats.

Starts a real server process (gunicorn, several workers and threads) on a fresh database, gives
every simulated member an API token, then fires all PUT /api/v1/events/{id}/rsvp requests at
once from client threads. Checks that exactly `seats` people are confirmed, everyone else is
on the waiting list in distinct places 1..N, no request failed, and prints the timings.

    python bench/rsvp_rush.py                                  # SQLite in a temporary folder
    python bench/rsvp_rush.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench

The database given is emptied first: never point it at data you want to keep.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(database_url: str, people: int, seats: int, instance: str) -> tuple[int, list[str]]:
    """Fresh schema, one organiser, `people` members with tokens, one event with `seats`."""
    from sqlalchemy import insert

    from novanet import create_app
    from novanet.accounts.models import ApiToken, User, hash_secret
    from novanet.accounts.passwords import hash_password
    from novanet.events import services
    from novanet.extensions import db

    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "bench-secret-key-0123456789",
                      "MAIL_DIR": os.path.join(instance, "mail")})
    with app.app_context(), app.test_request_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        else:
            db.drop_all()
        db.create_all()
        password = hash_password("bench password that nobody uses")
        now = datetime.now(UTC)
        db.session.execute(insert(User), [
            {"username": f"rush{i:04d}", "email": f"rush{i:04d}@bench.example",
             "display_name": f"Rush {i}", "password_hash": password, "email_verified_at": now}
            for i in range(people + 1)])
        db.session.commit()
        users = db.session.scalars(db.select(User).order_by(User.id)).all()
        organiser, members = users[0], users[1:]
        secrets_ = [f"nn_bench_{i:04d}_{os.urandom(12).hex()}" for i in range(len(members))]
        db.session.execute(insert(ApiToken), [
            {"user_id": m.id, "name": "bench", "token_hash": hash_secret(s), "prefix": s[:10]}
            for m, s in zip(members, secrets_, strict=True)])
        db.session.commit()
        start = now + timedelta(days=7)
        event = services.create_event(organiser, {
            "type": "lab", "title": "Rush", "timezone": "Europe/Madrid", "starts_at": start,
            "ends_at": start + timedelta(hours=3), "capacity": seats, "mode": "in_person",
            "venue": "Bench hall"})
        event_id = event.id
        db.session.remove()
        db.engine.dispose()
    return event_id, secrets_


def start_server(database_url: str, port: int, workers: int, threads: int, instance: str):
    env = dict(os.environ, NOVANET_DATABASE_URL=database_url, NOVANET_RATELIMIT_ENABLED="false",
               NOVANET_SECRET_KEY="bench-secret-key-0123456789",
               NOVANET_BASE_URL=f"http://127.0.0.1:{port}",
               NOVANET_MAIL_DIR=os.path.join(instance, "mail"), PYTHONPATH=str(ROOT))
    env.pop("NOVANET_REDIS_URL", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [str(gunicorn), "--workers", str(workers), "--threads", str(threads), "--bind",
         f"127.0.0.1:{port}", "--log-level", "warning", "novanet.wsgi:app"],
        cwd=ROOT, env=env)
    return proc


def wait_ready(base: str, event_id: int, proc, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server process exited during start-up")
        try:
            if requests.get(f"{base}/api/v1/events/{event_id}", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not become ready")


def rush(base: str, event_id: int, tokens: list[str]) -> tuple[list, float]:
    barrier = threading.Barrier(len(tokens))
    local = threading.local()

    def one(token: str):
        session = getattr(local, "session", None) or requests.Session()
        local.session = session
        barrier.wait()
        began = time.perf_counter()
        try:
            res = session.put(f"{base}/api/v1/events/{event_id}/rsvp", json={"status": "going"},
                              headers={"Authorization": f"Bearer {token}"}, timeout=120)
            return res.status_code, res.json(), time.perf_counter() - began
        except (requests.RequestException, ValueError) as exc:
            return None, repr(exc), time.perf_counter() - began

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        results = list(pool.map(one, tokens))
    return results, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    instance = tempfile.mkdtemp(prefix="novanet-rush-")
    url = args.database_url or f"sqlite:///{os.path.join(instance, 'rush.sqlite')}"
    engine = url.split(":", 1)[0].split("+")[0]
    event_id, tokens = prepare(url, args.people, args.seats, instance)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(url, port, args.workers, args.threads, instance)
    try:
        wait_ready(base, event_id, proc)
        results, elapsed = rush(base, event_id, tokens)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(instance, ignore_errors=True)

    errors = [(s, body) for s, body, _ in results if s != 200]
    bodies = [body for s, body, _ in results if s == 200]
    going = [b for b in bodies if b["status"] == "going"]
    waiting = sorted(b["waitlist_position"] for b in bodies if b["status"] == "waitlisted")
    latencies = sorted(t for _, _, t in results)
    distinct = waiting == list(range(1, len(waiting) + 1))
    ok = (not errors and len(going) == args.seats and len(waiting) == args.people - args.seats
          and distinct)
    print(f"engine: {engine}  server: gunicorn {args.workers} workers x {args.threads} threads")
    print(f"requests: {len(results)} simultaneous RSVPs for {args.seats} seats")
    print(f"confirmed: {len(going)}  waiting: {len(waiting)}  "
          f"distinct places 1..{len(waiting)}: {distinct}  errors: {len(errors)}")
    print(f"total time: {elapsed:.2f} s  throughput: {len(results) / elapsed:.0f} req/s  "
          f"latency p50 {latencies[len(latencies) // 2] * 1000:.0f} ms  "
          f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms  "
          f"max {latencies[-1] * 1000:.0f} ms")
    if errors:
        print("first errors:", errors[:5])
    print("RESULT:", "OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
