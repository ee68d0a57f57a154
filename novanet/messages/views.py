"""Direct message pages: my conversations, one conversation, writing, blocking."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from novanet.core.errors import DomainError
from novanet.messages import services
from novanet.network.services import get_member

bp = Blueprint("messages", __name__, url_prefix="/messages")


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    """My conversations; the form on top writes to a member by username."""
    errors, values = {}, {}
    if request.method == "POST":
        values = {"username": request.form.get("username", ""),
                  "body": request.form.get("body", "")}
        try:
            recipient = services.recipient_by_username(values["username"])
            msg = services.start(current_user, recipient, values["body"])
        except DomainError as exc:
            errors = exc.fields or {"username": str(exc.message)}
        else:
            return redirect(url_for("messages.conversation", conversation_id=msg.conversation_id))
    page = services.conversations(current_user, cursor=request.args.get("cursor"))
    status = 400 if errors else 200
    return render_template("messages/index.html", page=page, errors=errors, values=values,
                           to=request.args.get("to", "")), status


@bp.route("/<int:conversation_id>", methods=["GET", "POST"])
@login_required
def conversation(conversation_id: int):
    """One conversation, newest messages at the bottom; opening it marks it read."""
    conv = services.get_conversation(current_user, conversation_id)
    errors, body = {}, ""
    if request.method == "POST":
        body = request.form.get("body", "")
        try:
            services.send(conv, current_user, body)
        except DomainError as exc:
            errors = exc.fields or {"body": str(exc.message)}
        else:
            return redirect(url_for("messages.conversation", conversation_id=conv.id) + "#latest")
    else:
        services.mark_read(current_user, conv)  # reading is the one write a GET may do here
    page = services.messages(conv, cursor=request.args.get("cursor"))
    other = conv.other(current_user)
    crumbs = [(url_for("messages.index"), _("Messages")), (None, other.display_name)]
    return render_template("messages/conversation.html", conv=conv, other=other,
                           items=list(reversed(page.items)), page=page, errors=errors, body=body,
                           i_blocked=services.is_blocked(current_user, other),
                           breadcrumbs=crumbs), (400 if errors else 200)


@bp.post("/block/<username>")
@login_required
def block(username: str):
    """Stop a member from writing to me."""
    target = get_member(username)
    try:
        services.block(current_user, target)
    except DomainError as exc:
        flash(str(exc.message), "error")
    else:
        flash(_("%(name)s can no longer send you messages.", name=target.display_name), "success")
    return _back()


@bp.post("/unblock/<username>")
@login_required
def unblock(username: str):
    target = get_member(username)
    services.unblock(current_user, target)
    flash(_("%(name)s can write to you again.", name=target.display_name), "success")
    return _back()


def _back():
    from novanet.core.security import is_safe_redirect

    target = request.form.get("next")
    return redirect(target if is_safe_redirect(target) else url_for("messages.index"))
