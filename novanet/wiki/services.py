"""Saving wiki pages: validation, revisions, renames, reverts, deletion and watching.

Every change of text is a revision. A save names the revision it started from; the page's
`version` column is advanced with a compare-and-swap UPDATE, so when two editors start from
the same revision exactly one wins and the other gets an EditConflict carrying a three-way
merge of both changes. Signals, activity and notifications follow the commit.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from novanet.accounts.models import User
from novanet.activity import services as activity
from novanet.core import signals
from novanet.core.db import utcnow
from novanet.core.errors import Conflict, Forbidden, Invalid, NotFound
from novanet.extensions import db
from novanet.groups.models import Membership
from novanet.notifications.services import notify, register_kind
from novanet.wiki import policy
from novanet.wiki.merge import MergeResult, merge3
from novanet.wiki.models import (
    MAX_SUMMARY,
    MAX_TITLE,
    WikiLink,
    WikiPage,
    WikiRedirect,
    WikiRevision,
    WikiWatch,
)
from novanet.wiki.wikis import Wiki, link_targets, render_page, slug_for

MAX_BODY = 200_000
EDITED = "wiki_page_edited"

register_kind(EDITED, lambda p: _("%(actor)s edited the wiki page “%(title)s”.",
                                  actor=p.get("actor", ""), title=p.get("title", "")),
              label=_l("Edits to wiki pages I watch"))


class EditConflict(Conflict):
    """Someone saved the page after the revision this edit started from."""

    code = "edit_conflict"
    default_message = _l("Someone else saved this page while you were editing it.")

    def __init__(self, page: WikiPage, base: WikiRevision, title: str, body: str,
                 summary: str):
        super().__init__()
        self.page = page
        self.base = base
        self.title = title
        self.body = body
        self.summary = summary
        self.merge: MergeResult = merge3(base.body, body, page.body)


def wiki_of(page: WikiPage) -> Wiki:
    return Wiki(page.group)


def find_page(wiki: Wiki, slug: str) -> tuple[WikiPage | None, bool]:
    """The page at this slug, following a rename redirect; (page, came_through_redirect)."""
    page = db.session.scalar(select(WikiPage).where(WikiPage.wiki_key == wiki.key,
                                                    WikiPage.slug == slug))
    if page is not None:
        return page, False
    target = db.session.scalar(select(WikiPage).join(
        WikiRedirect, WikiRedirect.page_id == WikiPage.id).where(
        WikiRedirect.wiki_key == wiki.key, WikiRedirect.slug == slug))
    return target, target is not None


def get_revision(page: WikiPage, number) -> WikiRevision:
    """One revision of this page, or NotFound (also for numbers of other pages' revisions)."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise NotFound() from None
    rev = db.session.scalar(select(WikiRevision).where(WikiRevision.page_id == page.id,
                                                       WikiRevision.number == number))
    if rev is None:
        raise NotFound(_l("This page has no revision %(n)s.", n=number))
    return rev


def _clean_title(wiki: Wiki, title: str | None, page: WikiPage | None) -> tuple[str, str]:
    title = " ".join((title or "").split())
    if not title:
        raise Invalid(fields={"title": _l("Give the page a title.")})
    if len(title) > MAX_TITLE:
        raise Invalid(fields={"title": _l("Keep the title under %(n)s characters.", n=MAX_TITLE)})
    slug = slug_for(title)
    if not slug:
        raise Invalid(fields={"title": _l("The title needs at least one letter or digit.")})
    clash = db.session.scalar(select(WikiPage).where(
        WikiPage.wiki_key == wiki.key, WikiPage.slug == slug,
        WikiPage.id != (page.id if page is not None else -1)))
    if clash is not None:
        raise Invalid(fields={"title": _l("Another page of this wiki is already called "
                                          "“%(title)s”.", title=clash.title)})
    return title, slug


def _clean_body(body: str | None) -> str:
    body = (body or "").replace("\r\n", "\n").replace("\r", "\n")
    if len(body) > MAX_BODY:
        raise Invalid(fields={"body": _l("The page is too long (at most %(n)s characters).",
                                         n=MAX_BODY)})
    return body


def _existing_slugs(wiki: Wiki, slugs: set[str]) -> set[str]:
    if not slugs:
        return set()
    pages = db.session.scalars(select(WikiPage.slug).where(
        WikiPage.wiki_key == wiki.key, WikiPage.slug.in_(slugs), WikiPage.deleted_at.is_(None)))
    redirects = db.session.scalars(select(WikiRedirect.slug).join(
        WikiPage, WikiPage.id == WikiRedirect.page_id).where(
        WikiRedirect.wiki_key == wiki.key, WikiRedirect.slug.in_(slugs),
        WikiPage.deleted_at.is_(None)))
    return set(pages) | set(redirects)


def render_text(wiki: Wiki, body: str) -> tuple[str, str]:
    """HTML and table of contents of any text of this wiki (old revisions, previews)."""
    return render_page(wiki, body, _existing_slugs(wiki, link_targets(body)))


def _store_links(wiki: Wiki, page: WikiPage, targets: set[str]) -> None:
    db.session.execute(delete(WikiLink).where(WikiLink.from_page_id == page.id))
    db.session.add_all(WikiLink(from_page_id=page.id, target_slug=s, wiki_key=wiki.key)
                       for s in sorted(targets))


def _rerender_linkers(wiki: Wiki, slugs: set[str], skip: int | None = None) -> None:
    """Pages linking to slugs that appeared or went away show their links anew."""
    db.session.flush()
    linkers = db.session.scalars(select(WikiPage).where(WikiPage.id.in_(
        select(WikiLink.from_page_id).where(WikiLink.wiki_key == wiki.key,
                                            WikiLink.target_slug.in_(slugs)))))
    for other in linkers:
        if other.id == skip:
            continue
        other.body_html, other.toc_html = render_page(
            wiki, other.body, _existing_slugs(wiki, link_targets(other.body)))


def _redirects_for_rename(wiki: Wiki, page: WikiPage, old_slug: str, new_slug: str) -> None:
    # The new slug now belongs to the page itself: drop any redirect using it (whoever it
    # pointed to), then let the old slug point here. Redirects name pages, never redirects.
    db.session.execute(delete(WikiRedirect).where(WikiRedirect.wiki_key == wiki.key,
                                                  WikiRedirect.slug == new_slug))
    db.session.add(WikiRedirect(wiki_key=wiki.key, slug=old_slug, page_id=page.id))


def create_page(wiki: Wiki, user: User, *, title: str, body: str, summary: str = "") -> WikiPage:
    """A new page with its first revision. Invalid for an empty or already used title."""
    if not policy.can_edit(user, wiki):
        raise Forbidden()
    title, slug = _clean_title(wiki, title, None)
    body = _clean_body(body)
    targets = link_targets(body)
    now = utcnow()
    page = WikiPage(wiki_key=wiki.key, group_id=wiki.group_id, title=title, slug=slug, body=body,
                    version=1, created_by_id=user.id, created_at=now, updated_at=now)
    db.session.add(page)
    try:
        db.session.flush()
        page.body_html, page.toc_html = render_page(
            wiki, body, _existing_slugs(wiki, targets) | ({slug} & targets))
        db.session.add(WikiRevision(page_id=page.id, number=1, title=title, body=body,
                                    summary=(summary or "")[:MAX_SUMMARY], kind="create",
                                    size=len(body), size_delta=len(body), author_id=user.id,
                                    created_at=now))
        db.session.execute(delete(WikiRedirect).where(WikiRedirect.wiki_key == wiki.key,
                                                      WikiRedirect.slug == slug))
        _store_links(wiki, page, targets)
        _rerender_linkers(wiki, {slug}, skip=page.id)
        db.session.add(WikiWatch(user_id=user.id, page_id=page.id))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Invalid(fields={"title": _l("Another page of this wiki is already called "
                                          "“%(title)s”.", title=title)}) from None
    _after_save(wiki, page, user, created=True)
    return page


def save_page(page: WikiPage, user: User, *, title: str | None, body: str, summary: str = "",
              base_revision, kind: str = "edit", reverted_to: int | None = None) -> WikiPage:
    """Save a new revision on top of base_revision (the number the editor started from).

    Invalid: empty/colliding title, a base revision this page does not have, no change.
    EditConflict: the page moved on since base_revision (carries the merge)."""
    wiki = wiki_of(page)
    if page.deleted_at is not None:
        raise NotFound()
    if not policy.can_edit(user, wiki, page):
        raise Forbidden(_l("This page is protected: only moderators can edit it.")
                        if page.protected else None)
    try:
        base_number = int(base_revision)
    except (TypeError, ValueError):
        raise Invalid(fields={"base_revision": _l("Say which revision your edit started "
                                                  "from.")}) from None
    if not 1 <= base_number <= page.version:
        raise Invalid(fields={"base_revision": _l("Revision %(n)s does not belong to this "
                                                  "page.", n=base_number)})
    title, slug = _clean_title(wiki, page.title if title is None else title, page)
    body = _clean_body(body)
    summary = " ".join((summary or "").split())[:MAX_SUMMARY]
    if base_number != page.version:
        raise EditConflict(page, get_revision(page, base_number), title, body, summary)
    if title == page.title and body == page.body:
        raise Invalid(fields={"body": _l("Nothing changed since the current revision.")})

    old_slug, old_size = page.slug, len(page.body)
    targets = link_targets(body)
    html, toc = render_page(wiki, body, _existing_slugs(wiki, targets) | ({slug} & targets))
    now = utcnow()
    try:
        swapped = db.session.execute(
            update(WikiPage).where(WikiPage.id == page.id, WikiPage.version == base_number)
            .values(version=base_number + 1, title=title, slug=slug, body=body, body_html=html,
                    toc_html=toc, updated_at=now)
            .execution_options(synchronize_session=False))
        if swapped.rowcount != 1:
            db.session.rollback()
            db.session.refresh(page)
            raise EditConflict(page, get_revision(page, base_number), title, body, summary)
        db.session.add(WikiRevision(
            page_id=page.id, number=base_number + 1, title=title, body=body, summary=summary,
            kind=kind, reverted_to=reverted_to, size=len(body), size_delta=len(body) - old_size,
            author_id=user.id, created_at=now))
        if slug != old_slug:
            _redirects_for_rename(wiki, page, old_slug, slug)
        _store_links(wiki, page, targets)
        if slug != old_slug:
            _rerender_linkers(wiki, {old_slug, slug}, skip=page.id)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        db.session.refresh(page)
        if page.version != base_number:
            raise EditConflict(page, get_revision(page, base_number), title, body,
                               summary) from None
        raise Invalid(fields={"title": _l("Another page of this wiki is already called "
                                          "“%(title)s”.", title=title)}) from None
    db.session.refresh(page)
    _after_save(wiki, page, user, created=False)
    return page


def rename_page(page: WikiPage, user: User, *, title: str, summary: str = "") -> WikiPage:
    """A new title (the old one keeps working as a redirect); recorded as a revision."""
    if " ".join((title or "").split()) == page.title:
        raise Invalid(fields={"title": _l("The page already has this title.")})
    return save_page(page, user, title=title, body=page.body, summary=summary,
                     base_revision=page.version, kind="rename")


def revert_page(page: WikiPage, user: User, number, *, summary: str = "") -> WikiPage:
    """Bring back the text of an old revision as a new revision (history is never lost)."""
    rev = get_revision(page, number)
    if rev.body == page.body:
        raise Invalid(fields={"revision": _l("The page already has the text of revision "
                                             "%(n)s.", n=rev.number)})
    return save_page(page, user, title=page.title, body=rev.body, summary=summary,
                     base_revision=page.version, kind="revert", reverted_to=rev.number)


def set_protected(page: WikiPage, user: User, protected: bool) -> WikiPage:
    if not policy.can_moderate(user, wiki_of(page)):
        raise Forbidden()
    page.protected = bool(protected)
    db.session.commit()
    return page


def delete_page(page: WikiPage, user: User) -> WikiPage:
    """Hide the page (moderators can restore it); links to it show as missing again."""
    wiki = wiki_of(page)
    if not policy.can_moderate(user, wiki):
        raise Forbidden()
    if page.deleted_at is not None:
        return page
    page.deleted_at = utcnow()
    _rerender_linkers(wiki, {page.slug}, skip=page.id)
    db.session.commit()
    signals.wiki_page_deleted.send("wiki", page=page)
    signals.content_removed.send("wiki", kind="wiki_page", id=page.id)
    return page


def restore_page(page: WikiPage, user: User) -> WikiPage:
    wiki = wiki_of(page)
    if not policy.can_moderate(user, wiki):
        raise Forbidden()
    if page.deleted_at is None:
        return page
    page.deleted_at = None
    _rerender_linkers(wiki, {page.slug}, skip=page.id)
    db.session.commit()
    signals.content_changed.send("wiki", kind="wiki_page", id=page.id)
    return page


def watch(page: WikiPage, user: User, on: bool = True) -> bool:
    """Start or stop being notified of this page's edits. Returns whether now watching."""
    if not policy.can_read(user, wiki_of(page)):
        raise NotFound()
    current = db.session.get(WikiWatch, (user.id, page.id))
    if on and current is None:
        db.session.add(WikiWatch(user_id=user.id, page_id=page.id))
    elif not on and current is not None:
        db.session.delete(current)
    try:
        db.session.commit()
    except IntegrityError:  # watched twice at once: the wish is fulfilled either way
        db.session.rollback()
    return on


def is_watching(page: WikiPage, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.get(WikiWatch, (user.id, page.id)) is not None


def _watchers(wiki: Wiki, page: WikiPage, author: User) -> list[int]:
    stmt = select(WikiWatch.user_id).where(WikiWatch.page_id == page.id,
                                           WikiWatch.user_id != author.id)
    if wiki.group is not None and wiki.group.visibility != "public":
        # Watchers who left a private group stop hearing about its pages.
        members = select(Membership.user_id).where(Membership.group_id == wiki.group.id,
                                                   Membership.status == "active")
        admins = select(User.id).where(User.is_admin.is_(True))
        stmt = stmt.where(or_(WikiWatch.user_id.in_(members), WikiWatch.user_id.in_(admins)))
    return list(db.session.scalars(stmt))


def _after_save(wiki: Wiki, page: WikiPage, user: User, *, created: bool) -> None:
    url = wiki.page_path(page.slug)
    signals.wiki_page_saved.send("wiki", page=page, created=created)
    signals.content_changed.send("wiki", kind="wiki_page", id=page.id)
    activity.record(actor_id=user.id, verb="wiki_page_created" if created else "wiki_page_edited",
                    subject_type="wiki_page", subject_id=page.id, group_id=wiki.group_id,
                    title=page.title, url=url)
    if not created:
        recipients = _watchers(wiki, page, user)
        if recipients:
            notify(recipients, EDITED, actor=user, url=url,
                   params={"title": page.title, "actor": user.display_name})
