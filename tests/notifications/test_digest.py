import threading

import pytest
from flask_babel import lazy_gettext as _l

from novanet.core import mail
from novanet.extensions import db
from novanet.notifications import services
from novanet.notifications.digest import send_digests
from novanet.notifications.models import Notification
from tests.factories import make_user


@pytest.fixture(autouse=True)
def kind(app):
    services.register_kind("test_ping", lambda p: _l("Ping from %(who)s", who=p.get("who")),
                           label=_l("Pings"), default="email")
    services.register_kind("test_quiet", lambda p: _l("Quiet"), label=_l("Quiet"))
    yield
    services.KINDS.pop("test_ping", None)
    services.KINDS.pop("test_quiet", None)


def test_digest_mails_each_notification_once(app, user, runner):
    services.notify([user], "test_ping", url="/feed", params={"who": "Ana"})
    services.notify([user], "test_quiet")
    result = runner.invoke(args=["send-digests"])
    assert "digests sent: 1" in result.output
    sent = mail.outbox()
    assert len(sent) == 1 and sent[0]["To"] == user.email
    body = sent[0].get_content()
    assert "Ping from Ana" in body and "http://localhost/feed" in body and "Quiet" not in body
    assert send_digests() == 0
    assert len(mail.outbox()) == 1


def test_digest_respects_preferences_read_state_and_verification(app, user):
    services.set_preferences(user, {"test_ping": "app"})
    services.notify([user], "test_ping", params={"who": "x"})
    other = make_user("other")
    n, = services.notify([other], "test_ping", params={"who": "x"})
    services.mark_read(other)
    unverified = make_user("unv", verified=False)
    services.notify([unverified], "test_ping", params={"who": "x"})
    assert send_digests() == 0


def test_digest_in_the_members_language(app):
    es = make_user("es_member", locale="es")
    services.register_kind("followed_es", lambda p: _l("%(name)s started following you.",
                                                       name="Ana"), default="email")
    try:
        services.notify([es], "followed_es")
        send_digests()
    finally:
        services.KINDS.pop("followed_es", None)
    assert "Ana" in mail.outbox()[0].get_content()
    assert "resumen" in mail.outbox()[0]["Subject"].lower()


def test_concurrent_runs_send_each_notification_once(app, user):
    for n in range(5):
        services.notify([user], "test_ping", params={"who": str(n)})
    results = []

    def run():
        with app.app_context():
            try:
                results.append(send_digests())
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [0, 1]
    assert len(mail.outbox()) == 1
    assert db.session.query(Notification).filter(Notification.emailed_at.is_(None)).count() == 0
