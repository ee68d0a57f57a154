"""The notifications page, marking read, and per-kind preferences."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from novanet.core.errors import DomainError
from novanet.core.security import is_safe_redirect
from novanet.notifications import services
from novanet.notifications.models import CHANNELS, Notification

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.route("/")
@login_required
def index():
    """My notifications, newest first (reading the list does not mark them read)."""
    unread_only = request.args.get("show") == "unread"
    page = services.list_for(current_user, cursor=request.args.get("cursor"), unread=unread_only)
    return render_template("notifications/index.html", page=page, unread_only=unread_only,
                           message=services.message, unread=services.unread_count(current_user))


@bp.post("/read")
@login_required
def read():
    """Mark one notification (id=…) or all of them read, then go back or follow its link."""
    raw = request.form.get("id")
    if raw:
        try:
            ids = [int(raw)]
        except ValueError:
            ids = []
        services.mark_read(current_user, ids)
        from novanet.extensions import db

        row = db.session.get(Notification, ids[0]) if ids else None
        if row is not None and row.user_id == current_user.id and request.form.get("open") \
                and is_safe_redirect(row.url):
            return redirect(row.url)
    else:
        count = services.mark_read(current_user)
        flash(_("All notifications marked as read.") if count else _("Nothing was unread."),
              "success")
    return redirect(url_for("notifications.index"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    """Per kind: in the app, also in the daily e-mail digest, or off."""
    current = services.preferences(current_user)
    errors = {}
    if request.method == "POST":
        choices = {k: request.form.get(f"kind-{k}", current[k]) for k in current}
        try:
            services.set_preferences(current_user, choices)
        except DomainError as exc:
            errors = exc.fields
            current.update(choices)
        else:
            flash(_("Your notification settings were saved."), "success")
            return redirect(url_for("notifications.settings"))
    kinds = [(k, services.KINDS[k].settings_label, current[k]) for k in current]
    return render_template("notifications/settings.html", kinds=kinds, channels=CHANNELS,
                           errors=errors), (400 if errors else 200)
