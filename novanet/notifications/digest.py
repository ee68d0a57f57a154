"""The daily e-mail digest: each notification is mailed at most once, even if two runs overlap.

A run claims a member's pending rows with one UPDATE … WHERE emailed_at IS NULL RETURNING id;
the database lets only one concurrent UPDATE change a row, so a row claimed by one run is
invisible to the other. Mail goes out after the claim commits.
"""

import logging
from datetime import timedelta

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, update

from novanet.accounts.models import User
from novanet.core import mail
from novanet.core.db import utcnow
from novanet.extensions import db
from novanet.notifications import services
from novanet.notifications.models import Notification

log = logging.getLogger("novanet.notifications")

WINDOW = timedelta(days=7)  # older unread notifications are not worth a mail any more


def _pending_user_ids(since) -> list[int]:
    return list(db.session.scalars(select(Notification.user_id).where(
        Notification.emailed_at.is_(None), Notification.read_at.is_(None),
        Notification.created_at >= since).distinct()))


def claim(user: User, since) -> list[Notification]:
    """Mark this member's e-mailable pending notifications as sent; return only those we won."""
    prefs = services.preferences(user)
    kinds = [k for k, channel in prefs.items() if channel == "email"]
    if not kinds:
        return []
    ids = list(db.session.scalars(update(Notification).where(
        Notification.user_id == user.id, Notification.emailed_at.is_(None),
        Notification.read_at.is_(None), Notification.created_at >= since,
        Notification.kind.in_(kinds)).values(emailed_at=utcnow()).returning(Notification.id)))
    db.session.commit()
    if not ids:
        return []
    return list(db.session.scalars(select(Notification).where(Notification.id.in_(ids))
                                   .order_by(Notification.created_at)))


def send_digests() -> int:
    """Send one digest per member with e-mailable notifications; returns the number of mails."""
    since = utcnow() - WINDOW
    sent = 0
    for user_id in _pending_user_ids(since):
        user = db.session.get(User, user_id)
        if user is None or user.suspended_at is not None or user.email_verified_at is None:
            continue
        rows = claim(user, since)
        if not rows:
            continue
        base = current_app.config["BASE_URL"]
        locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
        with current_app.test_request_context(), force_locale(locale):
            items = [{"text": services.message(n),
                      "url": (base + n.url) if n.url.startswith("/") else n.url} for n in rows]
            subject = _("Your NovaNet digest: %(num)s new", num=len(items))
            body = render_template("notifications/email/digest.txt", user=user, items=items,
                                   settings_url=base + url_for("notifications.settings"))
        try:
            mail.send(user.email, subject, body)
        except Exception:  # one bad address must not stop the others' digests
            log.exception("digest for user %s could not be sent", user.id)
            continue
        sent += 1
    return sent
