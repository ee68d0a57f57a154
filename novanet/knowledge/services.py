"""Good practices: submission, editing, review, comments and adoptions.

Every function validates the whole input first, writes in one transaction, commits once and
only then notifies and signals. Bad input raises Invalid naming each field; nothing is stored
(uploaded files written before a failed commit are removed again).
"""

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from novanet.accounts.models import User
from novanet.core import markup, signals
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.extensions import db
from novanet.knowledge import attachments, policy
from novanet.knowledge import validation as v
from novanet.knowledge.models import (
    Adoption,
    KnowledgeModerator,
    Practice,
    PracticeAttachment,
    PracticeComment,
    PracticeIndicator,
    ReviewEvent,
)
from novanet.knowledge.text import fold
from novanet.knowledge.vocab import CATEGORIES, COUNTRIES, LEVELS
from novanet.notifications.services import notify

MAX_INDICATORS = 20
MAX_ATTACHMENTS = 10
REVIEW_ACTIONS = ("publish", "request_changes", "reject")


def get_practice(practice_id: int, viewer) -> Practice:
    """The practice if this person may see it; NotFound otherwise (unpublished ones included)."""
    practice = db.session.get(Practice, practice_id)
    if practice is None or not policy.can_view_practice(viewer, practice):
        raise NotFound()
    return practice


def clean_practice(data: dict) -> tuple[dict, list[dict]]:
    """Validate every field of a practice; returns (columns, indicators) or raises Invalid."""
    errors = v.Errors()
    out = {
        "title": v.text(data, "title", errors, max_len=200, required=True),
        "administration": v.text(data, "administration", errors, max_len=200, required=True),
        "level": v.choice(data, "level", LEVELS, errors,
                          message=_l("Choose local, regional or national.")),
        "country": v.choice(data, "country", COUNTRIES, errors,
                            message=_l("Choose a country from the list.")),
        "category": v.choice(data, "category", CATEGORIES, errors,
                             message=_l("Choose a category from the list.")),
        "department": v.text(data, "department", errors, max_len=200),
        "responsible_person": v.text(data, "responsible_person", errors, max_len=200),
        "objectives": v.text(data, "objectives", errors, max_len=5000, required=True),
        "target_group": v.text(data, "target_group", errors, max_len=500),
        "description": v.text(data, "description", errors, max_len=50_000, required=True),
        "resources": v.text(data, "resources", errors, max_len=5000),
        "budget": v.money(data.get("budget"), "budget", errors),
        "currency": (v.text(data, "currency", errors, max_len=3) or "EUR").upper(),
        "funding_source": v.text(data, "funding_source", errors, max_len=300),
        "start_date": v.day(data.get("start_date"), "start_date", errors),
        "end_date": v.day(data.get("end_date"), "end_date", errors),
        "links": v.links(data.get("links"), errors),
        "tags": v.tags(data.get("tags"), errors),
    }
    if out["currency"] and not (out["currency"].isalpha() and len(out["currency"]) == 3):
        errors.add("currency", _l("Use a three-letter currency code such as EUR, BRL or MXN."))
    v.date_range(out["start_date"], out["end_date"], errors)
    indicators = clean_indicators(data.get("indicators") or [], errors)
    if errors:
        raise Invalid(fields=errors)
    return out, indicators


def clean_indicators(rows, errors: v.Errors) -> list[dict]:
    if not isinstance(rows, list):
        errors.add("indicators", _l("Send a list of indicators."))
        return []
    clean = []
    for i, row in enumerate(rows):
        row = row if isinstance(row, dict) else {}
        name = str(row.get("name") or "").strip()
        raw_value = row.get("value")
        blank_value = raw_value is None or (isinstance(raw_value, str) and not raw_value.strip())
        if not name and blank_value and not row.get("unit") and not row.get("measured_on"):
            continue  # an empty row of the form
        field = f"indicators.{i}."
        if not name:
            errors.add(field + "name", _l("Give the indicator a name."))
        elif len(name) > 200:
            errors.add(field + "name", _l("Use at most %(n)s characters.", n=200))
        value = v.number(raw_value, field + "value", errors)
        unit = str(row.get("unit") or "").strip()
        if len(unit) > 60:
            errors.add(field + "unit", _l("Use at most %(n)s characters.", n=60))
        measured = v.day(row.get("measured_on"), field + "measured_on", errors)
        clean.append({"name": name, "value": value, "unit": unit, "measured_on": measured,
                      "position": len(clean)})
    if len(clean) > MAX_INDICATORS:
        errors.add("indicators", _l("Add at most %(n)s indicators.", n=MAX_INDICATORS))
    return clean


