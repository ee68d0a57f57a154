"""Home, accessibility statement, privacy notice and the language switcher."""

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from novanet.accounts.services import set_locale
from novanet.config import LANGUAGES
from novanet.core.security import is_safe_redirect

bp = Blueprint("pages", __name__)


@bp.route("/")
def home():
    """Landing page for visitors; members see their feed."""
    if current_user.is_authenticated and "network.feed" in current_app.view_functions:
        from novanet.network import feed

        page = feed.home_feed(current_user, cursor=request.args.get("cursor"))
        return render_template("pages/home.html", feed_page=page,
                               feed_entries=feed.group_entries(page.items),
                               across_groups=feed.latest_across_groups(current_user))
    return render_template("pages/home.html")


@bp.route("/accessibility")
def accessibility():
    """The accessibility statement public-sector sites must publish."""
    return render_template("pages/accessibility.html")


@bp.route("/privacy")
def privacy():
    """What personal data NovaNet keeps, why, and the member's rights."""
    return render_template("pages/privacy.html")


@bp.route("/language", methods=["POST"])
def language():
    """Switch the interface language (remembered on the account when logged in)."""
    lang = request.form.get("lang")
    if lang in LANGUAGES:
        session["lang"] = lang
        if current_user.is_authenticated:
            set_locale(current_user, lang)
    target = request.form.get("next")
    return redirect(target if is_safe_redirect(target) else url_for("pages.home"))
