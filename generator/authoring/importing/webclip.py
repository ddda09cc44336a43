"""A Markdown web clip, as browser clippers write it: front matter (``title``, ``source``,
``author``, ``published``, ``description``, ``tags``) above the page as Markdown, with the
furniture the clipper kept: skip links, navigation lists, the headline again, the byline,
share and 'Related:' lines, the copyright."""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import yaml

from .bylines import is_name, strip_role
from .clipping import Clipping, ClippingError, Hints
from .stamps import iso_instant
from .textclip import read_text
from .zones import home_zone

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_WIKILINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
_ONLY_LINKS = re.compile(r"(?:\s*(?:[-*+]\s+)?\[[^\]]*\]\([^)]*\)\s*)+")
_LIST_LINK = re.compile(r"\s*[-*+]\s+\[[^\]]*\]\([^)]*\)\s*")
_CLIPPER_TAGS = {"clippings", "clipping", "web-clip", "webclip"}


def read_webclip(text: str, name: str, site_zone: str | None = None) -> Clipping:
    lines = text.split("\n")
    close = next((i for i in range(1, len(lines)) if re.fullmatch(r"---[ \t]*", lines[i])), None)
    if close is None:
        raise ClippingError(f"{name}:1:1: error: the web clip's front matter is not closed: add a '---' line after it")
    try:
        front = yaml.safe_load("\n".join(lines[1:close])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 2}:{mark.column + 1}" if mark else "2:1"
        raise ClippingError(f"{name}:{where}: error: the web clip's front matter is not valid YAML: "
                            f"{getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(front, dict):
        raise ClippingError(f"{name}:2:1: error: the web clip's front matter must be a mapping of keys to values")
    url = _text(front.get("source") or front.get("url") or front.get("link"))
    people, organisations = _authors(front.get("author") or front.get("authors"), url)
    publication = _text(front.get("site") or front.get("publisher")) or (organisations[0] if organisations else None)
    korean = bool(re.search(r"[가-힣]", _text(front.get("title")) or ""))
    zones = [home_zone(publication, url, korean), site_zone]
    published = front.get("published") or front.get("date")
    if isinstance(published, dt.datetime):
        published = published.isoformat()
    elif isinstance(published, dt.date):
        published = published.isoformat()
    hints = Hints(title=_text(front.get("title")), publication=publication, authors=people,
                  published=iso_instant(str(published), zones) if published else None, url=url,
                  description=_text(front.get("description")))
    clipping = read_text(_body_lines(lines[close + 1:]), name, hints, site_zone)
    tags = front.get("tags") or []
    tags = tuple(str(t) for t in (tags if isinstance(tags, list) else [tags]) if str(t).lower() not in _CLIPPER_TAGS)
    return Clipping(clipping.title, clipping.publication, clipping.authors, clipping.published, clipping.url,
                    clipping.paragraphs, markdown=True, summary=hints.description, tags=tags)


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _authors(value, url: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """People, and the organisations clippers put among authors ('Al Jazeera' on
    aljazeera.com, 'News Agencies'), from a name, a list or '[[Name]]' links."""
    items = value if isinstance(value, list) else [value] if value else []
    host = re.sub(r"^www\.", "", urlsplit(url).hostname or "") if url else ""
    people: list[str] = []
    organisations: list[str] = []
    for item in items:
        if not isinstance(item, str):
            continue
        for one in re.split(r"\s*,\s*|\s+and\s+", _WIKILINK.sub(r"\1", item)):
            one = strip_role(one.strip())
            letters = re.sub(r"\W", "", one).lower()
            if letters and host.split(".")[0].replace("-", "") == letters:
                organisations.append(one)
            elif is_name(one):
                people.append(one)
    return tuple(dict.fromkeys(people)), tuple(organisations)


def _body_lines(lines: list[str]) -> list[tuple[str, str]]:
    """(text to read, Markdown to keep) for each line: images, setext underlines and runs
    of link-only list items (navigation) are left out; links are read as their text."""
    pairs: list[tuple[str, str]] = []
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or re.fullmatch(r"!\[[^\]]*\]\([^)]*\)", line) or re.fullmatch(r"[=-]{3,}", line):
            continue
        near = [lines[j].strip() for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if _LIST_LINK.fullmatch(line) and any(_LIST_LINK.fullmatch(n) for n in near):
            continue
        if _ONLY_LINKS.fullmatch(line) and len(_LINK.findall(line)) > 1:
            continue                                  # '[Share](…) [Comment](…) [Gift Article](…)'
        if line.startswith(">"):
            continue                                  # a clipper's excerpt block
        text = _WIKILINK.sub(r"\1", _LINK.sub(r"\1", line))
        text = re.sub(r"^#{1,6}\s+", "", text).strip()
        pairs.append((text, line))
    return pairs
