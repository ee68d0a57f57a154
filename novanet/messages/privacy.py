"""Direct messages and blocks in the data download, and what happens when an account goes.

Conversations reference both members with ON DELETE CASCADE: a one-to-one conversation with a
deleted account disappears for the other member too. Deleting without keeping content also
removes, explicitly, every message the member sent.
"""

from sqlalchemy import delete, or_, select

from novanet.accounts.models import User
from novanet.accounts.privacy import register_eraser, register_exporter
from novanet.extensions import db
from novanet.messages.models import Block, Conversation, Message


def export_messages(user) -> list:
    convs = db.session.scalars(select(Conversation).where(or_(
        Conversation.user_low_id == user.id, Conversation.user_high_id == user.id))
        .order_by(Conversation.created_at))
    out = []
    for conv in convs:
        rows = db.session.scalars(select(Message).where(Message.conversation_id == conv.id)
                                  .order_by(Message.created_at, Message.id))
        out.append({"with": conv.other(user).username, "messages": [
            {"from_me": m.sender_id == user.id, "body": m.body, "sent_at": m.created_at}
            for m in rows]})
    return out


def export_blocks(user) -> list:
    return [{"username": u, "since": t} for u, t in db.session.execute(
        select(User.username, Block.created_at).join(Block, Block.blocked_id == User.id)
        .where(Block.blocker_id == user.id))]


def erase_messages(user, keep_content: bool) -> None:
    if not keep_content:
        db.session.execute(delete(Message).where(Message.sender_id == user.id))


register_exporter("direct_messages", export_messages)
register_exporter("blocked_members", export_blocks)
register_eraser(erase_messages)
