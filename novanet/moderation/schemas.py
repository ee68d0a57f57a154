"""API schemas for reports, moderator actions and the audit log."""

from datetime import datetime
from typing import Literal

from pydantic import Field

from novanet.api.schema import Out, Schema


class ReportIn(Schema):
    target_type: str = Field(max_length=30, description="profile, debate, debate_post, blog_post, "
                                                        "comment, wiki_page, event …")
    target_id: int
    reason: str = Field(max_length=5000)


class ReportOut(Out):
    id: int
    target_type: str
    target_id: int
    group: str | None = Field(None, description="Slug of the group the content belongs to.")
    title: str
    url: str
    reason: str
    status: str = Field(description="open, dismissed, hidden, deleted, banned or suspended")
    resolution: str
    reporter: str | None = Field(None, description="Shown to moderators only.")
    author: str | None = Field(None, description="Shown to moderators only.")
    created_at: datetime
    resolved_at: datetime | None


class ReportQuery(Schema):
    group: str | None = Field(None, max_length=80, description="A group's slug (moderators); "
                                                               "all groups for administrators.")
    status: Literal["open", "closed", "all"] = "open"
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=400)


class ActionIn(Schema):
    action: Literal["dismiss", "hide", "unhide", "delete", "ban", "suspend"]
    reason: str = Field("", max_length=2000)


class AuditOut(Out):
    id: int
    actor: str | None
    actor_name: str
    action: str
    target_type: str
    target_id: int | None
    target_label: str
    group_id: int | None
    group_name: str
    reason: str
    details: dict
    created_at: datetime


class AuditQuery(Schema):
    limit: int = Field(50, ge=1, le=100)
    cursor: str | None = Field(None, max_length=400)


class SuspendIn(Schema):
    reason: str = Field(max_length=2000)


class AccountOut(Out):
    username: str
    suspended: bool
    suspended_reason: str
