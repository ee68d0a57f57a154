"""Debate factories going through the real services."""

import itertools

from novanet.debates import services
from tests.factories import add_member, make_group, make_user

_seq = itertools.count(1)


def make_debate(group=None, author=None, *, title=None, body="What do you think?", tags=None,
                **changes):
    if author is None:
        author = make_user()
        if group is None:
            group = make_group(owner=author)
        else:
            add_member(group, author)
    elif group is None:
        group = make_group(owner=author)
    debate = services.create_debate(author, group, title=title or f"Debate {next(_seq)}",
                                    body=body, tags=tags)
    if changes:
        moderator = group_owner(group)
        services.update_debate(moderator, debate, **changes)
    return debate


def make_post(debate, author=None, body=None, **kwargs):
    author = author or debate.author
    return services.reply(author, debate, body=body or f"Reply {next(_seq)}", **kwargs)


def group_owner(group):
    from sqlalchemy import select

    from novanet.accounts.models import User
    from novanet.extensions import db
    from novanet.groups.models import Membership

    return db.session.scalar(select(User).join(Membership, Membership.user_id == User.id)
                             .where(Membership.group_id == group.id, Membership.role == "owner"))
