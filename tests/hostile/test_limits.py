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


# -- front matter ---------------------------------------------------------------

def laughs(levels: int, width: int) -> str:
    """Front matter keys whose lists of aliases multiply: levels of width aliases each."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]\n"]
    lines += [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * width) + "]\n" for n in range(1, levels)]
    return "".join(lines)


def test_yaml_aliases_that_multiply_values_are_refused(tmp_path: Path) -> None:
    """9 levels of 9 aliases: 387 million values when expanded."""
    code, lines = run(tmp_path, {"content/articles/visit.md": article("", laughs(9, 9))})
    assert code == 1
    assert lines[0] == ("content/articles/visit.md:6:5: error: front matter expands to more than 10,000 values"
                        " (repeated YAML aliases?)")


def test_yaml_aliases_that_multiply_text_are_refused(tmp_path: Path) -> None:
    """Few values, each a 100,000-character text: 19,000 aliases of it made 1.9 GB."""
    front = "big: &big " + "w" * 100_000 + "\nmany: [" + ", ".join(["*big"] * 9_000) + "]\n"
    code, lines = run(tmp_path, {"content/articles/visit.md": article("", front)})
    assert code == 1
    assert lines[0] == ("content/articles/visit.md:3:7: error: front matter expands to more than 1,000,000 characters"
                        " (repeated YAML aliases?)")


@pytest.mark.parametrize(("depth", "message"), [
    (900, "2:39: error: front matter is nested more than 32 levels deep"),
    (5_000, "2:1006: error: invalid YAML: exceeded maximum nesting depth"),
])
def test_yaml_nested_too_deeply_is_refused(tmp_path: Path, depth: int, message: str) -> None:
    """Counting the values of front matter must not recurse: it runs before the depth check of reading."""
    front = "deep: " + "[" * depth + "]" * depth + "\n"
    code, lines = run(tmp_path, {"content/articles/visit.md": article("", front)})
    assert code == 1
    assert lines[0] == "content/articles/visit.md:" + message


def test_yaml_alias_inside_its_own_anchor_is_refused(tmp_path: Path) -> None:
    """Such a value has no end; measuring it must not loop either."""
    code, lines = run(tmp_path, {"content/articles/visit.md": article("", "loop: &loop [x, [y, *loop]]\n")})
    assert code == 1
    assert lines[0] == "content/articles/visit.md:2:7: error: a YAML alias is used inside the value it names"


# -- bodies ---------------------------------------------------------------------

DEEP = "error: lists, quotes, brackets or emphasis nested deeper than 100 levels"


@pytest.mark.parametrize(("body", "line"), [
    ("".join("    " * depth + "- item\n" for depth in range(500)), 108),     # 4 spaces a level
    ("".join("  " * depth + "- item\n" for depth in range(2_000)), 108),     # 2 spaces a level
    ("".join("    " * depth + f"{depth + 1}. item\n\n" for depth in range(300)), 8 + 2 * 100),
    ("Intro.\n\n" + "[" * 10_000 + "x" + "]" * 10_000 + "\n", 10),
    ("*" * 10_000 + "x" + "*" * 10_000 + "\n", 8),
    ("_" * 10_000 + "x" + "_" * 10_000 + "\n", 8),
    ("*a _b " * 1_000 + "x" + " b_ a*" * 1_000 + "\n", 8),
    ("**a " * 1_000 + "x" + " a**" * 1_000 + "\n", 8),
    (">" * 10_000 + " x\n", 8),
    ("".join("> " * depth + "quote\n" for depth in range(1, 300)), 108),
    ("- " * 500 + "x\n", 8),
], ids=["list-4", "list-2", "ordered-loose", "brackets", "stars", "underscores", "alternating", "strong",
        "quotes", "quote-lines", "bullets-on-one-line"])
def test_deep_nesting_in_a_body_is_an_error_with_its_line(tmp_path: Path, body: str, line: int) -> None:
    """Each made a RecursionError, minutes of work or gigabytes when rendered; now check and build stop at once."""
    for command in ("check", "build"):
        code, lines = run(tmp_path / command, {"content/articles/visit.md": article(body)}, command)
        assert code == 1
        assert lines[0] == f"content/articles/visit.md:{line}:1: {DEEP}"


def test_nesting_at_the_limit_builds(tmp_path: Path) -> None:
    body = ("".join("    " * depth + "- item\n" for depth in range(50)) + "\n" + "> " * 100 + "quote\n\n"
            + "*" * 50 + "x" + "*" * 50 + "\n\n" + "[a " * 99 + "x" + "]" * 99 + "\n\n* * *\n\n" + "_" * 300 + "\n")
    code, lines = run(tmp_path, {"content/articles/visit.md": article(body)}, "build")
    assert code == 0, lines


def test_links_on_one_line_are_counted_once(tmp_path: Path) -> None:
    """200,000 [[links]] on one line took minutes: each link's column was counted from the line's start,
    and Python-Markdown copies the paragraph for each link it replaces."""
    body = "[[kim-jong-un]] " * 200_000 + "\n"
    code, lines = run(tmp_path, {"content/articles/visit.md": article(body)})
    assert code == 1
    assert lines[0] == ("content/articles/visit.md:8:160001: error: more than 10,000 [[links]] in one body;"
                        " split the file")


# -- raw HTML that would swallow the rest of a body -----------------------------

SWALLOWING = ["style", "script", "textarea", "title", "xmp", "plaintext", "noembed", "noframes", "iframe", "math",
              "svg", "noscript", "template", "select", "object"]


@pytest.mark.parametrize("tag", SWALLOWING)
def test_unclosed_element_keeps_the_rest_of_the_body_with_a_warning(tmp_path: Path, tag: str) -> None:
    body = f"First paragraph.\n\n<{tag.upper() if tag == 'svg' else tag} class=\"x\">\n\nSecond paragraph with *emphasis*.\n"
    code, lines = run(tmp_path, {"content/articles/visit.md": article(body)}, "build")
    assert code == 0, lines
    assert lines[0] == (f"content/articles/visit.md:10:1: warning: unclosed <{tag}>: it would hide the rest of the body,"
                        f" so it is shown as text; close it with </{tag}>, or remove it")
    page = (tmp_path / "site/output/articles/visit/index.html").read_text(encoding="utf-8")
    assert "Second paragraph with <em>emphasis</em>." in page
    assert f"&lt;{tag.upper() if tag == 'svg' else tag} class=\"x\"&gt;" in page.replace("&quot;", '"')


def test_closed_elements_are_removed_without_a_warning(tmp_path: Path) -> None:
    body = "First.\n\n<style>p { color: red }</style>\n\n<svg><circle r=\"1\"/></svg> and `<script>` in code.\n\nLast.\n"
    code, lines = run(tmp_path, {"content/articles/visit.md": article(body)}, "build")
    assert code == 0, lines
    assert not [line for line in lines if "warning:" in line]
    page = (tmp_path / "site/output/articles/visit/index.html").read_text(encoding="utf-8")
    assert "color: red" not in page and "<circle" not in page and "<code>&lt;script&gt;</code>" in page
    assert "<p id=\"p4\">Last.</p>" in page or "Last.</p>" in page


def test_many_markdown_links_in_one_paragraph_render(tmp_path: Path) -> None:
    """Three paragraphs just under the length limit, of 3,700 links each: Python-Markdown scanned the whole
    paragraph again after each link (31 s a paragraph)."""
    paragraph = "".join(f"[{n}](p{n}) " for n in range(3_700))
    assert len(paragraph) < 50_000
    code, lines = run(tmp_path, {"content/articles/visit.md": article("\n\n".join([paragraph] * 3) + "\n")}, "build")
    assert code == 0, lines
    page = (tmp_path / "site/output/articles/visit/index.html").read_text(encoding="utf-8")
    assert page.count('<a href="p') == 3 * 3_700
    assert '<a href="p3699">3699</a> </p>' in page or '<a href="p3699">3699</a></p>' in page


def test_a_paragraph_of_over_50000_characters_is_an_error(tmp_path: Path) -> None:
    """Python-Markdown copies a paragraph for each emphasis, link or code span it replaces: 100,000
    emphases in one paragraph took 37 s, and the time grows with the square of its length."""
    body = "Intro.\n\n" + "*a* " * 100_000 + "\n"
    code, lines = run(tmp_path, {"content/articles/visit.md": article(body)}, "build")
    assert code == 1
    assert lines[0] == ("content/articles/visit.md:10:1: error: a paragraph longer than 50,000 characters;"
                        " split it with blank lines")


def test_a_long_list_or_table_is_not_one_paragraph(tmp_path: Path) -> None:
    items = "".join(f"- item {n}, " + "word " * 20 + "\n" for n in range(1_000))
    rows = "| a | b |\n| --- | --- |\n" + "".join(f"| {n} | " + "word " * 20 + "|\n" for n in range(1_000))
    code, lines = run(tmp_path, {"content/articles/visit.md": article(items + "\n" + rows)}, "build")
    assert code == 0, lines


def test_more_than_100000_inline_marks_in_a_body_is_an_error(tmp_path: Path) -> None:
    """5 MB of emphasis in paragraphs under the length limit took 89 s and 1 GB: one element per mark."""
    paragraph = "*a* " * 12_000
    code, lines = run(tmp_path, {"content/articles/visit.md": article("\n\n".join([paragraph] * 5) + "\n")}, "check")
    assert code == 1
    assert lines[0] == ("content/articles/visit.md:16:1: error: more than 100,000 Markdown marks ([ ] * _ ` < &)"
                        " in one body; split the file")


@pytest.mark.parametrize("unit", ["`c` ", "&amp; ", "<b>x</b> "])
def test_code_spans_entities_and_tags_count_as_marks(tmp_path: Path, unit: str) -> None:
    """Each is an inline element Python-Markdown replaces, copying its paragraph: 5 MB of them took minutes."""
    paragraph = unit * (40_000 // len(unit))
    code, lines = run(tmp_path, {"content/articles/visit.md": article("\n\n".join([paragraph] * 20) + "\n")}, "check")
    assert code == 1
    assert lines[0].endswith("error: more than 100,000 Markdown marks ([ ] * _ ` < &) in one body; split the file")
