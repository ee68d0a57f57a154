"""The home feed: what followed members and my groups did, only what I may see.

Features record Activity rows after their commits (activity.services.record); the feed reads
them through the groups policy, so a secret group's activity never reaches outsiders. Features
whose activity should also reach people taking part (replies in a debate I posted in) register
a participation source: subject_type -> function(user, subject_id) giving an SQL condition that
is true when the subject is something the user takes part in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app, url_for
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload, lazyload, load_only

from novanet.accounts.models import User
from novanet.activity.models import Activity
from novanet.core.db import scan_filter
from novanet.core.pagination import Page, paginate
from novanet.extensions import db
from novanet.groups import policy as group_policy
from novanet.groups.models import Group
from novanet.network.models import Follow

PARTICIPATION: dict[str, Callable] = {}


def register_participation(subject_type: str, takes_part: Callable) -> None:
    """takes_part(user, subject_id) -> condition. It is checked on the activity rows the feed
    meets while reading newest first, so it should look the subject up (an indexed EXISTS),
    not list everything the user ever took part in."""
    PARTICIPATION[subject_type] = takes_part


def feed_condition(viewer: User):
    """Why an activity reaches the viewer (a followed actor, one of my groups, something I take
    part in) and whether the viewer may see it (the groups policy), as one SQL condition.

    The columns are scan filters: the feed walks activity newest first and stops after a page,
    so its cost follows the page size and the share of activity that concerns the viewer, not
    the size of the table."""
    actor, group = scan_filter(Activity.actor_id), scan_filter(Activity.group_id)
    reasons = [actor.in_(select(Follow.followed_id).where(Follow.follower_id == viewer.id)),
               group.in_(group_policy.member_group_ids(viewer))]
    for subject_type, takes_part in PARTICIPATION.items():
        reasons.append(and_(Activity.subject_type == subject_type,
                            takes_part(viewer, scan_filter(Activity.subject_id))))
    return and_(or_(*reasons), group_policy.content_visible(viewer, group),
                or_(actor.is_(None), actor != viewer.id))


def home_feed(viewer: User, *, limit: int = 20, cursor: str | None = None) -> Page:
    """Newest first, keyset-paginated on (created_at, id)."""
    # An entry names its actor; the rest of their profile stays in the database.
    stmt = select(Activity).where(feed_condition(viewer)).options(
        joinedload(Activity.actor).load_only(User.id, User.username, User.display_name)
        .lazyload(User.expertise))
    return paginate(stmt, [Activity.created_at, Activity.id], session=db.session, limit=limit,
                    cursor=cursor)


@dataclass
class Entry:
    """Activity about the same subject on one page, shown once ("5 new replies in …")."""

    first: Activity
    count: int = 1
    actors: list = field(default_factory=list)
    group: Group | None = None

    @property
    def others(self) -> int:
        return max(0, len(self.actors) - 1)


def _key(item: Activity) -> tuple:
    # Replies are separate subjects (one per post) but share their debate's title and group.
    if item.verb == "post_created":
        return (item.verb, item.group_id, item.title)
    return (item.verb, item.subject_type, item.subject_id)


def group_entries(items: list[Activity]) -> list[Entry]:
    """Merge the page's activity about the same thing into one entry, placed where its newest
    item was (replies to three debates interleave; each debate still reads as one line).
    Loads their groups in one query."""
    group_ids = {a.group_id for a in items if a.group_id}
    groups = {g.id: g for g in db.session.scalars(
        select(Group).where(Group.id.in_(group_ids))
        .options(load_only(Group.id, Group.slug, Group.name), lazyload(Group.tags)))} \
        if group_ids else {}
    entries: dict[tuple, Entry] = {}
    for item in items:
        entry = entries.get(_key(item))
        if entry is None:
            entries[_key(item)] = Entry(first=item, actors=[item.actor] if item.actor else [],
                                        group=groups.get(item.group_id))
            continue
        entry.count += 1
        if item.actor is not None and item.actor.id not in {a.id for a in entry.actors}:
            entry.actors.append(item.actor)
    return list(entries.values())


@dataclass
class AcrossRow:
    """One line of "latest across my groups": something moving in one of the viewer's groups."""

    title: str
    url: str
    group_name: str
    when: datetime


@dataclass
class Across:
    rows: list[AcrossRow]
    more_url: str | None = None


# "Latest across my groups": features with group discussions register a function
# (viewer, limit) -> list of AcrossRow, newest first, and the endpoint of their full list.
ACROSS_GROUPS: list[Callable] = []
ACROSS_PAGES: dict[Callable, str] = {}


def register_across_groups(rows: Callable, page: str | None = None) -> None:
    if rows not in ACROSS_GROUPS:  # every app created in the process registers again
        ACROSS_GROUPS.append(rows)
    if page:
        ACROSS_PAGES[rows] = page


def latest_across_groups(viewer: User, limit: int = 10) -> Across | None:
    """The newest rows of every registered source, merged; None when no feature offers one."""
    if not ACROSS_GROUPS:
        return None
    rows = sorted((row for source in ACROSS_GROUPS for row in source(viewer, limit)),
                  key=lambda row: row.when, reverse=True)[:limit]
    more = None
    for source in ACROSS_GROUPS:
        endpoint = ACROSS_PAGES.get(source)
        if endpoint and endpoint in current_app.view_functions:
            more = url_for(endpoint)
            break
    return Across(rows, more)
