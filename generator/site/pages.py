"""What each page shows: the read-only context of model objects its template lays out.

Contexts are put together here so that templates only lay out what they are
given: they never sort, look things up by hand or build a URL. Which pages
there are is the plan's business (``plan``).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import groupby
from typing import Callable, Iterator, Mapping

from .axis import Axis, lay_out
from ..content.dates import MONTH, MONTH_NAMES
from ..content.kinds import KINDS
from ..content.model import Article, ChronoItem, Entry, Meeting, Milestone, Person, Site, Tag
from ..content.urls import history_anchor

@dataclass(frozen=True)
class Row:
    """A chronology item with what its row shows beyond the item itself."""

    item: ChronoItem
    known: datetime.date | None   # earliest publication day among its sources


@dataclass(frozen=True)
class Month:
    key: str                      # 'YYYY-MM'
    heading: str                  # 'September 2018'
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Year:
    year: int
    months: tuple[Month, ...]


class Later(Mapping[str, object]):
    """A read-only page context put together when it is first read.

    ``serve`` plans every page after each edit but renders only those a browser
    asks for; the rest never pay for their context.
    """

    def __init__(self, make: Callable[[], dict[str, object]]) -> None:
        self._make: Callable[[], dict[str, object]] | None = make
        self._values: dict[str, object] = {}

    def _made(self) -> dict[str, object]:
        make = self._make
        if make is not None:   # two threads may both make it: the same values either way
            self._values = make()
            self._make = None
        return self._values

    def __getitem__(self, key: str) -> object:
        return self._made()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._made())

    def __len__(self) -> int:
        return len(self._made())


# -- the chronology -----------------------------------------------------------

def known_since(site: Site, item: ChronoItem) -> datetime.date | None:
    days = [site.articles[c.article].published_day for c in item.sources if c.article in site.articles]
    return min(days) if days else None


def _start(site: Site, item: ChronoItem) -> datetime.date:
    """The day the item sorts by: a milestone entry never starts before the one above it."""
    if item.kind == "milestones":
        return site.milestones[item.id].starts()[item.index]
    return item.date.lower


def chronology_years(site: Site) -> tuple[Year, ...]:
    """site.chronology in its order, cut into years and months (consecutive runs).

    Items known only to the year (or decade) get a section of their own at the
    start of their year rather than posing as January items.
    """
    rows = [(_start(site, item), Row(item, known_since(site, item))) for item in site.chronology]
    years = []
    for year, in_year in groupby(rows, key=lambda pair: pair[0].year):
        months = []
        for (month, vague), in_month in groupby(in_year, key=lambda pair: (pair[0].month, pair[1].item.date.precision < MONTH)):
            heading = f"{year}, month not known" if vague else f"{MONTH_NAMES[month - 1]} {year}"
            months.append(Month(f"{year:04d}-{month:02d}", heading, tuple(row for _, row in in_month)))
        years.append(Year(year, tuple(months)))
    return tuple(years)


def timeline_axis(site: Site) -> Axis:
    return lay_out([(item, _start(site, item)) for item in site.chronology])


def chronology_context(site: Site) -> dict[str, object]:
    return {"years": chronology_years(site)}


def timeline_context(site: Site) -> dict[str, object]:
    return {"axis": timeline_axis(site)}


# -- index pages --------------------------------------------------------------

def index_context(site: Site, kind: str) -> dict[str, object]:
    """The kind's entries in its index order: people by name, meetings and articles by date, milestones by status."""
    return {"entries": tuple(sorted(site.kind(kind).values(), key=KINDS[kind].order))}


# -- tags -----------------------------------------------------------------------

def tags_context(site: Site) -> dict[str, object]:
    """Every tag with how many entries have it, by name."""
    tags = sorted(site.tags.values(), key=lambda tag: (tag.name.casefold(), tag.id))
    return {"tags": tuple((tag, len(tag.entries)) for tag in tags)}


def tag_context(site: Site, tag: Tag) -> dict[str, object]:
    """The entries with the tag, by kind (in the table's order), each kind in its index order."""
    groups = []
    for kind in KINDS.values():
        entries = [site.get(k, id) for k, id in tag.entries if k == kind.folder]
        if entries:
            groups.append((kind.folder, kind.title, tuple(sorted(entries, key=kind.order))))
    tagged = set(tag.entries)
    return {"tag": tag, "groups": tuple(groups),
            "in_chronology": any((item.kind, item.id) in tagged for item in site.chronology)}


# -- one page per file ----------------------------------------------------------

def entry_context(site: Site, entry: Entry) -> dict[str, object]:
    """What an entry's page shows besides the entry itself (``page.entry``); a kind may need nothing more."""
    if isinstance(entry, Person):
        return person_context(site, entry)
    if isinstance(entry, Meeting):
        return {"milestones": related_milestones(site, entry)}
    if isinstance(entry, Milestone):
        return {"history": tuple((history_anchor(index), step) for index, step in enumerate(entry.history))}
    if isinstance(entry, Article):
        return article_context(site, entry)
    return {}


def person_context(site: Site, person: Person) -> dict[str, object]:
    return {
        "meetings": site.person_meetings.get(person.id, ()),
        "milestones": site.person_milestones.get(person.id, ()),
        "mentions": tuple((site.articles[m.article], m) for m in site.person_mentions.get(person.id, ())),
        "quotes": tuple((site.get(*owner), citation) for owner, citation in site.person_quotes.get(person.id, ())),
    }


def related_milestones(site: Site, meeting: Meeting) -> tuple[Milestone, ...]:
    """The meeting's own milestones, then those whose history or text cites it."""
    ids = list(meeting.milestones)
    ids += [id for kind, id in site.backlinks.get(meeting.key, ()) if kind == "milestones"]
    return tuple(site.milestones[id] for id in dict.fromkeys(ids) if id in site.milestones)


def article_context(site: Site, article: Article) -> dict[str, object]:
    """Who the article mentions, and every page that cites or links it, by kind."""
    citing: dict[str, list[Entry]] = {kind: [] for kind in KINDS}
    for kind, id in site.backlinks.get(article.key, ()):
        citing[kind].append(site.get(kind, id))
    return {
        "mentioned": tuple(site.people[m.person] for m in site.mentions.get(article.id, ())),
        "cited_by": tuple((kind, KINDS[kind].title, tuple(sorted(entries, key=KINDS[kind].order)))
                          for kind, entries in citing.items() if entries),
    }
