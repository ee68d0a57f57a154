"""Direct messages API."""

from datetime import datetime

from flask import Blueprint
from flask_login import current_user
from pydantic import Field

from novanet.api.schema import Out, Schema, endpoint, page_of
from novanet.extensions import csrf
from novanet.messages import services

bp = Blueprint("messages_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


class Member(Out):
    username: str
    display_name: str


class MessageOut(Out):
    id: int
    conversation_id: int
    sender: Member | None
    body: str
    body_html: str
    created_at: datetime


class ConversationOut(Out):
    id: int
    with_: Member = Field(serialization_alias="with")
    unread: int
    last_message_at: datetime


class StartIn(Schema):
    username: str = Field(max_length=64)
    body: str = Field(max_length=20_000)


class BodyIn(Schema):
    body: str = Field(max_length=20_000)


class ListQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=200)


def _conv(conv, unread: int) -> dict:
    return {"id": conv.id, "with_": conv.other(current_user), "unread": unread,
            "last_message_at": conv.last_message_at}


@bp.get("/conversations")
@endpoint("My conversations", tags=["messages"], query=ListQuery,
          response=page_of(ConversationOut))
def conversations(query: ListQuery):
    page = services.conversations(current_user, limit=query.limit, cursor=query.cursor)
    return {"items": [_conv(c, unread) for c, unread in page.items], "next": page.next}


@bp.post("/conversations")
@endpoint("Write to a member (opens or reuses our conversation)", tags=["messages"],
          body=StartIn, response=MessageOut, status=201, errors=[403, 422])
def start(body: StartIn):
    """403 blocked when the recipient blocked me (nothing is stored)."""
    recipient = services.recipient_by_username(body.username)
    return services.start(current_user, recipient, body.body)


@bp.get("/conversations/<int:conversation_id>/messages")
@endpoint("Messages of one of my conversations, newest first", tags=["messages"],
          query=ListQuery, response=page_of(MessageOut), errors=[404])
def messages(conversation_id: int, query: ListQuery):
    conv = services.get_conversation(current_user, conversation_id)
    page = services.messages(conv, limit=query.limit, cursor=query.cursor)
    if not query.cursor:
        services.mark_read(current_user, conv)
    return page


@bp.post("/conversations/<int:conversation_id>/messages")
@endpoint("Send a message in one of my conversations", tags=["messages"], body=BodyIn,
          response=MessageOut, status=201, errors=[403, 404, 422])
def send(conversation_id: int, body: BodyIn):
    conv = services.get_conversation(current_user, conversation_id)
    return services.send(conv, current_user, body.body)
