"""What each page shows: the read-only context of model objects its template lays out.

Contexts are put together here so that templates only lay out what they are
given: they never sort, look things up by hand or build a URL. Which pages
there are is the plan's business (``plan``).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from itertools import groupby
from typing import Callable, Iterable, Iterator, Mapping

from .axis import Axis, lay_out
from .encounters import by_frequency, counterparts, encounters, matrix, people_in_meetings
from ..content.dates import MONTH, MONTH_NAMES
from ..content.kinds import KINDS
from ..content.model import STATUS_MEANINGS, Article, ChronoItem, Entry, Meeting, Milestone, Participant, Person, Site
from ..content.phases import Phase
from ..content.urls import history_anchor

@dataclass(frozen=True)
class Row:
    """A chronology item with what its row shows beyond the item itself."""

    item: ChronoItem
    known: datetime.date | None   # earliest publication day among its sources
    major: bool = False           # a major meeting: stands out


@dataclass(frozen=True)
class Month:
    key: str                      # 'YYYY-MM'
    heading: str                  # 'September 2018'
    rows: tuple[Row, ...]
    anchor: str = ""              # the id jump links lead to: the first section of each month has one


@dataclass(frozen=True)
class Year:
    year: int
    months: tuple[Month, ...]


@dataclass(frozen=True)
class Chapter:
    """A run of the chronology under one phase (or, outside every phase, under none), in years and months."""

    phase: Phase | None
    years: tuple[Year, ...]


@dataclass(frozen=True)
class Jump:
    """A year in the jump links: where it begins, and its months (short name, anchor)."""

    year: int
    anchor: str
    months: tuple[tuple[str, str], ...]


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


def _is_major(site: Site, item: ChronoItem) -> bool:
    return item.kind == "meetings" and site.meetings[item.id].major


def chronology_years(site: Site) -> tuple[Year, ...]:
    """site.chronology in its order, cut into years and months (consecutive runs).

    Items known only to the year (or decade) get a section of their own at the
    start of their year rather than posing as January items.
    """
    rows = [(_start(site, item), Row(item, known_since(site, item), _is_major(site, item))) for item in site.chronology]
    years = []
    for year, in_year in groupby(rows, key=lambda pair: pair[0].year):
        months = []
        for (month, vague), in_month in groupby(in_year, key=lambda pair: (pair[0].month, pair[1].item.date.precision < MONTH)):
            heading = f"{year}, month not known" if vague else f"{MONTH_NAMES[month - 1]} {year}"
            months.append(Month(f"{year:04d}-{month:02d}", heading, tuple(row for _, row in in_month)))
        years.append(Year(year, tuple(months)))
    return tuple(years)


def chronology_chapters(site: Site) -> tuple[Chapter, ...]:
    """The years and months of the chronology cut where the phase changes; each month's first section anchored."""
    rows = [(year.year, month, row) for year in chronology_years(site) for month in year.months for row in month.rows]
    anchored: set[str] = set()
    chapters = []
    for phase, in_phase in groupby(rows, key=lambda t: phase_of(site, _start(site, t[2].item))):
        years = []
        for year, in_year in groupby(in_phase, key=lambda t: t[0]):
            months = []
            for _, in_month in groupby(in_year, key=lambda t: id(t[1])):
                in_month = list(in_month)
                month = in_month[0][1]
                anchor = "" if month.key in anchored else f"m{month.key}"
                anchored.add(month.key)
                months.append(replace(month, rows=tuple(row for _, _, row in in_month), anchor=anchor))
            years.append(Year(year, tuple(months)))
        chapters.append(Chapter(phase, tuple(years)))
    return tuple(chapters)


def phase_of(site: Site, day: datetime.date) -> Phase | None:
    return next((phase for phase in site.config.phases if phase.contains(day)), None)


