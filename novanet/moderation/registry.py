"""What can be reported, and how moderation reaches into each feature's content.

A feature makes its content reportable by registering a target kind once, in its init_app:

    from novanet.moderation.registry import register_target

    register_target(
        "debate_post",
        load=lambda id: db.session.get(Post, id),        # the object, or None
        group_of=lambda post: post.debate.group,           # its Group, or None (site-wide)
        can_view=lambda user, post: ...,                   # may this person see it? (policy)
        author_of=lambda post: post.author,                # User or None
        title_of=lambda post: post.debate.title,           # short label for queues and the log
        url_of=lambda post: url_for("debates.detail", ...),
        set_hidden=lambda post, hidden: ...,               # optional: hide/unhide in the session
        delete=lambda post: db.session.delete(post),       # optional: delete in the session
    )

set_hidden and delete change the session only and never commit: the moderation service
commits them together with the audit entry and the report's outcome, then sends
signals.content_changed (hide/unhide) or signals.content_removed (delete) with the kind and id,
so features update their live views, search and activity from those signals. A kind without
set_hidden or delete simply does not offer that action.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    kind: str
    load: Callable[[int], Any]
    group_of: Callable[[Any], Any]
    can_view: Callable[[Any, Any], bool]
    author_of: Callable[[Any], Any]
    title_of: Callable[[Any], str]
    url_of: Callable[[Any], str]
    set_hidden: Callable[[Any, bool], None] | None = None
    delete: Callable[[Any], None] | None = None

    @property
    def actions(self) -> tuple[str, ...]:
        found = ["dismiss"]
        if self.set_hidden is not None:
            found += ["hide", "unhide"]
        if self.delete is not None:
            found.append("delete")
        return tuple(found)


_TARGETS: dict[str, Target] = {}


def register_target(kind: str, *, load, group_of, can_view, author_of, title_of, url_of,
                    set_hidden=None, delete=None) -> Target:
    """Make a content kind reportable (idempotent: registering again replaces the entry)."""
    if not kind or len(kind) > 30 or not kind.replace("_", "").isalnum():
        raise ValueError(f"bad report target kind: {kind!r}")
    target = Target(kind, load, group_of, can_view, author_of, title_of, url_of,
                    set_hidden, delete)
    _TARGETS[kind] = target
    return target


def get(kind: str) -> Target | None:
    return _TARGETS.get(kind)


def kinds() -> list[str]:
    return sorted(_TARGETS)
