"""Page text, as copied from a browser: every line is classified (``furniture``,
``bylines``, ``stamps``), the headline is the best-scoring candidate line, the header
runs from it to its last byline or date line, and the body is the prose after it.

Saved HTML pages and web clips come here too, as lines plus the fields their metadata
states (:class:`Hints`): those win, and lines repeating them are dropped.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import furniture as f
from .bylines import read_byline, read_korean_dateline, read_name_list
from .clipping import Clipping, ClippingError, Hints
from .stamps import Stamp, choose, instant, read_stamps
from .zones import dateline_zone, home_zone

TEXT, BYLINE, STAMP, URL, CAPTION, LIST, DROP = "text", "byline", "stamp", "url", "caption", "list", "drop"
_URL_LINE = re.compile(r"(?:(?:Source|URL|Link|Original(?:\s+article)?|Canonical|출처|원문)\s*:?\s*)?<?(https?://\S+?)>?", re.I)
_URL_IN = re.compile(r"https?://[^\s)>\]]+")
_WIRE_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z .'’/-]+(?:,\s*[A-Z][A-Za-z .'’-]+)?),?\s+(?:(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})\s+)?"
    r"\((?P<agency>[A-Z][A-Za-z]{1,11})\)\s*(?:-|–|—|--)?")
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


@dataclass
class Line:
    text: str                    # what the rules read (Markdown links reduced to their text)
    raw: str                     # what the body keeps
    kind: str = TEXT
    authors: tuple[str, ...] = ()
    stamps: list[Stamp] = field(default_factory=list)
    url: str | None = None
    bare_credit: bool = False


def read_text(pairs: list[tuple[str, str]], name: str, hints: Hints = Hints(), site_zone: str | None = None) -> Clipping:
    """A clipping from its non-blank lines, given as (text to read, text to keep) pairs."""
    lines = [Line(text, raw) for text, raw in pairs if text.strip()]
    if not lines:
        raise ClippingError(f"{name}: error: the clipping is empty")
    first = next((line.text for line in lines if not f.is_button(line.text)), "")
    outlets = tuple(p for p in (hints.publication, first) if p)
    for line in lines:
        _classify(line, outlets)
    _read_name_lists(lines)
    title_at = _find_title(lines, hints)
    if title_at is None and not hints.title:
        raise ClippingError(f"{name}: error: no title found: every line is page furniture or metadata")
    title = hints.title or lines[title_at].text
    start = title_at if title_at is not None else -1
    body_at = _body_start(lines, start)
    body = _body(lines[body_at:], {_norm(title), _norm(hints.description or "")})
    masthead = _masthead(lines, start)
    publication = hints.publication or _publication(lines, masthead, body, title)
    url = hints.url or next((line.url for line in lines if line.url), None)
    authors = hints.authors or _authors(lines, body, outlets + ((publication,) if publication else ()))
    korean = _hangul_share(body) > 0.3
    zones = [dateline_zone(body[0]) if body else None, home_zone(publication, url, korean), site_zone]
    published = hints.published or _published(lines, body, zones, name)
    return Clipping(title=title, publication=publication, authors=authors, published=published, url=url,
                    paragraphs=tuple(body))


def _classify(line: Line, outlets: tuple[str, ...]) -> None:
    text = line.text
    if m := _URL_LINE.fullmatch(text):
        line.kind, line.url = URL, m[1]
    elif (stamps := read_stamps(text)) is not None:
        line.kind, line.stamps = STAMP, stamps
    elif f.is_copyright(text):
        line.kind = DROP
        if m := _URL_IN.search(text):
            line.url = m[0]
    elif f.LIST_HEADINGS.fullmatch(text):
        line.kind = LIST
    elif f.POINTERS.fullmatch(text) or f.is_button(text) or f.EMAIL_ONLY.fullmatch(text) or f.SOURCE_LINE.fullmatch(text):
        line.kind = DROP
    elif (authors := read_byline(text, outlets)) is not None:
        line.kind, line.authors = BYLINE, authors
    elif credit := f.is_caption(text):
        line.kind, line.bare_credit = CAPTION, credit == "bare"
    elif re.fullmatch(r"(?:(?:Senior|Staff|Contributing)\s+)?(?:Reporters?|Writers?|Correspondents?)", text, re.I):
        line.kind = DROP


def _words(text: str) -> int:
    return len(text.split())


def _hangul(text: str) -> int:
    return len(re.findall(r"[가-힣]", text))


def _is_long_prose(text: str) -> bool:
    return f.is_sentence(text) and (_words(text) >= 15 or _hangul(text) >= 40)


def _find_title(lines: list[Line], hints: Hints) -> int | None:
    """The headline's index. With a known title, the line that repeats it; else the best
    candidate before the first long paragraph: a headline is a few words, not a sentence
    ending in a full stop, not the first short line (the masthead), and usually sits right
    above the byline or date line."""
    if hints.title:
        wanted = _norm(hints.title)
        return next((i for i, line in enumerate(lines)
                     if line.kind == TEXT and (_norm(line.text) == wanted or _norm(line.text).startswith(wanted))), None)
    limit = next((i for i, line in enumerate(lines) if line.kind == TEXT and _is_long_prose(line.text)), len(lines))
    candidates = [i for i, line in enumerate(lines[:limit]) if line.kind == TEXT] or \
                 [i for i, line in enumerate(lines) if line.kind == TEXT][:1]
    if not candidates:
        return None
    first_text = candidates[0]

    def score(rank: int, i: int) -> float:
        text = lines[i].text
        words, hangul = _words(text), _hangul(text)
        s = -0.1 * rank
        if words < 3 and hangul < 6:
            s -= 5
        if 4 <= words <= 24 or 8 <= hangul <= 70:
            s += 2
        if words > 30:
            s -= 3
        if re.search(r"[^.]\.$", text) and f.is_sentence(text):
            s -= 2
        if i == first_text and words <= 4 and i < limit - 1:
            s -= 3
        before = next((line for line in reversed(lines[:i]) if line.kind not in (DROP, CAPTION)), None)
        if before is not None and before.kind == TEXT and (_words(before.text) >= 4 or _hangul(before.text) >= 8) \
                and not f.is_sentence(before.text):
            s -= 1.5                               # a standfirst, under the headline
        following = [line.kind for line in lines[i + 1:i + 4] if line.kind not in (DROP, CAPTION)][:2]
        if following[:1] and following[0] in (BYLINE, STAMP):
            s += 3
        elif BYLINE in following or STAMP in following:
            s += 2
        return s

    return max(enumerate(candidates), key=lambda item: (score(*item), -item[0]))[1]


def _read_name_lists(lines: list[Line]) -> None:
    """A header line of names alone is a byline ('Soo-jin Baek, Thomas Hale')."""
    for line in lines:
        if line.kind == TEXT and _is_long_prose(line.text):
            return
        if line.kind == TEXT and (names := read_name_list(line.text)):
            line.kind, line.authors = BYLINE, names


def _body_start(lines: list[Line], start: int) -> int:
    """The header ends at its last byline or date line, when that comes before the third
    text line after the headline (text lines before it are a standfirst)."""
    end, texts = start, 0
    for i in range(start + 1, len(lines)):
        if lines[i].kind == TEXT:
            texts += 1
            if texts > 2 or (texts > 1 and _is_long_prose(lines[i].text)):
                break
        elif lines[i].kind in (BYLINE, STAMP):
            end = i
    return end + 1


def _body(lines: list[Line], repeats: set[str]) -> list[str]:
    """The article's paragraphs: text lines that are not navigation, captions or lists of
    other stories. A list heading drops the short lines after it, up to the next prose."""
    kept: list[tuple[str, bool]] = []
    in_list = False
    for line in lines:
        if line.kind == LIST:
            in_list = True
            continue
        if line.kind not in (TEXT, CAPTION):
            continue
        if in_list and not _is_long_prose(line.text):
            continue
        in_list = False
        if line.kind == CAPTION and not line.bare_credit:
            continue
        if _norm(line.text) in repeats:
            continue
        if line.kind == TEXT and not f.is_sentence(line.text) and _words(line.text) <= 3 and _hangul(line.text) < 10 \
                and not line.raw.startswith("#"):
            continue                               # a menu entry or a button that no list above names
        kept.append((line.raw, line.bare_credit))
    # A bare agency credit '(Yonhap)' ends a caption, except on the story's last paragraph.
    return [raw for i, (raw, bare) in enumerate(kept) if not bare or i == len(kept) - 1]


def _masthead(lines: list[Line], title_at: int) -> str | None:
    """The outlet's name: the first short line above the headline that is not a button."""
    for line in lines[:max(title_at, 0)]:
        if line.kind == TEXT:
            if _words(line.text) <= 6 and not f.is_sentence(line.text) and not re.search(r"\d{4}", line.text):
                return line.text
            return None
    return None


