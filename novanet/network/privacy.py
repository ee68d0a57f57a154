"""Follows in the member's data download. The rows go with the account (ON DELETE CASCADE)."""

from sqlalchemy import select

from novanet.accounts.models import User
from novanet.accounts.privacy import register_exporter
from novanet.extensions import db
from novanet.network.models import Follow


def export_follows(user) -> dict:
    following = db.session.execute(
        select(User.username, Follow.created_at).join(Follow, Follow.followed_id == User.id)
        .where(Follow.follower_id == user.id).order_by(Follow.created_at)).all()
    followers = db.session.execute(
        select(User.username, Follow.created_at).join(Follow, Follow.follower_id == User.id)
        .where(Follow.followed_id == user.id).order_by(Follow.created_at)).all()
    return {"following": [{"username": u, "since": t} for u, t in following],
            "followers": [{"username": u, "since": t} for u, t in followers]}


register_exporter("follows", export_follows)
