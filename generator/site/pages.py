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
from ..content.asknown import Known, changes, current_step, row_on, rows_of, sources_in_order, start
from ..content.model import (STATUS_MEANINGS, Article, ChronoItem, Citation, Entry, Meeting, Milestone, Participant,
                             Person, Site, Tag)
from ..content.phases import Phase
from ..content.urls import history_anchor

@dataclass(frozen=True)
class Row:
    """A chronology item as one view shows it: the present, or what was known on a day."""

    item: ChronoItem
    state: Known                  # status, planned, overdue, as this view reads it
    sources: tuple[Citation, ...]  # every source, oldest publication first; ``state.sources`` of them are shown
    changes: str                  # every state the row has had, for site.js (see ``encode_changes``)
    present: str                  # the present view's state, in the same form

    @property
    def shown_sources(self) -> tuple[Citation, ...]:
        return self.sources[:self.state.sources]

    @property
    def later_sources(self) -> int:
        """How many of its sources were published after the view's day."""
        return len(self.sources) - self.state.sources
    major: bool = False            # a major meeting: stands out


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

def encode_state(state: Known | None) -> str:
    """'held overdue,current 2': status, flags ('-' for none), how many sources show; 'hidden' when unknown."""
    if state is None:
        return "hidden"
    return f"{state.status} {','.join(state.flags) or '-'} {state.sources}"


def encode_changes(site: Site, item: ChronoItem) -> str:
    """The row's ``changes`` as site.js reads them: 'YYYY-MM-DD state;YYYY-MM-DD state'."""
    return ";".join(f"{day.isoformat()} {encode_state(state)}" for day, state in changes(site, item))


def make_row(site: Site, item: ChronoItem, day: datetime.date | None = None) -> Row | None:
    """The item as the present view shows it, or as known on day; None when nothing was known of it then."""
    present = row_on(site, item)
    state = present if day is None else row_on(site, item, day)
    if state is None or present is None:
        return None
    return Row(item, state, sources_in_order(site, item), encode_changes(site, item), encode_state(present),
               _is_major(site, item))


def _is_major(site: Site, item: ChronoItem) -> bool:
    return item.kind == "meetings" and site.meetings[item.id].major


def chronology_years(site: Site, day: datetime.date | None = None) -> tuple[Year, ...]:
    """site.chronology in its order, cut into years and months (consecutive runs).

    With a day, only the rows known on that day, as they were known then.
    Items known only to the year (or decade) get a section of their own at the
    start of their year rather than posing as January items.
    """
    rows = [(start(site, row.item), row) for row in (make_row(site, item, day) for item in site.chronology) if row]
    years = []
    for year, in_year in groupby(rows, key=lambda pair: pair[0].year):
        months = []
        for (month, vague), in_month in groupby(in_year, key=lambda pair: (pair[0].month, pair[1].item.date.precision < MONTH)):
            heading = f"{year}, month not known" if vague else f"{MONTH_NAMES[month - 1]} {year}"
            months.append(Month(f"{year:04d}-{month:02d}", heading, tuple(row for _, row in in_month)))
        years.append(Year(year, tuple(months)))
    return tuple(years)


AS_OF = "as-of/"


def as_of_path(day: datetime.date) -> str:
    """The pre-built chronology as known on day: 'as-of/2018-12-31/'."""
    return f"{AS_OF}{day.isoformat()}/"


def as_of_days(site: Site) -> tuple[datetime.date, ...]:
    """The days that get a pre-built "as of" page: the last day of each year before "now" in which an
    article was published (the years in which what was known changed)."""
    if site.now is None:
        return ()
    years = sorted({article.published_day.year for article in site.articles.values()} - {site.now.year})
    return tuple(datetime.date(year, 12, 31) for year in years if year < site.now.year)


def state_of_play(site: Site, day: datetime.date) -> tuple[tuple[Milestone, Known], ...]:
    """Each milestone with a step in force on day, and that step as known then, in chronology order."""
    steps = {(item.id, item.index): item for item in site.chronology if item.kind == "milestones"}
    found: dict[str, tuple[Milestone, Known]] = {}
    for milestone_id, _ in steps:
        if milestone_id not in found:
            index = current_step(site, site.milestones[milestone_id], day)
            state = row_on(site, steps[(milestone_id, index)], day) if index is not None else None
            if state is not None:
                found[milestone_id] = (site.milestones[milestone_id], state)
    return tuple(found.values())


def chronology_chapters(site: Site, day: datetime.date | None = None) -> tuple[Chapter, ...]:
    """The years and months of the chronology (as known on day, if given) cut where the phase changes; each
    month's first section anchored."""
    rows = [(year.year, month, row) for year in chronology_years(site, day) for month in year.months for row in month.rows]
    anchored: set[str] = set()
    chapters = []
    for phase, in_phase in groupby(rows, key=lambda t: phase_of(site, start(site, t[2].item))):
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
    return lay_out([(item, start(site, item), _is_major(site, item)) for item in site.chronology], site.config.phases)


def chronology_context(site: Site, day: datetime.date | None = None) -> dict[str, object]:
    """The present chronology with its overview, or (with a day) the chronology as known on that day, with the
    state of play then instead of the overview (which shows the present)."""
    chapters = chronology_chapters(site, day)
    return {"chapters": chapters, "jumps": jump_links(chapters), "overview": overview(site, chapters) if day is None else None,
            "as_of": day, "as_of_pages": tuple((as_of_path(other), other) for other in as_of_days(site)),
            "state_of_play": state_of_play(site, day) if day else ()}


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
        previous, following = site.adjacent_meetings[entry.id]
        return {"milestones": related_milestones(site, entry), "row": make_row(site, rows_of(site, entry.kind, entry.id)[0]),
                "previous": previous, "next": following, "delegations": delegations(site, entry)}
    if isinstance(entry, Milestone):
        rows = [make_row(site, item) for item in rows_of(site, entry.kind, entry.id)]
        return {"history": tuple((history_anchor(index), step, row)
                                 for index, (step, row) in enumerate(zip(entry.history, rows))),
                "row": rows[-1]}
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