def _check_files(files, existing: int) -> list[tuple[str, bytes]]:
    """files: (filename, bytes) pairs; every one must be a real PDF within the size limit."""
    files = [(name, data) for name, data in files or [] if name or data]
    if existing + len(files) > MAX_ATTACHMENTS:
        raise Invalid(fields={"attachments": _l("Attach at most %(n)s documents.",
                                                n=MAX_ATTACHMENTS)})
    for _, data in files:
        attachments.check_pdf(data, "attachments")
    return files


def _apply(practice: Practice, columns: dict, indicators: list[dict]) -> None:
    for key, value in columns.items():
        setattr(practice, key, value)
    practice.description_html = markup.render(practice.description)
    practice.year = practice.start_date.year if practice.start_date else utcnow().year
    practice.indicators = [PracticeIndicator(**row) for row in indicators]
    practice.search_text = fold(" ".join([
        practice.title, practice.administration, practice.department, practice.objectives,
        practice.target_group, markup.plain_text(practice.description),
        " ".join(practice.tags or []), practice.funding_source]))
    practice.updated_at = utcnow()


def _save_with_files(practice: Practice, files: list[tuple[str, bytes]]) -> None:
    stored: list[str] = []
    try:
        for name, data in files:
            key = attachments.store(data)
            stored.append(key)
            practice.attachments.append(PracticeAttachment(
                key=key, filename=attachments.clean_filename(name), size=len(data)))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        for key in stored:
            attachments.remove(key)
        raise


def create_practice(author: User, data: dict, files=(), submit: bool = False) -> Practice:
    """A new practice as a draft (or sent straight to review)."""
    if not policy.can_submit_practice(author):
        raise Forbidden()
    columns, indicators = clean_practice(data)
    files = _check_files(files, 0)
    practice = Practice(author_id=author.id, status="draft")
    _apply(practice, columns, indicators)
    db.session.add(practice)
    if submit:
        _mark_submitted(practice, author)
    _save_with_files(practice, files)
    if submit:
        _tell_moderators(practice, author)
    return practice


def update_practice(user: User, practice: Practice, data: dict, files=(),
                    remove_ids=()) -> Practice:
    """Change a practice (author while draft/sent back, moderators always)."""
    if not policy.can_edit_practice(user, practice):
        raise Forbidden()
    columns, indicators = clean_practice(data)
    removing = [a for a in practice.attachments if a.id in set(remove_ids or ())]
    files = _check_files(files, len(practice.attachments) - len(removing))
    old_keys = [a.key for a in removing]
    for attachment in removing:
        practice.attachments.remove(attachment)
    _apply(practice, columns, indicators)
    _save_with_files(practice, files)
    for key in old_keys:
        attachments.remove(key)
    if practice.is_published:
        signals.content_changed.send("knowledge", kind="practice", id=practice.id)
    return practice


def _mark_submitted(practice: Practice, actor: User) -> None:
    practice.status = "submitted"
    practice.submitted_at = utcnow()
    db.session.add(ReviewEvent(practice=practice, actor_id=actor.id, action="submitted"))


def submit_practice(user: User, practice: Practice) -> Practice:
    """Send a draft (or a practice sent back for changes) to the moderators."""
    if not policy.can_send_for_review(user, practice):
        if practice.status == "submitted":
            raise Conflict(_l("This practice is already waiting for review."))
        raise Forbidden()
    _mark_submitted(practice, user)
    db.session.commit()
    _tell_moderators(practice, user)
    return practice


def moderators() -> list[User]:
    ids = select(KnowledgeModerator.user_id)
    return list(db.session.scalars(select(User).where(
        (User.is_admin.is_(True)) | (User.id.in_(ids)), User.suspended_at.is_(None))))


def _tell_moderators(practice: Practice, actor: User) -> None:
    notify(moderators(), "knowledge.submitted", actor=actor,
           url=url_for("knowledge.practice", practice_id=practice.id),
           params={"title": practice.title})


def review_practice(moderator: User, practice: Practice, action: str,
                    message: str = "") -> Practice:
    """Publish, send back for changes or reject; changes and rejections need a message."""
    if not policy.is_moderator(moderator):
        raise Forbidden()
    message = (message or "").strip()
    if action not in REVIEW_ACTIONS:
        raise Invalid(fields={"action": _l("Choose publish, request changes or reject.")})
    if action != "publish" and not message:
        raise Invalid(fields={"message": _l("Tell the author what to change or why it is "
                                            "rejected.")})
    if len(message) > 5000:
        raise Invalid(fields={"message": _l("Use at most %(n)s characters.", n=5000)})
    if practice.status != "submitted":
        raise Conflict(_l("Only practices waiting for review can be reviewed."))
    practice.status = {"publish": "published", "request_changes": "changes_requested",
                       "reject": "rejected"}[action]
    practice.review_message = message
    if action == "publish":
        practice.published_at = practice.published_at or utcnow()
    db.session.add(ReviewEvent(practice_id=practice.id, actor_id=moderator.id,
                               action=practice.status, message=message))
    db.session.commit()
    if practice.author_id:
        notify([practice.author_id], f"knowledge.{practice.status}", actor=moderator,
               url=url_for("knowledge.practice", practice_id=practice.id),
               params={"title": practice.title, "message": message[:300]})
    if action == "publish":
        signals.content_changed.send("knowledge", kind="practice", id=practice.id)
    return practice


