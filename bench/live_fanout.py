"""Live fan-out: 200 Socket.IO clients in one debate room; time from posting a reply (HTTP API)
to its post:created event at every client. p50/p99 in one process, then across two processes
sharing Redis (clients split between them, replies posted through the first).

    python -m bench.live_fanout [--clients 200] [--posts 30] [--redis redis://127.0.0.1:6379/4]
"""

import argparse
import statistics
import threading
import time

import requests

from bench.fixtures import PASSWORD, database_url, prepare
from bench.rawclient import Swarm
from bench.servers import Server, api_token, free_port, server_env


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(processes: int, clients: int, posts: int, redis_url: str | None) -> dict:
    url = database_url("fanout")
    info = prepare(url)
    ports = [free_port() for _ in range(processes)]
    env = server_env(database_url=url, redis_url=redis_url, ports=ports)
    servers = [Server(p, env, threads=clients + 50).start() for p in ports]
    swarms = []
    try:
        poster = api_token(servers[0].url, info["usernames"][0], PASSWORD)
        reader = api_token(servers[-1].url, info["usernames"][1], PASSWORD)
        sent: dict[int, float] = {}
        received: dict[int, list[float]] = {}
        lock = threading.Lock()

        last_seen = [time.monotonic()]

        def on_event(index, name, data, now):
            last_seen[0] = now
            if name == "post:created":
                with lock:
                    received.setdefault(data["post"]["id"], []).append(now)

        share = [clients // processes + (1 if i < clients % processes else 0)
                 for i in range(processes)]
        for server, n in zip(servers, share, strict=True):
            swarm = Swarm(server.url, reader, n).connect()
            answers = swarm.call_each("debate:join", {"debate_id": info["debate_id"]})
            assert all(a["ok"] for a in answers), answers[:3]
            swarm.on_event = on_event
            swarm.start_reading()
            swarms.append(swarm)
        # Every join pushes presence to the whole room (n² messages for n joins): let that
        # settle so the figures measure replies, not the arrival of the audience.
        settle = last_seen[0] = time.monotonic()
        while time.monotonic() - last_seen[0] < 2.0 and time.monotonic() - settle < 120:
            time.sleep(0.2)
        settled_s = time.monotonic() - settle
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {poster}"
        target = f"{servers[0].url}/api/v1/debates/{info['debate_id']}/posts"
        for n in range(posts):
            start = time.monotonic()
            res = session.post(target, json={"body": f"Medición {n}"}, timeout=30)
            res.raise_for_status()
            sent[res.json()["id"]] = start
            time.sleep(0.3)
        time.sleep(2.0)
        latencies = []
        missing = 0
        for post_id, start in sent.items():
            stamps = received.get(post_id, [])
            missing += clients - len(stamps)
            latencies += [(t - start) * 1000 for t in stamps]
        return {"processes": processes, "clients": clients, "posts": posts,
                "deliveries": len(latencies), "missing": missing,
                "p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99),
                "mean_ms": statistics.fmean(latencies), "max_ms": max(latencies),
                "settle_s": settled_s}
    finally:
        for swarm in swarms:
            swarm.close()
        for server in servers:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--posts", type=int, default=30)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/4")
    parser.add_argument("--only", choices=["one", "two"])
    args = parser.parse_args()
    modes = [("one", 1, None), ("two", 2, args.redis)]
    for name, processes, redis_url in modes:
        if args.only and args.only != name:
            continue
        r = run(processes, args.clients, args.posts, redis_url)
        where = "one process" if processes == 1 else "two processes via Redis"
        print(f"fan-out, {where}: {r['clients']} clients x {r['posts']} posts, "
              f"{r['deliveries']} deliveries, {r['missing']} missing: "
              f"p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
              f"mean {r['mean_ms']:.1f} ms, max {r['max_ms']:.1f} ms "
              f"(join presence traffic settled in {r['settle_s']:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
