"""Shapes of the front-desk screens (what the PMS pages and the API show)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from core.frontdesk.rows import DeskRow
from core.reservations.lists import ReservationListItem


class TodayCounts(BaseModel):
    arrivals: int
    departures: int
    in_house: int
    stay_overs: int
    no_shows: int
    rooms: int
    out_of_order: int
    occupied: int
    occupancy_percent: Decimal
    room_status: dict[str, int]  # clean/dirty/inspected... from housekeeping, when installed


@dataclass
class TodayBoard:
    day: date
    counts: TodayCounts
    arrivals: list[DeskRow]
    departures: list[DeskRow]
    in_house: list[DeskRow]
    stay_overs: list[DeskRow]
    no_shows: list[DeskRow]


class HistoryEntry(BaseModel):
    at: datetime
    type: str
    detail: str


class ReservationDetail(BaseModel):
    reservation: ReservationListItem
    guest: dict[str, Any]
    room_type_name: str
    rate_plan_name: str
    nights: list[dict[str, Any]]
    rooms: list[dict[str, Any]]  # legs: room number, from, to
    booking_notes: str
    source: str | None
    other_rooms: list[ReservationListItem]  # the rest of a multi-room booking
    balance: Decimal | None  # None: folio not visible to this user
    cancellation_fee_now: Decimal
    # What cancelling now does to the card: "Card hold of 200.00 EUR released." ("" if nothing)
    cancellation_card_now: str = ""
    history: list[HistoryEntry]


class SearchHit(BaseModel):
    kind: str  # "reservation" | "room"
    id: uuid.UUID
    title: str
    detail: str


@dataclass
class ChartBar:
    room_stay_id: uuid.UUID
    reservation_id: uuid.UUID | None
    kind: str
    label: str
    status: str  # reservation status, or "out_of_order"
    first_column: int
    span: int
    start_date: date
    end_date: date


@dataclass
class ChartRow:
    room_id: uuid.UUID
    number: str
    room_type: str
    room_status: str
    bars: list[ChartBar]


@dataclass
class TapeChart:
    start: date
    days: list[date]
    rows: list[ChartRow]
    unassigned: list[DeskRow]