def _title_suffixes(lines: list[Line], title: str) -> list[str]:
    """'Moon urges … | Voice of America - English' above the headline names the site."""
    found = []
    for line in lines:
        if line.kind == TEXT and line.text != title and line.text.startswith(title) and (site := site_of(line.text)):
            found.append(site)
    return found


def site_of(title: str) -> str | None:
    """The site a page title ends with: 'Headline | Site', 'Headline - Site' ('Site - English' → 'Site')."""
    parts = re.split(r"\s+\|\s+", title)
    if len(parts) < 2:
        parts = re.split(r"\s+[-–—]\s+", title)
    site = re.split(r"\s+[-–—]\s+", parts[-1])[0].strip() if len(parts) > 1 else ""
    return site if 1 <= len(site.split()) <= 5 else None


def without_site(title: str) -> str:
    site = site_of(title)
    return re.sub(rf"\s+[|\-–—]\s+{re.escape(site)}.*$", "", title) if site else title


def _publication(lines: list[Line], masthead: str | None, body: list[str], title: str) -> str | None:
    """The masthead, else an outlet a byline or dateline names, else the copyright holder;
    an acronym ('AP') is spelled out when another of these has its initials."""
    named: list[str] = []
    for line in lines:
        if line.kind == BYLINE and (m := re.search(r"(?:\||,)\s*([A-Z][\w .&'-]{1,40})$", line.text)) \
                and not line.authors.count(m[1].strip()):
            named.append(m[1].strip())
    if body:
        if m := _WIRE_DATELINE.match(body[0]):
            named.append(m["agency"])
        elif korean := read_korean_dateline(body[0]):
            named.append(korean[0])
    holders = [h for line in lines if line.kind == DROP and (h := f.copyright_holder(line.text))]
    sources = [re.split(r"\s+(?:and|&)\s+|,", m["source"])[0].strip()
               for line in lines if (m := f.SOURCE_LINE.fullmatch(line.text)) and not _URL_IN.match(m["source"])]
    candidates = [c for c in (masthead, *named, *_title_suffixes(lines, title), *holders, *sources) if c]
    if not candidates:
        return None
    chosen = candidates[0]
    if re.fullmatch(r"[A-Z]{2,5}", chosen):
        for other in candidates[1:]:
            initials = "".join(w[0] for w in other.split() if w[0].isupper() and w.lower() != "the")
            if initials == chosen:
                return other
    return chosen


