"""Home feed latency: a member following 1,000 people and in 100 groups, then 10x the data.

    python bench/feed_latency.py [--engine sqlite|postgresql|both] [--activities 100000]

The activity table holds `--activities` rows by 10,000 members across 1,000 groups (a third
private or secret); replies are real posts in 5,000 debates. The viewer follows 1,000 of the
members, belongs to 100 groups and has replied in 100 debates (so "replies in debates I take part
in" is part of every read). Each sample is one request's work: a fresh session, the viewer and
their memberships loaded, the first page read and grouped, and the next page read through the
cursor, as the home page and GET /api/v1/feed do. The 10x data (the same first rows plus nine
times more activity and replies over the same days) lives in a second database
(NOVANET_BENCH_PG_URL_2 on PostgreSQL), and both sizes are timed in alternating rounds.
Targets: p95 under 100 ms, and at 10x the data within 1.2x the time.
"""

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import PG_URL_2, analyze, make_app, pct, summary, timed  # noqa: E402
from novanet.extensions import db  # noqa: E402

MEMBERS, GROUPS, FOLLOWED, MY_GROUPS = 10_000, 1_000, 1_000, 100
DEBATES, TAKING_PART = 5_000, 100


def populate(app, n_activities: int, rng: random.Random) -> int:
    from novanet.accounts.models import User
    from novanet.groups.models import Group, Membership
    from novanet.network.models import Follow

    with app.app_context():
        db.session.execute(User.__table__.insert(), [
            {"username": f"m{i}", "email": f"m{i}@example.org", "password_hash": "x",
             "display_name": f"Member {i}", "position": "", "organisation": "", "city": "",
             "bio": "", "bio_html": "", "links": [], "is_admin": False,
             "suspended_reason": "", "totp_enabled": False,
             "created_at": datetime.now(UTC), "password_changed_at": datetime.now(UTC)}
            for i in range(MEMBERS)])
        db.session.execute(Group.__table__.insert(), [
            {"slug": f"g{i}", "name": f"Group {i}", "description": "", "description_html": "",
             "visibility": ("public", "public", "private", "secret")[i % 4], "region": "",
             "member_count": 1, "created_at": datetime.now(UTC),
             "last_activity_at": datetime.now(UTC)} for i in range(GROUPS)])
        db.session.commit()
        user_ids = list(db.session.scalars(db.select(User.id).order_by(User.id)))
        group_ids = list(db.session.scalars(db.select(Group.id).order_by(Group.id)))
        viewer = user_ids[0]
        db.session.execute(Follow.__table__.insert(), [
            {"follower_id": viewer, "followed_id": uid, "created_at": datetime.now(UTC)}
            for uid in rng.sample(user_ids[1:], FOLLOWED)])
        db.session.execute(Membership.__table__.insert(), [
            {"group_id": gid, "user_id": viewer, "role": "member", "status": "active",
             "message": "", "muted": False, "created_at": datetime.now(UTC)}
            for gid in rng.sample(group_ids, MY_GROUPS)])
        db.session.commit()
        add_debates(user_ids, group_ids, viewer, rng)
        add_activities(n_activities, user_ids, group_ids, rng,
                       start=datetime(2025, 1, 1, tzinfo=UTC))
        return viewer


def add_debates(user_ids, group_ids, viewer: int, rng: random.Random) -> None:
    """Debates to reply in, and the viewer's own replies in TAKING_PART of them."""
    from novanet.debates.models import Debate, Post

    now = datetime(2024, 12, 1, tzinfo=UTC)
    db.session.execute(Debate.__table__.insert(), [
        {"group_id": rng.choice(group_ids), "author_id": rng.choice(user_ids[1:]),
         "title": f"Debate {i}", "body": "", "body_html": "", "created_at": now,
         "last_activity_at": now} for i in range(DEBATES)])
    debate_ids = list(db.session.scalars(db.select(Debate.id)))
    db.session.execute(Post.__table__.insert(), [
        {"debate_id": d, "author_id": viewer, "body": "Mi opinión", "body_html": "<p>Mi opinión</p>",
         "created_at": now} for d in rng.sample(debate_ids, TAKING_PART)])
    db.session.commit()


