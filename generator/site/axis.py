"""Lay the chronology out on a time axis for the timeline page (HTML and CSS, no script).

Every item becomes a mark: a bar from its first to its last possible day, at
least a dot wide, in the first lane where neither the bar nor its label would
overlap an earlier mark. Positions are whole pixels on a track whose width
grows with the span (it scrolls inside its own box on a narrow screen).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Sequence

from ..content.dates import DAY, MONTH_NAMES, OPEN
from ..content.model import ChronoItem

MAX_TRACK = 1800          # px the whole span aims at
PX_PER_DAY = (1.5, 28.0)  # clamp: a long chronology still shows weeks, a short one is not a blur
MIN_BAR = 10              # px: a one-day event is a dot this wide
LABEL_CHAR, LABEL_PAD, LABEL_MAX = 7.5, 24, 280   # px: estimated label width, as the CSS caps it
GAP = 12                  # px between marks in one lane
MIN_MONTH_LABEL = 48      # px: below this, only years are labelled


@dataclass(frozen=True)
class Mark:
    item: ChronoItem
    left: int
    width: int
    lane: int
    vague: bool        # uncertain, approximate or less precise than a day: drawn dashed and faded
    open_start: bool   # no known start ('../2018-09-05'): the bar fades in from the start of the axis
    open_end: bool     # no known end ('2018-09-18/..'): the bar fades out towards the end of the axis


@dataclass(frozen=True)
class Tick:
    left: int
    label: str
    year_start: bool


@dataclass(frozen=True)
class Axis:
    width: int
    lanes: int
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]


def lay_out(items: Sequence[tuple[ChronoItem, datetime.date]]) -> Axis:
    """items: chronology items in order, each with the day it starts on the axis."""
    if not items:
        return Axis(0, 0, (), ())
    first = min(start for _, start in items).replace(day=1)
    last = max(_last_day(item, start) for item, start in items)
    axis_end = _next_month(last)
    scale = min(max(MAX_TRACK / (axis_end - first).days, PX_PER_DAY[0]), PX_PER_DAY[1])
    width = round((axis_end - first).days * scale)

    def x(day: datetime.date) -> int:
        return round((day - first).days * scale)

    lanes_end: list[int] = []
    marks = []
    for item, start in items:
        open_start = item.date.is_interval and item.date.text.startswith(OPEN)
        open_end = item.date.is_interval and item.date.upper is None
        left = 0 if open_start else x(start)
        right = width if open_end else x(_last_day(item, start) + datetime.timedelta(days=1))
        bar = max(right - left, MIN_BAR)
        label = min(round(len(item.title) * LABEL_CHAR) + LABEL_PAD, LABEL_MAX)
        lane = next((n for n, end in enumerate(lanes_end) if end + GAP <= left), len(lanes_end))
        if lane == len(lanes_end):
            lanes_end.append(0)
        lanes_end[lane] = left + max(bar, label)
        vague = item.date.uncertain or item.date.approximate or item.date.precision < DAY
        marks.append(Mark(item, left, bar, lane, vague, open_start, open_end))
    return Axis(width, len(lanes_end), tuple(marks), _ticks(first, axis_end, x, scale))


def _last_day(item: ChronoItem, start: datetime.date) -> datetime.date:
    return max(item.date.upper or start, start)


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _ticks(first: datetime.date, end: datetime.date, x, scale: float) -> tuple[Tick, ...]:
    months_labelled = 30 * scale >= MIN_MONTH_LABEL
    ticks = []
    month = first
    while month < end:
        year_start = month.month == 1 or month == first
        if months_labelled:
            label = f"{MONTH_NAMES[month.month - 1][:3]}{' ' + str(month.year) if year_start else ''}"
            ticks.append(Tick(x(month), label, year_start))
        elif year_start:
            ticks.append(Tick(x(month), str(month.year), True))
        month = _next_month(month)
    return tuple(ticks)