def _authors(lines: list[Line], body: list[str], outlets: tuple[str, ...]) -> tuple[str, ...]:
    for line in lines:
        if line.kind == BYLINE and line.authors:
            names = tuple(n for n in line.authors if n not in outlets)
            if names:
                return names
    if body and (korean := read_korean_dateline(body[0])):
        return korean[1]
    return ()


def _published(lines: list[Line], body: list[str], zones: list[str | None], name: str) -> str | None:
    stamp = choose([s for line in lines if line.kind == STAMP for s in line.stamps])
    if stamp:
        return instant(stamp, zones)
    # A wire dateline ('SEOUL, Sept 14 (Reuters) -') has no year; the seed's name may ('2018-09-14-….txt').
    m = _WIRE_DATELINE.match(body[0]) if body else None
    year = re.match(r"(\d{4})-", Path(name).name)
    if m and m["month"] and year and m["month"][:3].lower() in _MONTHS:
        try:
            return dt.date(int(year[1]), _MONTHS.index(m["month"][:3].lower()) + 1, int(m["day"])).isoformat()
        except ValueError:
            return None
    return None


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text).strip().casefold()


def _hangul_share(paragraphs: list[str]) -> float:
    letters = [ch for p in paragraphs for ch in p if ch.isalpha()]
    return sum("가" <= ch <= "힣" for ch in letters) / max(len(letters), 1)
