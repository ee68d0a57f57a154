"""Settings pages: profile and picture, e-mail, password, language and time zone, privacy."""

import json

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from wtforms.fields.choices import SelectChoice

from novanet.accounts import privacy, profiles, services
from novanet.accounts.forms import (
    LEVEL_LABELS,
    AvatarForm,
    ChangeEmailForm,
    ChangePasswordForm,
    DeleteAccountForm,
    PreferencesForm,
    ProfileForm,
)
from novanet.accounts.people import country_choices
from novanet.config import LANGUAGES
from novanet.core.errors import DomainError
from novanet.core.forms import apply_errors, render_form
from novanet.core.i18n import COMMON_TIMEZONES, LANGUAGE_NAMES

bp = Blueprint("settings", __name__, url_prefix="/settings")


@bp.before_request
@login_required
def require_login():
    """Every settings page is about the member who is logged in."""


def choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def me():
    return current_user._get_current_object()


@bp.route("")
def index():
    return redirect(url_for("settings.profile"))


def _profile_form(user, from_request: bool = True) -> ProfileForm:
    """The profile form, filled from the account unless the member is sending it."""
    form = ProfileForm() if from_request else ProfileForm(formdata=None)
    if request.method == "GET" or not from_request:
        form.display_name.data = user.display_name
        form.position.data = user.position
        form.organisation.data = user.organisation
        form.level.data = user.level or ""
        form.country.data = user.country or ""
        form.city.data = user.city
        form.expertise.data = ", ".join(user.expertise_tags)
        form.bio.data = user.bio
        form.links.data = "\n".join(user.links or [])
    form.level.choices = choices([("", _("Not specified")), *LEVEL_LABELS.items()])
    form.country.choices = choices([("", _("Not specified")), *country_choices()])
    return form


@bp.route("/profile", methods=["GET", "POST"])
def profile():
    """Edit what colleagues see on the public profile; all field errors shown at once."""
    user = me()
    form = _profile_form(user)
    if form.validate_on_submit():
        try:
            profiles.update_profile(user, {
                "display_name": form.display_name.data, "position": form.position.data,
                "organisation": form.organisation.data, "level": form.level.data,
                "country": form.country.data, "city": form.city.data,
                "expertise": form.expertise.data, "bio": form.bio.data or "",
                "links": form.links.data or ""})
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Your profile was saved."), "success")
            return redirect(url_for("settings.profile"))
    return render_form("accounts/settings/profile.html", form, avatar_form=AvatarForm(
        formdata=None))


@bp.route("/avatar", methods=["POST"])
def avatar():
    """Upload a new profile picture; a bad file gives a field error and stores nothing."""
    user = me()
    avatar_form = AvatarForm()
    if avatar_form.validate_on_submit():
        try:
            profiles.set_avatar(user, request.files.get("avatar"))
        except DomainError as exc:
            apply_errors(avatar_form, exc)
        else:
            flash(_("Your profile picture was updated."), "success")
            return redirect(url_for("settings.profile"))
    return render_template("accounts/settings/profile.html",
                           form=_profile_form(user, from_request=False),
                           avatar_form=avatar_form), 400


@bp.route("/avatar/remove", methods=["POST"])
def remove_avatar():
    """Go back to showing initials instead of a picture."""
    profiles.remove_avatar(me())
    flash(_("Your profile picture was removed."), "success")
    return redirect(url_for("settings.profile"))


@bp.route("/account", methods=["GET", "POST"])
def account():
    """Change the e-mail address; the new one must be confirmed from a link we send."""
    user = me()
    form = ChangeEmailForm()
    if form.validate_on_submit():
        try:
            services.change_email(user, form.password.data, form.email.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("We sent a confirmation link to %(email)s. Open it to confirm the address.",
                    email=user.email), "success")
            return redirect(url_for("settings.account"))
    return render_form("accounts/settings/account.html", form)


@bp.route("/password", methods=["GET", "POST"])
def password():
    """Change the password; every other device the member is logged in on is logged out."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(me(), form.current_password.data, form.password.data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            flash(_("Your password was changed. Your other devices were logged out."), "success")
            return redirect(url_for("settings.password"))
    return render_form("accounts/settings/password.html", form)


@bp.route("/preferences", methods=["GET", "POST"])
def preferences():
    """Interface language and the time zone dates are shown in."""
    user = me()
    form = PreferencesForm()
    if request.method == "GET":
        form.locale.data = user.locale or ""
        form.timezone.data = user.timezone or ""
    zones = list(COMMON_TIMEZONES)
    if user.timezone and user.timezone not in zones:
        zones.insert(0, user.timezone)
    form.locale.choices = choices([("", _("Automatic (from your browser)"))] + [
        (code, LANGUAGE_NAMES[code]) for code in LANGUAGES])
    form.timezone.choices = choices([("", _("Site default"))]
                                    + [(z, z.replace("_", " ")) for z in zones])
    if form.validate_on_submit():
        try:
            profiles.update_profile(user, {"locale": form.locale.data,
                                           "timezone": form.timezone.data})
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            if user.locale:
                session["lang"] = user.locale
            else:
                session.pop("lang", None)
            flash(_("Your preferences were saved."), "success")
            return redirect(url_for("settings.preferences"))
    return render_form("accounts/settings/preferences.html", form)


@bp.route("/privacy")
def privacy_page():
    """Download your data or delete your account (both explained on the page)."""
    return render_template("accounts/settings/privacy.html", form=DeleteAccountForm(
        formdata=None, content="keep"))


@bp.route("/privacy/export.json")
def export():
    """All the member's data as one JSON file."""
    user = me()
    body = json.dumps(privacy.export_data(user), ensure_ascii=False, indent=2)
    services.security_log.info("data exported user=%s", user.id)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="novanet-{user.username}.json"',
        "Cache-Control": "no-store"})


@bp.route("/privacy/delete", methods=["POST"])
def delete_account():
    """Delete the account after the password; content is kept anonymous or removed, as chosen."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        choice = form.content.data
        if choice not in ("keep", "remove"):
            form.content.errors = [_("Choose what happens to what you published.")]
        else:
            try:
                privacy.delete_account(me(), form.password.data, keep_content=choice == "keep")
            except DomainError as exc:
                apply_errors(form, exc)
            else:
                logout_user()
                session.clear()
                flash(_("Your account was deleted. Thank you for taking part in NovaNet."),
                      "success")
                return redirect(url_for("pages.home"))
    return render_form("accounts/settings/privacy.html", form)
