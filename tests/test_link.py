"""The resolve pass: chronology order, backlinks, mentions, drafts, status on a date."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from generator.content.read import read_site


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


FILES = {
    "content/people/kim-jong-un.md": "---\nname: Kim Jong-un\naliases: [Kim Jong Un]\nnative_name: 김정은\n---\n",
    "content/people/moon-jae-in.md": "---\nname: Moon Jae-in\n---\n",
    "content/people/chung-eui-yong.md": "---\nname: Chung Eui-yong\ndraft: true\n---\n",
    "content/articles/report.md": (
        "---\ntitle: Report\npublished: 2018-09-06\n---\n\n"
        "Kim Jong Un met envoys. Later, Moon Jae-in spoke.\n\n"
        "A link [Kim Jong-un](https://example.org) and code `Moon Jae-in` are not mentions.\n"),
    "content/meetings/summit.md": (
        "---\ntitle: Summit\ndate: 2018-09-18/2018-09-20\nstatus: scheduled\n"
        "participants: [moon-jae-in, {person: kim-jong-un, role: host}]\n"
        "sources: [{article: report, quote: Moon Jae-in spoke, by: moon-jae-in}]\n---\n"),
    "content/meetings/visit.md": "---\ntitle: Visit\ndate: 2018-09\nparticipants: [kim-jong-un]\n---\n",
    "content/meetings/call.md": "---\ntitle: Call\ndate: 2018-09-01\n---\nSee [[summit]].\n",
    "content/milestones/office.md": (
        "---\ntitle: Office\npeople: [kim-jong-un]\nhistory:\n"
        "  - {date: 2018-08-31~, status: scheduled, source: report}\n"
        "  - {date: 2018-08, status: delayed}\n"
        "  - {date: 2018-09-05, status: agreed, meeting: summit}\n---\n"),
}


@pytest.fixture
def site(tmp_path):
    site, diagnostics = read_site(write(tmp_path, FILES), drafts=False)
    assert [d.format() for d in diagnostics.sorted()] == []
    return site


def test_orders_chronology_by_earliest_day_then_precision_then_title(site):
    rows = [(item.id, item.index, item.date.text) for item in site.chronology]
    assert rows == [
        ("office", 0, "2018-08-31~"),
        ("office", 1, "2018-08"),       # vaguer, but written after: never sorts before the entry above it
        ("call", 0, "2018-09-01"),      # a day before the month that starts on the same day
        ("visit", 0, "2018-09"),
        ("office", 2, "2018-09-05"),
        ("summit", 0, "2018-09-18/2018-09-20"),
    ]


def test_records_backlinks_from_every_kind_of_reference(site):
    assert site.backlinks[("people", "kim-jong-un")] == (
        ("articles", "report"), ("meetings", "summit"), ("meetings", "visit"), ("milestones", "office"))
    assert site.backlinks[("meetings", "summit")] == (("meetings", "call"), ("milestones", "office"))
    assert site.backlinks[("articles", "report")] == (("meetings", "summit"), ("milestones", "office"))


def test_finds_mentions_outside_links_and_code_with_their_sentence(site):
    assert [(m.person, m.sentence, m.line) for m in site.mentions["report"]] == [
        ("kim-jong-un", "Kim Jong Un met envoys.", 6),
        ("moon-jae-in", "Later, Moon Jae-in spoke.", 6),
    ]


def test_collects_each_persons_meetings_roles_milestones_and_quotes(site):
    assert [(m.id, role) for m, role in site.person_meetings["kim-jong-un"]] == [("visit", None), ("summit", "host")]
    assert [m.id for m in site.person_milestones["kim-jong-un"]] == ["office"]
    assert [(key, c.quote) for key, c in site.person_quotes["moon-jae-in"]] == [(("meetings", "summit"), "Moon Jae-in spoke")]


def test_leaves_drafts_out_unless_asked(tmp_path):
    root = write(tmp_path, FILES)
    assert "chung-eui-yong" not in read_site(root, drafts=False)[0].people
    assert "chung-eui-yong" in read_site(root, drafts=True)[0].people


def test_reports_a_reference_to_a_draft_left_out(tmp_path):
    files = {**FILES, "content/meetings/visit.md": "---\ntitle: Visit\ndate: 2018-09\nparticipants: [chung-eui-yong]\n---\n"}
    _, diagnostics = read_site(write(tmp_path, files), drafts=False)
    assert [d.format() for d in diagnostics.sorted()] == [
        "content/meetings/visit.md:4:16: error: person 'chung-eui-yong' in participants is a draft, left out of this build; "
        "build with --drafts, or remove the reference"]


def test_reads_a_milestones_status_on_a_date(site):
    office = site.milestones["office"]
    assert office.status == "agreed"
    assert office.status_on(datetime.date(2018, 8, 30)) is None
    assert office.status_on(datetime.date(2018, 9, 4)).status == "delayed"
    assert office.status_on(datetime.date(2018, 9, 5)).status == "agreed"


def test_site_is_read_only(site):
    with pytest.raises(TypeError):
        site.people["x"] = site.people["moon-jae-in"]
    with pytest.raises(AttributeError):
        site.chronology = ()


def test_warns_when_two_people_share_a_name(tmp_path):
    files = {**FILES, "content/people/moon-jae-in.md": "---\nname: Moon Jae-in\naliases: [Kim Jong Un]\n---\n"}
    _, diagnostics = read_site(write(tmp_path, files), drafts=False)
    assert [d.format() for d in diagnostics.sorted()] == [
        "content/people/moon-jae-in.md:3:11: warning: name 'Kim Jong Un' is also used by person 'kim-jong-un'; mentions link to 'kim-jong-un'"]
