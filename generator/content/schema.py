"""Checked front matter → the kind's model record, every problem reported with its position."""
from __future__ import annotations

from .diagnostics import Diagnostics
from .kinds import KINDS
from .load import SourceFile
from .model import Entry
from .fields import read_fields, unknown_keys
from .yamltext import position_of


def to_record(source: SourceFile, diagnostics: Diagnostics) -> Entry:
    """The typed record for one file, every problem reported.

    A file whose required fields did not all read still gives a record, marked
    incomplete, holding what did read: ``link`` checks its references (so one
    bad date does not hide an unknown participant) but leaves it out of the site.
    """
    kind = KINDS[source.kind]
    what = f"a {kind.singular}"
    found = read_fields(source.meta, kind.fields, what)
    for problem in found.problems:
        line, col = position_of(problem.value, (source.meta.line, source.meta.col))
        diagnostics.error(source.path, line, col, problem.message, problem.hint)
    for meta, key, message, hint in unknown_keys(source.meta, kind.fields, what):
        diagnostics.warning(source.path, *meta.key_pos(key), message, hint)
    values = {**found.partial, **found.values}
    attributes = {field.name: values[field.key] for field in kind.fields if field.key in values}
    return kind.record(kind=source.kind, id=source.id, path=source.path, body=source.body,
                       body_line=source.body_line, complete=found.complete(kind.fields), **attributes)
