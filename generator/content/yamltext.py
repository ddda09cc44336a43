"""Safe YAML reading that keeps what the user wrote.

Every scalar stays the text written (``2018-09``, ``NO``, ``012``, ``12:30``);
only an empty value, ``~`` or ``null`` reads as nothing. Values carry their
file position so that every later check can name a line and column. No tag
constructs an object: anything but plain text, lists and mappings is refused.
"""
from __future__ import annotations

import re

import yaml

from .limits import MAX_FRONT_MATTER_CHARS, MAX_FRONT_MATTER_DEPTH, MAX_FRONT_MATTER_VALUES

try:  # libyaml parses several times faster; same results.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_STANDARD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STANDARD + "str", _STANDARD + "seq", _STANDARD + "map"}
_NULLS = {"", "~", "null", "Null", "NULL"}
_KEY_THEN_VALUE = re.compile(r"\s*(?:-\s+)?([^\s:#\[\]{},\"'][^:#]*?):\s+(\S.*)$")   # 'title: Talks: day 2'
_COMMENT_AFTER = re.compile(r"\s*#\S")     # '#2 resume' right after a value: meant as text, read as a comment


class _TextLoader(_BaseLoader):
    """A safe loader with no implicit typing: every plain scalar is text."""


_TextLoader.yaml_implicit_resolvers = {}


