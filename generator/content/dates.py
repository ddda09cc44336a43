"""EDTF dates (levels 0 and 1): parsing, sort keys and the way pages show them.

Readings chosen where EDTF leaves room:

- Seasons are northern-hemisphere meteorological seasons: spring (21) is March-May,
  summer (22) June-August, autumn (23) September-November, and winter (24) runs from
  December of its year to the end of February of the next.
- Unspecified digits widen the range and lower the precision. ``2018-09-XX`` reads and
  shows as September 2018; ``2018-XX`` and ``2018-XX-XX`` as 2018; ``201X`` as the 2010s
  (precision DECADE); ``20XX`` as 2000-2099 (precision CENTURY).
- ``~`` and ``?`` do not widen the bounds: ``2018-08-31~`` starts on 31 August 2018.
- An unknown end (``2018-09-18/``) lasted at least through its start, so ``upper`` is the
  start's last day; an open end (``2018-09-18/..``) has no upper bound, and an open start
  (``../2018-09-20``) contains every day up to its end.
- When either end of an interval is qualified, both ends are shown in full so that ``c.``
  or ``?`` visibly belongs to one end: ``c. 18 September 2018 – 20 September 2018``.

Names of months and seasons are English literals, never taken from the locale.
"""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Union

__all__ = [
    "CENTURY", "DAY", "DECADE", "MONTH", "YEAR",
    "Edtf", "EdtfError", "day_after", "display_day", "parse_edtf", "parse_published",
]

DAY, MONTH, YEAR, DECADE, CENTURY = 3, 2, 1, 0, -1

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
SEASONS = {21: ("Spring", 3), 22: ("Summer", 6), 23: ("Autumn", 9), 24: ("Winter", 12)}
FORMS = "2018-09, 2018-09-05, 2018-09-18/2018-09-20, 2018-09?, 2018-08~ or 2018-09-18/.."
YEARS = "years run from 0001 to 9999"

_DATE = re.compile(
    r"(?P<year>\d{4}|\d{3}X|\d{2}XX)(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?(?P<q>[?~%])?"
)
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(T|\s+)\d{1,2}:")
_SLASHED_DAY = re.compile(r"(\d{1,2}/){1,2}\d{4}|\d{4}(/\d{1,2}){1,2}")
_PUBLISHED = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?"
)


class EdtfError(ValueError):
    """A date that cannot be read; the message says what is wrong and what is allowed."""


class _Point(NamedTuple):
    """One date of an EDTF expression, with what display needs."""

    lower: datetime.date
    upper: datetime.date
    precision: int
    kind: str  # day, month, season, year, decade or century
    label: str  # '5 September 2018', without qualifiers
    uncertain: bool
    approximate: bool


OPEN, UNKNOWN = "..", ""  # interval ends that are not dates
_End = Union[_Point, str]


@dataclass(frozen=True)
class Edtf:
    """A parsed EDTF date or interval. Build it with :func:`parse_edtf`."""

    text: str
    lower: datetime.date
    upper: datetime.date | None
    precision: int
    uncertain: bool
    approximate: bool
    is_interval: bool

    def sort_key(self) -> tuple:
        """Earliest day first, then the more precise first: a day before its month."""
        return (self.lower, -self.precision)

    def display(self) -> str:
        return _display(*_parts(self.text))

    def iso_start(self) -> str:
        return self.lower.isoformat()

    def iso_end(self) -> str | None:
        return None if self.upper is None else self.upper.isoformat()

    def contains_day(self, day: datetime.date) -> bool:
        """Whether the date may include ``day``; an open ('..') end is unbounded on its side."""
        start, _ = _parts(self.text)
        if start != OPEN and day < self.lower:
            return False
        return self.upper is None or day <= self.upper

    @property
    def is_day_precise(self) -> bool:
        ends = [p for p in _parts(self.text) if p is not None]
        return all(isinstance(p, _Point) and p.precision == DAY for p in ends)


def parse_edtf(text: str) -> Edtf:
    """Read an EDTF level 0 or 1 date or interval; raise EdtfError if it is not one."""
    if not isinstance(text, str):
        raise TypeError(f"parse_edtf takes text, not {type(text).__name__}")
    text = text.strip()
    start, end = _parts(text)
    if end is None:
        return Edtf(text, start.lower, start.upper, start.precision,
                    start.uncertain, start.approximate, is_interval=False)
    points = [p for p in (start, end) if isinstance(p, _Point)]
    first = points[0]
    if isinstance(end, _Point):
        upper = end.upper
    else:
        upper = None if end == OPEN else start.upper
    return Edtf(text, first.lower, upper, first.precision,
                any(p.uncertain for p in points), any(p.approximate for p in points),
                is_interval=True)


