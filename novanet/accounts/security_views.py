"""Settings pages about signing in: two-step verification and personal API tokens.

Also enforces REQUIRE_ADMIN_2FA: a site administrator without two-step verification is sent to
its setup page from every other page until it is on.
"""

import base64

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from novanet.accounts import services, two_factor
from novanet.accounts.forms import DisableTwoFactorForm, EnableTwoFactorForm, TokenForm
from novanet.accounts.models import ApiToken
from novanet.accounts.settings_views import bp, me
from novanet.core.errors import DomainError, Forbidden
from novanet.core.forms import apply_errors, render_form
from novanet.extensions import db

# Pages an administrator can still reach before turning on two-step verification.
ADMIN_2FA_EXEMPT = {"static", "accounts.logout", "settings.two_factor", "settings.start_two_factor",
                    "pages.language", "pages.accessibility", "pages.privacy"}


@bp.before_app_request
def require_admin_two_factor():
    """Administrators without two-step verification may only set it up (or log out)."""
    if not current_app.config["REQUIRE_ADMIN_2FA"] or request.endpoint in ADMIN_2FA_EXEMPT:
        return None
    if not (current_user.is_authenticated and current_user.is_admin
            and not current_user.totp_enabled):
        return None
    if request.path.startswith("/api/"):
        raise Forbidden(_("Site administrators must turn on two-step verification first."),
                        code="two_factor_required")
    if request.path.startswith("/socket.io"):
        return None
    if request.method == "GET":
        flash(_("As a site administrator you must turn on two-step verification before "
                "continuing."), "warning")
    return redirect(url_for("settings.two_factor"))


def _qr_data_uri(user) -> str:
    svg = two_factor.qr_svg(user, user.totp_secret)
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


@bp.route("/two-factor", methods=["GET", "POST"], endpoint="two_factor")
def two_factor_page():
    """Set up (scan the code, confirm one code) or turn off two-step verification."""
    user = me()
    enable_form = EnableTwoFactorForm()
    disable_form = DisableTwoFactorForm(formdata=None)
    if request.method == "POST":
        if user.totp_enabled:
            return redirect(url_for("settings.two_factor"))
        if enable_form.validate_on_submit():
            try:
                two_factor.enable(user, enable_form.code.data)
            except DomainError as exc:
                apply_errors(enable_form, exc)
            else:
                flash(_("Two-step verification is on. You will be asked for a code when you "
                        "log in."), "success")
                return redirect(url_for("settings.two_factor"))
    return _render(user, enable_form, disable_form)


def _render(user, enable_form, disable_form):
    pending = bool(user.totp_secret and not user.totp_enabled)
    context = {"enable_form": enable_form, "disable_form": disable_form, "pending": pending}
    if pending:
        context["qr"] = _qr_data_uri(user)
        context["manual_key"] = two_factor.grouped(user.totp_secret)
    status = 400 if (enable_form.errors or disable_form.errors
                     or enable_form.form_errors or disable_form.form_errors) else 200
    return render_template("accounts/settings/two_factor.html", **context), status


@bp.route("/two-factor/start", methods=["POST"])
def start_two_factor():
    """Create a fresh key for the member's authenticator app (a new one each time)."""
    try:
        two_factor.start(me())
    except DomainError as exc:
        flash(str(exc.message), "error")
    return redirect(url_for("settings.two_factor"))


@bp.route("/two-factor/disable", methods=["POST"])
def disable_two_factor():
    """Turn two-step verification off; needs the password and a current code."""
    user = me()
    form = DisableTwoFactorForm()
    if form.validate_on_submit():
        try:
            two_factor.disable(user, form.password.data, form.code.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Two-step verification is off."), "success")
            return redirect(url_for("settings.two_factor"))
    return _render(user, EnableTwoFactorForm(formdata=None), form)


def _tokens(user) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


@bp.route("/tokens", methods=["GET", "POST"])
def tokens():
    """List, create and revoke personal access tokens; a new secret is shown only once."""
    user = me()
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        try:
            _, secret = services.create_token(user, form.name.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            form = TokenForm(formdata=None)
    return render_form("accounts/settings/tokens.html", form, tokens=_tokens(user),
                       new_secret=secret)


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: int):
    """Revoke one of the member's own tokens (404 for anyone else's)."""
    services.revoke_token(me(), token_id)
    flash(_("The token was revoked. Programs using it can no longer connect."), "success")
    return redirect(url_for("settings.tokens"))
