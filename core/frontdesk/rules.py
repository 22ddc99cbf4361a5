"""Pure rules of the front-desk screens: occupancy, and where a stay sits on the tape chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

TAPE_CHART_SPANS = (7, 14, 30)


def occupancy_percent(occupied: int, sellable: int) -> Decimal:
    """Occupied rooms over rooms that can be sold, one decimal; 0 when nothing can be sold."""
    if sellable <= 0:
        return Decimal("0.0")
    return (Decimal(occupied) * 100 / Decimal(sellable)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class BarPlacement:
    first_column: int  # 0-based day column where the bar starts on screen
    span: int  # number of day columns it covers
    starts_before: bool  # the stay began before the chart's first day
    ends_after: bool  # the stay goes on past the chart's last day


def place_bar(start: date, end: date, chart_start: date, days: int) -> BarPlacement | None:
    """Where a stay [start, end) shows on a chart of `days` columns from `chart_start`.

    A day-use stay (start == end) still takes its one column. None when it is off the chart.
    """
    chart_end = chart_start + timedelta(days=days)
    end = max(end, start + timedelta(days=1))
    if end <= chart_start or start >= chart_end:
        return None
    first = max(start, chart_start)
    last = min(end, chart_end)
    return BarPlacement((first - chart_start).days, (last - first).days,
                        start < chart_start, end > chart_end)


def check_span(days: int) -> int:
    """The tape chart shows one of a few fixed spans; anything else is refused by the caller."""
    return days if days in TAPE_CHART_SPANS else 14


def stay_over(arrival: date, departure: date, day: date) -> bool:
    """A guest who slept here last night and sleeps here again tonight."""
    return arrival < day < departure
