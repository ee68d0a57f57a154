"""Two saves on the same base revision never silently lose one of them."""

import threading

from sqlalchemy import func, select

from novanet.extensions import db
from novanet.wiki import services
from novanet.wiki.models import WikiPage, WikiRevision
from novanet.wiki.services import EditConflict
from tests.factories import make_user
from tests.wiki.factories import make_page


def _in_thread(app, fn):
    errors = []

    def run():
        try:
            with app.app_context(), app.test_request_context():
                fn()
        except Exception as exc:  # reported to the test below
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if errors:
        raise errors[0]


def test_compare_and_swap_catches_a_save_that_landed_after_the_check(app, in_request, user):
    page = make_page("Carrera", body="base\n", author=user)
    other = make_user()
    assert page.version == 1  # this session's copy stays at revision 1

    def save_elsewhere():
        fresh = db.session.get(WikiPage, page.id)
        services.save_page(fresh, other, title="Carrera", body="theirs\n", base_revision=1)

    _in_thread(app, save_elsewhere)
    # the stale copy still believes revision 1 is current: only the guarded UPDATE can tell
    assert page.version == 1
    try:
        services.save_page(page, user, title="Carrera", body="mine\n", base_revision=1)
    except EditConflict as conflict:
        assert conflict.page.version == 2 and conflict.page.body == "theirs\n"
    else:
        raise AssertionError("the second save on the same base must conflict")
    db.session.expire_all()
    assert [r.body for r in db.session.scalars(select(WikiRevision).order_by(
        WikiRevision.number))] == ["base\n", "theirs\n"]


def test_simultaneous_saves_on_the_same_base(app, user):
    page = make_page("Simultánea", body="base\n", author=user)
    editors = [make_user() for _ in range(4)]
    ids = [e.id for e in editors]
    barrier = threading.Barrier(len(editors))
    outcomes: list[str] = []
    lock = threading.Lock()

    def editor(index: int):
        with app.app_context(), app.test_request_context():
            try:
                me = db.session.get(type(user), ids[index])
                mine = db.session.get(WikiPage, page.id)
                barrier.wait(10)
                try:
                    services.save_page(mine, me, title="Simultánea", body=f"text {index}\n",
                                       base_revision=1)
                    result = f"saved {index}"
                except EditConflict:
                    result = "conflict"
                except Exception as exc:  # database busy: a refused save, never a lost one
                    db.session.rollback()
                    result = f"error {type(exc).__name__}"
            finally:
                db.session.remove()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=editor, args=(i,)) for i in range(len(editors))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    saved = [o for o in outcomes if o.startswith("saved")]
    assert len(outcomes) == len(editors)
    assert len(saved) == 1, outcomes
    db.session.expire_all()
    revisions = list(db.session.scalars(select(WikiRevision).where(
        WikiRevision.page_id == page.id).order_by(WikiRevision.number)))
    assert [r.number for r in revisions] == [1, 2]
    winner = int(saved[0].split()[1])
    assert revisions[1].body == f"text {winner}\n"
    assert db.session.get(WikiPage, page.id).version == 2
    assert db.session.scalar(select(func.count()).select_from(WikiPage)) == 1
