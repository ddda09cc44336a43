"""The search index in shards: the browser merges them, and after an incremental build searches find what
they find after a cold build. Queries go through Pagefind's own search API in Chromium."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.build import CACHE_FOLDER, build
from generator.site import search
from generator.site.search import SEARCH_FOLDER, SHARDS_FILE

from .conftest import BASE_PATH
from .static_server import serve_folder
from .test_site_search import search as search_box

FULL_SITE = Path(__file__).resolve().parents[1] / "sites" / "full"
NEW_WORD = "zygomorphic"
QUERIES = ["Kim Jong-un", "Moon", "summit", "talks", "liaison office", "envoys", "Pyongyang", "agreed", "test site",
           NEW_WORD, "Renamed talks", "visit"]

SEARCH = """async ([bundle, queries, base]) => {
  const pagefind = await import(bundle + "pagefind.js");
  await pagefind.options({ baseUrl: base });
  const folders = await (await fetch(bundle + "shards.json")).json();
  for (const folder of folders) { await pagefind.mergeIndex(bundle + folder, { baseUrl: base }); }
  const found = {};
  for (const query of queries) {
    const search = await pagefind.search(query);
    found[query] = await Promise.all(search.results.map(async (result) => (await result.data()).url));
  }
  return found;
}"""


@pytest.fixture
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shards of a few pages, so that the 18 pages of the test site make several."""
    monkeypatch.setattr(search, "shard_size", lambda pages: 4)


def results(page, folder: Path, queries: list[str]) -> dict[str, list[str]]:
    with serve_folder(folder, BASE_PATH) as origin:
        page.goto(origin + BASE_PATH)
        return page.evaluate(SEARCH, [origin + BASE_PATH + SEARCH_FOLDER, queries, BASE_PATH])


def edit(site: Path) -> None:
    """An article gains a word, a meeting is retitled, another goes, a template changes."""
    article = site / "content" / "articles" / "envoys-visit.md"
    article.write_text(article.read_text(encoding="utf-8") + f"\nThe envoys found it {NEW_WORD}.\n", encoding="utf-8")
    meeting = site / "content" / "meetings" / "working-talks.md"
    meeting.write_text(re.sub(r"(?m)^title: .*$", "title: Renamed talks", meeting.read_text(encoding="utf-8"), count=1),
                       encoding="utf-8")
    (site / "content" / "meetings" / "pompeo-trip.md").unlink()
    templates = site / "themes" / "default" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    original = (Path(search.__file__).parents[2] / "themes" / "default" / "templates" / "milestone.html")
    (templates / "milestone.html").write_text(original.read_text(encoding="utf-8").replace(
        '<p class="kicker">Milestone</p>', '<p class="kicker">Milestone watched</p>'), encoding="utf-8")


def test_searches_after_an_incremental_build_find_what_they_find_after_a_cold_build(page, small_shards, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FULL_SITE, site, ignore=shutil.ignore_patterns(CACHE_FOLDER, "output"))
    assert not build(site, base_url=BASE_PATH).failed
    shards = (site / "output" / SEARCH_FOLDER / SHARDS_FILE).read_text(encoding="utf-8")
    assert shards.count("/") >= 2, "the test site must make several shards"
    before = results(page, site / "output", QUERIES)
    edit(site)
    incremental = build(site, base_url=BASE_PATH)
    assert not incremental.failed and 0 < incremental.stats.written < incremental.files
    cold = build(site, tmp_path / "cold", base_url=BASE_PATH, cache=False)
    assert not cold.failed
    after = results(page, site / "output", QUERIES)
    assert after == results(page, tmp_path / "cold", QUERIES)
    assert after[NEW_WORD] == [f"{BASE_PATH}articles/envoys-visit/"] and before[NEW_WORD] == []
    assert after["Renamed talks"][0] == f"{BASE_PATH}meetings/working-talks/"
    assert all(after[query] for query in QUERIES), "every query finds something"


def test_the_search_box_finds_pages_of_every_shard(page, small_shards, tmp_path, problems):
    site = tmp_path / "site"
    shutil.copytree(FULL_SITE, site, ignore=shutil.ignore_patterns(CACHE_FOLDER, "output"))
    assert not build(site, base_url=BASE_PATH).failed
    folders = (site / "output" / SEARCH_FOLDER / SHARDS_FILE).read_text(encoding="utf-8")
    with serve_folder(site / "output", BASE_PATH) as origin:
        page.goto(origin + BASE_PATH)
        found = search_box(page, "Kim")
    assert len(folders.split(",")) >= 2
    kinds = {path.split("/")[2] for path in found}
    assert {"articles", "meetings", "people"} <= kinds, found
    assert problems.found == []
