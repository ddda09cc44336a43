"""Find people's names and aliases in text with one trie-shaped pattern.

A plain ``a|b|c`` alternation is tried name by name at every position; a trie
shares prefixes, so the cost barely grows with the number of names. Longer
names win (``Kim Jong-un`` over ``Kim``), only whole words match, and a space
in a name matches any run of white space, line breaks included.
"""
from __future__ import annotations

import functools
import re
from hashlib import sha256
from typing import Iterable, Iterator, Mapping, Protocol, TypeVar


class Named(Protocol):
    """What a person's record gives to name matching."""

    id: str
    name: str
    aliases: tuple[str, ...]
    native_name: str | None


Person = TypeVar("Person", bound=Named)

_END = ""
# Korean attaches particles to names (김정은은, 김정은과): a name ending in a Hangul
# syllable may be followed by more letters; other names must end a word.
_HANGUL = "\uac00-\ud7a3"


def names_of(person: Named) -> tuple[str, ...]:
    """Every name a person is found by in text: name, aliases and native name."""
    return (person.name, *person.aliases, *([person.native_name] if person.native_name else []))


def name_owners(people: Iterable[Person]) -> tuple[dict[str, str], list[tuple[Person, str, str]]]:
    """Each name, alias and native name (spaces normalised) → the id of its person.

    A name two people share goes to the first by id; the clashes come back as
    (person, name as written, owner id) so the caller can report them.
    """
    owners: dict[str, str] = {}
    clashes: list[tuple[Person, str, str]] = []
    for person in sorted(people, key=lambda p: p.id):
        for name in names_of(person):
            owner = owners.setdefault(" ".join(name.split()), person.id)
            if owner != person.id:
                clashes.append((person, name, owner))
    return owners, clashes


def matcher_for(names: Mapping[str, str]) -> "NameMatcher":
    """``NameMatcher(names)``, made once per table of names: ``serve`` links the site on every edit."""
    return _matcher_for(tuple(sorted(names.items())))


@functools.lru_cache(maxsize=4)
def _matcher_for(names: tuple[tuple[str, str], ...]) -> "NameMatcher":
    return NameMatcher(dict(names))


class NameMatcher:
    def __init__(self, names: Mapping[str, str]) -> None:
        """names maps each name or alias to the id of its person."""
        self._owner = {" ".join(name.split()): person for name, person in names.items() if name.strip()}
        trie: dict = {}
        for name in self._owner:
            node = trie
            for char in name:
                node = node.setdefault(char, {})
            node[_END] = {}
        body = _pattern(trie) if trie else "(?!)"
        self._regex = re.compile(rf"(?<![\w-])(?:{body})(?:(?<=[{_HANGUL}])|(?![\w]|-\w))")
        self._key = sha256(repr(sorted(self._owner.items())).encode()).hexdigest()
        self._hash = hash(self._key)

    def __eq__(self, other: object) -> bool:
        """Matchers of the same names find the same mentions: results kept for one serve another."""
        return isinstance(other, NameMatcher) and self._key == other._key

    def __hash__(self) -> int:
        return self._hash

    @property
    def digest(self) -> str:
        """A hash of the names and their people: what a text's matches depend on."""
        return self._key

    def __len__(self) -> int:
        return len(self._owner)

    def owner(self, name: str) -> str | None:
        """The id of the person name belongs to, white space as in text."""
        return self._owner.get(" ".join(name.split()))

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, person id) for each name in text, left to right.

        Where two names of one person overlap ("President Moon" and "Moon Jae-in"
        in "President Moon Jae-in"), the span covers both.
        """
        position = 0
        while (match := self._regex.search(text, position)) is not None:
            start, end = match.span()
            person = self._owner[" ".join(match.group(0).split())]
            end = self._extended(text, start, end, person)
            yield start, end, person
            position = end

    def _extended(self, text: str, start: int, end: int, person: str) -> int:
        """The end of the span from start, grown while a name of the same person begins inside it and ends later."""
        inside = start + 1
        while inside < end:
            match = self._regex.match(text, inside)
            if match is not None and match.end() > end and self._owner[" ".join(match.group(0).split())] == person:
                end = match.end()
            inside += 1
        return end

    @property
    def regex(self) -> re.Pattern:
        return self._regex


def _pattern(node: dict) -> str:
    branches = [_char(char) + _pattern(child) for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


def _char(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)
