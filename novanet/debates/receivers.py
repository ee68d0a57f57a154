"""After-commit reactions to debate signals: activity streams and @mention notifications."""

import logging

from flask_babel import lazy_gettext as _l

from novanet.activity import services as activity
from novanet.core import signals
from novanet.debates.schemas import path_for
from novanet.debates.services import mentioned_users
from novanet.notifications import services as notifications

log = logging.getLogger("novanet.debates")


def _mention_text(params: dict) -> str:
    return str(_l("%(name)s mentioned you in the debate “%(debate)s”",
                  name=params.get("name", ""), debate=params.get("debate", "")))


def _notify_mentions(text: str, debate, author, url: str) -> None:
    people = mentioned_users(text, debate, author)
    if people:
        notifications.notify(people, "debate_mention", actor=author, url=url,
                             params={"name": author.display_name, "debate": debate.title})


def on_debate_created(sender, debate, actor, **_):
    url = path_for("debates.detail", debate_id=debate.id)
    activity.record(actor_id=actor.id, verb="debate_created", subject_type="debate",
                    subject_id=debate.id, group_id=debate.group_id, title=debate.title, url=url)
    _notify_mentions(debate.body, debate, actor, url)


def on_post_created(sender, post, debate, actor, **_):
    url = path_for("debates.permalink", post_id=post.id)
    activity.record(actor_id=actor.id, verb="post_created", subject_type="post",
                    subject_id=post.id, group_id=debate.group_id, title=debate.title, url=url)
    _notify_mentions(post.body, debate, actor, url)


def on_post_deleted(sender, post, **_):
    activity.forget("post", post.id)


def connect() -> None:
    notifications.register_kind("debate_mention", _mention_text,
                                label=_l("Mentions in debates"))
    signals.debate_created.connect(on_debate_created, weak=False)
    signals.post_created.connect(on_post_created, weak=False)
    signals.post_deleted.connect(on_post_deleted, weak=False)
