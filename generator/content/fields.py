"""Fields and the types of their values: how front matter is read into model values.

A ``Type`` turns one YAML value into a model value or raises ``FieldError``;
a ``Field`` names a key, its type, whether it is required and what it means.
The kinds and their fields are declared with these in ``kinds``. References
are only checked for form here; whether they name existing files is
``link``'s job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Callable

from .dates import EdtfError, parse_edtf, parse_published
from .diagnostics import did_you_mean
from .ids import ID_PATTERN
from .limits import MAX_NAME_CHARS
from .static import is_web_address, local_image
from .weburl import web_address_problem
from .yamltext import YMap

Reader = Callable[[Any], Any]


class FieldError(Exception):
    def __init__(self, value: object, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.value, self.message, self.hint = value, message, hint


class NestedErrors(Exception):
    """Every problem found inside one value (a history entry, a list of roles).

    ``partial`` is what of a list still read: its good items, so that their
    references are checked too.
    """

    def __init__(self, errors: list[FieldError], partial: tuple | None = None) -> None:
        self.errors = errors
        self.partial = partial


@dataclass(frozen=True)
class Type:
    """What a field holds: its name in the docs, how it is read, its value when absent."""

    name: str
    read: Reader
    empty: Any = None
    fields: tuple["Field", ...] = ()   # a mapping's own fields (a role, a history entry)
    what: str = ""                     # a mapping's name in messages: 'history entry'
    item: "Type | None" = None         # a list's items
    examples: str = ""                 # a date type's examples, shown by ``new`` beside a placeholder
    choices: tuple[str, ...] = ()      # the values a field of this type may take


@dataclass(frozen=True)
class Field:
    key: str                 # as written in front matter
    type: Type
    description: str         # one line, for docs/content.md and ``new``'s scaffolds
    required: bool = False
    default: Any = None      # None: the type's empty value
    attribute: str = ""      # the model's name for it, when not the key

    @property
    def name(self) -> str:
        return self.attribute or self.key

    @property
    def absent(self) -> Any:
        return self.type.empty if self.default is None else self.default


def describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text"


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(value, f"must be text, not {describe(value)}")
    if not value.strip():
        raise FieldError(value, "must not be empty")
    return value


def _name(value: Any) -> str:
    """A person's name: people's names are found in article text by one pattern built from all of them."""
    if len(_text(value)) > MAX_NAME_CHARS:
        raise FieldError(value, f"must be at most {MAX_NAME_CHARS} characters, not {len(value)}")
    return value


def _flag(value: Any) -> bool:
    words = {"true": True, "yes": True, "false": False, "no": False}
    if isinstance(value, str) and value.lower() in words:
        return words[value.lower()]
    raise FieldError(value, "must be true or false")


def _edtf(value: Any) -> Any:
    try:
        parsed = parse_edtf(_text(value))
    except EdtfError as exc:
        raise FieldError(value, str(exc)) from None
    # Keep the written text, and with it its file position for later checks.
    return replace(parsed, text=value) if parsed.text == value else parsed


def _published(value: Any) -> str:
    """The text as written, once it reads as a date or date-time (the model parses it when asked)."""
    try:
        parse_published(_text(value))
    except EdtfError as exc:
        raise FieldError(value, str(exc)) from None
    return value


def _url(value: Any) -> str:
    problem = web_address_problem(_text(value))
    if problem:
        raise FieldError(value, problem)
    return value


def _image(value: Any) -> str:
    """A web address, or a path under static/; whether that file exists is ``link``'s check."""
    if is_web_address(_text(value)) and (problem := web_address_problem(value)):
        raise FieldError(value, problem)
    if not is_web_address(value) and local_image(value) is None:
        raise FieldError(value, f"'{value}' is neither a file under static/ (images/photo.jpg) nor an http(s) address")
    return value


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _language(value: Any) -> str:
    if not LANGUAGE_TAG.fullmatch(_text(value)):
        raise FieldError(value, f"'{value}' is not a language tag such as 'ko' or 'zh-Hant'")
    return value


def _ref(value: Any) -> str:
    value = _text(value)
    if not ID_PATTERN.fullmatch(value):
        raise FieldError(value, f"'{value}' is not an id: ids are lowercase ASCII letters, digits and hyphens")
    return value


TEXT = Type("text", _text)
NAME = Type("text", _name)             # a person's name or alias: at most MAX_NAME_CHARS
MARKDOWN = Type("Markdown", _text)   # [[links]] in it are resolved; pages show it as plain words
FLAG = Type("true or false", _flag, empty=False)
EDTF = Type("EDTF date", _edtf, examples="2018-09-05, 2018-09 or 2018-09-18/2018-09-20")
PUBLISHED = Type("ISO 8601 date or date-time", _published, examples="2018-09-06 or 2018-09-06T15:18:00+09:00")
URL = Type("http(s) address", _url)
IMAGE = Type("file under static/ or http(s) address", _image)
LANGUAGE = Type("BCP 47 language tag", _language)


