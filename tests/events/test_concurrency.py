"""Many people pressing "going" at the same moment never overfill an event (SQLite and PostgreSQL)."""

import threading

from sqlalchemy import func, select

from novanet.accounts.models import User
from novanet.events import rsvp, services
from novanet.events.models import Event, Rsvp
from novanet.extensions import db
from tests.events.factories import make_event
from tests.factories import make_user

THREADS = 40
CAPACITY = 10


def _fire(app, event_id: int, user_ids: list[int], action):
    barrier = threading.Barrier(len(user_ids))
    results, errors = {}, []

    def worker(uid):
        try:
            with app.app_context(), app.test_request_context():
                barrier.wait(timeout=30)
                user = db.session.get(User, uid)
                event = db.session.get(Event, event_id)
                results[uid] = action(user, event)
                db.session.remove()
        except Exception as exc:  # collected: the test asserts there were none
            errors.append(repr(exc))

    threads = [threading.Thread(target=worker, args=(uid,)) for uid in user_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results, errors


def test_simultaneous_rsvps_fill_exactly_the_capacity(app):
    event = make_event(capacity=CAPACITY)
    ids = [make_user(f"rush{i}").id for i in range(THREADS)]
    db.session.commit()
    results, errors = _fire(app, event.id, ids,
                            lambda user, ev: rsvp.set_rsvp(user, ev, "going"))
    assert errors == []
    statuses = [r.status for r in results.values()]
    assert statuses.count("going") == CAPACITY
    assert statuses.count("waitlisted") == THREADS - CAPACITY
    db.session.expire_all()
    assert db.session.get(Event, event.id).going_count == CAPACITY
    stored = db.session.scalar(select(func.count()).where(Rsvp.event_id == event.id,
                                                          Rsvp.status == "going"))
    assert stored == CAPACITY
    seqs = db.session.scalars(select(Rsvp.waitlist_seq).where(
        Rsvp.event_id == event.id, Rsvp.status == "waitlisted")).all()
    assert len(set(seqs)) == THREADS - CAPACITY
    positions = sorted(r.waitlist_position for r in results.values() if r.status == "waitlisted")
    assert positions == list(range(1, THREADS - CAPACITY + 1))
    codes = db.session.scalars(select(Rsvp.code).where(Rsvp.event_id == event.id,
                                                       Rsvp.status == "going")).all()
    assert len(set(codes)) == CAPACITY and None not in codes


def test_simultaneous_leaving_and_joining_keeps_counts_true(app):
    organiser = make_user()
    event = make_event(organiser, capacity=5)
    first = [make_user(f"early{i}") for i in range(5)]
    for person in first:
        rsvp.set_rsvp(person, event, "going")
    late = [make_user(f"late{i}").id for i in range(10)]
    mixed = [p.id for p in first] + late
    leaving = {p.id for p in first}

    def act(user, ev):
        return rsvp.set_rsvp(user, ev, "not_going" if user.id in leaving else "going")

    results, errors = _fire(app, event.id, mixed, act)
    assert errors == []
    db.session.expire_all()
    going = db.session.scalar(select(func.count()).where(Rsvp.event_id == event.id,
                                                         Rsvp.status == "going"))
    assert going == 5 == db.session.get(Event, event.id).going_count
    waiting = db.session.scalar(select(func.count()).where(Rsvp.event_id == event.id,
                                                           Rsvp.status == "waitlisted"))
    assert waiting == 5


def test_capacity_raise_during_rush_never_overfills(app):
    organiser = make_user()
    event = make_event(organiser, capacity=3)
    ids = [make_user(f"cap{i}").id for i in range(12)] + [organiser.id]

    def act(user, ev):
        if user.id == organiser.id:
            return services.update_event(user, ev, {"capacity": 6})
        return rsvp.set_rsvp(user, ev, "going")

    _, errors = _fire(app, event.id, ids, act)
    assert errors == []
    db.session.expire_all()
    fresh = db.session.get(Event, event.id)
    going = db.session.scalar(select(func.count()).where(Rsvp.event_id == event.id,
                                                         Rsvp.status == "going"))
    assert going == fresh.going_count == 6
