"""Chat use cases: open, archive and list channels; post and read messages."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import and_, func, or_
from sqlmodel import col, select

from core.db.uow import UnitOfWork
from core.idempotency.services import idempotent
from core.messaging import rules
from core.messaging.errors import ChannelArchived, ChannelNameTaken, ChannelNotFound
from core.messaging.models import ChatChannel, ChatMessage
from core.messaging.schemas import ChannelCreate, ChannelPublic, MessageCreate, MessagePublic
from core.timeutil import utcnow

TOPIC = "chat"
PERMISSION = "chat.use"
MAX_PAGE = 200


def _channel(uow: UnitOfWork, channel_id: uuid.UUID) -> ChatChannel:
    row = uow.session.exec(select(ChatChannel).where(ChatChannel.id == channel_id)
                           .execution_options(populate_existing=True)).first()
    if row is None:
        raise ChannelNotFound("Channel not found.", fields={"channel_id": "no such channel"})
    return row


def create_channel(uow: UnitOfWork, data: ChannelCreate, *,
                   idempotency_key: str | None = None) -> ChannelPublic:
    uow.actor.require(PERMISSION)

    def run() -> ChannelPublic:
        name = rules.channel_name(data.name)
        # The unique index is the real guard; this gives the clear message in the common case.
        if uow.session.exec(select(ChatChannel.id).where(ChatChannel.name == name)).first():
            raise ChannelNameTaken(f"There is already a channel called {name}.",
                                   fields={"name": "already taken"})
        row = ChatChannel(name=name, topic=data.topic.strip()[:300],
                          created_by=uow.actor.name[:200])
        uow.session.add(row)
        uow.session.flush()
        uow.record_event(TOPIC, "channel.created", row.id, {"name": row.name})
        return ChannelPublic.of(row)

    return idempotent(uow, "chat.create_channel", idempotency_key, data, run, ChannelPublic)


def list_channels(uow: UnitOfWork, *, include_archived: bool = False) -> list[ChannelPublic]:
    uow.actor.require(PERMISSION)
    stmt = select(ChatChannel)
    if not include_archived:
        stmt = stmt.where(col(ChatChannel.archived_at).is_(None))
    return [ChannelPublic.of(r) for r in uow.session.exec(stmt.order_by(ChatChannel.name))]


def get_channel(uow: UnitOfWork, channel_id: uuid.UUID) -> ChannelPublic:
    uow.actor.require(PERMISSION)
    return ChannelPublic.of(_channel(uow, channel_id))


def set_channel_status(uow: UnitOfWork, channel_id: uuid.UUID, status: str) -> ChannelPublic:
    """Archive a channel (read-only from then on) or bring it back; repeating is harmless."""
    uow.actor.require(PERMISSION)
    rules.check_status(status)
    row = _channel(uow, channel_id)
    archived = status == "archived"
    if archived != (row.archived_at is not None):
        row.archived_at = utcnow() if archived else None
        uow.session.add(row)
        uow.session.flush()
        uow.record_event(TOPIC, f"channel.{'archived' if archived else 'restored'}", row.id,
                         {"name": row.name})
    return ChannelPublic.of(row)


def post_message(uow: UnitOfWork, channel_id: uuid.UUID, data: MessageCreate, *,
                 idempotency_key: str | None = None) -> MessagePublic:
    uow.actor.require(PERMISSION)

    def run() -> MessagePublic:
        channel = _channel(uow, channel_id)
        if channel.archived_at is not None:
            raise ChannelArchived(f"#{channel.name} is archived; messages cannot be posted.",
                                  fields={"channel_id": "archived"})
        row = ChatMessage(channel_id=channel.id, author_id=uow.actor.user_id,
                          author_name=(uow.actor.name or "Staff")[:200],
                          body=rules.message_body(data.body))
        uow.session.add(row)
        uow.session.flush()
        uow.record_event(TOPIC, "message.created", row.id, {
            "channel_id": channel.id, "author_name": row.author_name})
        return MessagePublic.model_validate(row)

    return idempotent(uow, "chat.post_message", idempotency_key,
                      {"channel_id": channel_id, **data.model_dump()}, run, MessagePublic)


def list_messages(uow: UnitOfWork, channel_id: uuid.UUID, *, before: uuid.UUID | None = None,
                  limit: int = 50) -> tuple[list[MessagePublic], int]:
    """The newest `limit` messages (older than message `before`), oldest first, and the total."""
    uow.actor.require(PERMISSION)
    _channel(uow, channel_id)
    stmt = select(ChatMessage).where(ChatMessage.channel_id == channel_id)
    total = uow.session.exec(select(func.count()).select_from(stmt.subquery())).one()
    if before is not None:
        anchor = uow.session.get(ChatMessage, before)
        if anchor is None or anchor.channel_id != channel_id:
            raise ChannelNotFound("That message is not in this channel.",
                                  fields={"before": "no such message here"},
                                  code="message_not_found")
        stmt = stmt.where(_older_than(anchor.created_at, anchor.id))
    rows = uow.session.exec(stmt.order_by(col(ChatMessage.created_at).desc(), col(ChatMessage.id).desc())
                            .limit(min(max(limit, 1), MAX_PAGE))).all()
    return [MessagePublic.model_validate(r) for r in reversed(rows)], total


def _older_than(created_at: datetime, message_id: uuid.UUID):
    return or_(col(ChatMessage.created_at) < created_at,
               and_(col(ChatMessage.created_at) == created_at, col(ChatMessage.id) < message_id))
