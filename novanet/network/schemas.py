"""API schemas for follows and the feed."""

from datetime import datetime

from pydantic import Field

from novanet.api.schema import Out, Schema


class FollowOut(Out):
    username: str
    following: bool
    followers: int


class FeedActor(Out):
    username: str
    display_name: str


class FeedItemOut(Out):
    id: int
    verb: str
    subject_type: str
    subject_id: int
    group_id: int | None
    title: str
    url: str
    created_at: datetime
    actor: FeedActor | None


class FeedQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=200)
