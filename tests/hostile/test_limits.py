"""Bounded resources: hostile front matter, bodies and dates end in a one-line message, never a traceback or a hang.

Each case runs ``python -m generator`` in a subprocess with a timeout, so a
hang fails the test instead of stopping the suite; no test asserts a time
(tests/bench/hostile.py measures them).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HANG = 60   # seconds: far beyond any of these cases once fixed

PERSON = "---\nname: Kim Jong-un\n---\n"
ARTICLE = "---\ntitle: A visit\npublication: The Paper\nauthor: Reporter\npublished: 2018-09-06\n---\n"


def article(body: str, front: str = "") -> str:
    return ARTICLE.replace("---\n", "---\n" + front, 1) if front else ARTICLE + "\n" + body if body else ARTICLE


def run(tmp_path: Path, files: dict[str, str], command: str = "check") -> tuple[int, list[str]]:
    """Write a small site plus files, run command on it; (exit code, lines of stderr and stdout)."""
    site = {"site.yaml": "title: Talks\nbase_url: /\n", "content/people/kim-jong-un.md": PERSON,
            "content/articles/visit.md": article("Kim Jong-un met envoys.\n")}
    site.update(files)
    for path, text in site.items():
        file = tmp_path / "site" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "-C", str(tmp_path / "site"), command],
                          cwd=REPO, capture_output=True, text=True, timeout=HANG)
    lines = (done.stderr + done.stdout).splitlines()
    assert not any("Traceback" in line for line in lines), "\n".join(lines[-20:])
    return done.returncode, lines


# -- dates ----------------------------------------------------------------------

@pytest.mark.parametrize(("date", "ends"), [
    ("2018-09/9999", None), ("9999-12/9999-12", None), ("9999-24", None), ("99XX", None),
    ("9999-12-31", "DURATION:P1D"), ("2018-09-18/9999-12-31", "DURATION:P2915105D"),
    ("9999-12-30", "DTEND;VALUE=DATE:99991231"),
])
def test_dates_in_year_9999_build(tmp_path: Path, date: str, ends: str | None) -> None:
    """The last day of 9999 has no day after it: the timeline and the calendar must not ask for one."""
    code, lines = run(tmp_path, {
        "content/meetings/far.md": f"---\ntitle: Far off\ndate: {date}\nparticipants: [kim-jong-un]\n---\n",
        "content/milestones/later.md": f"---\ntitle: Later\nhistory:\n  - date: {date}\n    status: scheduled\n---\n",
    }, "build")
    assert code == 0, lines
    assert (tmp_path / "site/output/meetings/far/index.html").is_file()
    ics = (tmp_path / "site/output/calendar.ics").read_text(encoding="utf-8").splitlines()
    assert [line for line in ics if line.startswith(("DTEND", "DURATION"))] == ([ends] if ends else [])


# -- names ----------------------------------------------------------------------

def test_very_long_person_name_is_refused_with_its_line(tmp_path: Path) -> None:
    """A name becomes part of the mention pattern: 100,000 characters made it recurse past Python's limit."""
    code, lines = run(tmp_path, {
        "content/people/kim-jong-un.md": "---\nname: Kim Jong-un\naliases: [Kim, " + "K" * 100_000 + "]\n---\n",
        "content/people/long.md": "---\nname: " + "Moon " * 20_000 + "\n---\n",
    })
    assert code == 1
    assert lines[:2] == [
        "content/people/kim-jong-un.md:3:16: error: 'aliases' must be at most 200 characters, not 100000",
        "content/people/long.md:2:7: error: 'name' must be at most 200 characters, not 99999",
    ]


def test_name_at_the_limit_and_its_prefixes_are_matched(tmp_path: Path) -> None:
    """200 characters and every prefix of it as an alias: the deepest mention pattern the limit allows."""
    name = ("Kim Jong-un " * 20)[:200]
    aliases = ", ".join(f'"{name[:n]}"' for n in range(3, 200, 1) if name[n - 1] != " " and name[n:n + 1] in (" ", ""))
    body = f"{name} met envoys.\n"
    code, lines = run(tmp_path, {
        "content/people/kim-jong-un.md": f"---\nname: {name}\naliases: [{aliases}]\n---\n",
        "content/articles/visit.md": article(body),
    }, "build")
    assert code == 0, lines
    page = (tmp_path / "site/output/articles/visit/index.html").read_text(encoding="utf-8")
    assert '<a class="mention" href="../../people/kim-jong-un/">' + name + "</a> met envoys." in page
