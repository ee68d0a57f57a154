"""Debates in the member's network: "latest across my groups" and replies in debates I take part in.

Debates fill the hooks of novanet.network.feed (network never imports debates): a list of the
debates moving in all the viewer's groups, and the replies that reach the home feed because the
viewer started or replied in their debate.
"""

from flask import url_for
from sqlalchemy import select, union
from sqlalchemy.orm import joinedload, lazyload

from novanet.accounts.models import User
from novanet.core.pagination import Page, paginate
from novanet.debates.models import Debate, Post
from novanet.extensions import db
from novanet.groups import policy as group_policy
from novanet.groups.models import Group
from novanet.network import feed as network_feed


def across_my_groups(viewer, *, limit: int, cursor: str | None = None,
                     brief: bool = False) -> Page:
    """Debates in every group the viewer actively belongs to, latest activity first.

    Active membership is what lets a member read a private or secret group's content, so a
    removed, banned or pending member sees none of that group's debates here. A brief list
    (the home page's) loads titles and group names only."""
    # The membership set is loaded once per request and shared with the policy checks.
    group_ids = group_policy.active_group_ids(viewer)
    if not group_ids:
        return Page([], None)
    options = [joinedload(Debate.group).lazyload(Group.tags)]
    if brief:
        options += [lazyload(Debate.author), lazyload(Debate.tags)]
    else:
        options.append(joinedload(Debate.author).lazyload(User.expertise))
    stmt = select(Debate).where(Debate.group_id.in_(group_ids)).options(*options)
    return paginate(stmt, [Debate.last_activity_at, Debate.id], session=db.session, limit=limit,
                    cursor=cursor)


def across_rows(viewer, limit: int) -> list:
    """The first few debates of across_my_groups, as the home page's side list shows them."""
    return [network_feed.AcrossRow(title=d.title, url=url_for("debates.detail", debate_id=d.id),
                                   group_name=d.group.name, when=d.last_activity_at)
            for d in across_my_groups(viewer, limit=limit, brief=True).items]


def debates_taken_part_in(viewer):
    """Subquery: debates the viewer started or replied in (a deleted reply no longer counts)."""
    return union(select(Debate.id.label("debate_id")).where(Debate.author_id == viewer.id),
                 select(Post.debate_id).where(Post.author_id == viewer.id,
                                              Post.deleted_at.is_(None)))


def replies_taking_part(viewer, post_id):
    """Condition: post_id is a reply in one of those debates (its activity joins the home feed).

    The reply's debate is looked up per activity row the feed meets (a scalar subquery on the
    primary key), so the cost follows the feed page and the viewer's own debates, not the number
    of replies in them: written as EXISTS or IN, PostgreSQL hashes every such reply first."""
    debate_of_post = select(Post.debate_id).where(Post.id == post_id).scalar_subquery()
    return debate_of_post.in_(debates_taken_part_in(viewer))


def register() -> None:
    network_feed.register_across_groups(across_rows, page="debates.my_groups")
    network_feed.register_participation("post", replies_taking_part)
