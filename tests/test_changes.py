"""What changed: sources by the hash of their bytes; a site read again parses only changed files, with
the same result as a fresh read."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from generator.authoring.rebuild import Rebuilder
from generator.content import changes
from generator.content.changes import READS_FILE, Reader, scan
from generator.content.read import read_site
from generator.site.theme import builtin_theme_dir

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


def read(root: Path, reader: Reader):
    return read_site(root, cache=reader, sources=scan(root, builtin_theme_dir()))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path, FILES)
    return tmp_path


def lines(diagnostics) -> list[str]:
    return [d.format() for d in diagnostics.sorted()]


def test_second_read_parses_only_the_changed_file(site):
    cache = Reader()
    read(site, cache)
    assert len(cache.last_reread) == len(FILES) - 1
    read(site, cache)
    assert cache.last_reread == ()
    write(site, {"content/meetings/summit.md": FILES["content/meetings/summit.md"].replace("Summit", "Third summit")})
    cached, _ = read(site, cache)
    assert cache.last_reread == ("content/meetings/summit.md",)
    assert cached.meetings["summit"].title == "Third summit"


def test_a_file_touched_but_not_changed_is_not_read_again(site):
    cache = Reader()
    read(site, cache)
    touch_later(site / "content/meetings/summit.md")
    write(site, {"content/people/Moon.md": FILES["content/people/Moon.md"]})
    read(site, cache)
    assert cache.last_reread == ()


def test_new_bytes_with_the_same_size_and_times_are_noticed(site):
    cache = Reader()
    read(site, cache)
    file = site / "content/meetings/summit.md"
    before = file.stat()
    file.write_text(FILES["content/meetings/summit.md"].replace("Summit", "Sumnit"), encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    again, _ = read(site, cache)
    assert cache.last_reread == ("content/meetings/summit.md",)
    assert again.meetings["summit"].title == "Sumnit"


def test_scan_trusts_an_unchanged_stat_only_for_files_settled_before_the_last_scan(site, monkeypatch):
    first = scan(site, builtin_theme_dir())
    file = site / "content/meetings/summit.md"
    before = file.stat()
    file.write_text(FILES["content/meetings/summit.md"].replace("Summit", "Sumnit"), encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert scan(site, builtin_theme_dir(), first, trust_stat=True).changed(first) == {"content/meetings/summit.md"}
    monkeypatch.setattr(changes, "SETTLED_NS", -10**18)   # pretend every file settled long ago
    settled = scan(site, builtin_theme_dir())
    file.write_text(FILES["content/meetings/summit.md"].replace("Summit", "Sumnnt"), encoding="utf-8")
    os.utime(file, ns=(settled.signatures["content/meetings/summit.md"][0],) * 2)
    trusted = scan(site, builtin_theme_dir(), settled, trust_stat=True)
    assert trusted.changed(settled) == {"content/meetings/summit.md"}   # the change time moved
    assert scan(site, builtin_theme_dir(), trusted, trust_stat=True).changed(trusted) == set()


def test_cached_read_reports_exactly_what_a_fresh_read_reports(site):
    cache = Reader()
    read(site, cache)
    cached_site, cached = read(site, cache)
    fresh_site, fresh = read_site(site)
    assert lines(cached) == lines(fresh)
    assert any("nmae" in line for line in lines(fresh))                          # a warning, from the cache
    assert any(line.startswith("content/meetings/broken.md:2:") for line in lines(fresh))
    assert any("invalid id 'Moon'" in line for line in lines(fresh))
    assert cached_site == fresh_site


def test_deleted_and_added_files_are_noticed(site):
    cache = Reader()
    first = scan(site, builtin_theme_dir())
    read_site(site, cache=cache, sources=first)
    (site / "content/articles/report.md").unlink()
    write(site, {"content/people/moon-jae-in.md": "---\nname: Moon Jae-in\n---\n"})
    second = scan(site, builtin_theme_dir())
    assert second.changed(first) == {"content/articles/report.md", "content/people/moon-jae-in.md"}
    again, _ = read_site(site, cache=cache, sources=second)
    assert cache.last_reread == ("content/people/moon-jae-in.md",)
    assert "report" not in again.articles and "moon-jae-in" in again.people


def test_reads_kept_on_disk_are_used_by_the_next_process(site, tmp_path):
    cache = Reader()
    fresh_site, fresh = read(site, cache)
    cache.save(tmp_path / "cache")
    loaded = Reader.load(tmp_path / "cache")
    again_site, again = read(site, loaded)
    assert loaded.last_reread == ()
    assert again_site == fresh_site and lines(again) == lines(fresh)


class _Planted:
    def __reduce__(self):
        return (os.mkdir, (os.environ["PLANTED"],))


def test_a_reads_file_not_signed_with_this_users_key_is_never_unpickled(site, tmp_path, monkeypatch):
    cache = Reader()
    read(site, cache)
    cache.save(tmp_path / "cache")
    planted = tmp_path / "planted"
    monkeypatch.setenv("PLANTED", str(planted))
    data = pickle.dumps((Reader.FORMAT, _Planted()))
    (tmp_path / "cache" / READS_FILE).write_bytes(b"\0" * 32 + data)
    loaded = Reader.load(tmp_path / "cache")
    assert loaded.reads == {} and not planted.exists()
    pickle.loads(data)
    assert planted.exists()     # the file would have run code if it had been unpickled


def test_fixed_file_is_read_again(site):
    cache = Reader()
    _, diagnostics = read(site, cache)
    assert any("broken.md" in line for line in lines(diagnostics))
    write(site, {"content/meetings/broken.md": "---\ntitle: Fixed\ndate: 2018\n---\n"})
    fixed, diagnostics = read(site, cache)
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
    assert rebuilder.build() is None                      # touched, not changed
    write(site, {"site.yaml": FILES["site.yaml"] + "# a comment\n"})
    assert rebuilder.build() is not None                  # site.yaml counts
    templates = site / "themes/default/templates"
    templates.mkdir(parents=True)
    (templates / "404.html").write_text("{% extends 'base.html' %}{% block main %}Gone{% endblock %}", encoding="utf-8")
    rebuilt = rebuilder.build()
    assert rebuilt is not None and b"Gone" in rebuilt.live.get("404.html")   # and so does the theme
