"""`chrono new`: files that pass `check`, ids from any title, no overwriting."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.content.read import read_site
from generator.authoring.scaffold import scalar
from generator.content.ids import id_from_title
from generator.content.yamltext import read_yaml


def new(site: Path, *args: str) -> int:
    return main(["-C", str(site), "new", *args])


def check(site: Path) -> int:
    return main(["-C", str(site), "check"])


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    return tmp_path


def test_new_meeting_with_date_passes_check(site, capsys):
    assert new(site, "meeting", "Special envoys meet Kim Jong-un", "--date", "2018-09-05") == 0
    out = capsys.readouterr().out
    path = site / "content/meetings/special-envoys-meet-kim-jong-un.md"
    assert out.strip() == str(path)
    assert check(site) == 0
    loaded, _ = read_site(site)
    meeting = loaded.meetings["special-envoys-meet-kim-jong-un"]
    assert (meeting.title, meeting.date.text) == ("Special envoys meet Kim Jong-un", "2018-09-05")


@pytest.mark.parametrize("kind, folder, date", [
    ("person", "people", None),
    ("meeting", "meetings", "2018-09-18/2018-09-20"),
    ("milestone", "milestones", "2018-08-31~"),
    ("article", "articles", "2018-09-06T15:18:00+09:00"),
])
def test_new_writes_each_kind_with_required_fields_filled(site, capsys, kind, folder, date):
    args = [kind, "Moon Jae-in"] + (["--date", date] if date else [])
    assert new(site, *args) == 0
    assert capsys.readouterr().out.strip().endswith(f"content/{folder}/moon-jae-in.md")
    assert check(site) == 0
    entry = read_site(site)[0].kind(folder)["moon-jae-in"]
    assert entry.title == "Moon Jae-in"
    if kind == "milestone":
        assert [(h.date.text, h.status) for h in entry.history] == [(date, "proposed")]
    if kind == "article":
        assert entry.published == date


@pytest.mark.parametrize("kind, folder, line", [("meeting", "meetings", 3), ("milestone", "milestones", 6),
                                                ("article", "articles", 5)])
def test_placeholder_date_fails_check_naming_the_line(site, capsys, kind, folder, line):
    assert new(site, kind, "Third summit") == 0
    assert "fill in the YYYY-MM-DD placeholder" in capsys.readouterr().err
    assert check(site) == 1
    err = capsys.readouterr().err
    assert f"content/{folder}/third-summit.md:{line}:" in err
    assert "'YYYY-MM-DD' is not an" in err
    assert "write 2018-09" in err


def test_hangul_title_is_transliterated_to_a_valid_id(site, capsys):
    assert new(site, "person", "김정은") == 0
    path = site / "content/people/gimjeongeun.md"
    assert capsys.readouterr().out.strip() == str(path)
    assert "name: 김정은\n" in path.read_text(encoding="utf-8")
    assert check(site) == 0


def test_refuses_to_overwrite_an_existing_file(site, capsys):
    assert new(site, "meeting", "Summit", "--date", "2018-09") == 0
    path = site / "content/meetings/summit.md"
    path.write_text("---\ntitle: Summit\ndate: 2018-04-27\n---\nmy notes\n", encoding="utf-8")
    capsys.readouterr()
    assert new(site, "meeting", "Summit!", "--date", "2018-09") == 1
    assert f"{path} already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8").endswith("my notes\n")


def test_title_without_letters_or_digits_is_a_usage_error(site, capsys):
    assert new(site, "meeting", "?!", "--date", "2018") == 2
    assert "cannot make an id from the title '?!'" in capsys.readouterr().err
    assert not list((site / "content").rglob("*.md"))


def test_explicit_id_replaces_the_one_from_the_title(site, capsys):
    assert new(site, "meeting", "?!", "--id", "mystery-meeting", "--date", "2018") == 0
    assert (site / "content/meetings/mystery-meeting.md").is_file()
    assert new(site, "meeting", "Other", "--id", "Bad Id") == 2
    assert "try --id bad-id" in capsys.readouterr().err


@pytest.mark.parametrize("kind, date, message", [
    ("meeting", "2018-13-01", "there is no month 13"),
    ("milestone", "5 September 2018", "is not an EDTF date"),
    ("article", "2018-09", "is not an ISO 8601 date"),
    ("person", "2018", "--date does not apply to a person"),
])
def test_bad_date_is_a_usage_error_and_writes_nothing(site, capsys, kind, date, message):
    assert new(site, kind, "Anything", "--date", date) == 2
    assert message in capsys.readouterr().err
    assert not list((site / "content").rglob("*.md"))


def test_unknown_kind_is_a_usage_error(site, capsys):
    with pytest.raises(SystemExit) as exit:
        new(site, "summit", "Anything")
    assert exit.value.code == 2


def test_long_titles_make_ids_cut_at_a_word():
    id = id_from_title("Special envoys of South Korea meet Chairman Kim Jong-un in Pyongyang to set the summit date")
    assert len(id) <= 60 and not id.endswith("-")
    assert id == "special-envoys-of-south-korea-meet-chairman-kim-jong-un-in"


@pytest.mark.parametrize("title", ["Talks: round 2", "#1 summit", "- dash", "[draft] x", "null", "'quoted'", "a \\ b"])
def test_titles_that_yaml_would_misread_are_quoted(title):
    assert read_yaml(f"title: {scalar(title)}")["title"] == title
