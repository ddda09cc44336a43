"""Lay the chronology out on a time axis for the timeline page (HTML and CSS; no script needed).

Positions are fractions of the whole span, so the page draws the axis as wide
as the screen, whatever that is, and zooming only widens the track. What
depends on the width is decided here once and named in classes the CSS shows
or hides with container queries on the track's width (``WIDTHS``):

- Each mark is a bar from its first to its last possible day, at least a dot
  wide, in a lane. Lanes are filled as if the track were ``NOMINAL`` px wide,
  leaving each mark room for a label; major meetings take the top lanes. A
  label may use the room up to the next mark in its lane; where that room is
  too narrow to read (below ``MIN_LABEL`` px at the track's width) the label
  is hidden, and a cut or hidden label shows in full on hover and focus.
- Ticks come in levels (years every ten, five or one, quarters, months,
  weeks, days): each is labelled from the narrowest track width at which its
  label fits before the next labelled tick and inside the track.
- Phases (site.yaml) are bands behind the marks.
"""
from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass
from typing import Iterator, Sequence

from ..content.dates import DAY, MONTH_NAMES, OPEN, day_after
from ..content.model import ChronoItem
from ..content.phases import Phase

NOMINAL = 1100             # px: the track width lanes are filled for (a desktop window)
WIDTHS = (240, 360, 480, 720, 960, 1440, 1920, 2880, 3840, 5760, 7680, 11520, 15360)  # px: the CSS's breakpoints
NEVER = 2 * WIDTHS[-1]     # the 'width' of a label that shows at none: hidden at every width but on hover and focus
MIN_BAR = 8 / NOMINAL      # a one-day event is a dot this wide
LABEL_CHAR, LABEL_PAD, LABEL_ROOM = 7.2, 16, 150   # px: estimated label width, and the most a lane keeps free for one
MIN_LABEL = 72             # px: a narrower label is hidden rather than cut to a letter or two
MAX_LANES = 40             # past this many lanes, a mark shares the lane that frees up first
TICK_CHAR, TICK_GAP = 6.8, 10  # px: estimated tick-label width per character, and the space before the next label


@dataclass(frozen=True)
class Mark:
    item: ChronoItem
    left: float        # fraction of the span where the bar starts
    bar: float         # fraction of the span the bar covers
    room: float        # fraction of the span free for the mark: up to the next mark in its lane, or the end
    lane: int
    label_from: int    # the narrowest track width (px, one of WIDTHS) at which the label shows; 0: always
    major: bool
    vague: bool        # uncertain, approximate or less precise than a day: drawn dashed and faded
    open_start: bool   # no known start ('../2018-09-05'): the bar fades in from the start of the axis
    open_end: bool     # no known end ('2018-09-18/..'): the bar fades out towards the end of the axis

    @property
    def bar_share(self) -> float:
        """The bar's width as a share of the mark's own box (which spans its room)."""
        return min(self.bar / self.room, 1.0) if self.room > 0 else 1.0

    @property
    def at_end(self) -> bool:
        """In the right half: its full label opens leftwards, so it stays on the track."""
        return self.left > 0.5


@dataclass(frozen=True)
class Tick:
    left: float
    label: str
    year: bool         # a year's first day (or the axis's start): drawn stronger
    label_from: int    # the narrowest track width (px) at which it shows


@dataclass(frozen=True)
class Band:
    phase: Phase
    left: float
    width: float
    label_from: int


@dataclass(frozen=True)
class Axis:
    first: datetime.date | None
    end: datetime.date | None          # the day after the axis ends
    lanes: int
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    bands: tuple[Band, ...]


