"""The kinds of content and their fields, each declared once.

Everything else follows from this table: which folders are read, how front
matter is checked, the model records (made here from the fields), the
scaffolds of ``chrono new``, the index pages, the navigation and the sitemap,
and the field tables in docs/content.md (a test holds them together).

Adding a field is one ``Field`` line here and the template that shows it. A
field that names other files is also checked in ``link``.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from .fields import (EDTF, FLAG, IMAGE, LANGUAGE, MARKDOWN, NAME, PUBLISHED, TEXT, URL, Field, FieldError, NestedErrors, listing, mapping,
                     one_of, one_or_many, ref)
from .model import (MEETING_STATUSES, MILESTONE_STATUSES, Article, Citation, Entry, HistoryEntry, Meeting,
                    Milestone, Participant, Person, Role)
from .yamltext import YMap


def _by_title(entry: Any) -> tuple:
    return (entry.title.casefold(), entry.id)


@dataclass(frozen=True)
class Kind:
    folder: str                          # content/<folder>/ and the pages /<folder>/<id>/
    singular: str                        # `chrono new <singular>`, messages, the page template
    title: str                           # the index page's heading and navigation label
    fields: tuple[Field, ...]            # one of them has the attribute 'title': the page's heading
    base: type[Entry] = Entry            # the record's methods, if it has any; its fields come from ``fields``
    order: Callable[[Any], tuple] = _by_title   # the index page's order
    record: type[Entry] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        attributes = [(f.name, Any, dataclasses.field(default=f.absent)) for f in self.fields]
        record = dataclasses.make_dataclass(self.singular.title(), attributes, bases=(self.base,), frozen=True,
                                            kw_only=True, namespace={"__reduce__": _reduce})
        record.__module__ = __name__
        object.__setattr__(self, "record", record)

    @property
    def template(self) -> str:
        """The theme template of each entry's page: ``person.html``."""
        return f"{self.singular}.html"

    @property
    def index_template(self) -> str:
        return f"{self.folder}_index.html"

    @property
    def date_field(self) -> tuple[Field, ...]:
        """The path to the date `new --date` fills in: a required date field, maybe inside a required list."""
        for field in self.fields:
            if field.required and field.type.examples:
                return (field,)
            item = field.type.item
            if field.required and item is not None:
                inner = next((f for f in item.fields if f.required and f.type.examples), None)
                if inner is not None:
                    return (field, inner)
        return ()


def _reduce(record: Entry) -> tuple:
    """Records are made here, so they are pickled (to and from worker processes) as kind and values."""
    return _rebuild, (record.kind, {f.name: getattr(record, f.name) for f in dataclasses.fields(record)})


def _rebuild(folder: str, values: dict[str, Any]) -> Entry:
    return KINDS[folder].record(**values)


# -- nested mappings -----------------------------------------------------------------

def _line(value: Any) -> int:
    return getattr(value, "line", 0)


def _role(meta: YMap, title: str, organization: str | None = None, **dates: Any) -> Role:
    role = Role(title, organization, dates.get("from"), dates.get("to"))
    if role.start and role.end and role.end.upper and role.end.upper < role.start.lower:
        raise NestedErrors([FieldError(meta, f"role '{title}' ends ({role.end.text}) before it starts ({role.start.text})")])
    return role


def _participant(meta: YMap, person: str, role: str | None = None) -> Participant:
    return Participant(person, role, meta.line)


def _person_id(value: str) -> Participant:
    return Participant(PERSON.read(value), None, _line(value))


def _citation(meta: YMap, article: str, quote: str | None = None, by: str | None = None) -> Citation:
    return Citation(article, quote, by, meta.line)


def _history_entry(meta: YMap, date: Any, status: str, note: str | None = None, source: str | None = None,
                   meeting: str | None = None, quote: str | None = None) -> HistoryEntry:
    if quote and not source:
        raise NestedErrors([FieldError(meta, "a history entry with a 'quote' needs a 'source' article")])
    citation = Citation(source, quote, None, _line(source)) if source else None
    return HistoryEntry(date, status, note, citation, meeting, meta.line)


PERSON, MEETING, MILESTONE, ARTICLE = ref("person"), ref("meeting"), ref("milestone"), ref("article")

ROLE = mapping("role", (
    Field("title", TEXT, "the office", required=True),
    Field("organization", TEXT, "whom it is held for"),
    Field("from", EDTF, "when it began"),
    Field("to", EDTF, "when it ended; none while it is held"),
), _role)

PARTICIPANT = mapping("participant", (
    Field("person", PERSON, "who took part", required=True),
    Field("role", TEXT, "their part in the meeting: head of delegation, interpreter"),
), _participant, plain=_person_id)

