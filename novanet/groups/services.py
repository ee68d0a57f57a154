"""Group rules: creating, changing and deleting groups, and the directory and member lists.

Membership changes live in membership.py and invitations in invitations.py. Every function
validates first and raises Invalid/Conflict/Forbidden/NotFound before anything is written,
commits once, and sends its signal after the commit.
"""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from novanet.accounts.models import User
from novanet.accounts.profiles import country_codes
from novanet.activity.models import Activity
from novanet.core import markup, signals, uploads
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.core.pagination import Page, paginate
from novanet.core.tags import parse_tags, slugify
from novanet.extensions import db
from novanet.groups import policy
from novanet.groups.models import VISIBILITIES, Group, GroupTag, Invitation, Membership
from novanet.moderation import audit

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
RESERVED_SLUGS = {"new", "create", "invitations", "mine", "api", "admin", "search"}
NAME_MIN, NAME_MAX = 3, 120
DESCRIPTION_MAX = 20_000
GROUP_FIELDS = ("name", "description", "visibility", "tags", "country", "region")


def get_visible(viewer, slug: str) -> Group:
    """The group at this slug if the viewer may know it exists; NotFound otherwise (secret
    groups are indistinguishable from missing ones)."""
    group = db.session.scalar(select(Group).where(Group.slug == (slug or "").lower()))
    if group is None or not policy.can_view(viewer, group):
        raise NotFound(_l("We could not find that group."))
    return group


def require(allowed: bool, message=None) -> None:
    if not allowed:
        raise Forbidden(message)


def _clean(data: dict, *, partial: bool) -> dict:
    clean: dict = {}
    errors: dict = {}
    if "name" in data or not partial:
        name = " ".join(str(data.get("name") or "").split())
        if len(name) < NAME_MIN:
            errors["name"] = _l("Give the group a name of at least %(n)s characters.", n=NAME_MIN)
        elif len(name) > NAME_MAX:
            errors["name"] = _l("Use at most %(n)s characters (it has %(m)s).", n=NAME_MAX,
                                m=len(name))
        clean["name"] = name
    if "description" in data or not partial:
        text = str(data.get("description") or "")
        if len(text) > DESCRIPTION_MAX:
            errors["description"] = _l("Use at most %(n)s characters (it has %(m)s).",
                                       n=DESCRIPTION_MAX, m=len(text))
        clean["description"] = text
    if "visibility" in data or not partial:
        visibility = data.get("visibility") or "public"
        if visibility not in VISIBILITIES:
            errors["visibility"] = _l("Choose public, private or secret.")
        clean["visibility"] = visibility
    if "tags" in data or not partial:
        try:
            clean["tags"] = parse_tags(data.get("tags"))
        except Invalid as exc:
            errors.update(exc.fields)
    if "country" in data or not partial:
        country = (data.get("country") or "").strip().upper() or None
        if country is not None and country not in country_codes():
            errors["country"] = _l("Choose a country from the list.")
        clean["country"] = country
    if "region" in data or not partial:
        region = " ".join(str(data.get("region") or "").split())
        if len(region) > 120:
            errors["region"] = _l("Use at most %(n)s characters (it has %(m)s).", n=120,
                                  m=len(region))
        clean["region"] = region
    if errors:
        raise Invalid(fields=errors)
    return clean


def free_slug(base: str) -> str:
    """The first of base, base-2, base-3 … that no group uses."""
    base = base[:74].strip("-") or "group"
    taken = set(db.session.scalars(select(Group.slug).where(
        or_(Group.slug == base, Group.slug.like(f"{base}-%")))))
    if base not in taken and base not in RESERVED_SLUGS:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _check_slug(slug: str, *, current: Group | None = None) -> str:
    slug = (slug or "").strip().lower()
    if not SLUG_RE.match(slug) or slug.endswith("-"):
        raise Invalid(fields={"slug": _l(
            "Use 2 to 80 lowercase letters, digits and hyphens, starting with a letter or digit.")})
    taken = slug in RESERVED_SLUGS or db.session.scalar(
        select(func.count()).where(Group.slug == slug,
                                   Group.id != (current.id if current else -1)))
    if taken:
        suggestion = free_slug(slug)
        raise Conflict(_l("The address “%(slug)s” is taken. “%(free)s” is free.", slug=slug,
                          free=suggestion),
                       fields={"slug": _l("“%(slug)s” is taken; try “%(free)s”.", slug=slug,
                                          free=suggestion)})
    return slug


def _cover(upload) -> str:
    from flask import current_app

    data = uploads.read_upload(upload, "cover", current_app.config["MAX_CONTENT_LENGTH"])
    data, ext = uploads.process_image(data, "cover", max_size=(1600, 600))
    return uploads.store(data, ext, "groups")


def _set_tags(group: Group, tags: list[str]) -> None:
    current = {t.tag: t for t in group.tags}
    for tag, row in current.items():
        if tag not in tags:
            group.tags.remove(row)
    for tag in tags:
        if tag not in current:
            group.tags.append(GroupTag(tag=tag))