def display_day(day: datetime.date) -> str:
    """'5 September 2018': no leading zeros, English month names whatever the locale."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def day_after(day: datetime.date) -> datetime.date:
    """The next day; the last day of the calendar (31 December 9999) is its own "next day".

    Years run to 9999, so an end written as ``9999`` or ``9999-12-31`` must
    not overflow where an exclusive end (the axis, a calendar's DTEND) is needed.
    """
    return day if day == datetime.date.max else day + datetime.timedelta(days=1)


def parse_published(text: str) -> datetime.datetime | datetime.date:
    """Read an article's ISO 8601 date (2018-09-06) or date-time (2018-09-06T15:18:00+09:00).

    A date-time without an offset comes back naive; 'Z' means UTC.
    """
    text = text.strip()
    m = _PUBLISHED.fullmatch(text)
    if not m:
        raise EdtfError(
            f"'{text}' is not an ISO 8601 date or date-time; write 2018-09-06, "
            "2018-09-06T15:18:00+09:00 or 2018-09-06T06:18:00Z"
        )
    year, month, day, hour, minute, second, off_h, off_m = m.groups()
    date = _valid_day(text, int(year), int(month), int(day))
    if hour is None:
        return date
    if int(hour) > 23 or int(minute) > 59 or int(second or 0) > 59:
        raise EdtfError(f"'{text}' is not a valid time: hours run from 00 to 23, "
                        "minutes and seconds from 00 to 59")
    if off_h is not None and (int(off_h) > 23 or int(off_m) > 59):
        raise EdtfError(f"'{text}' has an impossible time-zone offset: "
                        "offsets run from -23:59 to +23:59")
    return datetime.datetime.fromisoformat(text)


@lru_cache(maxsize=4096)
def _parts(text: str) -> tuple[_End, _End | None]:
    """(start, end) of a stripped EDTF text; end is None for a single date."""
    if not text:
        raise EdtfError(f"the date is empty; write {FORMS}")
    if _DATE_TIME.match(text):
        raise EdtfError(
            f"'{text}' is a date and time; event dates take no time of day, so write "
            "the day alone (2018-09-06) or an interval of days (2018-09-18/2018-09-20)"
        )
    if _SLASHED_DAY.fullmatch(text):
        raise EdtfError(
            f"'{text}' is not an EDTF date: year, month and day are separated by hyphens "
            f"(2018-09-05) and a slash only separates the two ends of an interval; write {FORMS}"
        )
    if re.search(r"\s", text) and not any(c.isalpha() for c in text):
        raise EdtfError(_not_edtf(text, "spaces are not allowed inside a date or interval"))
    if "/" not in text:
        return _point(text), None
    if text.count("/") > 1:
        raise EdtfError(f"'{text}' is not an EDTF date: an interval has exactly one '/' "
                        f"between its start and its end; write {FORMS}")
    start, end = (part if part in (OPEN, UNKNOWN) else _point(part) for part in text.split("/"))
    if not isinstance(start, _Point) and not isinstance(end, _Point):
        raise EdtfError(f"interval '{text}' has no date at either end; write a date on at "
                        "least one side, as in 2018-09-18/.. or ../2018-09-20")
    if isinstance(start, _Point) and isinstance(end, _Point) and end.upper < start.lower:
        raise EdtfError(f"interval '{text}' ends before it starts")
    return start, end


def _point(text: str) -> _Point:
    """One EDTF date such as 2018-09-05, 2018-21, 201X or 2018-08~."""
    m = _DATE.fullmatch(text)
    if not m:
        raise EdtfError(_explain(text))
    year, month, day, q = m.group("year", "month", "day", "q")
    if ("X" in year and month) or (month == "XX" and day not in (None, "XX")):
        raise EdtfError(_not_edtf(text, _UNSPECIFIED))
    flags = (q in ("?", "%"), q in ("~", "%"))
    if "X" in year:
        width = 10 ** year.count("X")
        first = int(year.replace("X", "0"))
        lower, upper = datetime.date(max(first, 1), 1, 1), datetime.date(first + width - 1, 12, 31)
        if width == 10:
            return _Point(lower, upper, DECADE, "decade", f"{first}s", *flags)
        return _Point(lower, upper, CENTURY, "century", f"{first}–{first + width - 1}", *flags)
    y = int(year)
    if y == 0:
        raise EdtfError(f"'{text}' is not a supported date: {YEARS}")
    if month in (None, "XX"):
        lower, upper = datetime.date(y, 1, 1), datetime.date(y, 12, 31)
        return _Point(lower, upper, YEAR, "year", str(y), *flags)
    mo = int(month)
    if mo in SEASONS:
        if day is not None:
            raise EdtfError(f"'{text}' is not a valid date: {mo} is a season, which has no day; "
                            f"write {year}-{month} alone")
        name, first_month = SEASONS[mo]
        lower = datetime.date(y, first_month, 1)
        end_y, end_m = (y + (first_month + 2) // 13, (first_month + 1) % 12 + 1)
        upper = (datetime.date(end_y, end_m, calendar.monthrange(end_y, end_m)[1])
                 if end_y <= 9999 else datetime.date.max)
        return _Point(lower, upper, MONTH, "season", f"{name} {y}", *flags)
    if day in (None, "XX"):
        first = _valid_day(text, y, mo, 1, seasons=day is None)
        last = first.replace(day=calendar.monthrange(y, mo)[1])
        return _Point(first, last, MONTH, "month", f"{MONTH_NAMES[mo - 1]} {y}", *flags)
    d = _valid_day(text, y, mo, int(day))
    return _Point(d, d, DAY, "day", display_day(d), *flags)


def _valid_day(text: str, year: int, month: int, day: int, seasons: bool = False) -> datetime.date:
    """The day, or an EdtfError naming what the calendar does not have."""
    if year == 0:
        raise EdtfError(f"'{text}' is not a supported date: {YEARS}")
    if not 1 <= month <= 12:
        also = ", and seasons from 21 (spring) to 24 (winter)" if seasons else ""
        raise EdtfError(f"'{text}' is not a valid date: there is no month {month:02d}; "
                        f"months run from 01 to 12{also}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        none = "there is no day 00; " if day == 0 else ""
        raise EdtfError(f"'{text}' is not a valid date: {none}{MONTH_NAMES[month - 1]} {year} "
                        f"has {days} days")
    return datetime.date(year, month, day)


_UNSPECIFIED = ("unspecified digits (X) may only replace the last digits of a date: "
                "201X, 20XX, 2018-XX or 2018-09-XX")


def _not_edtf(text: str, why: str = "") -> str:
    return f"'{text}' is not an EDTF date{': ' + why if why else ''}; write {FORMS}"


def _explain(text: str) -> str:
    """Why a text that failed the date pattern is not an EDTF date, as best we can tell."""
    if re.fullmatch(r"Y-?\d+\S*", text):
        return f"'{text}' is not a supported date: {YEARS}, so long years are not supported"
    if re.match(r"-\d", text):
        return f"'{text}' is not a supported date: {YEARS}, so negative years are not supported"
    if ".." in text:
        return _not_edtf(text, "'..' stands alone for an open end of an interval, "
                               "as in 2018-09-18/.. or ../2018-09-20")
    stray = re.search(r"[^\dXx?~%-]", text)
    if stray and any(c.isalpha() for c in text):
        return _not_edtf(text)
    if stray:
        char = stray.group()
        return _not_edtf(text, f"'{char}' is not allowed")
    if "x" in text:
        return _not_edtf(text, "unspecified digits are written with a capital X, as in 201X")
    qualifiers = re.findall(r"[?~%]", text)
    if len(qualifiers) > 1:
        return _not_edtf(text, "use one qualifier at the end: ? uncertain, ~ approximate, % both")
    if qualifiers and not text.endswith(qualifiers[0]):
        return _not_edtf(text, "a qualifier goes at the end of the date, as in 2018-09?; "
                               "qualifying one part of a date is not supported")
    if "X" in text:
        return _not_edtf(text, _UNSPECIFIED)
    return _not_edtf(text, "a year has four digits and a month or day two, "
                           "separated by hyphens, as in 2018-09-05")


def _show(p: _Point) -> str:
    return f"{'c. ' if p.approximate else ''}{p.label}{'?' if p.uncertain else ''}"


def _display(start: _End, end: _End | None) -> str:
    """Human text; an interval names what both ends share once: 18–20 September 2018."""
    if end is None:
        return _show(start)
    if start == OPEN:
        return f"until {_show(end)}"
    if end == OPEN:
        return f"from {_show(start)}"
    if start == UNKNOWN:
        return f"? – {_show(end)}"
    if end == UNKNOWN:
        return f"{_show(start)} – ?"
    a, b, shared = _show(start), _show(end), []
    if a == b:
        return a
    qualified = start.uncertain or start.approximate or end.uncertain or end.approximate
    if start.kind == end.kind and not qualified:
        ta, tb = a.split(" "), b.split(" ")
        while len(ta) > 1 and len(tb) > 1 and ta[-1] == tb[-1]:
            shared.insert(0, ta.pop())
            tb.pop()
        a, b = " ".join(ta), " ".join(tb)
    dash = " – " if any(c in a + b for c in " –") else "–"
    return f"{a}{dash}{b}" + "".join(f" {word}" for word in shared)
