"""Per-kind field tables: turn checked front matter into model records.

Each kind declares its fields once: whether required, and a reader that
converts the YAML value or raises ``FieldError``. References are only checked
for form here; whether they name existing files is ``link``'s job.
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any, Callable

from .dates import EdtfError, parse_edtf, parse_published
from .diagnostics import Diagnostics, did_you_mean
from .load import ID_PATTERN, SourceFile
from .model import (MEETING_STATUSES, MILESTONE_STATUSES, Article, Citation, Entry, HistoryEntry, Meeting,
                    Milestone, Participant, Person, Role)
from .yamltext import YMap, position_of


class FieldError(Exception):
    def __init__(self, value: object, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.value, self.message, self.hint = value, message, hint


Reader = Callable[[Any], Any]


@dataclass(frozen=True)
class Field:
    read: Reader
    required: bool = False


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(value, f"must be text, not {_describe(value)}")
    if not value.strip():
        raise FieldError(value, "must not be empty")
    return value


def one_or_many(item: Reader, what: str) -> Reader:
    """A list of items; a single item is accepted as a list of one."""
    def read(value: Any) -> tuple:
        if isinstance(value, str):
            return (item(value),)
        if not isinstance(value, list):
            raise FieldError(value, f"must be a list of {what}, not {_describe(value)}")
        return tuple(item(entry) for entry in value)
    return read


def flag(value: Any) -> bool:
    words = {"true": True, "yes": True, "false": False, "no": False}
    if isinstance(value, str) and value.lower() in words:
        return words[value.lower()]
    raise FieldError(value, "must be true or false")


def edtf(value: Any) -> Any:
    try:
        parsed = parse_edtf(text(value))
    except EdtfError as exc:
        raise FieldError(value, str(exc)) from None
    # Keep the written text, and with it its file position for later checks.
    return replace(parsed, text=value) if parsed.text == value else parsed


def published(value: Any) -> Any:
    try:
        return parse_published(text(value))
    except EdtfError as exc:
        raise FieldError(value, str(exc)) from None


def url(value: Any) -> str:
    if not re.match(r"https?://[^\s/]+", text(value), re.IGNORECASE):
        raise FieldError(value, f"'{value}' is not a web address: only http:// and https:// links are allowed")
    return value


def ref(value: Any) -> str:
    value = text(value)
    if not ID_PATTERN.fullmatch(value):
        raise FieldError(value, f"'{value}' is not an id: ids are lowercase ASCII letters, digits and hyphens")
    return value


texts = one_or_many(text, "text")
refs = one_or_many(ref, "ids")


def one_of(choices: tuple[str, ...]) -> Reader:
    def read(value: Any) -> str:
        value = text(value)
        if value not in choices:
            raise FieldError(value, f"unknown status '{value}': use one of {', '.join(choices)}", did_you_mean(value, choices))
        return value
    return read


def record(fields: dict[str, Field], build: Callable[..., Any], what: str) -> Reader:
    """A reader for a nested mapping such as a role or a history entry."""
    def read(value: Any) -> Any:
        if not isinstance(value, YMap):
            raise FieldError(value, f"each {what} must be a mapping with {', '.join(fields)}")
        return build(value, **read_fields(value, fields, what))
    return read


def listing(item: Reader) -> Reader:
    def read(value: Any) -> tuple:
        if not isinstance(value, list):
            raise FieldError(value, f"must be a list, not {_describe(value)}")
        return tuple(item(entry) for entry in value)
    return read


def read_fields(meta: YMap, fields: dict[str, Field], what: str) -> dict[str, Any]:
    """Read every declared field; raises ``_Nested`` with every problem found."""
    values, problems = read_what_can_be_read(meta, fields, what)
    if problems:
        raise _Nested(problems)
    return values


def read_what_can_be_read(meta: YMap, fields: dict[str, Field], what: str) -> tuple[dict[str, Any], list[FieldError]]:
    """The fields that read cleanly, and a problem for each one that did not."""
    values: dict[str, Any] = {}
    problems: list[FieldError] = []
    for key, value in meta.items():
        spec = fields.get(key)
        if spec is None:
            _unknown_keys.get().append((meta, key, f"unknown key '{key}' in {what}", did_you_mean(key, fields)))
            continue
        if value is None:
            continue
        try:
            values[key] = spec.read(value)
        except FieldError as exc:
            if exc.message.startswith("must"):
                exc.message = f"'{key}' {exc.message}"
            problems.append(exc)
        except _Nested as nested:
            problems.extend(nested.errors)
    for key, spec in fields.items():
        if spec.required and meta.get(key) is None:
            problems.append(FieldError(meta, f"missing required field '{key}' in {what}"))
    return values, problems


class _Nested(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors


_unknown_keys: ContextVar[list[tuple[YMap, str, str, str]]] = ContextVar("unknown_keys")


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text"


def _line(value: Any) -> int:
    return getattr(value, "line", 0)


def _role(meta: YMap, title: str, organization: str | None = None, **dates: Any) -> Role:
    role = Role(title, organization, dates.get("from"), dates.get("to"))
    if role.start and role.end and role.end.upper and role.end.upper < role.start.lower:
        raise _Nested([FieldError(meta, f"role '{title}' ends ({role.end.text}) before it starts ({role.start.text})")])
    return role


def _participant(value: Any) -> Participant:
    if isinstance(value, str):
        return Participant(ref(value), None, _line(value))
    if isinstance(value, YMap):
        fields = {"person": Field(ref, required=True), "role": Field(text)}
        read = read_fields(value, fields, "participant")
        return Participant(read["person"], read.get("role"), value.line)
    raise FieldError(value, "each participant must be a person id or a mapping with person and role")


def _citation(meta: YMap, article: str, quote: str | None = None, by: str | None = None) -> Citation:
    return Citation(article, quote, by, meta.line)


def _history_entry(meta: YMap, date: Any, status: str, note: str | None = None, source: str | None = None,
                   meeting: str | None = None, quote: str | None = None) -> HistoryEntry:
    if quote and not source:
        raise _Nested([FieldError(meta, "a history entry with a 'quote' needs a 'source' article")])
    citation = Citation(source, quote, None, _line(source)) if source else None
    return HistoryEntry(date, status, note, citation, meeting, meta.line)


COMMON = {"summary": Field(text), "tags": Field(texts), "draft": Field(flag)}
SOURCE = record({"article": Field(ref, required=True), "quote": Field(text), "by": Field(ref)}, _citation, "source")
ROLE = record({"title": Field(text, required=True), "organization": Field(text), "from": Field(edtf), "to": Field(edtf)}, _role, "role")
HISTORY = record({"date": Field(edtf, required=True), "status": Field(one_of(MILESTONE_STATUSES), required=True),
                  "note": Field(text), "source": Field(ref), "meeting": Field(ref), "quote": Field(text)},
                 _history_entry, "history entry")

KINDS: dict[str, tuple[type[Entry], str, dict[str, Field]]] = {
    "people": (Person, "name", {
        "name": Field(text, required=True), "aliases": Field(texts), "native_name": Field(text),
        "roles": Field(listing(ROLE)), **COMMON}),
    "meetings": (Meeting, "title", {
        "title": Field(text, required=True), "date": Field(edtf, required=True), "location": Field(text),
        "status": Field(one_of(MEETING_STATUSES)), "participants": Field(listing(_participant)),
        "tracks": Field(texts), "milestones": Field(refs), "sources": Field(listing(SOURCE)), **COMMON}),
    "milestones": (Milestone, "title", {
        "title": Field(text, required=True), "people": Field(refs), "tracks": Field(texts),
        "history": Field(listing(HISTORY), required=True), **COMMON}),
    "articles": (Article, "title", {
        "title": Field(text, required=True), "publication": Field(text), "author": Field(texts),
        "published": Field(published, required=True), "url": Field(url), **COMMON}),
}
_RENAMED = {"author": "authors", "published": "published_at"}


def to_record(source: SourceFile, diagnostics: Diagnostics) -> Entry | None:
    """The typed record for one file, or None after reporting why not."""
    cls, title_key, fields = KINDS[source.kind]
    what = f"a {cls.__name__.lower()}"
    unknown: list[tuple[YMap, str, str, str]] = []
    _unknown_keys.set(unknown)
    values, problems = read_what_can_be_read(source.meta, fields, what)
    if source.kind == "milestones" and values.get("history") == ():
        problems.append(FieldError(source.meta["history"], "'history' must have at least one entry"))
    for problem in problems:
        line, col = position_of(problem.value, (source.meta.line, source.meta.col))
        diagnostics.error(source.path, line, col, problem.message, problem.hint)
    for meta, key, message, hint in unknown:
        diagnostics.warning(source.path, *meta.key_pos(key), message, hint)
    if any(spec.required and key not in values for key, spec in fields.items()) or values.get("history") == ():
        return None
    kwargs = {_RENAMED.get(k, k): v for k, v in values.items() if k not in (title_key, "summary", "tags", "draft")}
    if source.kind == "articles":
        kwargs["published"] = source.meta["published"]
    return cls(kind=source.kind, id=source.id, path=source.path, title=values[title_key],
               summary=values.get("summary"), tags=values.get("tags", ()), draft=values.get("draft", False),
               body=source.body, body_line=source.body_line, **kwargs)
