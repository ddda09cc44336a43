"""Frozen records of a chronology site. No I/O here.

Text fields that came from front matter keep their file position (see
``yamltext.YStr``), so later checks can point at the exact line.
"""
from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .config import Config
from .dates import Edtf, parse_published
from .mentions import NameMatcher
from .static import StaticFiles
from .scripts import guess_lang
from .urls import history_anchor

MEETING_STATUSES = ("scheduled", "held", "postponed", "cancelled")
MILESTONE_STATUSES = ("proposed", "agreed", "scheduled", "delayed", "done", "cancelled", "broken")
STATUS_MEANINGS = {   # what each status word says, for the legends of the home page and the milestones index
    "proposed": "put forward by one side, not yet accepted by the other",
    "agreed": "accepted by both sides, not yet carried out or dated",
    "scheduled": "set for a date",
    "held": "the meeting took place",
    "postponed": "a meeting put off to a later day, with or without a new date",
    "delayed": "a step that missed its date and is still expected",
    "done": "carried out",
    "cancelled": "called off before it took place",
    "broken": "agreed or carried out, then reversed or violated",
}


@dataclass(frozen=True, kw_only=True)
class Entry:
    """What every content file has besides its front matter.

    Each kind's record adds the attributes its fields declare in ``kinds``,
    ``title``, ``summary``, ``tags`` and ``draft`` among them.
    """

    kind: str
    id: str
    path: str
    body: str
    body_line: int
    complete: bool = True     # False: a required field did not read; never part of a ``Site``

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


@dataclass(frozen=True)
class Role:
    title: str
    organization: str | None
    start: Edtf | None
    end: Edtf | None


class Person(Entry):
    @property
    def name(self) -> str:
        return self.title

    @property
    def native_name_lang(self) -> str | None:
        """The ``lang`` of the native name: as written in ``native_lang``, else guessed from its script."""
        return self.native_lang or (guess_lang(self.native_name) if self.native_name else None)


@dataclass(frozen=True)
class Citation:
    """A claim's source: an article, maybe the words quoted and who said them."""

    article: str
    quote: str | None
    by: str | None
    line: int


@dataclass(frozen=True)
class Participant:
    person: str
    role: str | None
    line: int


class Meeting(Entry):
    """A meeting's record; its fields are declared in ``kinds``."""


@dataclass(frozen=True)
class HistoryEntry:
    date: Edtf
    status: str
    note: str | None
    source: Citation | None
    meeting: str | None
    line: int


class Milestone(Entry):
    @property
    def status(self) -> str:
        return self.history[-1].status

    def starts(self) -> tuple[datetime.date, ...]:
        """When each entry took effect: its earliest day, never before the entry above it.

        History is written oldest first, and a vaguer date may start earlier than
        the precise one before it (``2018-08-31~`` then ``2018-08``).
        """
        days: list[datetime.date] = []
        for entry in self.history:
            days.append(max(entry.date.lower, days[-1]) if days else entry.date.lower)
        return tuple(days)

    def status_on(self, day: datetime.date) -> HistoryEntry | None:
        """The history entry in force on day: the last one that had begun by then."""
        current = None
        for entry, start in zip(self.history, self.starts()):
            if start <= day:
                current = entry
        return current


class Article(Entry):
    @functools.cached_property
    def published_at(self) -> datetime.datetime | datetime.date:
        """``published`` read as a date or an instant (it was checked when the file was read)."""
        return parse_published(self.published)

    @property
    def published_day(self) -> datetime.date:
        at = self.published_at
        return at.date() if isinstance(at, datetime.datetime) else at


@dataclass(frozen=True)
class Mention:
    """A person named in an article body, with the sentence that names them."""

    article: str
    person: str
    sentence: str
    line: int


@dataclass(frozen=True)
class ChronoItem:
    """One row of the chronology: a meeting, or one milestone history entry."""

    kind: str                 # "meetings" or "milestones"
    id: str
    index: int                # history position for milestones, 0 for meetings
    date: Edtf
    title: str
    status: str
    note: str | None
    people: tuple[str, ...]
    tracks: tuple[str, ...]
    sources: tuple[Citation, ...]
    meeting: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        """The row's id on the chronology page."""
        return f"{self.kind}-{self.id}" if self.kind == "meetings" else f"{self.kind}-{self.id}-{self.index + 1}"

    @property
    def page_anchor(self) -> str:
        """Where on its own page the item is told: a history entry's place on its milestone's page."""
        return history_anchor(self.index) if self.kind == "milestones" else ""


