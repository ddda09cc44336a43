"""Date lines ('Published : Sept. 6, 2018 - 15:18', '입력 2018.09.14 (15:07) | 수정 ...') and the
time zone a printed time is in.

A line is a stamp when, apart from its labels, a time zone and the words of a date,
nothing is left. dateparser reads the date and time; the labels tell publication from
revision ('Updated', 'Last modified', '수정' are never the publication time).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import dateparser

PUBLISHED, UPDATED, UNLABELLED = "published", "updated", "unlabelled"

_PUBLISHED_LABELS = (r"(?:First\s+)?Published(?:\s+on)?|Posted(?:\s+on)?|Online|Date|Released|"
                     r"기사입력|입력|등록|송고시간|송고|작성|발행")
_UPDATED_LABELS = (r"(?:Last\s+)?Updated(?:\s+on)?|(?:Last\s+)?Modified(?:\s+on)?|Edited|Article\s+history|"
                   r"최종\s*수정|수정|업데이트|갱신")
_LABEL = re.compile(rf"(?P<published>{_PUBLISHED_LABELS})|(?P<updated>{_UPDATED_LABELS})", re.I)
_BRACKETED = re.compile(r"\[[^\]]{1,20}\]")                 # '[중앙일보]' before the stamp
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_TIME = re.compile(r"(?<![\d.:])\d{1,2}(?:[:.]\d{2}|시)(?![\d.])(?:\s*[ap]\.?\s?m\.?)?|(?:오전|오후)\s*\d{1,2}", re.I)
_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DATE_WORDS = re.compile(rf"\b(?:{_MONTHS}|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|\b(?:at|on)\b|(?<![a-z])(?:[ap]\.?\s?m\.?|st|nd|rd|th)(?![a-z])"
                         r"|오전|오후|[년월일시분]|\((?:[월화수목금토일])\)", re.I)

# Abbreviations outlets print after a time: a fixed offset, or a zone whose offset depends on the day.
ZONE_ABBREVIATIONS = {
    "KST": "Asia/Seoul", "JST": "Asia/Tokyo", "HKT": "Asia/Hong_Kong", "SGT": "Asia/Singapore",
    "ET": "America/New_York", "EDT": "-04:00", "EST": "-05:00", "CT": "America/Chicago", "CDT": "-05:00",
    "CST": "-06:00", "PT": "America/Los_Angeles", "PDT": "-07:00", "PST": "-08:00",
    "GMT": "+00:00", "UTC": "+00:00", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00",
}
_ZONE = re.compile(r"\b(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?\b"
                   rf"|\b(?P<abbr>{'|'.join(ZONE_ABBREVIATIONS)})\b"
                   r"|(?<=\d)\s*(?P<offset>[+-]\d{2}:?\d{2})\b|(?<=\d)(?P<z>Z)\b")


@dataclass(frozen=True)
class Stamp:
    kind: str                    # PUBLISHED, UPDATED or UNLABELLED
    day: dt.date
    time: dt.time | None = None
    zone: str | None = None      # '+09:00' or an IANA name, when the line prints one


def read_stamps(line: str) -> list[Stamp] | None:
    """Every stamp on a date line ('Posted : 2018-09-18 10:12 | Updated : 2018-09-18 15:40'),
    or None when the line is anything else. A labelled stamp that cannot be read is left
    out, but the line still counts as a date line."""
    if len(line) > 120 or not _YEAR.search(line):
        return None
    text = _BRACKETED.sub(" ", line)
    parts: list[tuple[str, str]] = []
    last, kind = 0, UNLABELLED
    for m in _LABEL.finditer(text):
        parts.append((kind, text[last:m.start()]))
        kind, last = (PUBLISHED if m["published"] else UPDATED), m.end()
    parts.append((kind, text[last:]))
    if len(parts) > 1 and not parts[-1][1].strip(" \t:|/·-–—,()") and parts[-2][0] == UNLABELLED:
        parts[-2:] = [(parts[-1][0], parts[-2][1])]      # a label after its stamp: '2018-09-20 18:07 송고'
    stamps: list[Stamp] = []
    for kind, part in parts:
        part = part.strip(" \t:|/·-–—,()")
        if not part:
            continue
        stamp = _read_stamp(kind, part)
        if stamp is None and (kind == UNLABELLED or _YEAR.search(part)):
            if kind != UPDATED:
                return None
            continue
        if stamp:
            stamps.append(stamp)
    if stamps and all(s.kind == UNLABELLED for s in stamps) and len(stamps) > 1:
        return None
    return stamps if stamps or _LABEL.search(text) else None


def _read_stamp(kind: str, text: str) -> Stamp | None:
    zone = None
    if m := _ZONE.search(text):
        zone = _zone_of(m)
        text = (text[:m.start()] + " " + text[m.end():]).strip(" ,()")
        text = re.sub(r"\(\s*\d{3,4}\s*[A-Z]{2,4}\s*\)", " ", text)     # a second zone in brackets
    if not _YEAR.search(text) or re.sub(r"[\W\d_]+", "", _DATE_WORDS.sub("", text)):
        return None
    when = _parse(text)
    if when is None:
        return None
    has_time = _TIME.search(text) is not None
    return Stamp(kind, when.date(), when.time() if has_time else None, zone if has_time else None)


@lru_cache(maxsize=256)
def _parse(text: str) -> dt.datetime | None:
    text = re.sub(r"(\d)\s*시\s*(\d{1,2})\s*분", r"\1:\2", text)
    return dateparser.parse(text, languages=["en", "ko"], settings={
        "RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DAY_OF_MONTH": "first"})


def _zone_of(m: re.Match) -> str:
    if m["abbr"]:
        return ZONE_ABBREVIATIONS[m["abbr"]]
    if m["z"]:
        return "+00:00"
    if m["offset"]:
        digits = m["offset"].replace(":", "")
        return f"{digits[:3]}:{digits[3:]}"
    return f"{m['sign']}{int(m['h']):02d}:{m['m'] or '00'}"


def choose(stamps: list[Stamp]) -> Stamp | None:
    """The publication stamp: the first labelled as published, else the first unlabelled;
    a revision stamp never."""
    for kind in (PUBLISHED, UNLABELLED):
        if found := next((s for s in stamps if s.kind == kind), None):
            return found
    return None


def offset_in(zone: str, day: dt.date, time: dt.time) -> str:
    """'+09:00' for a fixed offset or the UTC offset of an IANA zone at that local time."""
    if zone[0] in "+-":
        return zone
    delta = dt.datetime.combine(day, time, ZoneInfo(zone)).utcoffset()
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def instant(stamp: Stamp, zones: list[str | None]) -> str:
    """ISO 8601: the date-time with the first zone known (the stamp's own, then the
    fallbacks in order), or the date alone when no zone is known: never an invented one."""
    if stamp.time is None:
        return stamp.day.isoformat()
    zone = stamp.zone or next((z for z in zones if z), None)
    if zone is None:
        return stamp.day.isoformat()
    return f"{stamp.day.isoformat()}T{stamp.time.strftime('%H:%M:%S')}{offset_in(zone, stamp.day, stamp.time)}"


def iso_instant(value: str, zones: list[str | None]) -> str | None:
    """An ISO date or date-time from metadata ('2018-09-19T05:10:00-04:00', '2018-09-19'),
    normalised; a date-time without offset gets the first known zone, else only its date."""
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        stamps = read_stamps(value)
        return instant(stamps[0], zones) if stamps else None
    if len(value.strip()) <= 10:
        return when.date().isoformat()
    if when.tzinfo is None:
        return instant(Stamp(UNLABELLED, when.date(), when.time().replace(microsecond=0)), zones)
    return when.replace(microsecond=0).isoformat()
