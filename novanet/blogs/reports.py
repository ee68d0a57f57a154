"""Blog posts and comments as report targets, and what a moderation decision changes here.

Moderation changes the session only and commits with its audit entry; the signals it sends
afterwards (sender "moderation") keep the activity stream in step with the decision.
"""

from novanet.activity import services as activity
from novanet.blogs import policy
from novanet.blogs.comments import remove_in_session
from novanet.blogs.models import BlogPost, Comment
from novanet.blogs.services import _post_url
from novanet.core import signals
from novanet.extensions import db
from novanet.moderation.registry import register_target


def _after_decision(sender, kind: str, id: int, **_):
    if sender != "moderation" or kind != "blog_post":
        return
    post = db.session.get(BlogPost, id)
    if post is None or post.hidden or post.status != "published":
        activity.forget("blog_post", id)
    elif post is not None:
        activity.record(actor_id=post.author_id, verb="blog_post_published",
                        subject_type="blog_post", subject_id=post.id, group_id=post.group_id,
                        title=post.title, url=_post_url(post))


def register() -> None:
    register_target(
        "blog_post",
        load=lambda id: db.session.get(BlogPost, id),
        group_of=lambda post: post.group,
        can_view=policy.can_view,
        author_of=lambda post: post.author,
        title_of=lambda post: post.title,
        url_of=_post_url,
        set_hidden=lambda post, hidden: setattr(post, "hidden", hidden),
        delete=lambda post: db.session.delete(post),
    )
    register_target(
        "comment",
        load=lambda id: db.session.get(Comment, id),
        group_of=lambda comment: comment.post.group,
        can_view=lambda user, comment: comment.deleted_at is None
        and policy.can_view(user, comment.post),
        author_of=lambda comment: comment.author,
        title_of=lambda comment: comment.post.title,
        url_of=lambda comment: _post_url(comment.post) + f"#comment-{comment.id}",
        delete=remove_in_session,
    )
    signals.content_changed.connect(_after_decision, weak=False)
    signals.content_removed.connect(_after_decision, weak=False)
