"""API schemas for wiki pages, revisions, diffs and edit conflicts."""

from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from novanet.api.schema import Out, Schema
from novanet.wiki.models import MAX_SUMMARY, MAX_TITLE


class AuthorOut(Out):
    username: str
    display_name: str


class PageSummaryOut(Out):
    id: int
    title: str
    slug: str
    version: int = Field(description="Number of the current revision.")
    protected: bool
    updated_at: datetime


class PageOut(PageSummaryOut):
    wiki: str = Field(description="`kb` or `groups/{slug}/wiki`.")
    body: str
    body_html: str
    toc_html: str
    created_at: datetime
    deleted: bool
    redirected_from: str | None = Field(None, description="The old slug asked for, if any.")


class RevisionOut(Out):
    number: int
    title: str
    summary: str
    kind: str = Field(description="create, edit, revert or rename.")
    reverted_to: int | None
    size: int
    size_delta: int
    author: AuthorOut | None
    created_at: datetime


class RevisionFullOut(RevisionOut):
    body: str
    body_html: str


class PageIn(Schema):
    title: str = Field(max_length=MAX_TITLE)
    # Leading spaces (indented code) and final newlines are part of the text.
    body: Annotated[str, StringConstraints(strip_whitespace=False, max_length=200_000)] = ""
    summary: str = Field("", max_length=MAX_SUMMARY)
    base_revision: int | None = Field(
        None, description="The revision the edit started from; omit to create the page.")


class RenameIn(Schema):
    title: str = Field(max_length=MAX_TITLE)
    summary: str = Field("", max_length=MAX_SUMMARY)


class RevertIn(Schema):
    revision: int
    summary: str = Field("", max_length=MAX_SUMMARY)


class ListQuery(Schema):
    limit: int = Field(50, ge=1, le=100)
    cursor: str | None = Field(None, max_length=300)


class DiffQuery(Schema):
    from_: int = Field(alias="from", ge=1)
    to: int = Field(ge=1)


class DiffOut(Out):
    from_revision: int
    to_revision: int
    added_lines: int
    removed_lines: int
    html: str = Field(description="Sanitised HTML using <ins>/<del> with word-level changes.")


class ConflictRegionOut(Out):
    base: str
    mine: str
    theirs: str


class ConflictOut(Out):
    """The body of a 409 on PUT: everything a client needs to show both changes."""

    base_revision: int
    current_revision: int
    current_title: str
    current_body: str
    merged: bool = Field(description="True when both changes were combined without collision.")
    merged_body: str = Field(description="The combination; where changes collide, your text.")
    conflicts: list[ConflictRegionOut]
