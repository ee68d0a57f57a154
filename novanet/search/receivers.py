"""Keeping the index current: features' signals (sent after their commits) re-read the changed
object through its source's loader, so a draft, hidden or deleted thing simply drops out."""

import logging

from novanet.core import signals

log = logging.getLogger("novanet.search")


def _safely(fn):
    def run(*args, **kwargs):
        try:
            fn(*args, **kwargs)
        except Exception:  # the feature's change is committed; a stale index must not undo it
            from novanet.extensions import db

            db.session.rollback()
            log.exception("search index update failed")
    return run


@_safely
def on_content_changed(sender, kind=None, id=None, **_):
    from novanet.search import index

    if kind and id is not None:
        index.refresh(kind, [int(id)])


@_safely
def on_content_removed(sender, kind=None, id=None, **_):
    from novanet.search import index

    if kind and id is not None:
        index.remove(kind, [int(id)])


@_safely
def on_user(sender, user=None, **_):
    from novanet.search import index

    if user is not None:
        index.refresh("user", [user.id])


@_safely
def on_user_deleted(sender, user=None, user_id=None, **_):
    from novanet.search import index

    uid = user.id if user is not None else user_id
    if uid is not None:
        index.remove("user", [uid])


@_safely
def on_group(sender, group=None, **_):
    from novanet.search import index

    if group is not None:
        index.refresh("group", [group.id])


@_safely
def on_group_deleted(sender, group=None, group_id=None, **_):
    from novanet.search import index

    gid = group.id if group is not None else group_id
    if gid is not None:
        index.remove_group(gid)


def connect() -> None:
    signals.content_changed.connect(on_content_changed, weak=False)
    signals.content_removed.connect(on_content_removed, weak=False)
    for signal in (signals.user_registered, signals.user_updated, signals.user_suspended):
        signal.connect(on_user, weak=False)
    signals.user_deleted.connect(on_user_deleted, weak=False)
    for signal in (signals.group_created, signals.group_updated):
        signal.connect(on_group, weak=False)
    signals.group_deleted.connect(on_group_deleted, weak=False)