def add_activities(n: int, user_ids, group_ids, rng: random.Random, *, start: datetime) -> None:
    """n activities after start, a sixth of them replies (each a real post in a debate)."""
    from novanet.activity.models import Activity
    from novanet.debates.models import Debate, Post

    step = timedelta(days=300) / max(n, 1)
    verbs = ("debate_created", "post_created", "blog_post_published", "wiki_page_saved",
             "event_created", "member_joined")
    debates = db.session.execute(db.select(Debate.id, Debate.group_id)).all()
    next_post = (db.session.scalar(db.select(db.func.max(Post.id))) or 0) + 1
    table = Activity.__table__
    batch, posts = [], []
    for i in range(n):
        verb = rng.choice(verbs)
        when = start + step * i
        actor = rng.choice(user_ids)
        if verb == "post_created":
            debate_id, group_id = rng.choice(debates)
            posts.append({"id": next_post, "debate_id": debate_id, "author_id": actor,
                          "body": "Respuesta", "body_html": "<p>Respuesta</p>",
                          "created_at": when})
            subject_type, subject_id, title = "post", next_post, f"Debate {debate_id}"
            next_post += 1
        else:
            subject_type, subject_id, title = "debate", rng.randint(1, n // 5 + 1), "Una actividad"
            group_id = None if verb == "blog_post_published" else rng.choice(group_ids)
        batch.append({"actor_id": actor, "verb": verb, "subject_type": subject_type,
                      "subject_id": subject_id, "group_id": group_id, "title": title,
                      "url": "/x", "created_at": when})
        if len(batch) == 10_000:
            _flush(table, batch, Post.__table__, posts)
            batch, posts = [], []
    _flush(table, batch, Post.__table__, posts)


def _flush(activities, batch, post_table, posts) -> None:
    if posts:
        db.session.execute(post_table.insert(), posts)
    if batch:
        db.session.execute(activities.insert(), batch)
    db.session.commit()


def sampler(app, viewer_id: int):
    """One home feed read as a request makes it: a fresh session, the viewer and their
    memberships loaded, the first page grouped into entries, then the next page."""
    from novanet.accounts.models import User
    from novanet.network.feed import group_entries, home_feed

    with app.app_context():
        analyze()

    def sample():
        with app.test_request_context():
            viewer = db.session.get(User, viewer_id)
            page = home_feed(viewer)
            group_entries(page.items)
            home_feed(viewer, cursor=page.next)

    for _ in range(5):
        sample()
    return sample


def run(engine: str, n: int, runs: int) -> None:
    """Build the 1x and the 10x data in two databases, then time them in alternating rounds, so
    that other work on a shared machine weighs on both sizes alike."""
    rng = random.Random(7)
    small = make_app(engine)
    small_viewer = populate(small, n, rng)
    rng = random.Random(7)  # the same first 1x rows, then nine times more
    big = make_app(engine, PG_URL_2)
    big_viewer = populate(big, n, rng)
    with big.app_context():
        from novanet.accounts.models import User
        from novanet.groups.models import Group

        user_ids = list(db.session.scalars(db.select(User.id).order_by(User.id)))
        group_ids = list(db.session.scalars(db.select(Group.id).order_by(Group.id)))
        # Over the same 300 days as the first rows: ten times as much activity in that time.
        add_activities(n * 9, user_ids, group_ids, rng, start=datetime(2025, 1, 1, tzinfo=UTC))
    samples = {"small": sampler(small, small_viewer), "big": sampler(big, big_viewer)}
    times: dict[str, list[float]] = {"small": [], "big": []}
    rounds = 50
    for _ in range(rounds):
        for size, sample in samples.items():
            times[size] += timed(sample, max(1, runs // rounds))
    ratio = pct(times["big"], 95) / pct(times["small"], 95)
    print(f"feed   {engine:10s} {n:>8} activities: {summary(times['small'])}")
    print(f"feed   {engine:10s} {n * 10:>8} activities: {summary(times['big'])}  "
          f"p95 ratio {ratio:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", default="both", choices=["sqlite", "postgresql", "both"])
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1000)
    args = parser.parse_args()
    for engine in (["sqlite", "postgresql"] if args.engine == "both" else [args.engine]):
        run(engine, args.activities, args.runs)


if __name__ == "__main__":
    main()
