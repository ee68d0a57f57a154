"""Sign-up, e-mail verification, login/logout and password reset pages."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from novanet.accounts import services
from novanet.accounts.forms import EmailForm, LoginForm, RegisterForm, ResetPasswordForm
from novanet.core.errors import DomainError
from novanet.core.forms import apply_errors, render_form
from novanet.core.security import is_safe_redirect
from novanet.extensions import limiter

bp = Blueprint("accounts", __name__)


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


def _register_limit():
    return current_app.config["REGISTER_RATE_LIMIT"]


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"])
def register():
    """Create an account; errors are shown beside their fields and nothing is stored."""
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register(
                username=form.username.data, email=form.email.data, password=form.password.data,
                display_name=form.display_name.data, locale=session.get("lang"))
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            if current_app.config["EMAIL_VERIFICATION"] == "required":
                return render_template("accounts/check_email.html", email=user.email)
            _login(user, remember=False)
            flash(_("Welcome to NovaNet! Complete your profile so colleagues can find you."),
                  "success")
            return redirect(url_for("pages.home"))
    return render_form("accounts/register.html", form)


@bp.route("/verify/<token>")
def verify_email(token: str):
    """Confirm an e-mail address from the link we sent."""
    try:
        services.verify_email(token)
    except DomainError as exc:
        return render_template("accounts/verify_failed.html", message=exc.message), 400
    flash(_("Your e-mail address is confirmed. Welcome!"), "success")
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    return redirect(url_for("accounts.login"))


@bp.route("/verify/resend", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"])
def resend_verification():
    """Send a new confirmation link; says the same whether or not the address exists."""
    form = EmailForm()
    if form.validate_on_submit():
        try:
            address = services.normalize_email(form.email.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            user = services.find_by_login(address)
            if user is not None and not user.is_verified:
                services.send_verification(user)
            return render_template("accounts/check_email.html", email=address)
    return render_form("accounts/resend.html", form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    """Log in with username or e-mail; only local ?next= targets are followed."""
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.login.data, form.password.data)
        except DomainError as exc:
            apply_errors(form, exc)
            if exc.code == "unverified":
                form.unverified = True
        else:
            if user.totp_enabled:
                session["2fa_user"] = user.id
                session["2fa_remember"] = bool(form.remember.data)
                session["2fa_next"] = _next_target()
                return redirect(url_for("accounts.two_factor"))
            _login(user, remember=form.remember.data)
            return redirect(_next_target())
    return render_form("accounts/login.html", form, next=_next_target())


def _next_target() -> str:
    target = request.values.get("next")
    return target if is_safe_redirect(target) else url_for("pages.home")


def _login(user, remember: bool) -> None:
    services.start_session(user, request.headers.get("User-Agent", ""))
    session.pop("2fa_user", None)
    login_user(user, remember=remember)
    session.permanent = True


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """End this login session (the cookie stops working wherever it was copied)."""
    services.end_session(current_user._get_current_object())
    logout_user()
    session.clear()
    flash(_("You have logged out."), "success")
    return redirect(url_for("pages.home"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"])
def forgot_password():
    """Ask for a reset link; the answer never reveals whether the address is registered."""
    form = EmailForm()
    if form.validate_on_submit():
        try:
            services.request_password_reset(form.email.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            return render_template("accounts/reset_sent.html")
    return render_form("accounts/forgot.html", form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset_password(token: str):
    """Choose a new password from an e-mailed link; all sessions of the member end."""
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Your password was changed. Log in with the new one."), "success")
            return redirect(url_for("accounts.login"))
    return render_form("accounts/reset.html", form, token=token)


@bp.route("/login/two-factor", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def two_factor():
    """Second step of login for members with an authenticator app."""
    from novanet.accounts import two_factor as totp
    from novanet.accounts.forms import TwoFactorForm
    from novanet.accounts.models import User
    from novanet.extensions import db

    user_id = session.get("2fa_user")
    user = db.session.get(User, user_id) if user_id else None
    if user is None or not user.totp_enabled:
        return redirect(url_for("accounts.login"))
    form = TwoFactorForm()
    if form.validate_on_submit():
        if totp.verify(user, form.code.data):
            target = session.pop("2fa_next", None) or url_for("pages.home")
            remember = session.pop("2fa_remember", False)
            _login(user, remember=remember)
            return redirect(target if is_safe_redirect(target) else url_for("pages.home"))
        services.security_log.warning("2fa failed user=%s", user.id)
        form.code.errors = [_("That code is not valid. Use the current code from your app.")]
    return render_form("accounts/two_factor.html", form)