SOURCE = mapping("source", (
    Field("article", ARTICLE, "the article that reports it", required=True),
    Field("quote", TEXT, "its words, exactly; '...' stands for words left out"),
    Field("by", PERSON, "the person quoted"),
), _citation)

HISTORY_ENTRY = mapping("history entry", (
    Field("date", EDTF, "when the status took effect", required=True),
    Field("status", one_of(MILESTONE_STATUSES), "the status from then on", required=True),
    Field("note", MARKDOWN, "what happened, in a sentence"),
    Field("source", ARTICLE, "the article that reports it"),
    Field("meeting", MEETING, "the meeting where it happened"),
    Field("quote", TEXT, "words of the source that support it"),
), _history_entry)

# -- the kinds -------------------------------------------------------------------------

COMMON = (
    Field("summary", MARKDOWN, "one or two sentences shown under the title, in lists and in feeds"),
    Field("tags", one_or_many(TEXT), "free keywords"),
    Field("draft", FLAG, "left out of `build` and `serve` unless `--drafts` is given"),
)

PICTURE = (
    Field("image", IMAGE, "a picture shown on the page and in timeline.json; images/kim.jpg is static/images/kim.jpg"),
    Field("image_credit", TEXT, "who made or owns the picture, shown under it"),
)

PEOPLE = Kind("people", "person", "People", (
    Field("name", NAME, "the name readers know", required=True, attribute="title"),
    Field("aliases", one_or_many(NAME), "other spellings; mentions of them in articles link to the person"),
    Field("native_name", NAME, "the name in its own script, such as 김정은"),
    Field("native_lang", LANGUAGE, "the language of native_name; guessed from its script when left out (Hangul: ko)"),
    Field("country", TEXT, "whom the person represents; meeting pages group participants by it"),
    Field("roles", listing(ROLE), "offices held"),
    *PICTURE,
    *COMMON,
), Person, lambda p: (p.name.casefold(), p.id))

MEETINGS = Kind("meetings", "meeting", "Meetings", (
    Field("title", TEXT, "what happened, as a headline", required=True),
    Field("date", EDTF, "when it took place", required=True),
    Field("location", TEXT, "where it took place"),
    Field("status", one_of(MEETING_STATUSES), "whether it took place", default="held"),
    Field("major", FLAG, "a summit or turning point, shown prominently"),
    Field("participants", listing(PARTICIPANT), "person ids, or mappings with person and role"),
    Field("tracks", one_or_many(TEXT), "the strands of the negotiation it belongs to"),
    Field("milestones", one_or_many(MILESTONE), "the milestones it concerns"),
    Field("sources", listing(SOURCE), "the articles that report it"),
    *PICTURE,
    *COMMON,
), Meeting, lambda m: (m.date.sort_key(), m.title.casefold(), m.id))

MILESTONES = Kind("milestones", "milestone", "Milestones", (
    Field("title", TEXT, "the commitment or step", required=True),
    Field("people", one_or_many(PERSON), "who is bound by it or drives it"),
    Field("tracks", one_or_many(TEXT), "the strands of the negotiation it belongs to"),
    Field("history", listing(HISTORY_ENTRY, at_least_one=True), "its statuses, oldest first; the last is the current one",
          required=True),
    *COMMON,
), Milestone, lambda m: (MILESTONE_STATUSES.index(m.status), m.title.casefold(), m.id))

ARTICLES = Kind("articles", "article", "Articles", (
    Field("title", TEXT, "the headline", required=True),
    Field("publication", TEXT, "the outlet that published it"),
    Field("author", one_or_many(TEXT), "who wrote it", attribute="authors"),
    Field("published", PUBLISHED, "when it was published, with its UTC offset", required=True),
    Field("url", URL, "the original"),
    Field("archive_url", URL, "a stable copy of the original, such as a web archive's"),
    *COMMON,
), Article, lambda a: (a.published_day, a.title.casefold(), a.id))

KINDS: dict[str, Kind] = {kind.folder: kind for kind in (PEOPLE, MEETINGS, MILESTONES, ARTICLES)}
BY_SINGULAR: dict[str, Kind] = {kind.singular: kind for kind in KINDS.values()}


def markdown_of(entry: Entry) -> Iterator[str]:
    """The entry's body and the text of every Markdown field it has, nested ones included."""
    yield entry.body
    yield from _markdown_in(entry, KINDS[entry.kind].fields)


def _markdown_in(value: Any, fields: tuple[Field, ...]) -> Iterator[str]:
    for field in fields:
        inner = getattr(value, field.name, None)
        if field.type is MARKDOWN and inner:
            yield inner
        elif field.type.item is not None and field.type.item.fields:
            for item in inner or ():
                yield from _markdown_in(item, field.type.item.fields)