def name_key(name: str) -> str:
    """A person's name as a ``[[Name]]`` link finds it: white space and case do not count."""
    return " ".join(name.split()).casefold()


def link_text(target: str, entry: Entry) -> str:
    """What a ``[[target]]`` without text of its own shows: the page's title, or the name as written
    when it names a person by name (``[[Kim Jong Un]]``)."""
    return entry.title if target in (entry.id, f"{entry.kind}/{entry.id}") else target


@dataclass(frozen=True)
class Tag:
    """One tag's page: every entry given the tag, in any of the spellings that make its id."""

    id: str                                   # ``ids.suggest_id`` of the tag: its page is tags/<id>/
    name: str                                 # the spelling used most
    entries: tuple[tuple[str, str], ...]      # (kind, id) of each entry with the tag


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Site:
    """The whole resolved site: records, references resolved both ways, chronology."""

    config: Config
    records: Mapping[str, Mapping[str, Entry]]                     # kind -> id -> record, kinds in table order
    chronology: tuple[ChronoItem, ...]
    names: NameMatcher                                             # every person's names, each to one person
    targets: Mapping[str, tuple[str, str]]                         # each [[target]] written -> the page it names
    mentions: Mapping[str, tuple[Mention, ...]]                    # article id -> mentions
    backlinks: Mapping[tuple[str, str], tuple[tuple[str, str], ...]]  # target -> pages referring to it
    links: Mapping[tuple[str, str], tuple[tuple[str, str], ...]]      # page -> every page it names: ids, [[links]], mentions
    person_meetings: Mapping[str, tuple[tuple[Meeting, str | None], ...]] = field(default_factory=dict)
    person_milestones: Mapping[str, tuple[Milestone, ...]] = field(default_factory=dict)
    person_mentions: Mapping[str, tuple[Mention, ...]] = field(default_factory=dict)
    person_quotes: Mapping[str, tuple[tuple[tuple[str, str], Citation], ...]] = field(default_factory=dict)
    tags: Mapping[str, Tag] = field(default_factory=dict)                  # tag id -> tag, by id
    static: StaticFiles = StaticFiles()                                    # the files of static/
    failed: frozenset[tuple[str, str]] = frozenset()   # files found but left out: they could not be read or lack a required field

    def __post_init__(self) -> None:
        object.__setattr__(self, "records", _frozen({kind: _frozen(ids) for kind, ids in self.records.items()}))
        for name in ("targets", "mentions", "backlinks", "links", "person_meetings", "person_milestones", "person_mentions",
                     "person_quotes", "tags"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    # Typed shortcuts for the code and templates that are about one kind.
    people = property(lambda self: self.records["people"])
    meetings = property(lambda self: self.records["meetings"])
    milestones = property(lambda self: self.records["milestones"])
    articles = property(lambda self: self.records["articles"])

    @functools.cached_property
    def now(self) -> datetime.date | None:
        """The site's "now": the latest publication day among its articles, so that a build is reproducible."""
        return max((article.published_day for article in self.articles.values()), default=None)

    def kind(self, kind: str) -> Mapping[str, Entry]:
        return self.records[kind]

    def get(self, kind: str, id: str) -> Entry | None:
        return self.records[kind].get(id) if kind in self.records else None

    def target(self, target: str) -> Entry | None:
        """The entry a ``[[target]]`` names, as the link stage resolved it."""
        key = self.targets.get(target.strip())
        return self.get(*key) if key else None

    def link_text(self, target: str) -> str:
        """What ``[[target]]`` shows when it gives no text: see ``link_text``; the target itself if it names nothing."""
        entry = self.target(target)
        return link_text(target.strip(), entry) if entry is not None else target

    def entries(self) -> list[Entry]:
        """Every page-making record, in a stable order."""
        return [entry for ids in self.records.values() for entry in ids.values()]

    @functools.cached_property
    def adjacent_meetings(self) -> Mapping[str, tuple[Meeting | None, Meeting | None]]:
        """Each meeting's previous and next meeting, in the chronology's order."""
        order = [self.meetings[item.id] for item in self.chronology if item.kind == "meetings"]
        return {meeting.id: (order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None)
                for i, meeting in enumerate(order)}
