"""Direct messages: starting conversations, sending, reading, blocking.

A block works both ways for messaging: neither side can write to the other, and the one who
was blocked gets a clear error. Nothing is stored when a message is refused.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from novanet.accounts.models import User
from novanet.core import markup, signals
from novanet.core.db import utcnow
from novanet.core.errors import Forbidden, Invalid, NotFound
from novanet.core.pagination import Page, paginate
from novanet.extensions import db
from novanet.messages.models import Block, Conversation, Message, Participant

BODY_MAX = 5000


class Blocked(Forbidden):
    code = "blocked"
    default_message = _l("This member does not accept messages from you.")


def _clean_body(body) -> str:
    text = (body or "").strip() if isinstance(body, str) else ""
    if not text:
        raise Invalid(fields={"body": _l("Write a message.")})
    if len(text) > BODY_MAX:
        raise Invalid(fields={"body": _l("Use at most %(n)s characters.", n=BODY_MAX)})
    return text


def is_blocked(blocker: User, blocked: User) -> bool:
    return db.session.get(Block, (blocker.id, blocked.id)) is not None


def check_can_message(sender: User, recipient: User) -> None:
    if sender.id == recipient.id:
        raise Invalid(_l("You cannot send a message to yourself."),
                      fields={"username": _l("You cannot send a message to yourself.")},
                      code="self_message")
    if recipient.suspended_at is not None:
        raise NotFound()
    if is_blocked(recipient, sender):
        raise Blocked()
    if is_blocked(sender, recipient):
        raise Blocked(_l("You blocked this member. Unblock them to write again."))


def recipient_by_username(username: str) -> User:
    user = db.session.scalar(select(User).where(User.username == (username or "").strip().lower()))
    if user is None or user.suspended_at is not None:
        raise Invalid(fields={"username": _l("There is no member with that username.")})
    return user


def _pair(a: User, b: User) -> tuple[int, int]:
    return (a.id, b.id) if a.id < b.id else (b.id, a.id)


def find_conversation(a: User, b: User) -> Conversation | None:
    low, high = _pair(a, b)
    return db.session.scalar(select(Conversation).where(Conversation.user_low_id == low,
                                                        Conversation.user_high_id == high))


def _conversation_for(sender: User, recipient: User) -> Conversation:
    found = find_conversation(sender, recipient)
    if found is not None:
        return found
    low, high = _pair(sender, recipient)
    conv = Conversation(user_low_id=low, user_high_id=high)
    db.session.add(conv)
    try:
        db.session.flush()
    except IntegrityError:  # both wrote first at the same moment: use the other row
        db.session.rollback()
        return find_conversation(sender, recipient)
    db.session.add_all([Participant(conversation_id=conv.id, user_id=low),
                        Participant(conversation_id=conv.id, user_id=high)])
    return conv


def start(sender: User, recipient: User, body: str) -> Message:
    """Send to a member, opening the conversation if needed."""
    text = _clean_body(body)
    check_can_message(sender, recipient)
    conv = _conversation_for(sender, recipient)
    return _store(conv, sender, recipient, text)


def send(conv: Conversation, sender: User, body: str) -> Message:
    if not conv.includes(sender):
        raise NotFound()
    text = _clean_body(body)
    recipient = conv.other(sender)
    check_can_message(sender, recipient)
    return _store(conv, sender, recipient, text)


def _store(conv: Conversation, sender: User, recipient: User, text: str) -> Message:
    now = utcnow()
    msg = Message(conversation_id=conv.id, sender_id=sender.id, body=text,
                  body_html=markup.render(text), created_at=now)
    db.session.add(msg)
    conv.last_message_at = now
    db.session.execute(update(Participant).where(
        Participant.conversation_id == conv.id, Participant.user_id == recipient.id)
        .values(unread=Participant.unread + 1))
    db.session.execute(update(Participant).where(
        Participant.conversation_id == conv.id, Participant.user_id == sender.id)
        .values(unread=0, last_read_at=now))
    db.session.commit()
    signals.message_sent.send("messages", message=msg, conversation=conv, recipient=recipient)
    return msg


def get_conversation(user: User, conversation_id: int) -> Conversation:
    """404 unless the member takes part in it."""
    conv = db.session.get(Conversation, conversation_id)
    if conv is None or not conv.includes(user):
        raise NotFound()
    return conv


def mark_read(user: User, conv: Conversation) -> None:
    db.session.execute(update(Participant).where(
        Participant.conversation_id == conv.id, Participant.user_id == user.id,
        Participant.unread > 0).values(unread=0, last_read_at=utcnow()))
    db.session.commit()


def unread_total_sql(user_id):
    return (select(func.coalesce(func.sum(Participant.unread), 0))
            .where(Participant.user_id == user_id).scalar_subquery())


def unread_total(user: User) -> int:
    return db.session.scalar(select(unread_total_sql(user.id))) or 0


def conversations(user: User, *, limit: int = 20, cursor: str | None = None) -> Page:
    """My conversations, latest message first; rows are (Conversation, unread)."""
    stmt = (select(Conversation, Participant.unread)
            .join(Participant, and_(Participant.conversation_id == Conversation.id,
                                    Participant.user_id == user.id)))
    return paginate(stmt, [Conversation.last_message_at, Conversation.id], session=db.session,
                    limit=limit, cursor=cursor, scalars=False)


def messages(conv: Conversation, *, limit: int = 50, cursor: str | None = None) -> Page:
    """Newest first (pages go back in time)."""
    stmt = select(Message).where(Message.conversation_id == conv.id)
    return paginate(stmt, [Message.created_at, Message.id], session=db.session, limit=limit,
                    cursor=cursor)


def block(blocker: User, blocked: User) -> None:
    if blocker.id == blocked.id:
        raise Invalid(_l("You cannot block yourself."),
                      fields={"username": _l("You cannot block yourself.")})
    if is_blocked(blocker, blocked):
        return
    db.session.add(Block(blocker_id=blocker.id, blocked_id=blocked.id))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()


def unblock(blocker: User, blocked: User) -> None:
    db.session.execute(delete(Block).where(Block.blocker_id == blocker.id,
                                           Block.blocked_id == blocked.id))
    db.session.commit()


def blocked_members(user: User) -> list[User]:
    return list(db.session.scalars(select(User).join(Block, Block.blocked_id == User.id)
                                   .where(Block.blocker_id == user.id)
                                   .order_by(User.display_name)))


def involving(user: User):
    return or_(Conversation.user_low_id == user.id, Conversation.user_high_id == user.id)
