"""API schemas for blog posts and comments."""

from datetime import datetime
from typing import Literal

from pydantic import Field, computed_field

from novanet.api.schema import Out, Schema


class AuthorOut(Out):
    username: str
    display_name: str


class GroupRef(Out):
    slug: str
    name: str


class BlogPostIn(Schema):
    title: str = Field(max_length=1000)
    body: str = Field("", max_length=200_000)
    group: str | None = Field(None, max_length=80, description="Slug of the group's blog.")
    status: Literal["draft", "published", "scheduled"] = "draft"
    publish_at: datetime | None = Field(None, description="Required when scheduled; with offset.")
    summary: str = Field("", max_length=2000)
    tags: list[str] = Field(default_factory=list, max_length=50)
    slug: str | None = Field(None, max_length=200)
    comments_closed: bool = False


class BlogPostPatch(Schema):
    title: str | None = Field(None, max_length=1000)
    body: str | None = Field(None, max_length=200_000)
    status: Literal["draft", "published", "scheduled"] | None = None
    publish_at: datetime | None = None
    summary: str | None = Field(None, max_length=2000)
    tags: list[str] | None = Field(None, max_length=50)
    slug: str | None = Field(None, max_length=200)
    comments_closed: bool | None = None


class HiddenIn(Schema):
    hidden: bool


class BlogPostOut(Out):
    id: int
    title: str
    slug: str
    summary: str
    excerpt: str
    body: str
    body_html: str
    status: str
    publish_at: datetime | None
    published_at: datetime | None
    updated_at: datetime
    reading_minutes: int
    hidden: bool
    comments_closed: bool
    like_count: int
    comment_count: int
    tag_names: list[str] = Field(serialization_alias="tags")
    author: AuthorOut
    group: GroupRef | None
    cover_url: str | None

    @computed_field
    def url(self) -> str:
        if self.group is not None:
            return f"/blogs/groups/{self.group.slug}/{self.slug}"
        return f"/blogs/people/{self.author.username}/{self.slug}"


class BlogPostQuery(Schema):
    author: str | None = Field(None, max_length=64)
    group: str | None = Field(None, max_length=80)
    tag: str | None = Field(None, max_length=40)
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=300)


class LikesOut(Out):
    like_count: int
    liked: bool


class CommentIn(Schema):
    body: str = Field(max_length=100_000)
    reply_to: int | None = None


class CommentPatch(Schema):
    body: str = Field(max_length=100_000)


class CommentOut(Out):
    id: int
    post_id: int
    parent_id: int | None
    author: AuthorOut | None
    body: str
    body_html: str
    created_at: datetime
    edited_at: datetime | None
    deleted: bool = Field(validation_alias="is_deleted")


class PageQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=300)
