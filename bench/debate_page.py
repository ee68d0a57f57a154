"""A debate page with 100 replies served by gunicorn: requests per second for an anonymous
reader and a logged-in member, next to a bare Flask page of the same size served the same way
in the same run (the ceiling of this stack on this machine).

    python -m bench.debate_page [--seconds 10] [--concurrency 8] [--page-size 100]
"""

import argparse
import http.client
import multiprocessing
import os
import re
import time

import requests

from bench.fixtures import PASSWORD, database_url, prepare
from bench.servers import Server, free_port, server_env


def _worker(port: int, path: str, cookie: str, seconds: float, out) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    headers["Accept-Language"] = "es"
    done = errors = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        if not cookie and response.getheader("Set-Cookie"):
            # A reader's browser keeps the session cookie it was given, as browsers do.
            cookie = response.getheader("Set-Cookie").split(";", 1)[0]
            headers["Cookie"] = cookie
        if response.status == 200:
            done += 1
        else:
            errors += 1
        if response.getheader("Connection", "").lower() == "close":
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    out.put((done, errors))


def load(port: int, path: str, *, cookie: str = "", seconds: float, concurrency: int) -> float:
    queue = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_worker, args=(port, path, cookie, seconds, queue))
             for _ in range(concurrency)]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    done = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    if errors:
        raise RuntimeError(f"{errors} non-200 answers on {path}")
    return done / seconds


def login_cookie(base: str, username: str) -> str:
    session = requests.Session()
    page = session.get(base + "/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or \
        re.search(r'name="csrf-token" content="([^"]+)"', page)
    res = session.post(base + "/login", data={"login": username, "password": PASSWORD,
                                              "csrf_token": token.group(1)},
                       allow_redirects=False)
    if res.status_code != 302:
        raise RuntimeError("login failed")
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--worker-class", default="gthread")
    parser.add_argument("--page-size", type=int, default=100,
                        help="posts per debate page (100 shows every reply on one page)")
    args = parser.parse_args()

    url = database_url("page")
    info = prepare(url, replies=100)
    port, bare_port = free_port(), free_port()
    env = server_env(database_url=url, redis_url=None, ports=[port], worker_class=args.worker_class,
                     DEBATE_PAGE_SIZE=args.page_size)
    server = Server(port, env, threads=args.threads, worker_class=args.worker_class).start()
    bare = None
    try:
        path = f"/debates/{info['debate_id']}"
        anon_page = requests.get(server.url + path, headers={"Accept-Language": "es"})
        size = len(anon_page.content)
        replies = anon_page.text.count('class="post"')
        cookie = login_cookie(server.url, info["usernames"][1])
        member_page = requests.get(server.url + path, headers={"Cookie": cookie})
        assert 'data-reply-form' in member_page.text, "not logged in"
        bare_env = dict(env, BENCH_BYTES=str(size))
        bare = Server(bare_port, bare_env, target="bench.bare:app", threads=args.threads,
                      worker_class=args.worker_class, ready_path="/").start()
        for warm in (server, bare):
            load(warm.port, path if warm is server else "/", seconds=1, concurrency=2)
        ceiling = load(bare_port, "/", seconds=args.seconds, concurrency=args.concurrency)
        anon = load(port, path, seconds=args.seconds, concurrency=args.concurrency)
        member = load(port, path, cookie=cookie, seconds=args.seconds,
                      concurrency=args.concurrency)
        print(f"debate page ({replies} replies shown, {size / 1024:.0f} KB, gunicorn "
              f"{args.worker_class} 1 worker x {args.threads} threads, {args.concurrency} "
              f"keep-alive clients, {args.seconds:.0f} s each, "
              f"{os.environ.get('NOVANET_BENCH_DATABASE_URL', 'sqlite').split(':')[0]}):")
        print(f"  bare Flask page, same size: {ceiling:8.0f} req/s (ceiling)")
        print(f"  anonymous reader:           {anon:8.0f} req/s ({anon / ceiling:.2f} of ceiling)")
        print(f"  logged-in member:           {member:8.0f} req/s "
              f"({member / ceiling:.2f} of ceiling)", flush=True)
    finally:
        server.stop()
        if bare is not None:
            bare.stop()


if __name__ == "__main__":
    main()
