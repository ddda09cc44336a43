"""A build with nothing to do leaves the output alone; any change to what it reads makes a full build."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build import CACHE_FOLDER, build
from generator.cli import main
from generator.site.depends import OUTPUTS_FILE
from generator.site.manifest import MANIFEST

FULL_SITE = Path(__file__).parent / "sites" / "full"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's bytes, inode and modification time: a file rewritten with the same bytes still differs."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MANIFEST}


def contents(folder: Path) -> dict[str, bytes]:
    return {path: data for path, (data, _, _) in snapshot(folder).items()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FULL_SITE, root, ignore=shutil.ignore_patterns(CACHE_FOLDER, "output"))
    return root


def first_build(root: Path) -> dict[str, tuple[bytes, int, int]]:
    result = build(root)
    assert not result.failed and not result.up_to_date
    return snapshot(root / "output")


def test_second_build_with_nothing_changed_leaves_every_file_as_it_was(site: Path) -> None:
    before = first_build(site)
    result = build(site)
    assert result.up_to_date
    assert snapshot(site / "output") == before
    assert (result.pages, result.files) == (sum(p.endswith(".html") for p in before), len(before))


def test_it_reports_the_same_warnings_again(site: Path, capsys: pytest.CaptureFixture) -> None:
    (site / "content" / "people" / "notes.txt").write_text("not content\n", encoding="utf-8")
    assert main(["-C", str(site), "build"]) == 0
    first = capsys.readouterr().err.splitlines()
    assert main(["-C", str(site), "build"]) == 0
    again = capsys.readouterr().err.splitlines()
    assert first[0] == again[0] == ("content/people/notes.txt:1:1: warning: not a Markdown file; it is ignored; "
                                    "content files end in .md")
    assert again[-1].startswith("up to date, nothing changed since the last build: ")
    assert again[-1].endswith(", 1 warning")


def edit_content(root: Path) -> None:
    article = sorted((root / "content" / "articles").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nA sentence added later.\n", encoding="utf-8")


def add_content(root: Path) -> None:
    (root / "content" / "people" / "new-person.md").write_text("---\nname: New Person\n---\n", encoding="utf-8")


def remove_content(root: Path) -> None:
    sorted((root / "content" / "meetings").glob("*.md"))[0].unlink()


def edit_config(root: Path) -> None:
    with open(root / "site.yaml", "a", encoding="utf-8") as file:
        file.write("\n# a comment changes no output, but the file changed\n")


def add_theme_file(root: Path) -> None:
    static = root / "themes" / "default" / "static"
    static.mkdir(parents=True, exist_ok=True)
    (static / "extra.css").write_text("p { color: red }\n", encoding="utf-8")


def touch_output(root: Path) -> None:
    page = root / "output" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>hand edit</p></body>"))


def delete_output_file(root: Path) -> None:
    (root / "output" / "feed.xml").unlink()


@pytest.mark.parametrize("change", [edit_content, add_content, remove_content, edit_config, add_theme_file,
                                    touch_output, delete_output_file])
def test_any_change_makes_a_full_build_equal_to_a_cold_one(site: Path, tmp_path: Path, change) -> None:
    first_build(site)
    change(site)
    result = build(site)
    assert not result.failed and not result.up_to_date
    build(site, tmp_path / "cold", cache=False)
    assert contents(site / "output") == contents(tmp_path / "cold")


def test_other_options_make_a_full_build(site: Path) -> None:
    first_build(site)
    result = build(site, base_url="https://example.org/chronology/")
    assert not result.up_to_date
    assert b"https://example.org/chronology/" in (site / "output" / "sitemap.xml").read_bytes()
    assert build(site, base_url="https://example.org/chronology/").up_to_date
    assert not build(site, drafts=True).up_to_date


def test_a_failed_build_leaves_the_output_and_its_record_as_they_were(site: Path) -> None:
    before = first_build(site)
    meeting = sorted((site / "content" / "meetings").glob("*.md"))[0]
    good = meeting.read_bytes()
    meeting.write_bytes(good.replace(b"date:", b"date: not-a-date\nold_date:", 1))
    assert build(site).failed
    assert snapshot(site / "output") == before
    meeting.write_bytes(good)
    assert build(site).up_to_date


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1}', b'{"format": 1, "inputs": "x", "output": "y", '
                                    b'"pages": 1, "files": 1, "diagnostics": [["a", "b"]]}'])
def test_a_damaged_record_makes_a_full_build(site: Path, damage: bytes) -> None:
    before = first_build(site)
    (site / CACHE_FOLDER / OUTPUTS_FILE).write_bytes(damage)
    assert not build(site).up_to_date
    assert contents(site / "output") == {path: data for path, (data, _, _) in before.items()}


def test_without_the_cache_every_build_is_full(site: Path) -> None:
    build(site, cache=False)
    assert not build(site, cache=False).up_to_date
    assert not (site / CACHE_FOLDER).exists()


def test_a_change_to_the_target_of_a_symbolic_link_in_the_sources_is_seen(site: Path) -> None:
    outside = site / "notes" / "linked.md"     # a link is followed only inside the site (docs/security.md)
    outside.parent.mkdir()
    outside.write_text("---\nname: Linked Person\n---\n", encoding="utf-8")
    (site / "content" / "people" / "linked-person.md").symlink_to(outside)
    first_build(site)
    assert build(site).up_to_date
    outside.write_text("---\nname: Linked Person Renamed\n---\n", encoding="utf-8")
    assert not build(site).up_to_date
    assert b"Linked Person Renamed" in (site / "output" / "people" / "linked-person" / "index.html").read_bytes()


def test_new_bytes_with_the_same_size_and_times_are_built(site: Path) -> None:
    first_build(site)
    article = sorted((site / "content" / "articles").glob("*.md"))[0]
    status = article.stat()
    text = article.read_text(encoding="utf-8")
    changed = text.replace("a", "o", 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    article.write_text(changed, encoding="utf-8")
    os.utime(article, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert not build(site).up_to_date
