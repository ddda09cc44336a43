"""timeline.json in TimelineJS3's format: slides, date objects by precision, escaped text."""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest

from export_sites import DRAFT_TITLE, HOSTILE_TITLE, build_site
from generator.exports.timelinejs import render_timeline


@pytest.fixture
def built(tmp_path: Path):
    site, urls = build_site(tmp_path)
    raw = render_timeline(site, urls)
    data = json.loads(raw)
    return site, raw, data, {event["unique_id"]: event for event in data["events"]}


def test_one_slide_per_chronology_item_with_its_anchor_as_id(built) -> None:
    site, _, data, events = built
    assert [event["unique_id"] for event in data["events"]] == [item.anchor for item in site.chronology]
    assert len(events) == len(site.chronology)


def test_date_objects_hold_only_what_the_date_says(built) -> None:
    _, _, _, events = built
    assert events["meetings-envoys-meet-kim"]["start_date"] == {"year": 2018, "month": 9, "day": 5}
    assert "end_date" not in events["meetings-envoys-meet-kim"]
    assert events["meetings-working-talks"]["start_date"] == {"year": 2018, "month": 9}
    assert "end_date" not in events["meetings-working-talks"]
    assert events["meetings-third-summit"]["end_date"] == {"year": 2018, "month": 9, "day": 20}
    assert events["meetings-autumn-talks"]["start_date"] == {"year": 2018, "month": 9}
    assert events["meetings-autumn-talks"]["end_date"] == {"year": 2018, "month": 11}
    assert events["meetings-open-talks"]["start_date"] == {"year": 2018, "month": 9, "day": 10}
    assert "end_date" not in events["meetings-open-talks"]


def test_display_date_keeps_the_human_date(built) -> None:
    _, _, _, events = built
    assert events["milestones-liaison-office-1"]["display_date"] == "c. 31 August 2018"
    assert events["meetings-third-summit"]["display_date"] == "18–20 September 2018"
    assert events["meetings-open-talks"]["display_date"] == "from 10 September 2018"


def test_slides_are_grouped_by_first_track_and_link_to_their_page(built) -> None:
    _, _, _, events = built
    assert {event["group"] for event in events.values()} == {"inter-korean"}
    assert events["milestones-liaison-office-2"]["text"]["headline"] == "Liaison office: delayed"
    assert ('href="https://example.github.io/talks/milestones/liaison-office/#h2"'
            in events["milestones-liaison-office-2"]["text"]["text"])


def test_slides_without_track_are_grouped_by_kind(tmp_path: Path) -> None:
    files = {"content/meetings/call.md": "---\ntitle: Phone call\ndate: 2018-09-01\n---\n",
             "site.yaml": "title: Calls\n"}
    site, urls = build_site(tmp_path, files)
    assert json.loads(render_timeline(site, urls))["events"][0]["group"] == "Meetings"


def test_title_slide_names_the_site(built) -> None:
    _, _, data, _ = built
    assert data["title"]["text"] == {"headline": "Peninsula talks, 2018", "text": "<p>Who met whom &amp; when.</p>"}
    assert "start_date" not in data["title"]


def test_markup_in_titles_is_escaped_text(built) -> None:
    _, raw, _, events = built
    hostile = events["meetings-hostile"]["text"]
    assert hostile["headline"] == escape(HOSTILE_TITLE)
    assert "<p>A summary with &lt;/script&gt; &amp; &lt;!-- in it</p>" in hostile["text"]
    assert b"</" not in raw


def test_output_is_sorted_and_reproducible(built, tmp_path: Path) -> None:
    site, raw, data, _ = built
    assert raw.decode() == json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1).replace("</", "<\\/") + "\n"
    assert render_timeline(*build_site(tmp_path / "again")) == raw


def test_timeline_leaves_out_drafts(built) -> None:
    _, raw, _, events = built
    assert "meetings-secret" not in events and DRAFT_TITLE.encode() not in raw


def test_an_overdue_plan_says_so(built) -> None:
    _, _, _, events = built
    assert "<p>Status: scheduled, overdue</p>" in events["meetings-stalled-visit"]["text"]["text"]
    assert "<p>Status: scheduled</p>" in events["meetings-third-summit"]["text"]["text"]
