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
from ..content.asknown import Known, changes, current_step, row_on, rows_of, sources_in_order, start
from ..content.model import Article, ChronoItem, Citation, Entry, Meeting, Milestone, Person, Site, Tag
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
    return Row(item, state, sources_in_order(site, item), encode_changes(site, item), encode_state(present))


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


def timeline_axis(site: Site) -> Axis:
    return lay_out([(item, start(site, item)) for item in site.chronology])


def chronology_context(site: Site, day: datetime.date | None = None) -> dict[str, object]:
    """The present chronology, or (with a day) the chronology as known on that day."""
    return {"years": chronology_years(site, day), "as_of": day,
            "as_of_pages": tuple((as_of_path(other), other) for other in as_of_days(site)),
            "state_of_play": state_of_play(site, day) if day else ()}


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
        return {"milestones": related_milestones(site, entry), "row": make_row(site, rows_of(site, entry.kind, entry.id)[0])}
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
