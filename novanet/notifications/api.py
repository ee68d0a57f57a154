"""Notifications API: my list and marking read."""

from datetime import datetime

from flask import Blueprint
from flask_login import current_user
from pydantic import Field, model_validator

from novanet.api.schema import Out, Schema, endpoint, page_of
from novanet.extensions import csrf
from novanet.notifications import services

bp = Blueprint("notifications_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


class NotificationOut(Out):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read: bool
    actor: str | None = Field(None, description="username of who caused it")


class NotificationQuery(Schema):
    unread: bool = False
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=200)


class ReadIn(Schema):
    ids: list[int] | None = Field(None, max_length=500)
    all: bool = False

    @model_validator(mode="after")
    def one_of(self):
        if (self.ids is None) == (not self.all):
            raise ValueError("send either ids or all: true")
        return self


class ReadOut(Out):
    marked: int
    unread: int


def _out(n) -> dict:
    return {"id": n.id, "kind": n.kind, "text": services.message(n), "url": n.url,
            "created_at": n.created_at, "read": n.read_at is not None,
            "actor": n.actor.username if n.actor else None}


@bp.get("/notifications")
@endpoint("My notifications", tags=["notifications"], query=NotificationQuery,
          response=page_of(NotificationOut))
def index(query: NotificationQuery):
    page = services.list_for(current_user, limit=query.limit, cursor=query.cursor,
                             unread=query.unread)
    return {"items": [_out(n) for n in page.items], "next": page.next}


@bp.post("/notifications/read")
@endpoint("Mark notifications read", tags=["notifications"], body=ReadIn, response=ReadOut,
          errors=[422])
def read(body: ReadIn):
    """{"ids": [..]} marks those of mine; {"all": true} marks everything."""
    marked = services.mark_read(current_user, None if body.all else body.ids)
    return {"marked": marked, "unread": services.unread_count(current_user)}
