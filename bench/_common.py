"""Shared setup for benchmarks: an app on a scratch database, and percentile helpers."""

import os
import statistics
import tempfile
import time

from novanet import create_app
from novanet.extensions import db

PG_URL = os.environ.get("NOVANET_BENCH_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test_network")
# A second scratch database, for benchmarks that compare two sizes of data side by side.
PG_URL_2 = os.environ.get("NOVANET_BENCH_PG_URL_2",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test_network_b")


def make_app(engine: str, pg_url: str | None = None):
    if engine == "postgresql":
        url = pg_url or PG_URL
    else:
        url = "sqlite:///" + os.path.join(tempfile.mkdtemp(prefix="novanet-bench-"), "b.sqlite")
    app = create_app({"TESTING": True, "SECRET_KEY": "benchmark-secret-key-000",
                      "DATABASE_URL": url, "RATELIMIT_ENABLED": False,
                      "REQUIRE_ADMIN_2FA": False, "BABEL_DEFAULT_LOCALE": "en"})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        else:
            db.drop_all()
        db.create_all()
    return app


def analyze() -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(values: list[float]) -> str:
    return (f"p50 {pct(values, 50):6.1f} ms  p95 {pct(values, 95):6.1f} ms  "
            f"mean {statistics.fmean(values):6.1f} ms  (n={len(values)})")
