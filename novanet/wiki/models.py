"""Wiki pages, their revisions, redirects left by renames, links between pages and watchers.

A page lives in one wiki: the site knowledge base ("kb") or a group's wiki ("group:<id>").
`version` is the number of the page's current revision; saves advance it with a
compare-and-swap so two editors starting from the same revision can never both win silently.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from novanet.accounts.models import User
from novanet.core.db import utcnow
from novanet.extensions import db
from novanet.groups.models import Group

MAX_TITLE = 200
MAX_SLUG = 200
MAX_SUMMARY = 300


class WikiPage(db.Model):
    __tablename__ = "wiki_pages"
    __table_args__ = (UniqueConstraint("wiki_key", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    wiki_key: Mapped[str] = mapped_column(String(40), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"),
                                                 index=True)
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    slug: Mapped[str] = mapped_column(String(MAX_SLUG))
    body: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    toc_html: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=0)
    protected: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(index=True)

    group: Mapped[Group | None] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<WikiPage {self.wiki_key}/{self.slug}>"


class WikiRevision(db.Model):
    __tablename__ = "wiki_revisions"
    __table_args__ = (UniqueConstraint("page_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("wiki_pages.id", ondelete="CASCADE"),
                                         index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    body: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(String(MAX_SUMMARY), default="")
    kind: Mapped[str] = mapped_column(String(10), default="edit")  # create|edit|revert|rename
    reverted_to: Mapped[int | None]
    size: Mapped[int] = mapped_column(default=0)
    size_delta: Mapped[int] = mapped_column(default=0)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    author: Mapped[User | None] = relationship(lazy="joined")
    page: Mapped[WikiPage] = relationship()


class WikiRedirect(db.Model):
    """An old slug of a renamed page. It always names the page itself, never another
    redirect, so following one is a single hop and loops cannot exist."""

    __tablename__ = "wiki_redirects"
    __table_args__ = (UniqueConstraint("wiki_key", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    wiki_key: Mapped[str] = mapped_column(String(40))
    slug: Mapped[str] = mapped_column(String(MAX_SLUG))
    page_id: Mapped[int] = mapped_column(ForeignKey("wiki_pages.id", ondelete="CASCADE"),
                                         index=True)


class WikiLink(db.Model):
    """A [[link]] in a page's current text, by target slug (the target may not exist yet)."""

    __tablename__ = "wiki_links"

    from_page_id: Mapped[int] = mapped_column(
        ForeignKey("wiki_pages.id", ondelete="CASCADE"), primary_key=True)
    target_slug: Mapped[str] = mapped_column(String(MAX_SLUG), primary_key=True)
    wiki_key: Mapped[str] = mapped_column(String(40))


Index("ix_wiki_links_target", WikiLink.wiki_key, WikiLink.target_slug)


class WikiWatch(db.Model):
    __tablename__ = "wiki_watches"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("wiki_pages.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
