"""Networking API: follow members, read the home feed."""

from flask import Blueprint
from flask_login import current_user

from novanet.api.schema import endpoint, page_of
from novanet.extensions import csrf
from novanet.network import feed as feeds
from novanet.network import services
from novanet.network.schemas import FeedItemOut, FeedQuery, FollowOut

bp = Blueprint("network_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


def _state(target):
    return {"username": target.username, "following": services.is_following(current_user, target),
            "followers": services.counts(target)["followers"]}


@bp.put("/users/<username>/follow")
@endpoint("Follow a member", tags=["people"], response=FollowOut, errors=[404, 422])
def follow(username: str):
    """Idempotent; following oneself is a 422 with code self_follow."""
    target = services.get_member(username)
    services.follow(current_user, target)
    return _state(target)


@bp.delete("/users/<username>/follow")
@endpoint("Stop following a member", tags=["people"], response=FollowOut, errors=[404])
def unfollow(username: str):
    target = services.get_member(username)
    services.unfollow(current_user, target)
    return _state(target)


@bp.get("/feed")
@endpoint("My home feed", tags=["feed"], query=FeedQuery, response=page_of(FeedItemOut))
def feed(query: FeedQuery):
    """What the people I follow and my groups did, newest first, only what I may see."""
    return feeds.home_feed(current_user, limit=query.limit, cursor=query.cursor)
