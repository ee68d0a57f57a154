"""API schemas for groups and memberships."""

from datetime import datetime
from typing import Literal

from pydantic import Field, model_validator

from novanet.api.schema import Out, Schema

Visibility = Literal["public", "private", "secret"]


class GroupIn(Schema):
    name: str = Field(max_length=500)
    slug: str | None = Field(None, max_length=200)
    description: str = Field("", max_length=100_000)
    visibility: Visibility = "public"
    tags: list[str] | str = Field(default_factory=list)
    country: str | None = Field(None, max_length=10)
    region: str = Field("", max_length=500)


class GroupPatch(Schema):
    name: str | None = Field(None, max_length=500)
    slug: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=100_000)
    visibility: Visibility | None = None
    tags: list[str] | str | None = None
    country: str | None = Field(None, max_length=10)
    region: str | None = Field(None, max_length=500)


class MyMembership(Out):
    status: str = Field(description="active, pending, invited or banned")
    role: str
    muted: bool


class GroupOut(Out):
    id: int
    slug: str
    name: str
    description: str
    description_html: str
    visibility: str
    tags: list[str]
    country: str | None
    region: str
    member_count: int
    cover_url: str | None
    created_at: datetime
    last_activity_at: datetime
    membership: MyMembership | None = Field(None, description="The caller's relation, if any.")


class GroupQuery(Schema):
    tag: str | None = Field(None, max_length=40)
    country: str | None = Field(None, max_length=2)
    visibility: Visibility | None = None
    q: str | None = Field(None, max_length=100)
    sort: Literal["activity", "size"] = "activity"
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=400)


class JoinIn(Schema):
    message: str | None = Field(None, max_length=5000)


class MembershipOut(Out):
    group: str = Field(description="The group's slug.")
    username: str
    role: str
    status: str
    muted: bool
    message: str
    created_at: datetime


class MemberOut(Out):
    username: str
    display_name: str
    role: str
    status: str
    message: str = Field("", description="The request message (pending requests only).")
    since: datetime


class MemberQuery(Schema):
    q: str | None = Field(None, max_length=100)
    status: Literal["active", "banned", "invited"] = "active"
    limit: int = Field(30, ge=1, le=100)
    cursor: str | None = Field(None, max_length=400)


class PageQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=400)


class MemberPatch(Schema):
    role: Literal["owner", "moderator", "member"] | None = None
    status: Literal["active", "banned"] | None = None
    reason: str = Field("", max_length=2000)

    @model_validator(mode="after")
    def one_change(self):
        if (self.role is None) == (self.status is None):
            raise ValueError("send either role or status")
        return self


class ReasonIn(Schema):
    reason: str = Field("", max_length=2000)


class InviteIn(Schema):
    username: str | None = Field(None, max_length=100)
    email: str | None = Field(None, max_length=254)


class InvitationOut(Out):
    id: int
    group: str
    username: str | None
    email: str | None = Field(None, description="Only for invitations sent to an address.")
    status: str
    created_at: datetime
    expires_at: datetime


class TransferIn(Schema):
    username: str = Field(max_length=100)


class MuteOut(Out):
    muted: bool
