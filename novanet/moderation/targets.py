"""Report targets owned by the foundation: member profiles.

A profile cannot be hidden or deleted from a report (those are account decisions); its
moderation actions are dismiss and, for administrators, suspend.
"""

from flask import url_for

from novanet.accounts.models import User
from novanet.extensions import db
from novanet.groups import policy
from novanet.moderation.registry import register_target


def _profile_url(user: User) -> str:
    from flask import current_app

    if "people.profile" in current_app.view_functions:
        return url_for("people.profile", username=user.username)
    return ""


def register_builtin() -> None:
    register_target(
        "profile",
        load=lambda id: db.session.get(User, id),
        group_of=lambda user: None,
        can_view=lambda viewer, user: user.suspended_at is None or policy.is_admin(viewer),
        author_of=lambda user: user,
        title_of=lambda user: user.display_name,
        url_of=_profile_url,
    )
