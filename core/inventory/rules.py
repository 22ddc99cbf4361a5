"""Pure inventory rules: which nights a stay occupies and whether a change fits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

COUNTED = ("sold", "day_use", "blocked")


def stay_nights(arrival: date, departure: date) -> list[date]:
    """The nights of a stay: [arrival, departure). A day-use stay has none."""
    return [arrival + timedelta(days=i) for i in range((departure - arrival).days)]


def inventory_days(arrival: date, departure: date) -> list[date]:
    """The inventory rows a stay consumes: its nights, or for day use the day itself."""
    return stay_nights(arrival, departure) or [arrival]


def occupancy_range(arrival: date, departure: date) -> tuple[date, date]:
    """The half-open range a room is held for; a day-use stay holds the room for its day."""
    return (arrival, departure) if departure > arrival else (arrival, arrival + timedelta(days=1))


@dataclass(frozen=True)
class Delta:
    """A change of the counted columns of one (room type, night) row."""

    sold: int = 0
    day_use: int = 0
    blocked: int = 0

    def __add__(self, other: Delta) -> Delta:
        return Delta(self.sold + other.sold, self.day_use + other.day_use,
                     self.blocked + other.blocked)

    @property
    def consumption(self) -> int:
        """How many more sellable units this change uses (negative: frees units)."""
        return self.sold + self.day_use + self.blocked

    @property
    def is_zero(self) -> bool:
        return self.sold == 0 and self.day_use == 0 and self.blocked == 0


Key = tuple[uuid.UUID, date]


def stay_delta(room_type_id: uuid.UUID, arrival: date, departure: date,
               count: int = 1) -> dict[Key, Delta]:
    """The change that selling (count > 0) or releasing (count < 0) a stay makes."""
    if departure == arrival:
        return {(room_type_id, arrival): Delta(day_use=count)}
    return {(room_type_id, night): Delta(sold=count) for night in stay_nights(arrival, departure)}


def merge(*changes: dict[Key, Delta]) -> dict[Key, Delta]:
    """Sum changes so that taking new nights and releasing old ones is one locked write."""
    total: dict[Key, Delta] = {}
    for change in changes:
        for key, delta in change.items():
            total[key] = total.get(key, Delta()) + delta
    return {k: v for k, v in total.items() if not v.is_zero}


def short_nights(available: dict[Key, int], change: dict[Key, Delta]) -> list[Key]:
    """Rows the change would push below zero sellable units (only rows it takes from count:
    releasing rooms on an already oversold night must still succeed)."""
    return sorted(k for k, d in change.items()
                  if d.consumption > 0 and available.get(k, 0) - d.consumption < 0)
