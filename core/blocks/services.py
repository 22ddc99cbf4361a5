"""Block use cases: create, pick up, wash, release; every one keeps inventory exact."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlmodel import col, select

from core.blocks.errors import BlockClosed, BlockFull, BlockNotFound, InvalidBlock
from core.blocks.models import Block, BlockNight, BlockStatus
from core.blocks.schemas import BlockCreate, BlockNightPublic, BlockPublic
from core.db.uow import UnitOfWork
from core.idempotency.services import idempotent
from core.inventory.rules import Delta, Key, stay_nights
from core.inventory.services import apply_change
from core.timeutil import utcnow


def get_block(uow: UnitOfWork, block_id: uuid.UUID) -> Block:
    block = uow.session.get(Block, block_id)
    if block is None:
        raise BlockNotFound("Block not found.", fields={"block_id": "no such block"})
    return block


def _lock_block_nights(uow: UnitOfWork, block_id: uuid.UUID) -> dict[Key, BlockNight]:
    stmt = (select(BlockNight).where(BlockNight.block_id == block_id)
            .order_by(col(BlockNight.room_type_id), col(BlockNight.night))
            .execution_options(populate_existing=True))
    if uow.dialect == "postgresql":
        stmt = stmt.with_for_update()
    return {(n.room_type_id, n.night): n for n in uow.session.exec(stmt).all()}


def to_public(uow: UnitOfWork, block: Block) -> BlockPublic:
    nights = uow.session.exec(select(BlockNight).where(BlockNight.block_id == block.id)
                              .order_by(col(BlockNight.room_type_id), col(BlockNight.night))).all()
    return BlockPublic(id=block.id, code=block.code, name=block.name,
                       release_date=block.release_date, status=block.status,
                       rate_plan_id=block.rate_plan_id,
                       nights=[BlockNightPublic.model_validate(n) for n in nights])


def _validate(data: BlockCreate) -> dict[Key, int]:
    errors: dict[str, str] = {}
    if not data.code.strip() or len(data.code.strip()) > 20:
        errors["code"] = "must be 1 to 20 characters"
    if not data.name.strip():
        errors["name"] = "is required"
    if not data.rooms:
        errors["rooms"] = "at least one room type and night range is required"
    held: dict[Key, int] = {}
    for i, rooms in enumerate(data.rooms):
        if rooms.end <= rooms.start:
            errors[f"rooms.{i}.end"] = "must be after start"
        if rooms.count < 1:
            errors[f"rooms.{i}.count"] = "must be at least 1"
        for night in stay_nights(rooms.start, rooms.end):
            held[(rooms.room_type_id, night)] = held.get((rooms.room_type_id, night), 0) \
                + rooms.count
    if held and data.release_date > min(n for _, n in held):
        errors["release_date"] = "must be on or before the first night of the block"
    if errors:
        raise InvalidBlock("The block is invalid: " + "; ".join(f"{k} {v}" for k, v in
                                                                 errors.items()) + ".",
                           fields=errors)
    return held


def create_block(uow: UnitOfWork, data: BlockCreate, *,
                 idempotency_key: str | None = None) -> BlockPublic:
    """Hold rooms for a group: taken from general inventory now, all nights or none."""
    uow.actor.require("blocks.manage")

    def run() -> BlockPublic:
        held = _validate(data)
        code = data.code.strip().upper()
        if uow.session.exec(select(Block).where(Block.code == code)).first() is not None:
            raise InvalidBlock(f"A block with code {code} already exists.",
                               fields={"code": "already used"}, code="block_code_taken")
        block = Block(code=code, name=data.name.strip(), release_date=data.release_date,
                      rate_plan_id=data.rate_plan_id, contact_name=data.contact_name,
                      contact_email=data.contact_email)
        uow.session.add(block)
        uow.session.flush()
        apply_change(uow, {k: Delta(blocked=n) for k, n in held.items()}, what="rooms to block")
        for (rt, night), n in held.items():
            uow.session.add(BlockNight(block_id=block.id, room_type_id=rt, night=night, held=n))
        uow.session.flush()
        uow.record_event("blocks", "block.created", block.id, {"code": code})
        return to_public(uow, block)

    return idempotent(uow, "blocks.create", idempotency_key, data, run, BlockPublic)


def pickup_change(uow: UnitOfWork, block_id: uuid.UUID, room_type_id: uuid.UUID,
                  arrival: date, departure: date, count: int) -> dict[Key, Delta]:
    """Book (count > 0) or give back (count < 0) block rooms for a stay.

    Updates the block's pickup and returns the inventory change the caller merges into its one
    locked write: a picked-up room moves from `blocked` to `sold`, so availability is unchanged.
    A room given back after the block was released goes to general inventory instead.
    """
    block = get_block(uow, block_id)
    nights = stay_nights(arrival, departure)
    if not nights:
        raise InvalidBlock("Day-use stays cannot be booked against a block.",
                           fields={"departure": "must be after arrival"})
    rows = _lock_block_nights(uow, block_id)
    if count > 0 and block.status != BlockStatus.open.value:
        raise BlockClosed(f"Block {block.code} is {block.status}; book from general inventory.",
                          fields={"block_id": block.status})
    change: dict[Key, Delta] = {}
    for night in nights:
        row = rows.get((room_type_id, night))
        if count > 0 and (row is None or row.held - row.picked_up < count):
            raise BlockFull(f"Block {block.code} has no room of this type left on "
                            f"{night.isoformat()}.", fields={"arrival": "block full"})
        if row is None:  # giving back a night outside the block: a plain sale
            continue
        give_back = max(count, -row.picked_up)
        row.picked_up += give_back
        uow.session.add(row)
        if block.status == BlockStatus.open.value:
            change[(room_type_id, night)] = Delta(blocked=-give_back)
    uow.session.flush()
    return change


def _shrink(uow: UnitOfWork, block: Block, targets: dict[Key, int]) -> int:
    """Reduce `held` to the targets (never below pickup); returns rooms returned to inventory."""
    rows = _lock_block_nights(uow, block.id)
    change: dict[Key, Delta] = {}
    for key, target in targets.items():
        row = rows.get(key)
        if row is None:
            continue
        new_held = max(target, row.picked_up)
        if new_held < row.held:
            change[key] = Delta(blocked=new_held - row.held)
            row.held = new_held
            uow.session.add(row)
    uow.session.flush()
    apply_change(uow, change)
    _offer_returned(uow, set(change))
    return -sum(d.blocked for d in change.values())


def _offer_returned(uow: UnitOfWork, keys: set[Key]) -> None:
    """Rooms came back to general inventory: guests waiting for those nights get an offer."""
    from core.reservations.waitlist import offer_waitlist

    by_type: dict[uuid.UUID, list[date]] = {}
    for rt, night in keys:
        by_type.setdefault(rt, []).append(night)
    for rt, nights in by_type.items():
        offer_waitlist(uow, rt, min(nights), max(nights) + timedelta(days=1))


def wash_block(uow: UnitOfWork, block_id: uuid.UUID, *, percent: int | None = None,
               room_type_id: uuid.UUID | None = None, expected: dict[date, int] | None = None,
               idempotency_key: str | None = None) -> BlockPublic:
    """Reduce a block to its expected pickup: by a percentage of held rooms, or to given counts
    per night for a room type. Never below rooms already picked up."""
    uow.actor.require("blocks.manage")
    return idempotent(uow, "blocks.wash", idempotency_key,
                      {"block_id": block_id, "percent": percent, "room_type_id": room_type_id,
                       "expected": expected},
                      lambda: _wash(uow, block_id, percent, room_type_id, expected), BlockPublic)


def _wash(uow: UnitOfWork, block_id: uuid.UUID, percent: int | None,
          room_type_id: uuid.UUID | None, expected: dict[date, int] | None) -> BlockPublic:
    block = get_block(uow, block_id)
    if block.status != BlockStatus.open.value:
        raise BlockClosed(f"Block {block.code} is {block.status}.", fields={"block_id": "closed"})
    if (percent is None) == (expected is None):
        raise InvalidBlock("Give either a percentage or expected counts.",
                           fields={"percent": "give a percentage or expected counts"})
    rows = _lock_block_nights(uow, block_id)
    if percent is not None:
        if not 0 < percent <= 100:
            raise InvalidBlock("The wash percentage must be 1 to 100.",
                               fields={"percent": "must be 1 to 100"})
        targets = {k: r.held - (r.held * percent) // 100 for k, r in rows.items()}
    else:
        if room_type_id is None or any(v < 0 for v in (expected or {}).values()):
            raise InvalidBlock("Expected counts need a room type and must not be negative.",
                               fields={"expected": "needs room_type_id, counts >= 0"})
        targets = {(room_type_id, n): v for n, v in (expected or {}).items()}
    returned = _shrink(uow, block, targets)
    uow.record_event("blocks", "block.washed", block.id, {"code": block.code,
                                                           "rooms_returned": returned})
    return to_public(uow, block)


def release_block(uow: UnitOfWork, block_id: uuid.UUID) -> BlockPublic:
    """Return every unpicked room to general inventory; the block stays for its pickups."""
    uow.actor.require("blocks.manage")
    block = get_block(uow, block_id)
    if block.status != BlockStatus.open.value:
        return to_public(uow, block)  # releasing twice is a no-op (the job may run twice)
    rows = _lock_block_nights(uow, block_id)
    returned = _shrink(uow, block, {k: 0 for k in rows})
    block.status = BlockStatus.released.value
    block.released_at = utcnow()
    uow.session.add(block)
    uow.record_event("blocks", "block.released", block.id, {"code": block.code,
                                                             "rooms_returned": returned})
    return to_public(uow, block)


def release_due_blocks(uow: UnitOfWork, today: date) -> list[uuid.UUID]:
    """The daily job: release every open block whose release date has come."""
    due = uow.session.exec(select(Block.id).where(Block.status == BlockStatus.open.value,
                                                  Block.release_date <= today)).all()
    for block_id in due:
        release_block(uow, block_id)
    return list(due)


def pick_up(uow: UnitOfWork, block_id: uuid.UUID, data, *, idempotency_key: str | None = None):
    """Book reservations against a block (a booking whose rooms come out of the block)."""
    from core.reservations.services import create_booking

    return create_booking(uow, data.model_copy(update={"block_id": block_id}),
                          idempotency_key=idempotency_key)
