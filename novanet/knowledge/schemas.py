"""API schemas of the knowledge bank. Codes (category, level, country, status) are checked by
the services so the API and the forms report the same field errors."""

from datetime import date, datetime

from flask import url_for
from pydantic import Field, computed_field

from novanet.api.schema import Out, Schema
from novanet.knowledge.vocab import category_label


class PracticeIndicatorIn(Schema):
    name: str = Field(max_length=1000)
    value: float = Field(strict=True, description="A JSON number")
    unit: str = Field("", max_length=1000)
    measured_on: date | None = None


class PracticeFields(Schema):
    administration: str | None = Field(None, max_length=1000)
    level: str | None = Field(None, description="local | regional | national")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code, e.g. ES, PT, MX")
    title: str | None = Field(None, max_length=1000)
    category: str | None = Field(None, description="A category code, e.g. ict.egovernment")
    tags: list[str] | None = None
    department: str | None = Field(None, max_length=1000)
    responsible_person: str | None = Field(None, max_length=1000)
    objectives: str | None = Field(None, max_length=20_000)
    target_group: str | None = Field(None, max_length=2000)
    description: str | None = Field(None, max_length=100_000, description="Markdown")
    resources: str | None = Field(None, max_length=20_000)
    budget: float | None = Field(None, strict=True)
    currency: str | None = Field(None, max_length=10)
    funding_source: str | None = Field(None, max_length=1000)
    start_date: date | None = None
    end_date: date | None = None
    links: list[str] | None = None
    indicators: list[PracticeIndicatorIn] | None = None


class PracticeIn(PracticeFields):
    submit: bool = Field(False, description="Send it for review at once instead of a draft.")


class PracticeQuery(Schema):
    category: str | None = None
    country: str | None = None
    level: str | None = None
    year: str | None = None
    q: str | None = Field(None, max_length=200)
    mine: bool = Field(False, description="My own practices in every state.")
    status: str | None = Field(None, description="Moderators: e.g. submitted (review queue).")
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = None


class ReviewIn(Schema):
    action: str = Field(description="publish | request_changes | reject")
    message: str = Field("", max_length=10_000)


class AdoptionIn(Schema):
    administration: str = Field(max_length=1000)
    level: str
    country: str
    result: str = Field(max_length=20_000)
    adopted_on: date | None = None


class PracticeIndicatorOut(Out):
    name: str
    value: float
    unit: str
    measured_on: date | None


class PracticeAttachmentOut(Out):
    id: int
    practice_id: int = Field(exclude=True)
    filename: str
    size: int

    @computed_field
    def url(self) -> str:
        return url_for("knowledge.attachment", practice_id=self.practice_id,
                       attachment_id=self.id, _external=True)


class PracticeOut(Out):
    id: int
    status: str
    title: str
    administration: str
    level: str
    country: str
    category: str
    tags: list[str]
    department: str
    responsible_person: str
    objectives: str
    target_group: str
    description: str
    description_html: str
    resources: str
    budget: float | None
    currency: str
    funding_source: str
    start_date: date | None
    end_date: date | None
    year: int | None
    links: list[str]
    indicators: list[PracticeIndicatorOut]
    attachments: list[PracticeAttachmentOut]
    review_message: str
    comment_count: int
    adoption_count: int
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None

    @computed_field
    def category_label(self) -> str:
        return category_label(self.category)


class AdoptionOut(Out):
    id: int
    administration: str
    level: str
    country: str
    result: str
    result_html: str
    adopted_on: date | None
    created_at: datetime
    user_id: int | None = Field(exclude=True)


class MilestoneIn(Schema):
    title: str = Field(max_length=1000)
    due_on: date | None = None
    done: bool = False


class ProjectFields(Schema):
    title: str | None = Field(None, max_length=1000)
    administration: str | None = Field(None, max_length=1000)
    country: str | None = None
    strategy_line: str | None = Field(None, max_length=1000)
    agency: str | None = Field(None, max_length=1000)
    liaison_officer: str | None = Field(None, max_length=1000)
    status: str | None = Field(None, description="planned | in_progress | paused | completed | "
                                                 "cancelled")
    start_date: date | None = None
    end_date: date | None = None
    description: str | None = Field(None, max_length=100_000)
    lessons_learned: str | None = Field(None, max_length=100_000)
    success_stories: str | None = Field(None, max_length=100_000)
    milestones: list[MilestoneIn] | None = None


class ProjectQuery(Schema):
    administration: str | None = None
    status: str | None = None
    strategy_line: str | None = None
    q: str | None = Field(None, max_length=200)
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = None


class MilestoneOut(Out):
    title: str
    due_on: date | None
    done: bool


class ProjectOut(Out):
    id: int
    title: str
    administration: str
    country: str
    strategy_line: str
    agency: str
    liaison_officer: str
    status: str
    start_date: date | None
    end_date: date | None
    description: str
    description_html: str
    lessons_learned: str
    lessons_learned_html: str
    success_stories: str
    success_stories_html: str
    milestones: list[MilestoneOut]
    created_at: datetime
    updated_at: datetime


class ProjectIndicatorIn(Schema):
    name: str = Field(max_length=1000)
    unit: str = Field("", max_length=1000)
    target: float | None = Field(None, strict=True)


class ProjectIndicatorOut(Out):
    id: int
    project_id: int
    name: str
    unit: str
    target: float | None
    created_at: datetime


class ValueIn(Schema):
    year: int = Field(strict=True)
    quarter: int = Field(strict=True, description="1 to 4")
    value: float = Field(strict=True, description="A JSON number")
    note: str = Field("", max_length=2000)
    replace: bool = Field(False, description="Replace the value if the quarter was already "
                                             "reported (otherwise 409).")


class ValueOut(Out):
    year: int
    quarter: int
    value: float
    note: str
    reported_at: datetime
    updated_at: datetime | None


class ValueList(Out):
    items: list[ValueOut]
