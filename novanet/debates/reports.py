"""Debates and posts as report targets for moderation (when the moderation feature is present)."""

from sqlalchemy import update

from novanet.core import signals
from novanet.core.db import utcnow
from novanet.debates import policy
from novanet.debates.models import Debate, Post
from novanet.debates.schemas import path_for
from novanet.extensions import db


def _soft_delete(post: Post) -> None:
    # Session only: the moderation service commits with its audit entry, then signals.
    if post.deleted_at is None:
        post.deleted_at = utcnow()
        db.session.execute(update(Debate).where(Debate.id == post.debate_id).values(
            reply_count=Debate.reply_count - 1, version=Debate.version + 1))


def _on_removed(sender, kind=None, id=None, **_):
    # Our own deletions already pushed post:deleted; this is for moderation's removals.
    if sender == "debates" or kind != "post" or id is None:
        return
    from novanet.core.realtime import publish
    from novanet.debates import rendering
    from novanet.debates.sockets import debate_room

    post = db.session.get(Post, id)
    rendering.forget(id)
    if post is not None:
        publish("post:deleted", {"debate_id": post.debate_id, "post_id": post.id},
                debate_room(post.debate_id))


def register() -> None:
    try:
        from novanet.moderation.registry import register_target
    except ImportError:  # moderation not installed: nothing to register
        return
    register_target(
        "debate", load=lambda id: db.session.get(Debate, id),
        group_of=lambda debate: debate.group,
        can_view=policy.can_view_debate,
        author_of=lambda debate: debate.author, title_of=lambda debate: debate.title,
        url_of=lambda debate: path_for("debates.detail", debate_id=debate.id))
    register_target(
        "post", load=lambda id: db.session.get(Post, id),
        group_of=lambda post: post.debate.group,
        can_view=lambda user, post: policy.can_view_debate(user, post.debate),
        author_of=lambda post: post.author, title_of=lambda post: post.debate.title,
        url_of=lambda post: path_for("debates.permalink", post_id=post.id),
        delete=_soft_delete)
    signals.content_removed.connect(_on_removed, weak=False)
