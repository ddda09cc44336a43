"""feed.xml read back with feedparser: valid Atom, stable ids, links to built pages."""
from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from export_sites import BASE_URL, DRAFT_TITLE, HOSTILE_TITLE, build_site, meeting, site_files
from generator.exports.feed import render_feed
from generator.content.urls import page_path


@pytest.fixture
def built(tmp_path: Path):
    site, urls = build_site(tmp_path)
    return site, urls, feedparser.parse(render_feed(site, urls))


def test_feed_is_well_formed_atom(built) -> None:
    _, _, feed = built
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Peninsula talks, 2018"
    assert feed.feed.author == "Peninsula talks, 2018"
    assert feed.feed.id.startswith("urn:uuid:")


def test_feed_has_every_chronology_item_and_article_newest_first(built) -> None:
    site, _, feed = built
    assert len(feed.entries) == len(site.chronology) + len(site.articles)
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.feed.updated == feed.entries[0].updated == "2018-09-18T00:00:00Z"


def test_feed_links_resolve_to_built_pages(built) -> None:
    site, urls, feed = built
    for entry in feed.entries:
        link = entry.link
        assert link.startswith(BASE_URL)
        path, _, anchor = link[len(BASE_URL):].partition("#")
        kind, id = path.rstrip("/").split("/")
        assert path == page_path(kind, id)
        assert site.get(kind, id) is not None, link
        if kind == "milestones":
            assert anchor.startswith("h") and 1 <= int(anchor[1:]) <= len(site.milestones[id].history)
        else:
            assert anchor == ""


def test_feed_dates_an_item_by_its_earliest_day_and_shows_the_written_date(built) -> None:
    _, _, feed = built
    by_title = {entry.title: entry for entry in feed.entries}
    assert by_title["Open-ended talks"].updated == "2018-09-10T00:00:00Z"
    assert by_title["Open-ended talks"].summary.startswith("from 10 September 2018 — scheduled, Pyongyang.")
    assert by_title["Autumn talks"].updated == "2018-09-01T00:00:00Z"
    assert by_title["Autumn talks"].summary.startswith("Autumn 2018 — postponed")
    assert by_title["Liaison office: scheduled"].summary.startswith("c. 31 August 2018 — scheduled.")


def test_article_entry_keeps_its_publication_time_author_and_original_link(built) -> None:
    _, _, feed = built
    entry = next(e for e in feed.entries if e.title == "Envoys' visit fails to break the stalemate")
    assert entry.published == entry.updated == "2018-09-06T15:18:00+09:00"
    assert entry.author == "Jung Min-kyung"
    assert "https://www.koreaherald.com/view.php?ud=20180906000661" in [l.href for l in entry.links]
    assert entry.summary == ("The Korea Herald, Jung Min-kyung, 6 September 2018. "
                             "Kim Jong-un met the envoys of President Moon.")


def test_feed_ids_are_unique_and_survive_a_change_of_base_url(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path / "a")
    moved, moved_urls = build_site(tmp_path / "b", base_url="/talks/")
    ids = [entry.id for entry in feedparser.parse(render_feed(site, urls)).entries]
    moved_feed = feedparser.parse(render_feed(moved, moved_urls))
    assert len(set(ids)) == len(ids)
    assert [entry.id for entry in moved_feed.entries] == ids
    assert moved_feed.entries[0].link.startswith("/talks/")


def test_markup_in_a_title_round_trips(built) -> None:
    _, _, feed = built
    assert HOSTILE_TITLE in [entry.title for entry in feed.entries]
    entry = next(e for e in feed.entries if e.title == HOSTILE_TITLE)
    assert "A summary with </script> & <!-- in it" in entry.summary


def test_feed_leaves_out_drafts(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path)
    assert DRAFT_TITLE.encode() not in render_feed(site, urls)


def test_empty_site_still_gives_a_valid_feed(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    site, urls = build_site(tmp_path, {"site.yaml": "title: Empty\n"})
    feed = feedparser.parse(render_feed(site, urls))
    assert feed.bozo == 0 and feed.entries == []
    assert feed.feed.updated == "1970-01-01T00:00:00Z"


def test_dates_before_year_1000_keep_four_digit_years(tmp_path: Path) -> None:
    files = site_files()
    files["content/meetings/ancient.md"] = meeting("Ancient talks", "0950-01-01", "scheduled")
    site, urls = build_site(tmp_path, files)
    feed = feedparser.parse(render_feed(site, urls))
    assert feed.bozo == 0
    assert next(e for e in feed.entries if e.title == "Ancient talks").updated == "0950-01-01T00:00:00Z"


def test_an_overdue_plan_is_reported_as_overdue_not_held(built) -> None:
    _, _, feed = built
    summaries = {entry.title: entry.summary for entry in feed.entries}
    assert summaries["Stalled visit"].startswith("1 September 2018 — scheduled, overdue, Pyongyang.")
    assert summaries["Third summit"].startswith("18–20 September 2018 — scheduled, Pyongyang.")
