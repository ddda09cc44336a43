"""Dates an article mentions ('between Sept. 18 and 20', 'last month', '오는 18일부터 20일까지'),
as EDTF candidates for the events to write next; phrases without a year are read
relative to the publication date."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"


def month_number(name: str) -> int:
    return ("jan feb mar apr may jun jul aug sep oct nov dec".split().index(name[:3].lower())) + 1


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are) (?:scheduled|set|expected|due) to|plans? to)\b|['’]ll\b")
_NEARBY = {"yesterday": -1, "today": 0, "tomorrow": 1, "어제": -1, "오늘": 0, "내일": 1}


def _month(n: int) -> str:
    return rf"(?P<m{n}>{MONTH})"


def _day_group(n: int) -> str:
    return rf"(?P<d{n}>\d{{1,2}})(?:st|nd|rd|th)?\b"


def _year(n: int) -> str:
    return rf"(?:,?\s+(?P<y{n}>\d{{4}}))?"


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass
class _Context:
    text: str
    published: date | None

    def day(self, month: str, day: str, year: str | None, near: date | None = None) -> date | None:
        """The date, its year taken as the one nearest to `near` (the publication) when not written."""
        month_n = int(month) if month.isdigit() else month_number(month)
        near = near or self.published
        years = [int(year)] if year else [near.year + k for k in (-1, 0, 1)] if near else []
        options = [d for y in years if (d := _date(y, month_n, int(day)))]
        if not options:
            return None
        return min(options, key=lambda d: abs((d - near).days)) if near else options[0]

    def month(self, month: str, year: str | None) -> str | None:
        first = self.day(month, "1", year)
        return first and first.strftime("%Y-%m")


def _span(m: re.Match, ctx: _Context) -> str | None:
    g = m.groupdict()
    start = ctx.day(g["m1"], g["d1"], g["y1"])
    end = start and ctx.day(g.get("m2") or g["m1"], g["d2"], g.get("y2") or g["y1"], near=start)
    return f"{start}/{end}" if start and end and start < end else None


def _single(m: re.Match, ctx: _Context) -> str | None:
    day = ctx.day(m["m1"], m["d1"], m.groupdict().get("y1"))
    return day and day.isoformat()


def _part_of_month(m: re.Match, ctx: _Context) -> str | None:
    first = ctx.day(m["m1"], "1", m["y1"])
    if not first:
        return None
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    part = m["part"].lower()
    if part in ("early", "mid", "late"):
        start, end = {"early": (1, 10), "mid": (11, 20), "late": (21, last.day)}[part]
        return f"{first.replace(day=start)}/{first.replace(day=end)}"
    around = {"end": last, "middle": first.replace(day=15)}.get(part, first)
    return f"{around}~"


def _relative(m: re.Match, ctx: _Context) -> str | None:
    pub = ctx.published
    if not pub:
        return None
    step = {"last": -1, "this": 0, "next": 1, "지난": -1, "이번": 0, "이": 0, "다음": 1, "내": 1}[m["rel"].lower()]
    unit = {"달": "month", "주": "week"}.get(m["unit"], m["unit"].lower())
    if unit == "year":
        return str(pub.year + step)
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
        return f"{monday}/{monday + timedelta(days=6)}"
    year, month = divmod(pub.year * 12 + pub.month - 1 + step, 12)
    if m.groupdict().get("end"):
        return f"{date(year, month + 1, calendar.monthrange(year, month + 1)[1])}~"
    return f"{year:04d}-{month + 1:02d}"


def _nearby_day(m: re.Match, ctx: _Context) -> str | None:
    pub = ctx.published
    if not pub:
        return None
    word = m["word"].lower()
    if word in _NEARBY:
        return (pub + timedelta(days=_NEARBY[word])).isoformat()
    target = _WEEKDAYS.index(word.capitalize())
    rel = (m["rel"] or "").lower()
    sentence = ctx.text[: m.start()].rsplit(". ", 1)[-1].rsplit("\n", 1)[-1]
    future = rel == "next" or (rel != "last" and _FUTURE.search(sentence) is not None)
    delta = (target - pub.weekday()) % 7 if future else -((pub.weekday() - target) % 7)
    if rel in ("last", "next") and delta == 0:
        delta = 7 if future else -7
    return (pub + timedelta(days=delta)).isoformat()


def _korean_day(m: re.Match, ctx: _Context) -> str | None:
    """'지난 5일', '오는 18일부터 20일까지', '18∼20일': days of this month, or of the month
    before ('지난') or after ('오는') when the day has not come yet or has already passed."""
    pub, rel, last = ctx.published, m.groupdict().get("rel"), m.groupdict().get("d2")
    if not pub:
        return None
    step = {"지난": -1, "오는": 1}.get(rel, 0)
    for months in dict.fromkeys((0, step)):
        year, month = divmod(pub.year * 12 + pub.month - 1 + months, 12)
        start, end = _date(year, month + 1, int(m["d1"])), _date(year, month + 1, int(last or m["d1"]))
        if start and end and (start - pub).days * step >= 0 and end >= start:
            return f"{start}/{end}" if end > start else start.isoformat()
    return None


_EN = r"(?<![\w-])(?:{})(?!\w)"
_KO = r"(?<![\d가-힣])(?:{})"
_DATE_RULES: tuple[tuple[re.Pattern, Callable[[re.Match, _Context], str | None]], ...] = tuple(
    (re.compile(wrap.format(pattern)), handler) for wrap, pattern, handler in (
        (_EN, rf"(?i:between) {_month(1)} {_day_group(1)}{_year(1)} and (?:{_month(2)} )?{_day_group(2)}{_year(2)}", _span),
        (_EN, rf"(?:(?i:from) )?{_month(1)} {_day_group(1)}{_year(1)}\s*(?:-|–|to|through|until)\s*(?:{_month(2)} )?{_day_group(2)}{_year(2)}", _span),
        (_EN, rf"{_month(1)} {_day_group(1)}{_year(1)}", _single),
        (_EN, rf"{_day_group(1)} {_month(1)}(?: (?P<y1>\d{{4}}))?", _single),
        (_EN, rf"(?i:the) (?P<part>end|beginning|start|middle) of {_month(1)}(?: (?P<y1>\d{{4}}))?", _part_of_month),
        (_EN, rf"(?P<part>(?i:early|mid|late))[- ]{_month(1)}(?: (?P<y1>\d{{4}}))?", _part_of_month),
        (_EN, rf"(?:(?i:in|since|until|by|during|before|after|from) )?{_month(1)},? (?P<y1>\d{{4}})",
         lambda m, ctx: ctx.month(m["m1"], m["y1"])),
        (_EN, rf"(?i:in|since|until|by|during|before|after|from) {_month(1)}", lambda m, ctx: ctx.month(m["m1"], None)),
        (_EN, r"(?P<rel>(?i:last|this|next)) (?P<unit>week|month|year)", _relative),
        (_EN, r"(?P<word>(?i:yesterday|today|tomorrow))", _nearby_day),
        (_EN, rf"(?:(?P<rel>(?i:on|last|next|this)) )?(?P<word>{'|'.join(_WEEKDAYS)})(?:['’]s)?", _nearby_day),
        (_EN, r"(?P<y1>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})", _single),
        (_KO, r"(?:(?P<y1>\d{4})년\s*)?(?P<m1>\d{1,2})월\s*(?P<d1>\d{1,2})일?\s*(?:~|∼|-|–|부터)\s*"
              r"(?:(?P<m2>\d{1,2})월\s*)?(?P<d2>\d{1,2})일(?:까지)?", _span),
        (_KO, r"(?:(?P<y1>\d{4})년\s*)?(?P<m1>\d{1,2})월\s*(?P<d1>\d{1,2})일", _single),
        (_KO, r"(?P<y1>\d{4})년\s*(?P<m1>\d{1,2})월", lambda m, ctx: ctx.month(m["m1"], m["y1"])),
        (_KO, r"(?:(?P<rel>지난|오는)\s*)?(?P<d1>\d{1,2})(?:일\s*부터\s*|일?\s*[~∼]\s*)(?P<d2>\d{1,2})일(?:까지)?", _korean_day),
        (_KO, r"(?P<rel>지난|오는)\s*(?P<d1>\d{1,2})일", _korean_day),
        (_KO, r"(?P<rel>지난|이번|이|다음|내)\s?(?P<unit>주|달)(?P<end>\s*말)?", _relative),
        (_KO, r"(?P<word>어제|오늘|내일)", _nearby_day),
    ))


def find_dates(text: str, published: str | None) -> list[tuple[str, str]]:
    """Candidate event dates in text as (EDTF, phrase), in order of appearance. Phrases
    without a year ('on Wednesday', 'Sept. 18', 'last month') are read relative to the
    publication date and skipped when it is unknown."""
    ctx = _Context(text, date.fromisoformat(published[:10]) if published else None)
    found = []
    for regex, handler in _DATE_RULES:
        for m in regex.finditer(text):
            if edtf := handler(m, ctx):
                found.append((m.start(), -m.end(), edtf, m.group(0)))
    result: list[tuple[str, str]] = []
    end = 0
    for start, neg_end, edtf, phrase in sorted(found):    # earliest first, then longest
        if start < end:
            continue
        end = -neg_end
        if (edtf, phrase) not in result:
            result.append((edtf, phrase))
    return result
