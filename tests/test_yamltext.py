"""Front matter is read safely and keeps exactly the text the user wrote."""
from __future__ import annotations

import pytest

from generator.content.limits import MAX_FRONT_MATTER_DEPTH as MAX_DEPTH
from generator.content.yamltext import YamlProblem, read_yaml


@pytest.mark.parametrize("written", ["2018-09", "2018-09-05", "2018", "NO", "yes", "012", "12:30", "1e3", "0x1F",
                                     "2018-09-06T15:18:00+09:00", "3.10", ".inf", "true"])
def test_keeps_plain_scalars_as_written(written):
    assert read_yaml(f"value: {written}\nlisted: [{written}]\n") == {"value": written, "listed": [written]}


@pytest.mark.parametrize("written", ["", "~", "null"])
def test_reads_empty_and_null_as_nothing(written):
    assert read_yaml(f"value: {written}\n") == {"value": None}


def test_keeps_quoted_null_as_text():
    assert read_yaml("value: 'null'\n") == {"value": "null"}


def test_values_carry_file_positions():
    data = read_yaml("title: X\nparticipants:\n  - kim-jong-un\n  - {person: moon-jae-in, role: host}\n", first_line=2)
    assert (data["title"].line, data["title"].col) == (2, 8)
    assert data.key_pos("participants") == (3, 1)
    assert data["participants"].positions == [(4, 5), (5, 5)]
    assert (data["participants"][1]["role"].line, data["participants"][1]["role"].col) == (5, 33)


def test_rejects_duplicate_keys_naming_both_lines():
    with pytest.raises(YamlProblem) as problem:
        read_yaml("title: A\nsummary: B\ntitle: C\n")
    assert (problem.value.line, problem.value.col, problem.value.message) == (3, 1, "duplicate key 'title' (first given on line 1)")


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!int", "!!binary", "!custom", "!!set"])
def test_rejects_tags_that_construct_values(tag):
    with pytest.raises(YamlProblem, match="is not allowed"):
        read_yaml(f"value: {tag} x\n")


def test_rejects_alias_bombs():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdefghi", "abcdefgh"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    with pytest.raises(YamlProblem, match="expands to more than"):
        read_yaml("\n".join(lines))


def test_rejects_deep_nesting_in_block_style():
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "x\n"
    with pytest.raises(YamlProblem, match="nested more than"):
        read_yaml(text)


def test_rejects_deep_nesting_in_flow_style():
    with pytest.raises(YamlProblem, match="nest"):
        read_yaml("a: " + "[" * 10_000 + "]" * 10_000)
