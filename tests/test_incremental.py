"""Reading a site again: only changed files are parsed, and the result is the same as a fresh read."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.content.incremental import SourceCache
from generator.authoring.rebuild import Rebuilder
from generator.content.read import read_site

FILES = {
    "site.yaml": "title: Talks\n",
    "content/people/kim-jong-un.md": "---\nname: Kim Jong-un\nnmae: typo\n---\n",
    "content/people/Moon.md": "---\nname: Moon Jae-in\n---\n",
    "content/meetings/summit.md": "---\ntitle: Summit\ndate: 2018-09-18\nparticipants: [kim-jong-un, nobody]\n---\n",
    "content/meetings/broken.md": "---\ntitle: Broken: yes\n---\n",
    "content/articles/report.md": "---\ntitle: Report\npublished: 2018-09-19\n---\n\nKim Jong-un said so.\n",
}


def write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


def touch_later(file: Path) -> None:
    stat = file.stat()
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path, FILES)
    return tmp_path


def lines(diagnostics) -> list[str]:
    return [d.format() for d in diagnostics.sorted()]


def test_second_read_parses_only_the_changed_file(site):
    cache = SourceCache()
    read_site(site, cache=cache)
    assert len(cache.last_reread) == len(FILES) - 1
    read_site(site, cache=cache)
    assert cache.last_reread == ()
    write(site, {"content/meetings/summit.md": FILES["content/meetings/summit.md"].replace("Summit", "Third summit")})
    touch_later(site / "content/meetings/summit.md")
    cached, _ = read_site(site, cache=cache)
    assert cache.last_reread == ("content/meetings/summit.md",)
    assert cached.meetings["summit"].title == "Third summit"


def test_cached_read_reports_exactly_what_a_fresh_read_reports(site):
    cache = SourceCache()
    read_site(site, cache=cache)
    cached_site, cached = read_site(site, cache=cache)
    fresh_site, fresh = read_site(site)
    assert lines(cached) == lines(fresh)
    assert any("nmae" in line for line in lines(fresh))                          # a warning, from the cache
    assert any(line.startswith("content/meetings/broken.md:2:") for line in lines(fresh))
    assert any("invalid id 'Moon'" in line for line in lines(fresh))
    assert cached_site == fresh_site


def test_deleted_and_added_files_are_noticed(site):
    cache = SourceCache()
    read_site(site, cache=cache)
    (site / "content/articles/report.md").unlink()
    write(site, {"content/people/moon-jae-in.md": "---\nname: Moon Jae-in\n---\n"})
    assert not cache.is_current(site)
    again, _ = read_site(site, cache=cache)
    assert cache.last_reread == ("content/people/moon-jae-in.md",)
    assert "report" not in again.articles and "moon-jae-in" in again.people
    assert cache.is_current(site)


def test_fixed_file_is_read_again(site):
    cache = SourceCache()
    _, diagnostics = read_site(site, cache=cache)
    assert any("broken.md" in line for line in lines(diagnostics))
    write(site, {"content/meetings/broken.md": "---\ntitle: Fixed\ndate: 2018\n---\n"})
    touch_later(site / "content/meetings/broken.md")
    fixed, diagnostics = read_site(site, cache=cache)
    assert not any("broken.md" in line for line in lines(diagnostics))
    assert fixed.meetings["broken"].title == "Fixed"


def test_rebuilder_does_nothing_when_no_source_changed(site):
    write(site, {"content/meetings/broken.md": "---\ntitle: Fixed\ndate: 2018\n---\n",
                 "content/meetings/summit.md": "---\ntitle: Summit\ndate: 2018-09-18\n---\n"})
    (site / "content/people/Moon.md").unlink()
    rebuilder = Rebuilder(site)
    first = rebuilder.build()
    assert first is not None and first.live is not None and first.errors == ()
    assert rebuilder.build() is None
    touch_later(site / "site.yaml")
    assert rebuilder.build() is not None                  # site.yaml counts
    templates = site / "themes/default/templates"
    templates.mkdir(parents=True)
    (templates / "404.html").write_text("{% extends 'base.html' %}{% block main %}Gone{% endblock %}", encoding="utf-8")
    rebuilt = rebuilder.build()
    assert rebuilt is not None and b"Gone" in rebuilt.live.get("404.html")   # and so does the theme