def delete_practice(user: User, practice: Practice) -> None:
    """Authors delete their unpublished practices; moderators delete any."""
    if not (policy.is_moderator(user) or (policy.is_author(user, practice)
                                          and not practice.is_published)):
        raise Forbidden()
    keys = [a.key for a in practice.attachments]
    was_published = practice.is_published
    practice_id = practice.id
    db.session.delete(practice)
    db.session.commit()
    for key in keys:
        attachments.remove(key)
    if was_published:
        signals.content_removed.send("knowledge", kind="practice", id=practice_id)


def add_comment(user: User, practice: Practice, body: str) -> PracticeComment:
    if not policy.can_comment(user, practice):
        raise Forbidden()
    body = (body or "").strip()
    if not body:
        raise Invalid(fields={"body": _l("Write a comment first.")})
    if len(body) > 10_000:
        raise Invalid(fields={"body": _l("Use at most %(n)s characters.", n=10_000)})
    comment = PracticeComment(practice_id=practice.id, author_id=user.id, body=body,
                              body_html=markup.render(body))
    db.session.add(comment)
    db.session.execute(update(Practice).where(Practice.id == practice.id)
                       .values(comment_count=Practice.comment_count + 1))
    db.session.commit()
    if practice.author_id:
        notify([practice.author_id], "knowledge.comment", actor=user,
               url=url_for("knowledge.practice", practice_id=practice.id,
                           _anchor=f"comment-{comment.id}"),
               params={"title": practice.title, "name": user.display_name})
    return comment


def list_comments(practice: Practice) -> list[PracticeComment]:
    return list(db.session.scalars(select(PracticeComment).where(
        PracticeComment.practice_id == practice.id).order_by(PracticeComment.id)))


def add_adoption(user: User, practice: Practice, data: dict) -> Adoption:
    """Record that the user's administration replicated the practice, with its own result."""
    if not policy.can_adopt(user, practice):
        raise Forbidden()
    errors = v.Errors()
    administration = v.text(data, "administration", errors, max_len=200, required=True)
    level = v.choice(data, "level", LEVELS, errors,
                     message=_l("Choose local, regional or national."))
    country = v.choice(data, "country", COUNTRIES, errors,
                       message=_l("Choose a country from the list."))
    result = v.text(data, "result", errors, max_len=10_000, required=True)
    adopted_on = v.day(data.get("adopted_on"), "adopted_on", errors)
    if fold(administration) == fold(practice.administration) and administration:
        errors.add("administration", _l("The administration that created the practice cannot "
                                        "adopt it; tell another one about it."))
    if errors:
        raise Invalid(fields=errors)
    exists = db.session.scalar(select(Adoption.id).where(
        Adoption.practice_id == practice.id, Adoption.user_id == user.id))
    if exists:
        raise Conflict(_l("You already recorded an adoption of this practice."))
    adoption = Adoption(practice_id=practice.id, user_id=user.id, administration=administration,
                        level=level, country=country, result=result,
                        result_html=markup.render(result), adopted_on=adopted_on)
    db.session.add(adoption)
    db.session.execute(update(Practice).where(Practice.id == practice.id)
                       .values(adoption_count=Practice.adoption_count + 1))
    db.session.commit()
    if practice.author_id:
        notify([practice.author_id], "knowledge.adopted", actor=user,
               url=url_for("knowledge.practice", practice_id=practice.id, _anchor="adoptions"),
               params={"title": practice.title, "administration": administration})
    return adoption


def list_adoptions(practice: Practice) -> list[Adoption]:
    return list(db.session.scalars(select(Adoption).where(
        Adoption.practice_id == practice.id).order_by(Adoption.id)))


def review_history(practice: Practice) -> list[ReviewEvent]:
    return list(db.session.scalars(select(ReviewEvent).where(
        ReviewEvent.practice_id == practice.id).order_by(ReviewEvent.id)))


def set_moderator(username: str, enabled: bool) -> User:
    """Give or take the knowledge moderator role (CLI and administrators)."""
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound(fields={"username": _l("No member with that username.")})
    row = db.session.get(KnowledgeModerator, user.id)
    if enabled and row is None:
        db.session.add(KnowledgeModerator(user_id=user.id))
    elif not enabled and row is not None:
        db.session.delete(row)
    db.session.commit()
    return user
