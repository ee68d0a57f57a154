"""Request and response models of the events API."""

from datetime import datetime
from typing import Literal

from pydantic import Field

from novanet.api.schema import Out, Schema

EventType = Literal["congress", "lab", "webinar", "meetup"]
Mode = Literal["in_person", "online", "hybrid"]


class EventQuery(Schema):
    when: Literal["upcoming", "past"] = "upcoming"
    type: EventType | None = None
    country: str | None = Field(None, min_length=2, max_length=2)
    group: str | None = None
    mine: bool = False
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = None


class EventIn(Schema):
    type: EventType
    title: str = Field(max_length=200)
    description: str = Field("", max_length=50_000)
    challenge: str = Field("", max_length=20_000)
    starts_at: datetime
    ends_at: datetime
    timezone: str
    capacity: int = 50
    group: str | None = Field(None, description="slug of the host group")
    mode: Mode = "in_person"
    venue: str = ""
    address: str = ""
    city: str = ""
    country: str | None = None
    online_url: str = ""
    hours: float | None = None
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    organisers: list[str] = Field(default_factory=list, description="extra organisers' usernames")


class EventPatch(Schema):
    type: EventType | None = None
    title: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=50_000)
    challenge: str | None = Field(None, max_length=20_000)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    timezone: str | None = None
    capacity: int | None = None
    mode: Mode | None = None
    venue: str | None = None
    address: str | None = None
    city: str | None = None
    country: str | None = None
    online_url: str | None = None
    hours: float | None = None
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    registration_closed: bool | None = None
    organisers: list[str] | None = None
    cancelled: Literal[True] | None = Field(None, description="true cancels the event")


class PersonOut(Out):
    username: str
    display_name: str


class EventOut(Out):
    id: int
    type: str
    title: str
    description: str
    description_html: str
    challenge: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    mode: str
    venue: str
    address: str
    city: str
    country: str | None
    capacity: int
    going_count: int
    seats_left: int
    hours: float | None
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    registration_closed: bool
    cancelled: bool
    group: str | None
    organisers: list[PersonOut]
    url: str
    ics_url: str
    online_url: str | None = Field(None, description="only for confirmed attendees")
    over_capacity: int = Field(0, description="confirmed people above a lowered capacity")


class SpeakerOut(Out):
    name: str
    username: str | None


class SessionIn(Schema):
    title: str = Field(max_length=200)
    description: str = Field("", max_length=20_000)
    starts_at: datetime
    ends_at: datetime
    room: str = ""
    track: str = ""
    capacity: int | None = None
    speakers: list[str] = Field(default_factory=list,
                                description="'@username' for members, plain names otherwise")


class SessionOut(Out):
    id: int
    title: str
    description_html: str
    starts_at: datetime
    ends_at: datetime
    room: str
    track: str
    capacity: int | None
    seats_taken: int
    speakers: list[SpeakerOut]
    ics_url: str


class SessionList(Out):
    items: list[SessionOut]


class RsvpIn(Schema):
    status: Literal["going", "maybe", "not_going"]
    public: bool | None = Field(None, description="appear in the public attendee list")
    note: str | None = Field(None, max_length=500)


class RsvpOut(Out):
    status: Literal["going", "waitlisted", "maybe", "not_going"]
    waitlist_position: int | None
    public: bool
    code: str | None = Field(None, description="personal check-in code once confirmed")


class AttendeeOut(Out):
    username: str
    display_name: str
    status: str
    waitlist_position: int | None
    checked_in_at: datetime | None
    public: bool


class AttendeeList(Out):
    items: list[AttendeeOut]
    going: int
    capacity: int
    checked_in: int


class CheckInIn(Schema):
    code: str = Field(max_length=40)


class CheckInOut(Out):
    username: str
    display_name: str
    checked_in_at: datetime