def create_group(actor: User, data: dict, cover=None) -> Group:
    """Create a group owned by actor; Invalid/Conflict (with a free slug suggested) otherwise."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise Forbidden()
    clean = _clean(data, partial=False)
    slug = _check_slug(data.get("slug") or slugify(clean["name"]))
    cover_key = _cover(cover) if cover else None
    group = Group(name=clean["name"], slug=slug, description=clean["description"],
                  description_html=markup.render(clean["description"]),
                  visibility=clean["visibility"], country=clean["country"],
                  region=clean["region"], cover_key=cover_key, created_by_id=actor.id,
                  member_count=1)
    _set_tags(group, clean["tags"])
    db.session.add(group)
    try:
        db.session.flush()
        db.session.add(Membership(group_id=group.id, user_id=actor.id, role="owner",
                                  status="active", decided_at=utcnow()))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        uploads.remove(cover_key)
        raise Conflict(fields={"slug": _l("“%(slug)s” is taken; try “%(free)s”.", slug=slug,
                                          free=free_slug(slug))}) from None
    policy.forget_memberships()
    signals.group_created.send("groups", group=group, actor=actor)
    return group


def update_group(actor: User, group: Group, data: dict, cover=None,
                 remove_cover: bool = False) -> Group:
    """Change a group's settings (owners and site administrators)."""
    require(policy.can_manage(actor, group))
    clean = _clean({k: v for k, v in data.items() if k in GROUP_FIELDS}, partial=True)
    slug = None
    if data.get("slug") and data["slug"] != group.slug:
        slug = _check_slug(data["slug"], current=group)
    new_key = _cover(cover) if cover else None
    old_key = group.cover_key if (new_key or remove_cover) else None
    changed = sorted(k for k in clean if k != "tags" and getattr(group, k) != clean[k])
    for name, value in clean.items():
        if name == "tags":
            if value != group.tag_names:
                changed.append("tags")
            _set_tags(group, value)
        elif name == "description":
            group.description = value
            group.description_html = markup.render(value)
        else:
            setattr(group, name, value)
    if slug:
        group.slug = slug
        changed.append("slug")
    if new_key or remove_cover:
        group.cover_key = new_key
        changed.append("cover")
    audit.write(actor, "group_updated", group=group, target_type="group", target_id=group.id,
                target_label=group.name, details={"fields": changed})
    db.session.commit()
    uploads.remove(old_key)
    signals.group_updated.send("groups", group=group, actor=actor, changed=changed)
    signals.content_changed.send("groups", kind="group", id=group.id)
    return group


def delete_group(actor: User, group: Group, reason: str = "") -> None:
    """Delete a group with its memberships, invitations and activity (owners and admins)."""
    require(policy.can_manage(actor, group))
    group_id, cover_key = group.id, group.cover_key
    audit.write(actor, "group_deleted", group=group, target_type="group", target_id=group.id,
                target_label=group.name, reason=reason)
    # Explicit deletes: SQLite does not enforce ON DELETE CASCADE.
    for model in (Membership, Invitation, Activity):
        db.session.execute(delete(model).where(model.group_id == group_id))
    db.session.delete(group)
    db.session.commit()
    uploads.remove(cover_key)
    policy.forget_memberships()
    signals.group_deleted.send("groups", group_id=group_id, actor=actor)
    signals.content_removed.send("groups", kind="group", id=group_id)


def touch(group_id: int) -> None:
    """Mark recent activity (other features call this inside their own transaction)."""
    from sqlalchemy import update

    db.session.execute(update(Group).where(Group.id == group_id).values(
        last_activity_at=utcnow()))


SORTS = ("activity", "size")


def directory(viewer, *, tag=None, country=None, visibility=None, q=None, sort="activity",
              limit=20, cursor=None) -> Page:
    """The groups this viewer may know of, filtered and sorted, one keyset page."""
    stmt = select(Group).where(policy.visible_groups(viewer))
    if tag:
        stmt = stmt.where(Group.id.in_(select(GroupTag.group_id).where(GroupTag.tag == tag)))
    if country:
        stmt = stmt.where(Group.country == country.upper())
    if visibility in VISIBILITIES:
        stmt = stmt.where(Group.visibility == visibility)
    if q:
        stmt = stmt.where(Group.name.ilike(f"%{escape_like(q)}%", escape="\\"))
    keys = [Group.member_count, Group.id] if sort == "size" else [Group.last_activity_at, Group.id]
    return paginate(stmt, keys, session=db.session, limit=limit, cursor=cursor)


def members(group: Group, *, q=None, limit=20, cursor=None, status="active") -> Page:
    """Memberships of a group with their users (one query), oldest first, searchable."""
    from sqlalchemy.orm import contains_eager

    stmt = (select(Membership).join(Membership.user).options(contains_eager(Membership.user))
            .where(Membership.group_id == group.id, Membership.status == status))
    if q:
        pattern = f"%{escape_like(q)}%"
        stmt = stmt.where(User.display_name.ilike(pattern, escape="\\")
                          | User.username.ilike(pattern, escape="\\"))
    return paginate(stmt, [Membership.id], session=db.session, limit=limit, cursor=cursor,
                    descending=False)


def pending_count(group: Group) -> int:
    return db.session.scalar(select(func.count()).where(
        Membership.group_id == group.id, Membership.status == "pending")) or 0


def moderators(group: Group) -> list[Membership]:
    from sqlalchemy.orm import selectinload

    return list(db.session.scalars(
        select(Membership).options(selectinload(Membership.user))
        .where(Membership.group_id == group.id, Membership.status == "active",
               Membership.role.in_(("owner", "moderator")))
        .order_by(Membership.role.desc(), Membership.id)))


def my_groups(user) -> list[Group]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(db.session.scalars(
        select(Group).join(Membership, Membership.group_id == Group.id)
        .where(Membership.user_id == user.id, Membership.status == "active")
        .order_by(Group.name)))


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