def jump_links(chapters: tuple[Chapter, ...]) -> tuple[Jump, ...]:
    """Each year, led to by its first section, with the months that have a section of their own."""
    found: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for chapter in chapters:
        for year in chapter.years:
            for month in year.months:
                if not month.anchor:
                    continue
                first, months = found.setdefault(year.year, (month.anchor, []))
                if month.rows[0].item.date.precision >= MONTH:
                    months.append((MONTH_NAMES[int(month.key[5:]) - 1][:3], month.anchor))
    return tuple(Jump(year, anchor, tuple(months)) for year, (anchor, months) in found.items())


def overview(site: Site, chapters: tuple[Chapter, ...]) -> dict[str, object]:
    """The home page's opening: the phases with how many entries each holds, the major meetings, the milestones
    by current status (with their count), and the meaning of every status word the chronology shows."""
    counts: dict[str, int] = {}
    for chapter in chapters:
        if chapter.phase is not None:
            counts[chapter.phase.anchor] = counts.get(chapter.phase.anchor, 0) + sum(
                len(month.rows) for year in chapter.years for month in year.months)
    milestones = sorted(site.milestones.values(), key=KINDS["milestones"].order)
    by_status = tuple((status, tuple(group)) for status, group in groupby(milestones, key=lambda m: m.status))
    return {
        "phases": tuple((phase, counts.get(phase.anchor, 0)) for phase in site.config.phases),
        "major": tuple(m for m in sorted(site.meetings.values(), key=KINDS["meetings"].order) if m.major),
        "promises": by_status,
        "legend": status_legend({item.status for item in site.chronology}),
    }


def status_legend(statuses: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """(status, what it means) for the statuses given, in the order of STATUS_MEANINGS."""
    shown = set(statuses)
    return tuple((status, meaning) for status, meaning in STATUS_MEANINGS.items() if status in shown)


def timeline_axis(site: Site) -> Axis:
    return lay_out([(item, _start(site, item), _is_major(site, item)) for item in site.chronology], site.config.phases)


def chronology_context(site: Site) -> dict[str, object]:
    chapters = chronology_chapters(site)
    return {"chapters": chapters, "jumps": jump_links(chapters), "overview": overview(site, chapters)}


def timeline_context(site: Site) -> dict[str, object]:
    return {"axis": timeline_axis(site)}


def who_met_whom_context(site: Site) -> dict[str, object]:
    """The matrix of who met whom (of the people with the most meetings), and each pair's meetings, most first."""
    pairs = encounters(site)
    shown = matrix(site, pairs)
    return {"matrix": shown, "left_out": len(people_in_meetings(site)) - len(shown),
            "pairs": tuple(by_frequency(list(pairs.values())))}


# -- index pages --------------------------------------------------------------

def index_context(site: Site, kind: str) -> dict[str, object]:
    """The kind's entries in its index order: people by name, meetings and articles by date, milestones by status
    (with the meaning of each status shown)."""
    entries = tuple(sorted(site.kind(kind).values(), key=KINDS[kind].order))
    if kind == "milestones":
        return {"entries": entries, "legend": status_legend(m.status for m in entries)}
    return {"entries": entries}


# -- one page per file ----------------------------------------------------------

def entry_context(site: Site, entry: Entry) -> dict[str, object]:
    """What an entry's page shows besides the entry itself (``page.entry``); a kind may need nothing more."""
    if isinstance(entry, Person):
        return person_context(site, entry)
    if isinstance(entry, Meeting):
        previous, following = site.adjacent_meetings[entry.id]
        return {"milestones": related_milestones(site, entry), "previous": previous, "next": following,
                "delegations": delegations(site, entry)}
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
        "counterparts": counterparts(site, person),
    }


def delegations(site: Site, meeting: Meeting) -> tuple[tuple[str | None, tuple[Participant, ...]], ...]:
    """The participants by the country they represent, countries in the order first named; those with no
    country last, under None."""
    by_country: dict[str | None, list[Participant]] = {}
    for participant in meeting.participants:
        by_country.setdefault(site.people[participant.person].country, []).append(participant)
    groups = sorted(by_country.items(), key=lambda group: group[0] is None)
    return tuple((country, tuple(participants)) for country, participants in groups)


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
