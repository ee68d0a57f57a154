"""The home feed: what followed members and my groups did, only what I may see.

Features record Activity rows after their commits (activity.services.record); the feed reads
them through the groups policy, so a secret group's activity never reaches outsiders. Features
whose activity should also reach people taking part (replies in a debate I posted in) register
a participation source: subject_type -> function(user) giving a subquery of subject ids.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select

from novanet.accounts.models import User
from novanet.activity.models import Activity
from novanet.activity.services import visible_to
from novanet.core.pagination import Page, paginate
from novanet.extensions import db
from novanet.groups.models import Group, Membership
from novanet.network.models import Follow

PARTICIPATION: dict[str, Callable] = {}


def register_participation(subject_type: str, subject_ids: Callable) -> None:
    PARTICIPATION[subject_type] = subject_ids


def feed_condition(viewer: User):
    followed = select(Follow.followed_id).where(Follow.follower_id == viewer.id)
    my_groups = select(Membership.group_id).where(Membership.user_id == viewer.id,
                                                  Membership.status == "active")
    reasons = [Activity.actor_id.in_(followed), Activity.group_id.in_(my_groups)]
    for subject_type, subject_ids in PARTICIPATION.items():
        reasons.append(and_(Activity.subject_type == subject_type,
                            Activity.subject_id.in_(subject_ids(viewer))))
    return and_(or_(*reasons), visible_to(viewer),
                or_(Activity.actor_id.is_(None), Activity.actor_id != viewer.id))


def home_feed(viewer: User, *, limit: int = 20, cursor: str | None = None) -> Page:
    """Newest first, keyset-paginated on (created_at, id)."""
    stmt = select(Activity).where(feed_condition(viewer))
    return paginate(stmt, [Activity.created_at, Activity.id], session=db.session, limit=limit,
                    cursor=cursor)


@dataclass
class Entry:
    """Consecutive activity about the same subject, shown once ("5 new replies in …")."""

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
    """Merge neighbours about the same thing; load their groups in one query."""
    group_ids = {a.group_id for a in items if a.group_id}
    groups = {g.id: g for g in db.session.scalars(select(Group).where(Group.id.in_(group_ids)))} \
        if group_ids else {}
    entries: list[Entry] = []
    for item in items:
        last = entries[-1] if entries else None
        if last is not None and _key(last.first) == _key(item):
            last.count += 1
            if item.actor is not None and item.actor.id not in {a.id for a in last.actors}:
                last.actors.append(item.actor)
            continue
        entries.append(Entry(first=item, actors=[item.actor] if item.actor else [],
                             group=groups.get(item.group_id)))
    return entries


# "Latest across my groups": a feature with group discussions registers a function
# (viewer, limit) -> list of rows with title, url, group, last activity; None until one does.
ACROSS_GROUPS: list[Callable] = []


def latest_across_groups(viewer: User, limit: int = 10):
    if not ACROSS_GROUPS:
        return None
    return ACROSS_GROUPS[0](viewer, limit)