def lay_out(items: Sequence[tuple[ChronoItem, datetime.date, bool]], phases: Sequence[Phase] = ()) -> Axis:
    """items: chronology items in order, each with the day it starts on the axis and whether it is major."""
    if not items:
        return Axis(None, None, 0, (), (), ())
    first = min(start for _, start, _ in items).replace(day=1)
    axis_end = _next_month(max(_last_day(item, start) for item, start, _ in items))
    span = (axis_end - first).days

    def x(day: datetime.date) -> float:
        return (day - first).days / span

    placed = []
    for item, start, major in items:
        open_start = item.date.is_interval and item.date.text.startswith(OPEN)
        open_end = item.date.is_interval and item.date.upper is None
        left = 0.0 if open_start else x(start)
        right = 1.0 if open_end else x(day_after(_last_day(item, start)))
        placed.append((item, left, max(right - left, MIN_BAR), major, open_start, open_end))
    lanes = _lanes([(left, max(bar, _label_px(item) / NOMINAL), major) for item, left, bar, major, _, _ in placed])
    rooms = _rooms([(lane, left) for lane, (_, left, *_) in zip(lanes, placed)])
    marks = tuple(
        Mark(item, left, bar, room, lane, _from_width(room, MIN_LABEL), major,
             item.date.uncertain or item.date.approximate or item.date.precision < DAY, open_start, open_end)
        for (item, left, bar, major, open_start, open_end), lane, room in zip(placed, lanes, rooms))
    bands = tuple(_bands(phases, first, axis_end, x))
    return Axis(first, axis_end, max(lanes) + 1, marks, _ticks(first, axis_end, x), bands)


def _label_px(item: ChronoItem) -> float:
    return min(len(item.title) * LABEL_CHAR + LABEL_PAD, LABEL_ROOM)


def _lanes(footprints: list[tuple[float, float, bool]]) -> list[int]:
    """First-fit lanes for (left, width, major) spans, majors first so they take the top lanes."""
    taken: list[list[tuple[float, float]]] = []       # per lane: sorted (left, right) spans
    lanes = [0] * len(footprints)
    gap = 4 / NOMINAL
    for index in sorted(range(len(footprints)), key=lambda i: not footprints[i][2]):
        left, width, _ = footprints[index]
        right = left + width + gap
        lane = next((n for n, spans in enumerate(taken) if _free(spans, left, right)), None)
        if lane is None and len(taken) < MAX_LANES:
            taken.append([])
            lane = len(taken) - 1
        elif lane is None:   # every lane is busy here: the one whose marks end soonest before this one
            lane = min(range(len(taken)), key=lambda n: max((r for l, r in taken[n] if l <= left), default=0.0))
        bisect.insort(taken[lane], (left, right))
        lanes[index] = lane
    return lanes


def _free(spans: list[tuple[float, float]], left: float, right: float) -> bool:
    at = bisect.bisect_left(spans, (left, right))
    before = spans[at - 1] if at else None
    after = spans[at] if at < len(spans) else None
    return (before is None or before[1] <= left) and (after is None or right <= after[0])


def _rooms(marks: list[tuple[int, float]]) -> list[float]:
    """How far each mark may reach: to the next mark in its lane (none, if both start together), or to the end."""
    by_lane: dict[int, list[tuple[float, int]]] = {}
    for index, (lane, left) in enumerate(marks):
        by_lane.setdefault(lane, []).append((left, index))
    rooms = [0.0] * len(marks)
    for in_lane in by_lane.values():
        in_lane.sort()
        for (left, index), (following, _) in zip(in_lane, in_lane[1:] + [(1.0, -1)]):
            rooms[index] = following - left
    return rooms


def _from_width(fraction: float, px: float) -> int:
    """The narrowest of WIDTHS at which fraction of the track is at least px wide; 0 if even the narrowest is."""
    for width in WIDTHS:
        if fraction * width >= px:
            return 0 if width == WIDTHS[0] else width
    return NEVER


def _bands(phases: Sequence[Phase], first: datetime.date, end: datetime.date, x) -> Iterator[Band]:
    for phase in phases:
        start = max(phase.first_day, first)
        stop = min(day_after(phase.last_day) if phase.last_day else end, end)
        if start < stop:
            width = x(stop) - x(start)
            yield Band(phase, x(start), width, _from_width(width, MIN_LABEL))


