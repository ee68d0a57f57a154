"""Who may see and change what in the knowledge bank.

- Published practices are public (anyone, also without an account).
- Unpublished practices (draft, waiting for review, changes requested, rejected) exist only for
  their author and the bank's moderators: everyone else gets a 404, in lists and exports too.
- Moderators are site administrators plus the people in knowledge_moderators.
- Projects are public; their creator, the editors the creator adds and administrators edit them.
"""

from flask import g, has_request_context
from sqlalchemy import or_, select, true

from novanet.extensions import db
from novanet.groups.policy import is_admin
from novanet.knowledge.models import KnowledgeModerator, Practice, Project

AUTHOR_EDITABLE = ("draft", "changes_requested")


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def is_moderator(user) -> bool:
    """Site administrators and people given the knowledge moderator role (cached per request)."""
    user = _user(user)
    if user is None:
        return False
    if user.is_admin:
        return True
    cache = g.setdefault("_knowledge_moderators", {}) if has_request_context() else {}
    if user.id not in cache:
        cache[user.id] = db.session.get(KnowledgeModerator, user.id) is not None
    return cache[user.id]


def is_author(user, practice: Practice) -> bool:
    user = _user(user)
    return user is not None and practice.author_id == user.id


def can_view_practice(user, practice: Practice) -> bool:
    return practice.is_published or is_author(user, practice) or is_moderator(user)


def can_submit_practice(user) -> bool:
    user = _user(user)
    return user is not None and user.is_active


def can_edit_practice(user, practice: Practice) -> bool:
    """Authors edit while the practice is a draft or was sent back; moderators always."""
    if is_moderator(user):
        return True
    return is_author(user, practice) and practice.status in AUTHOR_EDITABLE and user.is_active


def can_send_for_review(user, practice: Practice) -> bool:
    return is_author(user, practice) and practice.status in AUTHOR_EDITABLE and user.is_active


def can_review(user, practice: Practice) -> bool:
    return is_moderator(user) and practice.status == "submitted"


def can_comment(user, practice: Practice) -> bool:
    user = _user(user)
    return user is not None and user.is_active and practice.is_published


def can_adopt(user, practice: Practice) -> bool:
    return can_comment(user, practice)


def practices_visible(user):
    """SQL condition on Practice: what this person may find in lists, search and exports."""
    user = _user(user)
    if is_moderator(user):
        return true()
    if user is None:
        return Practice.status == "published"
    return or_(Practice.status == "published", Practice.author_id == user.id)


def can_register_project(user) -> bool:
    user = _user(user)
    return user is not None and user.is_active


def can_edit_project(user, project: Project) -> bool:
    user = _user(user)
    if user is None or not user.is_active:
        return False
    if is_admin(user) or project.created_by_id == user.id:
        return True
    return any(e.user_id == user.id for e in project.editors)


def can_manage_editors(user, project: Project) -> bool:
    user = _user(user)
    return user is not None and (is_admin(user) or project.created_by_id == user.id)


def editable_project_ids(user):
    from novanet.knowledge.models import ProjectEditor

    user = _user(user)
    if user is None:
        return select(Project.id).where(Project.id.is_(None))
    return select(Project.id).where(or_(
        Project.created_by_id == user.id,
        Project.id.in_(select(ProjectEditor.project_id).where(ProjectEditor.user_id == user.id))))
