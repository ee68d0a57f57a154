"""Membership pages and actions: join / request / leave, the requests queue, invitations and
member management. Forms POST and the page reloads; errors come back as flashed messages or
form field errors, and nothing is stored."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from novanet.core.errors import DomainError, Forbidden, Invalid
from novanet.core.forms import apply_errors, render_form
from novanet.core.pagination import clamp_limit
from novanet.groups import invitations, membership, policy, services
from novanet.groups.forms import InviteForm, RequestForm
from novanet.groups.views import bp, crumbs, detail, load, login_first, members


def _back(group, fallback="groups.detail"):
    return redirect(url_for(fallback, slug=group.slug))


def _flash_error(exc: DomainError):
    flash(str(exc.message if not exc.fields else " ".join(exc.fields.values())), "error")


def _refused(exc: DomainError, view, **values):
    """Show the page the action came from again, with the reason, under the error's status."""
    _flash_error(exc)
    body = view(**values)
    return body[0] if isinstance(body, tuple) else body, exc.status if exc.status != 422 else 400


@bp.route("/groups/<slug>/join", methods=["GET", "POST"])
def join(slug: str):
    """Join a public group, accept one's invitation, or (private) send a request with a message."""
    group = load(slug)
    if (redirect_to := login_first()) is not None:
        return redirect_to
    form = RequestForm()
    asking = group.visibility == "private" and policy.status(current_user, group) is None
    if request.method == "GET":
        if not asking:
            return _back(group)
        return render_form("groups/request.html", form, group=group,
                           breadcrumbs=crumbs(group, (None, _("Ask to join"))))
    if form.validate_on_submit():
        try:
            joined = membership.join(current_user, group, form.message.data or "")
        except DomainError as exc:
            if asking and exc.fields:
                apply_errors(form, exc)
                return render_form("groups/request.html", form, group=group,
                                   breadcrumbs=crumbs(group, (None, _("Ask to join"))))
            return _refused(exc, detail, slug=slug)
        if joined.status == "pending":
            flash(_("Your request was sent. The moderators will answer soon."), "success")
        else:
            flash(_("Welcome to %(name)s!", name=group.name), "success")
        return _back(group)
    return render_form("groups/request.html", form, group=group,
                       breadcrumbs=crumbs(group, (None, _("Ask to join"))))


@bp.route("/groups/<slug>/leave", methods=["POST"])
def leave(slug: str):
    """Leave, withdraw a pending request, or decline an invitation."""
    group = load(slug)
    if (redirect_to := login_first()) is not None:
        return redirect_to
    before = policy.status(current_user, group)
    try:
        membership.leave(current_user, group)
    except DomainError as exc:
        return _refused(exc, detail, slug=slug)
    messages = {"pending": _("Your request was withdrawn."),
                "invited": _("You declined the invitation.")}
    flash(messages.get(before, _("You left %(name)s.", name=group.name)), "success")
    if group.visibility == "secret":
        return redirect(url_for("groups.index"))
    return _back(group)


@bp.route("/groups/<slug>/mute", methods=["POST"])
def mute(slug: str):
    """Mute or unmute the group's notifications for oneself."""
    group = load(slug)
    if (redirect_to := login_first()) is not None:
        return redirect_to
    muted = request.form.get("muted") == "1"
    try:
        membership.set_muted(current_user, group, muted)
    except DomainError as exc:
        return _refused(exc, detail, slug=slug)
    flash(_("Notifications from this group are muted.") if muted
          else _("Notifications from this group are on again."), "success")
    return _back(group)


@bp.route("/groups/<slug>/requests")
def requests(slug: str):
    """Pending requests to join, with their messages (moderators)."""
    group = load(slug)
    if (redirect_to := login_first()) is not None:
        return redirect_to
    if not policy.can_moderate(current_user, group):
        raise Forbidden()
    page = services.members(group, status="pending", limit=clamp_limit(request.args.get("limit")),
                            cursor=request.args.get("cursor"))
    return render_template("groups/requests.html", group=group, page=page,
                           breadcrumbs=crumbs(group, (None, _("Requests to join"))))


