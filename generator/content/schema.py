"""Checked front matter → the kind's model record, every problem reported with its position."""
from __future__ import annotations

from .diagnostics import Diagnostics
from .kinds import KINDS
from .load import SourceFile
from .model import Entry
from .fields import read_fields, unknown_keys
from .yamltext import position_of


def to_record(source: SourceFile, diagnostics: Diagnostics) -> Entry | None:
    """The typed record for one file, or None after reporting why not."""
    kind = KINDS[source.kind]
    what = f"a {kind.singular}"
    values, problems = read_fields(source.meta, kind.fields, what)
    for problem in problems:
        line, col = position_of(problem.value, (source.meta.line, source.meta.col))
        diagnostics.error(source.path, line, col, problem.message, problem.hint)
    for meta, key, message, hint in unknown_keys(source.meta, kind.fields, what):
        diagnostics.warning(source.path, *meta.key_pos(key), message, hint)
    if any(field.required and field.key not in values for field in kind.fields):
        return None
    attributes = {field.name: values[field.key] for field in kind.fields if field.key in values}
    return kind.record(kind=source.kind, id=source.id, path=source.path, body=source.body,
                       body_line=source.body_line, **attributes)
