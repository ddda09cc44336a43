"""calendar.ics read back with the icalendar package, plus folding and escaping at the octet level."""
from __future__ import annotations

import datetime
from pathlib import Path

import icalendar
import pytest

from export_sites import DRAFT_TITLE, HOSTILE_TITLE, build_site, meeting, site_files
from generator.exports.calendar_ics import escape_text, fold, render_calendar

D = datetime.date


@pytest.fixture
def built(tmp_path: Path):
    site, urls = build_site(tmp_path)
    raw = render_calendar(site, urls)
    events = {str(e["UID"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
    return site, raw, events


def test_one_event_per_meeting_dated_to_the_day(built) -> None:
    site, _, events = built
    day_precise = {id for id, m in site.meetings.items() if m.date.is_day_precise}
    assert set(events) == day_precise == {"envoys-meet-kim", "third-summit", "hostile", "postponed-call",
                                                        "stalled-visit"}


def test_uids_are_unique_and_named_after_meeting_and_site(built) -> None:
    _, raw, events = built
    uids = [line for line in raw.decode().split("\r\n") if line.startswith("UID:")]
    assert len(uids) == len(set(uids)) == len(events)
    assert str(events["third-summit"]["UID"]) == "third-summit@peninsula-talks-2018"


def test_all_day_events_span_every_day_of_the_meeting(built) -> None:
    _, _, events = built
    assert events["envoys-meet-kim"]["DTSTART"].dt == D(2018, 9, 5)
    assert events["envoys-meet-kim"]["DTEND"].dt == D(2018, 9, 6)
    assert events["third-summit"]["DTSTART"].dt == D(2018, 9, 18)
    assert events["third-summit"]["DTEND"].dt == D(2018, 9, 21)
    assert not isinstance(events["third-summit"]["DTSTART"].dt, datetime.datetime)


def test_status_follows_the_meeting_status(built) -> None:
    _, _, events = built
    assert {id: str(e["STATUS"]) for id, e in events.items()} == {
        "envoys-meet-kim": "CONFIRMED", "third-summit": "TENTATIVE",
        "hostile": "CANCELLED", "postponed-call": "TENTATIVE", "stalled-visit": "TENTATIVE",
    }
    assert "Postponed: shown as tentative" in str(events["postponed-call"]["DESCRIPTION"])


def test_an_overdue_plan_is_tentative_and_says_it_is_overdue(built) -> None:
    _, _, events = built
    lines = str(events["stalled-visit"]["DESCRIPTION"]).split("\n")
    assert lines[:2] == ["1 September 2018 — scheduled, overdue.",
                         "Overdue: no source published by 7 September 2018 reports that it took place."]
    assert str(events["third-summit"]["DESCRIPTION"]).split("\n")[0] == "18–20 September 2018 — scheduled."


def test_dtstamp_is_the_latest_cited_publication(built, tmp_path: Path) -> None:
    site, raw, events = built
    assert events["envoys-meet-kim"]["DTSTAMP"].dt == datetime.datetime(2018, 9, 6, 6, 18, tzinfo=datetime.timezone.utc)
    assert render_calendar(site, build_site(tmp_path / "again")[1]) == raw


def test_description_carries_date_participants_and_sources(built) -> None:
    _, _, events = built
    lines = str(events["envoys-meet-kim"]["DESCRIPTION"]).split("\n")
    assert lines[0] == "5 September 2018 — held."
    assert lines[1] == "The envoys met Kim Jong-un."
    assert "Participants: Kim Jong-un; Chung Eui-yong (head of delegation)" in lines
    assert ("- Envoys' visit fails to break the stalemate (The Korea Herald, 6 September 2018) "
            "https://www.koreaherald.com/view.php?ud=20180906000661") in lines
    assert lines[-1] == "https://example.github.io/talks/meetings/envoys-meet-kim/"


def test_special_characters_round_trip(built) -> None:
    _, _, events = built
    assert str(events["hostile"]["SUMMARY"]) == HOSTILE_TITLE
    assert "A summary with </script> & <!-- in it" in str(events["hostile"]["DESCRIPTION"])
    assert escape_text('a,b;c\\d\ne') == 'a\\,b\\;c\\\\d\\ne'


def test_long_description_folds_at_75_octets_and_unfolds_exactly(tmp_path: Path) -> None:
    summary = "평양 정상회담, 합의; 백슬래시 \\ 포함 — " * 12
    files = site_files()
    files["content/meetings/long.md"] = meeting("Long", "2018-09-20", "scheduled",
                                                extra=f"summary: '{summary}'\n")
    site, urls = build_site(tmp_path, files)
    raw = render_calendar(site, urls)
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # no line ends inside a UTF-8 sequence
    event = next(e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT") if str(e["UID"]).startswith("long@"))
    assert str(event["DESCRIPTION"]).split("\n")[1] == summary.strip()


@pytest.mark.parametrize("shift", range(4))
def test_fold_never_splits_a_character(shift: int) -> None:
    line = "DESCRIPTION:" + "x" * shift + "가나다라마바사" * 20
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert folded.replace("\r\n ", "") == line


def test_calendar_leaves_out_drafts(built) -> None:
    _, raw, events = built
    assert "secret" not in events
    assert DRAFT_TITLE.encode() not in raw


def test_early_years_and_fractional_seconds_give_valid_date_values(tmp_path: Path) -> None:
    files = site_files()
    files["content/articles/envoys-visit.md"] = files["content/articles/envoys-visit.md"].replace(
        "15:18:00+09:00", "15:18:00.250+09:00")
    files["content/meetings/ancient.md"] = meeting("Ancient talks", "0950-01-01", "scheduled")
    site, urls = build_site(tmp_path, files)
    raw = render_calendar(site, urls).decode()
    assert "DTSTART;VALUE=DATE:09500101\r\nDTEND;VALUE=DATE:09500102\r\n" in raw
    assert "DTSTAMP:20180906T061800Z\r\n" in raw
    events = {str(e["UID"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
    assert events["ancient"]["DTSTART"].dt == D(950, 1, 1)
