"""Reading lists of events: filters shared by the HTML pages and the API, and the month grid."""

import calendar as pycal
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from novanet.core.db import utcnow
from novanet.core.pagination import Page, paginate
from novanet.events import policy
from novanet.events.models import Event, Rsvp
from novanet.extensions import db
from novanet.groups.models import Group


@dataclass
class Filters:
    when: str = "upcoming"  # upcoming | past
    type: str | None = None
    country: str | None = None
    group: str | None = None  # slug
    mine: bool = False


def listing(viewer, filters: Filters, *, limit: int, cursor: str | None = None) -> Page:
    """Events the viewer may see, soonest first (upcoming) or latest first (past)."""
    stmt = select(Event).where(policy.visible_filter(viewer))
    now = utcnow()
    if filters.when == "past":
        stmt = stmt.where(Event.ends_at < now)
        descending = True
    else:
        stmt = stmt.where(Event.ends_at >= now)
        descending = False
    if filters.type:
        stmt = stmt.where(Event.type == filters.type)
    if filters.country:
        stmt = stmt.where(Event.country == filters.country.upper())
    if filters.group:
        stmt = stmt.join(Group, Group.id == Event.group_id).where(Group.slug == filters.group)
    if filters.mine and viewer is not None and viewer.is_authenticated:
        stmt = stmt.where(Event.id.in_(select(Rsvp.event_id).where(
            Rsvp.user_id == viewer.id, Rsvp.status.in_(("going", "waitlisted", "maybe")))))
    return paginate(stmt, [Event.starts_at, Event.id], session=db.session, limit=limit,
                    cursor=cursor, descending=descending)


def countries(viewer) -> list[str]:
    return sorted(c for c in db.session.scalars(
        select(Event.country).where(policy.visible_filter(viewer), Event.country.is_not(None))
        .distinct()) if c)


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[tuple[date | None, list[Event]]]]
    previous: str
    next: str

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)


def parse_month(value: str | None, zone: str) -> tuple[int, int]:
    try:
        year, month = (int(p) for p in (value or "").split("-"))
        if 1970 <= year <= 2200 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    today = datetime.now(ZoneInfo(zone))
    return today.year, today.month


def month(viewer, year: int, month_no: int, zone: str) -> Month:
    """A month grid (Monday first) with the viewer's events placed on the days they run."""
    tz = ZoneInfo(zone)
    first = date(year, month_no, 1)
    days = pycal.monthrange(year, month_no)[1]
    start = datetime(year, month_no, 1, tzinfo=tz).astimezone(UTC)
    end = (datetime(year, month_no, days, tzinfo=tz) + timedelta(days=1)).astimezone(UTC)
    events = list(db.session.scalars(
        select(Event).where(policy.visible_filter(viewer), Event.starts_at < end,
                            Event.ends_at > start)
        .order_by(Event.starts_at, Event.id).limit(500)))
    by_day: dict[date, list[Event]] = {}
    for event in events:
        d = event.starts_at.astimezone(tz).date()
        last = (event.ends_at - timedelta(seconds=1)).astimezone(tz).date()
        while d <= last:
            if d.month == month_no:
                by_day.setdefault(d, []).append(event)
            d += timedelta(days=1)
    weeks = []
    for week in pycal.Calendar(firstweekday=0).monthdatescalendar(year, month_no):
        weeks.append([(d, by_day.get(d, [])) if d.month == month_no else (None, [])
                      for d in week])
    prev_month = (first - timedelta(days=1))
    next_month = first + timedelta(days=days)
    return Month(year, month_no, weeks, f"{prev_month.year}-{prev_month.month:02d}",
                 f"{next_month.year}-{next_month.month:02d}")
