"""Follow buttons, the home feed page parts and the administrators' list of institutional domains."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from novanet.core.errors import DomainError
from novanet.core.forms import apply_errors, render_form
from novanet.core.security import is_safe_redirect
from novanet.network import services
from novanet.network.forms import DomainForm

bp = Blueprint("network", __name__)


def _back(user):
    target = request.form.get("next")
    if is_safe_redirect(target):
        return redirect(target)
    if "people.profile" in _endpoints():
        return redirect(url_for("people.profile", username=user.username))
    return redirect(url_for("pages.home"))


def _endpoints():
    from flask import current_app

    return current_app.view_functions


@bp.post("/people/<username>/follow")
@login_required
def follow(username: str):
    """Follow a member (a clear message when it is oneself)."""
    target = services.get_member(username)
    try:
        services.follow(current_user, target)
    except DomainError as exc:
        flash(str(exc.message), "error")
    else:
        flash(_("You now follow %(name)s.", name=target.display_name), "success")
    return _back(target)


@bp.post("/people/<username>/unfollow")
@login_required
def unfollow(username: str):
    """Stop following a member."""
    target = services.get_member(username)
    services.unfollow(current_user, target)
    flash(_("You no longer follow %(name)s.", name=target.display_name), "success")
    return _back(target)


def _require_admin():
    if not current_user.is_admin:
        abort(403)


@bp.route("/admin/verified-domains", methods=["GET", "POST"])
@login_required
def domains():
    """Administrators keep the list of institutional e-mail domains."""
    _require_admin()
    form = DomainForm()
    if form.validate_on_submit():
        try:
            row = services.add_domain(current_user, form.domain.data, form.label.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("%(domain)s added.", domain=row.domain), "success")
            return redirect(url_for("network.domains"))
    return render_form("network/domains.html", form, rows=services.list_domains())


@bp.post("/admin/verified-domains/<int:domain_id>/delete")
@login_required
def delete_domain(domain_id: int):
    """Remove a domain: its members lose the mark at once."""
    _require_admin()
    services.remove_domain(domain_id)
    flash(_("Domain removed."), "success")
    return redirect(url_for("network.domains"))


@bp.route("/feed")
@login_required
def feed():
    """The member's feed on its own page (the home page shows its first page)."""
    from novanet.network import feed as feeds

    page = feeds.home_feed(current_user, cursor=request.args.get("cursor"))
    return render_template("network/feed.html", page=page, groups=feeds.group_entries(page.items))
