"""`import`: turn a raw clipped news page into ``content/articles/<id>.md``.

:func:`parse_clipping` reads the page with the layout that recognises it
(``layouts.py`` holds what is known about each kind of page),
:func:`article_markdown` writes the article file, :func:`find_dates` lists the
event dates the body mentions, and :func:`run_import` is the command.
"""
from __future__ import annotations

import calendar
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, TextIO

import frontmatter

from . import layouts
from ..content.ids import ID_PATTERN, id_from_title
from ..content.mentions import NameMatcher


class ClippingError(ValueError):
    """A clipping that cannot be imported; the message names the file and the problem."""


@dataclass(frozen=True)
class Clipping:
    title: str
    publication: str | None
    authors: tuple[str, ...]
    published: str | None        # ISO 8601 date or date-time with the outlet's UTC offset
    url: str | None
    paragraphs: tuple[str, ...]


def read_seed(path: Path, name: str) -> str:
    """The seed's text; ClippingError when it cannot be read or is not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ClippingError(f"{name}: error: cannot read the clipping: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - data.rfind(b"\n", 0, exc.start)
        raise ClippingError(f"{name}:{line}:{col}: error: not UTF-8: byte 0x{data[exc.start]:02x} at byte offset "
                            f"{exc.start} cannot be decoded; save the clipping as UTF-8") from None


def parse_clipping(text: str, name: str = "<clipping>") -> Clipping:
    """Title, metadata and body paragraphs of a clipped page; name is used in messages and,
    for a wire story, to find the year its dateline leaves out ('2018-09-14-….txt')."""
    lines = [line.strip().strip("\u200b\ufeff").strip() for line in re.split(r"\r\n|\r|\n", text)]
    lines = [line for line in lines if line]
    if not lines:
        raise ClippingError(f"{name}: error: the clipping is empty")
    layout = layouts.detect(lines)
    furniture = layouts.COMMON_FURNITURE + layout.furniture
    trailers = layouts.COMMON_TRAILERS + layout.trailers
    found: dict = {}
    title: str | None = None
    body: list[str] = []
    for line in lines:
        if _matches(furniture, line) or layouts.is_repeated_caption(line):
            continue
        if _matches(trailers, line):
            if body:
                break               # everything after the article is page furniture too
            continue
        read = _read(layout.readers, line)
        if read is None and not body:
            read = _read(layout.header_readers, line)
        if read is not None:
            _merge(found, read)
        elif title is None:
            title = line
        elif not body and layout.body_start and not layout.body_start.match(line):
            _merge(found, (layout.header_extra and layout.header_extra(line)) or {})
        else:
            body.append(line)
    if title is None:
        raise ClippingError(f"{name}: error: no title found: every line is page furniture or metadata")
    body = _drop_captions(body)
    if body:
        for reader in layout.first_paragraph_readers:
            _merge(found, reader(body[0]) or {})
    url = found.get("url")
    by_url = layouts.outlet_of_url(url) if url else None
    publication = found.get("publication") or (by_url and by_url.name) or layout.publication
    return Clipping(title=title, publication=publication, authors=found.get("authors", ()),
                    published=_published(found, publication, layout, name), url=url, paragraphs=tuple(body))


def _matches(patterns: tuple[re.Pattern, ...], line: str) -> bool:
    return any(p.fullmatch(line) for p in patterns)


def _read(readers: tuple[layouts.Reader, ...], line: str) -> dict | None:
    return next((found for reader in readers if (found := reader(line)) is not None), None)


def _merge(found: dict, new: dict) -> None:
    """The first value found for a field wins: the header comes before the trailers."""
    for key, value in new.items():
        if value and key not in found:
            found[key] = value


def _drop_captions(body: list[str]) -> list[str]:
    """Lines ending in a photo credit are captions, except a bare '(Yonhap)' closing the
    last paragraph: there it names the agency the whole story came from."""
    last = len(body) - 1
    return [line for i, line in enumerate(body)
            if (credit := layouts.photo_credit(line)) is None or (credit == "bare" and i == last)]


def _published(found: dict, publication: str | None, layout: layouts.Layout, name: str) -> str | None:
    stamp: layouts.Stamp | None = found.get("stamp")
    if stamp is None and "month_day" in found:
        year = re.match(r"(\d{4})-", Path(name).name)     # a wire dateline has no year; the seed's name may
        day = year and _date(int(year[1]), *found["month_day"])
        return day.isoformat() if day else None
    if stamp is None:
        return None
    known = layouts.outlet(publication) if publication else None
    zone = (known and known.zone) or layout.zone
    offset = stamp.offset or (zone(stamp.day) if zone and stamp.time else None)
    if stamp.time and offset:
        return f"{stamp.day.isoformat()}T{stamp.time}:00{offset}"
    return stamp.day.isoformat()        # a time whose UTC offset is unknown is left out


def article_markdown(clipping: Clipping) -> str:
    """The whole article file: YAML front matter, then one Markdown paragraph per paragraph."""
    author = clipping.authors[0] if len(clipping.authors) == 1 else list(clipping.authors)
    fields = {"title": clipping.title, "publication": clipping.publication, "author": author,
              "published": clipping.published, "url": clipping.url}
    post = frontmatter.Post("\n\n".join(map(_paragraph, clipping.paragraphs)),
                            **{key: value for key, value in fields.items() if value})
    # The safe dumper quotes every string YAML would read as something else (dates, numbers, 'yes').
    return frontmatter.dumps(post, sort_keys=False, allow_unicode=True, width=10**9) + "\n"


def _paragraph(text: str) -> str:
    """Escape a leading heading, quote, list or rule marker so the line stays a paragraph."""
    if text[0] in "#>-*+":
        return "\\" + text
    return re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", text)


def suggest_id(title: str) -> str:
    """A valid article id: transliterated, lowercase, at most 60 characters cut between words."""
    return id_from_title(re.sub(r"['’]", "", title)) or "article"


# --- dates mentioned in the body -------------------------------------------------------

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are) (?:scheduled|set|expected|due) to|plans? to)\b|['’]ll\b")
_NEARBY = {"yesterday": -1, "today": 0, "tomorrow": 1, "어제": -1, "오늘": 0, "내일": 1}


def _month(n: int) -> str:
    return rf"(?P<m{n}>{layouts.MONTH})"


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
        month_n = int(month) if month.isdigit() else layouts.month_number(month)
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


# --- the command --------------------------------------------------------------------------

def run_import(site_root: Path, seed: Path, *, article_id: str | None = None, force: bool = False,
               dry_run: bool = False, out: TextIO = sys.stdout, people_names: dict[str, list[str]] | None = None) -> int:
    """Write content/articles/<id>.md from a clipped page; then name the people and dates it
    mentions, the events to write next. 0 when done, 1 when the clipping or the target is
    the problem, 2 for an invalid --id."""
    if article_id is not None and not ID_PATTERN.fullmatch(article_id):
        print(f"error: '{article_id}' is not a valid article id: use lowercase ASCII letters, digits and hyphens; "
              f"did you mean '{suggest_id(article_id)}'?", file=out)
        return 2
    try:
        clipping = parse_clipping(read_seed(seed, _shown(seed, site_root)), _shown(seed, site_root))
    except ClippingError as exc:
        print(exc, file=out)
        return 1
    text = article_markdown(clipping)
    if dry_run:
        out.write(text)
        return 0
    folder = site_root / "content" / "articles"
    target = folder / f"{article_id or suggest_id(clipping.title)}.md"
    shown = _shown(target, site_root)
    if target.exists() and not force:
        print(f"{shown}: error: already exists; use --force to replace it or --id to choose another id", file=out)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomically(target, text)
    print(f"wrote {shown}", file=out)
    for field in ("publication", "authors", "published"):
        if not getattr(clipping, field):
            print(f"{shown}: warning: no {field} found in the clipping; fill it in by hand", file=out)
    body = "\n\n".join(clipping.paragraphs)
    if people_names is not None:
        print(f"mentions: {', '.join(mentioned_people(clipping.title + chr(10) + body, people_names)) or 'none'}", file=out)
    for edtf, phrase in find_dates(body, clipping.published):
        print(f"dates: {edtf} ({phrase})", file=out)
    return 0


def mentioned_people(text: str, people_names: dict[str, list[str]]) -> list[str]:
    """Ids of the people whose names occur in text as whole words, by first mention."""
    matcher = NameMatcher({name: person for person, names in people_names.items() for name in names})
    return list(dict.fromkeys(person for _, _, person in matcher.finditer(text)))


def _shown(path: Path, site_root: Path) -> str:
    try:
        return path.resolve().relative_to(site_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _write_atomically(target: Path, text: str) -> None:
    """Write a temporary file beside the target, then swap it in: never a half-written article."""
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
