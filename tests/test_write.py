"""The output folder is replaced all at once, only by a complete build, and nothing outside it is touched."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.site import write
from generator.site.manifest import MANIFEST
from generator.site.write import OutputFolderError, check_output_folder, recover_interrupted, write_output

FIRST = {".nojekyll": b"", "index.html": b"<p>home</p>", "people/a/index.html": b"<p>a</p>", "gone.txt": b"old"}
SECOND = {".nojekyll": b"", "index.html": b"<p>new home</p>", "people/a/index.html": b"<p>a</p>", "feed.xml": b"<feed/>"}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, by relative path (but the build's list of them, the manifest)."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MANIFEST}


def beside(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir() if p.name != output.name)


def test_writes_exactly_the_given_files(tmp_path: Path) -> None:
    output = tmp_path / "output"
    stats = write_output(FIRST, output)
    assert {path: data for path, (data, _) in snapshot(output).items()} == FIRST
    assert (stats.written, stats.unchanged) == (4, 0)
    assert beside(output) == []


def test_replaces_changed_files_drops_stale_ones_and_keeps_unchanged_mtimes(tmp_path: Path) -> None:
    output = tmp_path / "output"
    write_output(FIRST, output)
    old_time = 1_000_000_000
    os.utime(output / "people/a/index.html", ns=(old_time, old_time))
    stats = write_output(SECOND, output)
    after = snapshot(output)
    assert {path: data for path, (data, _) in after.items()} == SECOND
    assert after["people/a/index.html"][1] == old_time
    assert after["index.html"][1] != old_time
    assert (stats.written, stats.unchanged) == (2, 2)
    assert beside(output) == []


def test_files_given_late_are_written_with_the_rest(tmp_path: Path) -> None:
    output = tmp_path / "output"
    stats = write_output({".nojekyll": b"", "index.html": b"<p>home</p>"}, output,
                         lambda: {"pagefind/pagefind.js": b"js", "pagefind/index/en_1.pf_index": b"ix"})
    assert {path: data for path, (data, _) in snapshot(output).items()} == {
        ".nojekyll": b"", "index.html": b"<p>home</p>", "pagefind/index/en_1.pf_index": b"ix", "pagefind/pagefind.js": b"js"}
    assert (stats.written, stats.unchanged) == (4, 0)


def test_late_files_that_fail_leave_previous_output_byte_for_byte(tmp_path: Path) -> None:
    output = tmp_path / "output"
    write_output(FIRST, output)
    before = snapshot(output)

    def index_fails() -> dict[str, bytes]:
        raise RuntimeError("Pagefind stopped")

    with pytest.raises(RuntimeError, match="Pagefind stopped"):
        write_output(SECOND, output, index_fails)
    assert snapshot(output) == before
    assert beside(output) == []


def test_failure_midway_leaves_previous_output_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "output"
    write_output(FIRST, output)
    before = snapshot(output)
    calls = []
    real_write = write.write_file

    def fail_on_second(target: Path, data: bytes) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_write(target, data)

    monkeypatch.setattr(write, "write_file", fail_on_second)
    with pytest.raises(OSError, match="No space left"):
        write_output({f"page{n}.html": b"x" * n for n in range(5)}, output)
    assert snapshot(output) == before
    assert beside(output) == []


def test_leftover_temporary_folder_of_a_killed_build_is_removed(tmp_path: Path) -> None:
    output = tmp_path / "output"
    write_output(FIRST, output)
    leftover = tmp_path / ".output.tmp-deadbeef"
    (leftover / "people").mkdir(parents=True)
    (leftover / "people" / "half.html").write_bytes(b"<p>half")
    write_output(SECOND, output)
    assert beside(output) == []
    assert (output / "index.html").read_bytes() == SECOND["index.html"]


def test_old_output_comes_back_when_a_build_was_killed_mid_swap(tmp_path: Path) -> None:
    output = tmp_path / "output"
    write_output(FIRST, output)
    before = snapshot(output)
    output.rename(tmp_path / ".output.old-0badf00d")
    (tmp_path / ".output.tmp-0badf00d").mkdir()
    recover_interrupted(output)
    assert snapshot(output) == before
    assert beside(output) == []


def test_leaves_unrelated_neighbours_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / ".outputs-backup").mkdir()
    write_output(FIRST, tmp_path / "output")
    write_output(SECOND, tmp_path / "output")
    assert beside(tmp_path / "output") == [".outputs-backup", "notes.txt"]


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../b", "", "a//b", "C:/x", "a\\b"])
def test_refuses_paths_that_leave_the_output_folder(tmp_path: Path, path: str) -> None:
    with pytest.raises(ValueError, match="inside the output folder"):
        write_output({path: b"x"}, tmp_path / "output")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("output", [".", "..", "content", "content/people/out", "themes/mine/out", "seeds/x"])
def test_refuses_output_folder_that_holds_or_lies_inside_the_sources(tmp_path: Path, output: str) -> None:
    site = tmp_path / "site"
    for folder in ("content", "themes", "seeds"):
        (site / folder).mkdir(parents=True)
    with pytest.raises(OutputFolderError):
        check_output_folder(site, site / output)


def test_accepts_output_beside_or_inside_the_site_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    check_output_folder(site, site / "output")
    check_output_folder(site, tmp_path / "public")


def test_refuses_a_non_empty_folder_no_build_made(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("keep me")
    with pytest.raises(OutputFolderError, match="not made by a build"):
        check_output_folder(site, documents)


def test_refuses_a_symbolic_link_as_output_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "real").mkdir()
    (site / "output").symlink_to(tmp_path / "real")
    with pytest.raises(OutputFolderError, match="symbolic link"):
        check_output_folder(site, site / "output")