class YamlProblem(Exception):
    def __init__(self, line: int, col: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.hint = line, col, message, hint


Note = tuple[int, int, str, str]   # line, column, message, hint: something YAML read other than the writer meant


class YStr(str):
    """Text with the position it was written at."""

    line: int
    col: int


class YList(list):
    line: int
    col: int
    positions: list[tuple[int, int]]


class YMap(dict):
    """A mapping that remembers where each key and value stood."""

    line: int
    col: int
    key_positions: dict[str, tuple[int, int]]
    value_positions: dict[str, tuple[int, int]]

    def key_pos(self, key: str) -> tuple[int, int]:
        return self.key_positions.get(key, (self.line, self.col))

    def value_pos(self, key: str) -> tuple[int, int]:
        return self.value_positions.get(key, self.key_pos(key))


def position_of(value: object, default: tuple[int, int]) -> tuple[int, int]:
    line = getattr(value, "line", None)
    return (line, getattr(value, "col", 1)) if line else default


def read_yaml(text: str, first_line: int = 1, notes: list[Note] | None = None) -> object:
    """Parse one YAML document; positions are file lines counting from first_line.

    ``notes``, when given, receives each value that a ``#`` cut short (``Talks #2`` reads as ``Talks``).
    """
    try:
        node = yaml.compose(text, Loader=_TextLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        col = mark.column + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem and exc.context_mark and exc.context.startswith("while parsing a "):
            started = exc.context_mark.line + first_line
            problem += f" (in the {exc.context[len('while parsing a '):]} that starts on line {started})"
        lines = text.split("\n")
        hint = _quoting_hint(lines, mark.line, mark.column) if mark else ""
        if not hint and exc.context_mark is not None and exc.context_mark is not mark:
            hint = _quoting_hint(lines, exc.context_mark.line, exc.context_mark.column)
        raise YamlProblem(line, col, f"invalid YAML: {problem}", hint) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(first_line, 1, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem(first_line, 1, "invalid YAML: nested too deeply") from None
    if node is None:
        return None
    _check_expanded_size(node, first_line)
    return _Converter(first_line, text.split("\n"), notes).convert(node, 0)


def _quoting_hint(lines: list[str], line: int, col: int) -> str:
    """How to write a value that holds ': ' or ' #', when the error lies in such a value."""
    text = lines[line] if 0 <= line < len(lines) else ""
    written = _KEY_THEN_VALUE.match(text)
    if written is None or not (": " in written.group(2) or " #" in written.group(2) or written.group(2).endswith(":")):
        return ""
    if text.find(":") >= col and not written.group(2).startswith(("[", "{")):
        return ""   # the error is at the key's own colon, not in its value
    value = written.group(2)
    if value.startswith(("[", "{")):
        return "a ': ' or ' #' inside a list item has a meaning in YAML: put that item in quotes, such as [\"Chair: SAC\", \"Summit #2\"]"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f"a ': ' or ' #' inside a value has a meaning in YAML: put the value in quotes: {written.group(1)}: \"{escaped}\""


def _check_expanded_size(root: yaml.Node, first_line: int) -> None:
    """Refuse front matter whose values, once aliases are expanded, are too many or too long.

    An alias repeats its anchor's whole node, so the size of a node is its own
    plus that of each child, counted once per node and reused wherever an alias
    repeats it: a few lines of nested aliases can stand for billions of values,
    and are measured here in time proportional to the lines. The graph is
    walked without recursion; the depth is checked later, on conversion.
    """
    sizes: dict[int, tuple[int, int]] = {}     # id(node) -> (values, characters) once expanded
    started: set[int] = set()                  # nodes whose children are being measured
    pending: list[tuple[yaml.Node, bool]] = [(root, False)]
    while pending:
        node, children_done = pending.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not children_done and children:
            if id(node) in started:      # an alias inside its own anchor: endless once expanded
                line, col = node.start_mark.line + first_line, node.start_mark.column + 1
                raise YamlProblem(line, col, "a YAML alias is used inside the value it names")
            started.add(id(node))
            pending.append((node, True))
            pending.extend((child, False) for child in children if id(child) not in sizes)
            continue
        values, chars = 1, len(node.value) if isinstance(node, yaml.ScalarNode) else 0
        for child in children:
            child_values, child_chars = sizes[id(child)]
            values, chars = values + child_values, chars + child_chars
        line, col = node.start_mark.line + first_line, node.start_mark.column + 1
        if values > MAX_FRONT_MATTER_VALUES:
            raise YamlProblem(line, col, f"front matter expands to more than {MAX_FRONT_MATTER_VALUES:,} values (repeated YAML aliases?)")
        if chars > MAX_FRONT_MATTER_CHARS:
            raise YamlProblem(line, col, f"front matter expands to more than {MAX_FRONT_MATTER_CHARS:,} characters (repeated YAML aliases?)")
        sizes[id(node)] = (values, chars)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class _Converter:
    def __init__(self, first_line: int, lines: list[str], notes: list[Note] | None) -> None:
        self.first_line = first_line
        self.lines = lines
        self.notes = notes

    def note_comment(self, node: yaml.ScalarNode) -> None:
        """A plain value followed by '#' and a word: the writer probably meant it as part of the value."""
        end = node.end_mark
        rest = self.lines[end.line][end.column:] if end.line < len(self.lines) else ""
        if self.notes is None or not _COMMENT_AFTER.match(rest) or (node.value and not rest[:1].isspace()):
            return
        cut = rest.strip()
        read = f"reads as '{node.value}'" if node.value else "reads as empty"
        line, col = node.start_mark.line + self.first_line, node.start_mark.column + 1
        self.notes.append((line, col, f"'{cut}' after a space is a YAML comment, so this value {read}",
                           "put the whole value in quotes to keep the '#'"))

    def pos(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + self.first_line, node.start_mark.column + 1

    def convert(self, node: yaml.Node, depth: int) -> object:
        line, col = self.pos(node)
        if depth > MAX_FRONT_MATTER_DEPTH:
            raise YamlProblem(line, col, f"front matter is nested more than {MAX_FRONT_MATTER_DEPTH} levels deep")
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace(_STANDARD, "!!")
            raise YamlProblem(line, col, f"YAML tag '{tag}' is not allowed; write plain text, lists and mappings")
        if isinstance(node, yaml.ScalarNode):
            if not node.style:
                self.note_comment(node)
            if not node.style and node.value in _NULLS:  # plain style: None or ""
                return None
            value = YStr(node.value)
            value.line, value.col = line, col
            return value
        if isinstance(node, yaml.SequenceNode):
            items = YList(self.convert(item, depth + 1) for item in node.value)
            items.line, items.col = line, col
            items.positions = [self.pos(item) for item in node.value]
            return items
        return self.convert_mapping(node, depth, line, col)

    def convert_mapping(self, node: yaml.MappingNode, depth: int, line: int, col: int) -> YMap:
        result = YMap()
        result.line, result.col = line, col
        result.key_positions, result.value_positions = {}, {}
        for key_node, value_node in node.value:
            key_line, key_col = self.pos(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                raise YamlProblem(key_line, key_col, "a key must be plain text")
            key = key_node.value
            if key in result:
                first = result.key_positions[key][0]
                raise YamlProblem(key_line, key_col, f"duplicate key '{key}' (first given on line {first})")
            result[key] = self.convert(value_node, depth + 1)
            result.key_positions[key] = (key_line, key_col)
            result.value_positions[key] = self.pos(value_node)
        return result
