"""API and live payloads for debates and posts (one shape for JSON responses and socket events)."""

from datetime import datetime

from flask import current_app, has_request_context, url_for
from pydantic import Field

from novanet.api.schema import Out, Schema
from novanet.debates.models import MAX_POST_LENGTH, MAX_TITLE_LENGTH


class DebateIn(Schema):
    title: str = Field(max_length=MAX_TITLE_LENGTH * 2)
    body: str = Field(max_length=MAX_POST_LENGTH * 2)
    tags: list[str] | str | None = None


class DebatePatch(Schema):
    title: str | None = None
    body: str | None = None
    tags: list[str] | str | None = None
    pinned: bool | None = None
    locked: bool | None = None
    closed: bool | None = None
    conclusion: str | None = None


class PostIn(Schema):
    body: str = Field(max_length=MAX_POST_LENGTH * 2)
    reply_to: int | None = None


class PostPatch(Schema):
    body: str = Field(max_length=MAX_POST_LENGTH * 2)


class ListQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = None


class PostsQuery(Schema):
    limit: int = Field(50, ge=1, le=100)
    after: int = Field(0, ge=0, description="Only posts with a larger id (catching up).")


class PersonOut(Out):
    username: str
    display_name: str


class GroupRef(Out):
    slug: str
    name: str


class QuoteOut(Out):
    id: int
    author: PersonOut | None
    excerpt: str
    url: str


class PostOut(Out):
    id: int
    debate_id: int
    author: PersonOut | None
    body: str | None
    body_html: str
    reply_to: QuoteOut | None
    created_at: datetime
    edited_at: datetime | None
    deleted: bool
    reactions: dict[str, int]
    url: str


class DebateOut(Out):
    id: int
    group: GroupRef
    author: PersonOut | None
    title: str
    body: str
    body_html: str
    tags: list[str]
    pinned: bool
    locked: bool
    closed: bool
    closed_at: datetime | None
    conclusion: str
    conclusion_html: str
    created_at: datetime
    edited_at: datetime | None
    last_activity_at: datetime
    reply_count: int
    url: str


class ReactionsOut(Out):
    post_id: int
    reactions: dict[str, int]


def path_for(endpoint: str, **values) -> str:
    """A site-relative URL, also outside requests (demo seeding, CLI)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context("/"):
        return url_for(endpoint, **values)


def _person(user) -> dict | None:
    return {"username": user.username, "display_name": user.display_name} if user else None


def post_data(post, counts: dict[str, int] | None = None) -> dict:
    """A post as JSON-ready data; a deleted post keeps its place but loses its text."""
    from novanet.debates.queries import excerpt

    quote = None
    if post.reply_to is not None and not post.deleted:
        quoted = post.reply_to
        quote = {"id": quoted.id, "author": _person(quoted.author),
                 "excerpt": "" if quoted.deleted else excerpt(quoted.body_html),
                 "url": path_for("debates.permalink", post_id=quoted.id)}
    return PostOut(
        id=post.id, debate_id=post.debate_id, author=_person(post.author),
        body=None if post.deleted else post.body, body_html="" if post.deleted else post.body_html,
        reply_to=quote, created_at=post.created_at, edited_at=post.edited_at,
        deleted=post.deleted, reactions=counts or {},
        url=path_for("debates.permalink", post_id=post.id)).model_dump(mode="json")


def debate_data(debate) -> dict:
    return DebateOut(
        id=debate.id, group={"slug": debate.group.slug, "name": debate.group.name},
        author=_person(debate.author), title=debate.title, body=debate.body,
        body_html=debate.body_html, tags=debate.tag_names, pinned=debate.pinned,
        locked=debate.locked, closed=debate.closed, closed_at=debate.closed_at,
        conclusion=debate.conclusion, conclusion_html=debate.conclusion_html,
        created_at=debate.created_at, edited_at=debate.edited_at,
        last_activity_at=debate.last_activity_at, reply_count=debate.reply_count,
        url=path_for("debates.detail", debate_id=debate.id)).model_dump(mode="json")
