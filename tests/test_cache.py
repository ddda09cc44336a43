"""The build cache (.chrono-cache/ in the site folder) saves time and never changes the output."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import CACHE_FOLDER, build

FULL_SITE = Path(__file__).parent / "sites" / "full"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FULL_SITE, root, ignore=shutil.ignore_patterns(CACHE_FOLDER, "output"))
    return root


def built(root: Path, output: Path, *, cache: bool = True) -> dict[str, bytes]:
    result = build(root, output, cache=cache)
    assert not result.failed, [d.format() for d in result.diagnostics.sorted()]
    return tree(output)


def test_warm_cache_build_equals_cold_build(site: Path, tmp_path: Path) -> None:
    cold = built(site, tmp_path / "cold", cache=False)
    assert not (site / CACHE_FOLDER).exists()
    first = built(site, tmp_path / "first")
    assert any((site / CACHE_FOLDER / "markdown").iterdir())
    assert any((site / CACHE_FOLDER / "search").iterdir())
    warm = built(site, tmp_path / "warm")
    assert first == cold
    assert warm == cold
    assert any(path.startswith("pagefind/") for path in warm)


def test_cache_of_an_earlier_version_of_the_site_is_not_used(site: Path, tmp_path: Path) -> None:
    built(site, tmp_path / "before")
    article = next((site / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nA sentence added for the cache test.\n", encoding="utf-8")
    warm = built(site, tmp_path / "warm")
    shutil.rmtree(site / CACHE_FOLDER)
    assert warm == built(site, tmp_path / "cold", cache=False)
    assert any(b"A sentence added for the cache test." in data for data in warm.values())


@pytest.mark.parametrize("damage", [b"", b"{not json", b"chrono-piece-1\nx\n" + b"0" * 64])
def test_damaged_cache_files_do_not_change_the_output(site: Path, tmp_path: Path, damage: bytes) -> None:
    cold = built(site, tmp_path / "cold", cache=False)
    built(site, tmp_path / "first")
    cache_files = [p for p in (site / CACHE_FOLDER).rglob("*") if p.is_file()]
    assert cache_files
    for file in cache_files:
        file.write_bytes(damage)
    assert built(site, tmp_path / "damaged") == cold
    assert built(site, tmp_path / "repaired") == cold


def test_no_cache_build_writes_nothing_besides_the_output(site: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in site.iterdir())
    built(site, tmp_path / "out", cache=False)
    assert sorted(p.name for p in site.iterdir()) == before


def test_unused_markdown_files_are_removed_once_they_outnumber_the_used_ones(site: Path, tmp_path: Path) -> None:
    built(site, tmp_path / "first")
    folder = site / CACHE_FOLDER / "markdown"
    live = {p.name for p in folder.iterdir()}
    stale = [folder / f"{n:032x}" for n in range(len(live))]
    for file in stale:
        file.write_text("{}", encoding="utf-8")
    built(site, tmp_path / "second", cache=True)
    assert all(file.exists() for file in stale), "as many unused as used files: all kept"
    extra = folder / f"{len(live):032x}"
    extra.write_text("{}", encoding="utf-8")
    warm = built(site, tmp_path / "third")
    assert {p.name for p in folder.iterdir()} == live
    assert warm == built(site, tmp_path / "cold", cache=False)