@bp.route("/groups/<slug>/requests/<username>", methods=["POST"])
def decide(slug: str, username: str):
    """Approve or reject one request; the requester is notified."""
    group = load(slug)
    if (redirect_to := login_first()) is not None:
        return redirect_to
    if not policy.can_moderate(current_user, group):
        raise Forbidden()
    approve = request.form.get("decision") == "approve"
    try:
        target = membership.find_user(username)
        membership.decide_request(current_user, group, target, approve,
                                  reason=request.form.get("reason", "")[:2000])
    except DomainError as exc:
        return _refused(exc, requests, slug=slug)
    flash(_("%(name)s is now a member.", name=target.display_name) if approve
          else _("The request from %(name)s was declined.", name=target.display_name), "success")
    return _back(group, "groups.requests")


@bp.route("/groups/<slug>/invitations", methods=["GET", "POST"])
def invite(slug: str):
    """Invite by username or e-mail, and see or withdraw open invitations (moderators)."""
    group = load(slug)
    if (redirect_to := login_first()) is not None:
        return redirect_to
    if not policy.can_invite(current_user, group):
        raise Forbidden()
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invitation, _token = invitations.invite(
                current_user, group, username=form.username.data or None,
                email=form.email.data or None)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Invitation sent to %(who)s.", who=invitation.user.display_name
                    if invitation.user else invitation.email), "success")
            return redirect(url_for("groups.invite", slug=group.slug))
    return render_form("groups/invitations.html", form, group=group,
                       invitations=invitations.open_for_group(group),
                       breadcrumbs=crumbs(group, (None, _("Invitations"))))


@bp.route("/groups/<slug>/invitations/<int:invitation_id>/revoke", methods=["POST"])
def revoke(slug: str, invitation_id: int):
    group = load(slug)
    if (redirect_to := login_first()) is not None:
        return redirect_to
    invitations.revoke(current_user, group, invitation_id)
    flash(_("The invitation was withdrawn."), "success")
    return redirect(url_for("groups.invite", slug=group.slug))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@login_required
def invitation(token: str):
    """The page an invitation link opens: accept or decline."""
    found = invitations.by_token(token)
    group = found.group
    if request.method == "POST":
        try:
            if request.form.get("answer") == "accept":
                invitations.accept(current_user, token)
                flash(_("Welcome to %(name)s!", name=group.name), "success")
                return redirect(url_for("groups.detail", slug=group.slug))
            invitations.decline(current_user, token)
            flash(_("You declined the invitation."), "success")
            return redirect(url_for("groups.index"))
        except DomainError as exc:
            _flash_error(exc)
            return render_template("groups/invitation.html", invitation=found, group=group,
                                   token=token), exc.status if exc.status != 422 else 400
    return render_template("groups/invitation.html", invitation=found, group=group, token=token)


MEMBER_ACTIONS = ("promote", "demote", "make_owner", "remove", "ban", "unban")


@bp.route("/groups/<slug>/members/<username>", methods=["POST"])
def manage_member(slug: str, username: str):
    """Promote, demote, remove, ban or unban one person (moderators; roles: owners)."""
    group = load(slug)
    if (redirect_to := login_first()) is not None:
        return redirect_to
    if not policy.can_moderate(current_user, group):
        raise Forbidden()
    action = request.form.get("action")
    reason = (request.form.get("reason") or "")[:2000]
    try:
        if action not in MEMBER_ACTIONS:
            raise Invalid(_("Choose one of the offered actions."))
        target = membership.find_user(username)
        if action == "promote":
            membership.set_role(current_user, group, target, "moderator")
        elif action == "demote":
            membership.set_role(current_user, group, target, "member")
        elif action == "make_owner":
            membership.set_role(current_user, group, target, "owner")
        elif action == "remove":
            membership.remove(current_user, group, target, reason)
        elif action == "ban":
            membership.ban(current_user, group, target, reason)
        else:
            membership.unban(current_user, group, target, reason)
    except DomainError as exc:
        return _refused(exc, members, slug=slug)
    flash(_("Done."), "success")
    status = "banned" if action == "unban" else None
    return redirect(url_for("groups.members", slug=group.slug, status=status))