def ref(kind: str) -> Type:
    """One id of a file of kind (a folder name, for the docs)."""
    return Type(f"{kind} id", _ref)


def _read_items(item: Type, values: list) -> tuple:
    """Every item read, or ``NestedErrors`` with every item's problems and the items that did read."""
    items: list = []
    errors: list[FieldError] = []
    for value in values:
        try:
            items.append(item.read(value))
        except FieldError as error:
            errors.append(error)
        except NestedErrors as nested:
            errors.extend(nested.errors)
    if errors:
        raise NestedErrors(errors, tuple(items))
    return tuple(items)


def one_or_many(item: Type) -> Type:
    """A list of items; a single item is accepted as a list of one."""
    def read(value: Any) -> tuple:
        if isinstance(value, str):
            return (item.read(value),)
        if not isinstance(value, list):
            raise FieldError(value, f"must be a list of {plural(item.name)}, not {describe(value)}")
        return _read_items(item, value)
    return Type(f"{item.name} or list of {plural(item.name)}", read, empty=(), item=item)


def one_of(choices: tuple[str, ...]) -> Type:
    def read(value: Any) -> str:
        value = _text(value)
        if value not in choices:
            raise FieldError(value, f"unknown status '{value}': use one of {', '.join(choices)}", did_you_mean(value, choices))
        return value
    return Type(f"one of {', '.join(choices)}", read, choices=choices)


def mapping(what: str, fields: tuple[Field, ...], build: Callable[..., Any], plain: Reader | None = None) -> Type:
    """A nested mapping such as a role or a history entry, made by build(mapping, **values by key).

    plain, when given, reads the short form written as one text instead of a mapping.
    """
    def read(value: Any) -> Any:
        if isinstance(value, str) and plain is not None:
            return plain(value)
        if not isinstance(value, YMap):
            shapes = "an id or a mapping" if plain else "a mapping"
            raise FieldError(value, f"each {what} must be {shapes} with {', '.join(f.key for f in fields)}")
        found = read_fields(value, fields, what)
        if found.problems:
            raise NestedErrors(found.problems)
        return build(value, **found.values)
    return Type(what, read, fields=fields, what=what)


def listing(item: Type, at_least_one: bool = False) -> Type:
    def read(value: Any) -> tuple:
        if not isinstance(value, list):
            raise FieldError(value, f"must be a list, not {describe(value)}")
        if at_least_one and not value:
            raise FieldError(value, "must have at least one entry")
        return _read_items(item, value)
    return Type(f"list of {plural(item.name)}", read, empty=(), item=item)


def plural(name: str) -> str:
    if name == "text":
        return name
    return name[:-1] + "ies" if name.endswith("y") else name + "s"


@dataclass
class ReadFields:
    """What reading a mapping's fields found."""

    values: dict[str, Any]          # the fields that read cleanly, by key
    partial: dict[str, Any]         # lists that read in part: their good items, by key
    problems: list[FieldError]

    def complete(self, fields: tuple[Field, ...]) -> bool:
        """Whether every required field read cleanly."""
        return all(field.key in self.values for field in fields if field.required)


def read_fields(meta: YMap, fields: tuple[Field, ...], what: str) -> ReadFields:
    """Each declared field read, and a problem for each one that did not read; every problem, not the first.

    Keys that are not declared are left for ``unknown_keys``.
    """
    declared = {field.key: field for field in fields}
    found = ReadFields({}, {}, [])
    for key, value in meta.items():
        spec = declared.get(key)
        if spec is None or value is None:
            continue
        try:
            found.values[key] = spec.type.read(value)
        except FieldError as exc:
            found.problems.append(_named(exc, key))
        except NestedErrors as nested:
            found.problems.extend(_named(error, key) for error in nested.errors)
            if nested.partial is not None:
                found.partial[key] = nested.partial
    for spec in fields:
        if spec.required and meta.get(spec.key) is None:
            found.problems.append(FieldError(meta, f"missing required field '{spec.key}' in {what}"))
    return found


def _named(error: FieldError, key: str) -> FieldError:
    """'must be text' → ''title' must be text': a message about a value says which field it is."""
    if error.message.startswith("must"):
        error.message = f"'{key}' {error.message}"
    return error


def unknown_keys(meta: YMap, fields: tuple[Field, ...], what: str) -> list[tuple[YMap, str, str, str]]:
    """(mapping, key, message, hint) for each key that no field declares, nested mappings included."""
    declared = {field.key: field for field in fields}
    found = []
    for key, value in meta.items():
        spec = declared.get(key)
        if spec is None:
            found.append((meta, key, f"unknown key '{key}' in {what}", did_you_mean(key, declared)))
        else:
            found += _unknown_within(value, spec.type)
    return found


def _unknown_within(value: Any, type: Type) -> list[tuple[YMap, str, str, str]]:
    if type.fields and isinstance(value, YMap):
        return unknown_keys(value, type.fields, type.what)
    if type.item is not None and isinstance(value, list):
        return [found for entry in value for found in _unknown_within(entry, type.item)]
    return []
