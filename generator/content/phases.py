"""The phases of the story: chapters declared in site.yaml, shown on the home page and the timeline.

```yaml
phases:
  - title: Olympic thaw
    from: 2018-01
    to: 2018-03
    summary: Athletes, envoys and the first invitations.
```

A phase runs from the first day of ``from`` to the last day of ``to``; without
``to`` it runs until the day before the next phase starts (the last phase:
with no end). Phases are kept in date order and may not overlap, so every day
belongs to at most one phase.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from .dates import Edtf, parse_edtf
from .diagnostics import Diagnostics
from .fields import EDTF, TEXT, Field, read_fields, unknown_keys
from .ids import suggest_id
from .yamltext import YMap, position_of

PHASE_FIELDS = (
    Field("title", TEXT, "the chapter's name", required=True),
    Field("from", EDTF, "when it begins: a year, month or day", required=True),
    Field("to", EDTF, "when it ends; left out, it runs until the next phase begins"),
    Field("summary", TEXT, "a sentence on what happened in it"),
)


@dataclass(frozen=True)
class Phase:
    title: str
    dates: Edtf                       # from/to as one interval; its end worked out when 'to' is left out
    summary: str | None
    anchor: str                       # its heading's id on the home page: 'phase-olympic-thaw'

    @property
    def first_day(self) -> datetime.date:
        return self.dates.lower

    @property
    def last_day(self) -> datetime.date | None:
        """None: the last phase, with no 'to', has no end."""
        return self.dates.upper

    def contains(self, day: datetime.date) -> bool:
        return self.first_day <= day and (self.last_day is None or day <= self.last_day)


def read_phases(value: object, path: str, line: int, col: int, diagnostics: Diagnostics) -> tuple[Phase, ...]:
    """The phases of site.yaml's ``phases`` list, each problem reported with its line; bad phases are left out."""
    if not isinstance(value, list):
        diagnostics.error(path, line, col, "'phases' must be a list of phases, each with title, from, to and summary")
        return ()
    read: list[tuple[dict, YMap]] = []
    for number, item in enumerate(value, 1):
        where = position_of(item, (line, col))
        if not isinstance(item, YMap):
            diagnostics.error(path, *where, f"phase {number} must be a mapping with title, from, to and summary")
            continue
        for meta, key, message, hint in unknown_keys(item, PHASE_FIELDS, "phase"):
            diagnostics.warning(path, *meta.key_pos(key), message, hint)
        found = read_fields(item, PHASE_FIELDS, "phase")
        values, problems = found.values, found.problems
        for problem in problems:
            diagnostics.error(path, *position_of(problem.value, where), problem.message, problem.hint)
        wrong = _date_problems(values) if "title" in values else []
        for key, why in wrong:
            diagnostics.error(path, *item.value_pos(key), f"phase '{values['title']}' {why}")
        if not problems and not wrong:
            read.append((values, item))
    return _in_order(read, path, diagnostics)


def _date_problems(values: dict) -> list[tuple[str, str]]:
    """(key, what is wrong) for a phase's from and to, once both have been read."""
    if "from" not in values:
        return []
    found = [(key, f"takes one date in '{key}', not an interval") for key in ("from", "to")
             if key in values and values[key].is_interval]
    if not found and "to" in values and values["to"].upper < values["from"].lower:
        found.append(("to", f"ends ({values['to'].text}) before it begins ({values['from'].text})"))
    return found


def _in_order(read: list[tuple[dict, YMap]], path: str, diagnostics: Diagnostics) -> tuple[Phase, ...]:
    read.sort(key=lambda pair: pair[0]["from"].lower)
    phases: list[Phase] = []
    anchors: set[str] = set()
    for index, (values, item) in enumerate(read):
        following = read[index + 1][0]["from"].lower if index + 1 < len(read) else None
        end = values.get("to")
        last = end.upper if end is not None else (following - datetime.timedelta(days=1) if following else None)
        if following is not None and (following == values["from"].lower or (last is not None and last >= following)):
            other = read[index + 1][0]
            diagnostics.error(path, *item.value_pos("to"),
                              f"phase '{values['title']}' overlaps phase '{other['title']}', which begins "
                              f"{other['from'].display()}: phases may not overlap")
            continue
        anchor = "phase-" + (suggest_id(values["title"]) or str(index + 1))
        while anchor in anchors:
            anchor += f"-{index + 1}"
        anchors.add(anchor)
        until = end.text if end is not None else (last.isoformat() if last else "..")
        phases.append(Phase(str(values["title"]), parse_edtf(f"{values['from'].text}/{until}"), values.get("summary"),
                            anchor))
    return tuple(phases)
