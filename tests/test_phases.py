"""Phases in site.yaml: read into dated chapters, every problem reported with its line."""
from __future__ import annotations

import datetime

from generator.cli import main
from generator.content.config import load_config
from generator.content.diagnostics import Diagnostics


def config_of(make_site, text: str):
    root = make_site({"site.yaml": text})
    diagnostics = Diagnostics()
    return load_config(root, diagnostics), [d.format() for d in diagnostics.sorted()]


def test_phases_are_read_in_date_order_and_an_open_phase_ends_where_the_next_begins(make_site):
    config, problems = config_of(make_site, """title: T
phases:
  - title: Envoys and the third summit
    from: 2018-09-05
    summary: The envoys meet Kim.
  - title: Stalled talks
    from: 2018-08
""")
    assert problems == []
    first, second = config.phases
    assert (first.title, first.first_day, first.last_day) == ("Stalled talks", datetime.date(2018, 8, 1),
                                                            datetime.date(2018, 9, 4))
    assert (second.title, second.first_day, second.last_day) == ("Envoys and the third summit",
                                                                datetime.date(2018, 9, 5), None)
    assert (first.dates.display(), second.dates.display()) == ("August 2018 – 4 September 2018", "from 5 September 2018")
    assert (first.anchor, second.anchor) == ("phase-stalled-talks", "phase-envoys-and-the-third-summit")
    assert second.summary == "The envoys meet Kim."
    assert first.contains(datetime.date(2018, 9, 4)) and not first.contains(datetime.date(2018, 9, 5))


def test_a_month_to_month_phase_names_its_shared_year_once(make_site):
    config, problems = config_of(make_site, "title: T\nphases:\n  - {title: Thaw, from: 2018-01, to: 2018-03}\n")
    assert problems == [] and config.phases[0].dates.display() == "January–March 2018"


def test_every_problem_of_every_phase_is_reported_with_its_line(make_site, capsys):
    root = make_site({"site.yaml": """title: T
phases:
  - title: A
    from: 2018-01
    to: 2018-03
  - title: B
    from: 2018-03-15
  - title: C
    from: 2018-06
    to: 2018-05
  - titel: D
    from: 2018-07
  - title: E
    from: 2018-08/2018-09
  - title: F
    from: 2018-13
  - just a title
""", "content/people/a.md": "---\nname: A\n---\n"})
    assert main(["-C", str(root), "check"]) == 1
    assert capsys.readouterr().err.splitlines()[:-1] == [
        "site.yaml:5:9: error: phase 'A' overlaps phase 'B', which begins 15 March 2018: phases may not overlap",
        "site.yaml:10:9: error: phase 'C' ends (2018-05) before it begins (2018-06)",
        "site.yaml:11:5: error: missing required field 'title' in phase",
        "site.yaml:11:5: warning: unknown key 'titel' in phase; did you mean 'title'?",
        "site.yaml:14:11: error: phase 'E' takes one date in 'from', not an interval",
        "site.yaml:16:11: error: '2018-13' is not a valid date: there is no month 13; months run from 01 to 12, "
        "and seasons from 21 (spring) to 24 (winter)",
        "site.yaml:17:5: error: phase 7 must be a mapping with title, from, to and summary",
    ]


def test_two_phases_that_begin_on_one_day_overlap(make_site):
    _, problems = config_of(make_site, "title: T\nphases:\n  - {title: A, from: 2018-09}\n  - {title: B, from: 2018-09}\n")
    assert problems == ["site.yaml:3:5: error: phase 'A' overlaps phase 'B', which begins September 2018: "
                        "phases may not overlap"]


def test_phases_must_be_a_list(make_site):
    config, problems = config_of(make_site, "title: T\nphases: soon\n")
    assert config.phases == ()
    assert problems == ["site.yaml:2:1: error: 'phases' must be a list of phases, each with title, from, to and summary"]
