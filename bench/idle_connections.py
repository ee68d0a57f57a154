"""Idle connections: 1,000 authenticated Socket.IO clients held open by one server process,
each joined to a debate room; the server's resident memory before and after, and whether
every connection survived a full ping cycle.

    python -m bench.idle_connections [--clients 1000] [--hold 35]
"""

import argparse
import time

from bench.fixtures import PASSWORD, database_url, prepare
from bench.rawclient import Swarm
from bench.servers import Server, api_token, free_port, rss_mb, server_env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--hold", type=float, default=35.0,
                        help="seconds to stay idle (longer than the 25 s ping interval)")
    parser.add_argument("--worker-class", default="gthread")
    args = parser.parse_args()

    url = database_url("idle")
    info = prepare(url)
    port = free_port()
    env = server_env(database_url=url, redis_url=None, ports=[port],
                     worker_class=args.worker_class)
    server = Server(port, env, threads=args.clients + 50, worker_class=args.worker_class,
                    log_path="/tmp/idle-server.log").start()
    swarm = None
    try:
        token = api_token(server.url, info["usernames"][1], PASSWORD)
        time.sleep(1)
        before = rss_mb(server.worker_pids())
        started = time.monotonic()
        swarm = Swarm(server.url, token, args.clients).connect()
        answers = swarm.call_each("debate:join", {"debate_id": info["debate_id"]})
        connect_s = time.monotonic() - started
        assert all(a["ok"] for a in answers)
        swarm.start_reading()
        time.sleep(args.hold)
        after = rss_mb(server.worker_pids())
        print(f"idle connections ({args.worker_class}): {args.clients} clients connected and "
              f"joined in {connect_s:.1f} s; worker process RSS {before:.0f} MB before, "
              f"{after:.0f} MB with all connected ({(after - before) * 1024 / args.clients:.0f}"
              f" KB per connection); {swarm.closed} dropped during {args.hold:.0f} s idle",
              flush=True)
    finally:
        if swarm is not None:
            swarm.close()
        server.stop()


if __name__ == "__main__":
    main()
