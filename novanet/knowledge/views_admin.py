"""Site administrators give and take the knowledge moderator role."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from novanet.core.errors import DomainError, Forbidden
from novanet.extensions import db
from novanet.groups.policy import is_admin
from novanet.knowledge import services
from novanet.knowledge.forms import EditorForm
from novanet.knowledge.models import KnowledgeModerator
from novanet.knowledge.views import bp
from novanet.knowledge.webforms import place_errors, summary


def _moderators():
    return list(db.session.scalars(select(KnowledgeModerator)
                                   .order_by(KnowledgeModerator.granted_at)))


@bp.route("/moderators", methods=["GET", "POST"])
@login_required
def moderators():
    """The bank's moderators; administrators add one by username."""
    if not is_admin(current_user):
        raise Forbidden()
    form = EditorForm(prefix="mod")
    if form.validate_on_submit():
        try:
            person = services.set_moderator(form.username.data or "", True)
        except DomainError as exc:
            place_errors(form, exc)
        else:
            flash(_("%(name)s is now a knowledge bank moderator.", name=person.display_name),
                  "success")
            return redirect(url_for("knowledge.moderators"))
    errors = summary(form)
    return render_template("knowledge/moderators.html", form=form, errors=errors,
                           moderators=_moderators()), (400 if errors else 200)


@bp.post("/moderators/<username>/remove")
@login_required
def remove_moderator(username: str):
    if not is_admin(current_user):
        raise Forbidden()
    person = services.set_moderator(username, False)
    flash(_("%(name)s is no longer a knowledge bank moderator.", name=person.display_name),
          "success")
    return redirect(url_for("knowledge.moderators"))
