"""Who is reading a debate now, pushed to its room in batches.

Joins, leaves and drops only mark the debate as changed; one background task per process sends
the current list for every changed debate at most once per PRESENCE_INTERVAL seconds. Sending
the list on every join would cost the square of the audience (200 people arriving send 40,000
messages), and sending from inside a disconnect handler could trigger further disconnects of
sockets that timed out meanwhile, each sending again.

The list itself lives in the database (DebateViewer rows), so every process sends the same one.
"""

import logging
import threading
from collections.abc import Callable

from flask import Flask, current_app
from sqlalchemy import func, select

from novanet.accounts.models import User
from novanet.debates.models import DebateViewer
from novanet.extensions import db, socketio

log = logging.getLogger("novanet.debates.live")

SHOWN = 30  # names sent; the count says how many there are in all


def viewers(debate_id: int) -> tuple[list[dict], int]:
    """Up to SHOWN distinct people with the debate open now, and how many there are in all."""
    people = db.session.execute(
        select(User.username, User.display_name).join(DebateViewer, DebateViewer.user_id == User.id)
        .where(DebateViewer.debate_id == debate_id).distinct()
        .order_by(User.display_name, User.username).limit(SHOWN)).all()
    count = len(people)
    if count == SHOWN:
        count = db.session.scalar(select(func.count(func.distinct(DebateViewer.user_id)))
                                  .where(DebateViewer.debate_id == debate_id))
    return [{"username": u, "display_name": n} for u, n in people], count


def payload(debate_id: int) -> dict:
    people, count = viewers(debate_id)
    return {"debate_id": debate_id, "viewers": people, "count": count}


class Batcher:
    """Collects changed debates and calls send(debate_id) for each from one background task
    (one batcher per application)."""

    def __init__(self, send: Callable[[int], None]) -> None:
        self._send = send
        self._changed: set[int] = set()
        self._lock = threading.Lock()
        self._running = False
        self._task = None

    def changed(self, debate_id: int) -> None:
        app = current_app._get_current_object()
        with self._lock:
            self._changed.add(debate_id)
            if self._running:
                return
            self._running = True
        self._task = socketio.start_background_task(self._run, app)

    def wait(self, timeout: float = 5.0) -> None:
        """Let the pending batch go out (an application shutting down, a test ending), so no
        send runs against a database that is being closed."""
        task = self._task
        if task is not None:
            task.join(timeout)

    def _run(self, app: Flask) -> None:
        interval = float(app.config.get("PRESENCE_INTERVAL", 1.0))
        while True:
            socketio.sleep(interval)
            with self._lock:
                batch, self._changed = self._changed, set()
                if not batch:
                    self._running = False
                    return
            try:
                with app.app_context():
                    for debate_id in sorted(batch):
                        self._send(debate_id)
            except Exception:  # a database hiccup must not stop presence for good
                log.exception("presence update failed")