# -- ticks ----------------------------------------------------------------------------

def _candidates(first: datetime.date, end: datetime.date) -> Iterator[tuple[int, datetime.date, str, bool]]:
    """(importance, day, label, is a year's start) of every tick that may be drawn; lower is more important."""
    span = (end - first).days
    if first.month != 1 or first.day != 1:
        yield 0, first, f"{MONTH_NAMES[first.month - 1][:3]} {first.year}", True
    year = first.year if (first.month, first.day) == (1, 1) else first.year + 1
    while year <= datetime.MAXYEAR and datetime.date(year, 1, 1) < end:
        yield (1 if year % 10 == 0 else 2 if year % 5 == 0 else 3), datetime.date(year, 1, 1), str(year), True
        year += 1
    if span <= 366 * 30:
        month = _next_month(first)
        while month < end:
            if month.month != 1:
                yield (4 if month.month in (4, 7, 10) else 5), month, MONTH_NAMES[month.month - 1][:3], False
            month = _next_month(month)
    if span <= 200:
        day = first
        while day < end:
            if day.day != 1:
                yield (6 if day.day in (8, 15, 22) else 7), day, str(day.day), False
            day += datetime.timedelta(days=1)


def _ticks(first: datetime.date, end: datetime.date, x) -> tuple[Tick, ...]:
    """Every candidate tick that gets a label at some width, with the narrowest width it needs.

    The axis's own start ('Aug 2018') is always labelled. The other ticks come
    in levels of importance, and a level shows whole or not at all, so that
    ticks are evenly spaced: at each width, levels are added, most important
    first, while every label of the level fits before the next tick shown.
    A tick whose label would run off the end of the track, or that falls under
    the start's label, is left out of its level at that width.
    """
    levels: dict[int, list[tuple[datetime.date, str, bool]]] = {}
    for level, day, label, year in _candidates(first, end):
        levels.setdefault(level, []).append((day, label, year))
    shown: dict[datetime.date, int] = {day: 0 for day, _, _ in levels.get(0, ())}
    start = max((_tick_px(len(label)) for _, label, _ in levels.get(0, ())), default=0.0)
    for width in WIDTHS:
        for level in sorted(levels):
            ticks = [(day, label, year) for day, label, year in levels[level]
                     if start / width <= x(day) and x(day) + _tick_px(len(label)) / width <= 1 or day in shown]
            if all(day in shown for day, _, _ in ticks):
                continue
            trial = sorted({**{day: len(label) for day, label, _ in ticks},
                            **{day: length for day, length in _labelled(levels, shown)}}.items())
            if not _fits([(x(day), length) for day, length in trial], width):
                break
            for day, _, _ in ticks:
                shown.setdefault(day, 0 if width == WIDTHS[0] else width)
    return tuple(Tick(x(day), label, year, shown[day])
                 for day, label, year in sorted(t for ticks in levels.values() for t in ticks) if day in shown)


def _labelled(levels: dict[int, list[tuple[datetime.date, str, bool]]], shown: dict[datetime.date, int]):
    return [(day, len(label)) for ticks in levels.values() for day, label, _ in ticks if day in shown]


def _fits(ticks: list[tuple[float, int]], width: int) -> bool:
    """Whether each label, in position order, ends before the next tick and inside the track."""
    ends = [left for left, _ in ticks[1:]] + [1.0]
    return all(left + _tick_px(length) / width <= end for (left, length), end in zip(ticks, ends))


def _tick_px(chars: int) -> float:
    return chars * TICK_CHAR + TICK_GAP


def _last_day(item: ChronoItem, start: datetime.date) -> datetime.date:
    return max(item.date.upper or start, start)


def _next_month(day: datetime.date) -> datetime.date:
    """The first day of the next month; in December 9999, the calendar's last day."""
    if day.year == datetime.MAXYEAR and day.month == 12:
        return datetime.date.max
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
