"""After-commit reactions to debate signals: activity streams and @mention notifications."""

import logging

from flask_babel import lazy_gettext as _l

from novanet.activity import services as activity
from novanet.core import signals
from novanet.debates import policy
from novanet.debates.schemas import path_for
from novanet.debates.services import mentioned_users
from novanet.notifications import services as notifications

log = logging.getLogger("novanet.debates")


def _mention_text(params: dict) -> str:
    return str(_l("%(name)s mentioned you in the debate “%(debate)s”",
                  name=params.get("name", ""), debate=params.get("debate", "")))


def _reply_text(params: dict) -> str:
    return str(_l("%(name)s replied to your post in the debate “%(debate)s”",
                  name=params.get("name", ""), debate=params.get("debate", "")))


def _notify_mentions(text: str, debate, author, url: str) -> list:
    people = mentioned_users(text, debate, author)
    if people:
        notifications.notify(people, "debate_mention", actor=author, url=url,
                             params={"name": author.display_name, "debate": debate.title})
    return people


def _notify_reply(post, debate, author, url: str, already: list) -> None:
    """The author of the quoted post hears of the answer (once: a mention already told them)."""
    quoted = post.reply_to
    person = quoted.author if quoted is not None else None
    if (person is None or person.id == author.id or person.suspended_at is not None
            or person.id in {p.id for p in already}
            or not policy.can_view_debate(person, debate)):
        return
    notifications.notify([person], "debate_reply", actor=author, url=url,
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
    mentioned = _notify_mentions(post.body, debate, actor, url)
    if post.reply_to_id is not None:
        _notify_reply(post, debate, actor, url, mentioned)


def on_post_deleted(sender, post, **_):
    activity.forget("post", post.id)


def connect() -> None:
    notifications.register_kind("debate_mention", _mention_text,
                                label=_l("Mentions in debates"))
    notifications.register_kind("debate_reply", _reply_text, label=_l("Replies to my posts"))
    signals.debate_created.connect(on_debate_created, weak=False)
    signals.post_created.connect(on_post_created, weak=False)
    signals.post_deleted.connect(on_post_deleted, weak=False)
