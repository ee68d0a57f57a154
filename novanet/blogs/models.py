"""Blog posts (personal or in a group), their tags, old slugs, likes, comments and images."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from novanet.accounts.models import User
from novanet.core.db import utcnow
from novanet.extensions import db
from novanet.groups.models import Group

STATUSES = ("draft", "published", "scheduled")


def blog_key(author_id: int, group_id: int | None) -> str:
    """Slugs are unique per blog: a member's own blog or a group's blog."""
    return f"g{group_id}" if group_id else f"u{author_id}"


class BlogPost(db.Model):
    __tablename__ = "blog_posts"
    __table_args__ = (UniqueConstraint("blog", "slug", name="uq_blog_posts_blog_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"),
                                                 index=True)
    blog: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(500), default="")
    excerpt: Mapped[str] = mapped_column(String(320), default="")  # summary, or the body's start
    body: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    publish_at: Mapped[datetime | None] = mapped_column(index=True)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    reading_minutes: Mapped[int] = mapped_column(default=1)
    hidden: Mapped[bool] = mapped_column(default=False, index=True)
    comments_closed: Mapped[bool] = mapped_column(default=False)
    like_count: Mapped[int] = mapped_column(default=0)
    comment_count: Mapped[int] = mapped_column(default=0)
    # Name of one of the post's own BlogImages (served through the same visibility check).
    cover_name: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    author: Mapped[User] = relationship(lazy="joined", foreign_keys=[author_id])
    group: Mapped[Group | None] = relationship(lazy="joined")
    tags: Mapped[list["BlogPostTag"]] = relationship(
        cascade="all, delete-orphan", order_by="BlogPostTag.tag", lazy="selectin")

    @property
    def tag_names(self) -> list[str]:
        return [t.tag for t in self.tags]

    @property
    def cover_url(self) -> str | None:
        return f"/media/blogs/{self.cover_name}" if self.cover_name else None

    @property
    def is_published(self) -> bool:
        return self.status == "published"

    def __repr__(self) -> str:
        return f"<BlogPost {self.id} {self.slug}>"


Index("ix_blog_posts_listing", BlogPost.status, BlogPost.hidden, BlogPost.published_at)


class BlogPostTag(db.Model):
    __tablename__ = "blog_post_tags"

    post_id: Mapped[int] = mapped_column(ForeignKey("blog_posts.id", ondelete="CASCADE"),
                                         primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class BlogOldSlug(db.Model):
    """A slug a post had before its title changed: links to it redirect to the post."""

    __tablename__ = "blog_old_slugs"
    __table_args__ = (UniqueConstraint("blog", "slug", name="uq_blog_old_slugs_blog_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("blog_posts.id", ondelete="CASCADE"),
                                         index=True)
    blog: Mapped[str] = mapped_column(String(24))
    slug: Mapped[str] = mapped_column(String(120))


class BlogLike(db.Model):
    __tablename__ = "blog_likes"

    post_id: Mapped[int] = mapped_column(ForeignKey("blog_posts.id", ondelete="CASCADE"),
                                         primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Comment(db.Model):
    """A comment on a post; replies point at a top-level comment (one level deep)."""

    __tablename__ = "blog_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("blog_posts.id", ondelete="CASCADE"),
                                         index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("blog_comments.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    edited_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    author: Mapped[User | None] = relationship(lazy="joined", foreign_keys=[author_id])
    post: Mapped[BlogPost] = relationship()

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class BlogImage(db.Model):
    """An uploaded picture used inside a post (or as its cover); seen by whoever sees the post."""

    __tablename__ = "blog_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("blog_posts.id", ondelete="CASCADE"),
                                         index=True)
    uploader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                    index=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def url(self) -> str:
        return f"/media/blogs/{self.name}"
