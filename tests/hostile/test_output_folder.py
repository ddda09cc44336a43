"""The output folder and .chrono-cache: nothing of the user's is lost, no moment without output/, no traceback.

Builds run through the command line (``generator.cli.main``), in this process
when a fault can be injected with monkeypatch, or in subprocesses for kills,
signals and builds at once. A subprocess is driven by a small script that
patches one function to stop at a chosen point, so nothing here depends on
timing; every subprocess has a hang guard.
"""
from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.site import write

FULL_SITE = Path(__file__).parents[1] / "sites" / "full"
HANG_GUARD = 60
INTERRUPTED = "chrono build: interrupted; output/ holds the last complete build"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file's bytes by relative path (symbolic links as their target), empty folders as None."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[relative] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            found[relative] = path.read_bytes()
        elif path.is_dir() and not any(path.iterdir()):
            found[relative] = None   # type: ignore[assignment]
    return found


def leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}."))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FULL_SITE, root, ignore=shutil.ignore_patterns(".chrono-cache", "output"))
    return root


def changed_site(site: Path, name: str = "new-person") -> None:
    """One more person, so that the next build writes something new."""
    (site / "content" / "people" / f"{name}.md").write_text(f"---\nname: {name.title()}\n---\n")


def build(site: Path, *args: str) -> int:
    return main(["-C", str(site), "build", *args])


def drive(tmp_path: Path, site: Path, patch: str = "", *args: str) -> subprocess.Popen:
    """A build in a subprocess, after running patch (Python, with os, sys, Path and the write module at hand)."""
    script = tmp_path / f"drive-{len(list(tmp_path.glob('drive-*')))}.py"
    script.write_text(textwrap.dedent("""\
        import os, shutil, sys, time
        from pathlib import Path
        from generator.site import write
        """) + textwrap.dedent(patch) + textwrap.dedent(f"""
        from generator.cli import main
        sys.exit(main(["-C", {str(site)!r}, "build", *{list(args)!r}]))
        """))
    return subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(ready: Path, process: subprocess.Popen) -> None:
    """Until the build in process reaches the point where it touches ready (a hang guard, not a timing)."""
    deadline = time.monotonic() + HANG_GUARD
    while not ready.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached the point"
        time.sleep(0.01)


def held_while_writing(tmp_path: Path, site: Path) -> subprocess.Popen:
    """A build in a subprocess that has begun writing its first file and waits there (for 30 s)."""
    ready = tmp_path / "ready"
    process = drive(tmp_path, site, f"""
        def write_file(target, data):
            Path({str(ready)!r}).touch()
            time.sleep(30)
        write.write_file = write_file
    """)
    try:
        wait_for(ready, process)
    except BaseException:
        process.kill()
        process.communicate()
        raise
    return process


def finish(process: subprocess.Popen) -> tuple[int, str]:
    _, err = process.communicate(timeout=HANG_GUARD)
    return process.returncode, err


# -- 1. the manifest: only what the build wrote is replaced --------------------------------

def gh_pages_checkout(output: Path) -> dict[str, bytes]:
    """A gh-pages branch checked out in output/, as an older chrono left it: .nojekyll, pages, .git, CNAME, notes."""
    files = {".git/HEAD": b"ref: refs/heads/gh-pages\n", ".git/config": b"[core]\n\tbare = false\n",
             ".git/objects/ab/cdef0123": b"\x78\x01blob", ".git/refs/heads/gh-pages": b"0123abcd\n",
             "CNAME": b"chronology.example.org\n", "notes.txt": b"deploy with care\n"}
    for path, data in {**files, ".nojekyll": b"", "index.html": b"<p>an old home page</p>"}.items():
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_bytes(data)
    (output / ".git/refs/tags").mkdir(parents=True)
    return {**files, ".git/refs/tags": None}   # type: ignore[dict-item]


def test_gh_pages_checkout_in_output_survives_two_builds(site: Path) -> None:
    output = site / "output"
    kept = gh_pages_checkout(output)
    assert build(site) == 0
    assert build(site, "--no-cache") == 0
    after = tree(output)
    assert {path: after.get(path) for path in kept} == kept
    assert (output / "index.html").read_bytes() != b"<p>an old home page</p>"
    assert leftovers(output) == []


def test_manifest_lists_every_file_the_build_wrote_and_nothing_else(site: Path) -> None:
    output = site / "output"
    kept = gh_pages_checkout(output)
    assert build(site) == 0
    lines = (output / ".chrono-manifest").read_text().splitlines()
    written = sorted(path for path in tree(output) if path not in kept and path != ".chrono-manifest")
    assert lines[0].startswith("# ")
    assert lines[1:] == written
    assert "index.html" in written and ".nojekyll" in written


def test_a_page_no_longer_built_goes_and_a_users_file_stays(site: Path) -> None:
    output = site / "output"
    person = site / "content" / "people" / "zed-nobody.md"
    person.write_text("---\nname: Zed Nobody\n---\n")
    assert build(site) == 0
    assert (output / "people" / "zed-nobody" / "index.html").is_file()
    (output / "notes.txt").write_bytes(b"mine")
    person.unlink()
    assert build(site) == 0
    assert not (output / "people" / "zed-nobody").exists()
    assert (output / "notes.txt").read_bytes() == b"mine"


def test_a_build_that_would_overwrite_a_users_file_refuses(site: Path, capsys: pytest.CaptureFixture) -> None:
    output = site / "output"
    assert build(site) == 0
    (output / "humans.txt").write_bytes(b"written by hand")
    before = tree(output)
    (site / "static").mkdir(exist_ok=True)
    (site / "static" / "humans.txt").write_bytes(b"from static/")
    capsys.readouterr()
    assert build(site) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"chrono build: error: {output}/humans.txt was not written by a build (it is not in .chrono-manifest) "
        "and this build writes a file there; move it out of the output folder and build again"]
    assert tree(output) == before
    assert leftovers(output) == []


def test_a_commit_in_the_checkout_leaves_the_next_build_up_to_date(site: Path, capsys: pytest.CaptureFixture) -> None:
    output = site / "output"
    gh_pages_checkout(output)
    assert build(site) == 0
    assert build(site) == 0
    (output / ".git" / "objects" / "ab" / "cdef0123").write_bytes(b"another commit")
    (output / "notes.txt").write_bytes(b"edited")
    capsys.readouterr()
    assert build(site) == 0
    assert capsys.readouterr().err.startswith("up to date, nothing changed since the last build: ")
    (output / "index.html").unlink()
    assert build(site) == 0
    assert capsys.readouterr().err.startswith("built ")
    assert (output / "index.html").is_file() and (output / "notes.txt").read_bytes() == b"edited"


def test_a_damaged_manifest_keeps_everything_the_build_does_not_write(site: Path) -> None:
    output = site / "output"
    assert build(site) == 0
    (output / "notes.txt").write_bytes(b"mine")
    (output / ".chrono-manifest").write_bytes(b"\xff\xfe not a list")
    changed_site(site)
    assert build(site) == 0
    assert (output / "notes.txt").read_bytes() == b"mine"
    assert "notes.txt" not in (output / ".chrono-manifest").read_text().splitlines()


# -- 2. the swap: no moment without output/ ------------------------------------------------

KILL_AT_SECOND_RENAME = """
    real_rename = os.rename
    def rename(source, target, *args, **kwargs):
        if Path(source).name.startswith(".output.tmp-") and Path(target).name == "output":
            os._exit(9)
        return real_rename(source, target, *args, **kwargs)
    os.rename = rename
"""

KILL_AFTER_SWAP = """
    def retire(folder):
        os._exit(9)
    write.retire = retire
"""

KILL_WHILE_WRITING = """
    def write_file(target, data):
        os._exit(9)
    write.write_file = write_file
"""

KILL_WHILE_CARRYING_OVER = """
    def carry_over(old, new, shown):
        os._exit(9)
    write.carry_over = carry_over
"""

NO_EXCHANGE = """
    from generator.site import swap
    swap.exchange = lambda first, second: False
"""


LINUX = sys.platform.startswith("linux")


@pytest.mark.parametrize("kill, killed", [(KILL_WHILE_WRITING, True), (KILL_WHILE_CARRYING_OVER, True),
                                          (KILL_AT_SECOND_RENAME, not LINUX), (KILL_AFTER_SWAP, True)],
                         ids=["writing", "carrying-over", "second-rename", "after-exchange"])
def test_a_build_killed_during_the_swap_leaves_the_whole_old_or_new_site(site: Path, tmp_path: Path, kill: str,
                                                                         killed: bool) -> None:
    output = site / "output"
    assert build(site) == 0
    old = tree(output)
    changed_site(site)
    assert build(site, "--output", str(tmp_path / "new")) == 0
    new = tree(tmp_path / "new")
    assert new != old
    code, err = finish(drive(tmp_path, site, kill))
    assert code == (9 if killed else 0), err   # on Linux the exchange leaves no second rename to kill at
    assert output.is_dir()
    assert tree(output) in (old, new)
    assert build(site) == 0
    assert tree(output) == new
    assert leftovers(output) == []


def test_without_an_atomic_exchange_the_next_build_puts_the_old_site_back(site: Path, tmp_path: Path) -> None:
    output = site / "output"
    assert build(site) == 0
    old = tree(output)
    changed_site(site)
    code, err = finish(drive(tmp_path, site, NO_EXCHANGE + KILL_AT_SECOND_RENAME))
    assert code == 9, err
    assert not output.exists()
    (site / "content" / "people" / "new-person.md").unlink()
    assert build(site) == 0
    assert tree(output) == old
    assert leftovers(output) == []


def test_the_exchange_is_atomic_on_linux(tmp_path: Path) -> None:
    from generator.site import swap
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one").write_bytes(b"1")
    (tmp_path / "b").mkdir()
    if not swap.exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("no atomic exchange on this system")
    assert (tmp_path / "b" / "one").read_bytes() == b"1"
    assert list((tmp_path / "a").iterdir()) == []


# -- 3. builds at once ---------------------------------------------------------------------

BUSY = "chrono build: error: another build is writing {output} (pid {pid}); try again when it ends"


def test_three_builds_at_once_leave_a_complete_output(site: Path, tmp_path: Path) -> None:
    output = site / "output"
    for round in range(3):
        changed_site(site, f"person-{round}")
        assert build(site, "--output", str(tmp_path / f"single-{round}")) == 0
        expected = sorted(tree(tmp_path / f"single-{round}"))
        results = [finish(process) for process in [drive(tmp_path, site, "", "--no-cache") for _ in range(3)]]
        for code, err in results:
            assert "Traceback" not in err
            assert code in (0, 1), err
            if code == 1:
                lines = err.splitlines()
                assert len(lines) == 1 and lines[0].startswith(f"chrono build: error: another build is writing {output} (pid "), err
                assert lines[0].endswith("); try again when it ends")
        assert any(code == 0 for code, _ in results)
        assert sorted(tree(output)) == expected
        assert leftovers(output) == []


def test_a_second_build_names_the_one_that_holds_the_output(site: Path, tmp_path: Path) -> None:
    holder = held_while_writing(tmp_path, site)
    try:
        code, err = finish(drive(tmp_path, site))
        assert (code, err.splitlines()) == (1, [BUSY.format(output=site / "output", pid=holder.pid)])
    finally:
        holder.kill()
        holder.communicate(timeout=HANG_GUARD)


# -- 4. Ctrl-C and SIGTERM -----------------------------------------------------------------

@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_build_cleans_up_and_says_so_in_one_line(site: Path, tmp_path: Path, signum: int, code: int) -> None:
    output = site / "output"
    assert build(site) == 0
    old = tree(output)
    changed_site(site)
    process = held_while_writing(tmp_path, site)
    try:
        process.send_signal(signum)
        returned, err = finish(process)
    finally:
        process.kill()
    assert (returned, err.splitlines()) == (code, [INTERRUPTED])
    assert tree(output) == old
    assert leftovers(output) == []


# -- 5. a full disk, a read-only folder ----------------------------------------------------

@pytest.mark.parametrize("number, reason", [(errno.ENOSPC, "No space left on device"),
                                            (errno.EACCES, "Permission denied"),
                                            (errno.EROFS, "Read-only file system")])
def test_a_write_error_names_the_path_and_leaves_the_old_output(site: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture, number: int, reason: str) -> None:
    output = site / "output"
    assert build(site) == 0
    old = tree(output)
    changed_site(site)

    def full(target: Path, data: bytes) -> None:
        raise OSError(number, os.strerror(number), str(target))

    monkeypatch.setattr(write, "write_file", full)
    capsys.readouterr()
    assert build(site, "--no-cache") == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"chrono build: error: cannot write {output}/")
    assert lines[0].endswith(f": {reason}")
    assert ".output.tmp-" not in lines[0]
    assert tree(output) == old
    assert leftovers(output) == []


def test_a_full_disk_while_carrying_a_users_file_over_names_it(site: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture) -> None:
    from generator.site import manifest
    output = site / "output"
    gh_pages_checkout(output)
    assert build(site) == 0
    old = tree(output)

    def full(source: Path, target: Path, kind: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(manifest, "_link", full)
    changed_site(site)
    capsys.readouterr()
    assert build(site) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"chrono build: error: cannot carry {output}/"), lines
    assert lines[0].endswith(" over into the new output: No space left on device")
    assert tree(output) == old
    assert leftovers(output) == []


def test_an_output_folder_that_cannot_be_made_is_one_line(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture) -> None:
    parent = tmp_path / "readonly"
    parent.mkdir()
    real_mkdir = os.mkdir

    def refused(path, *args, **kwargs):   # chmod does not stop root, who runs some test machines
        if Path(path).parent == parent:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", refused)
    assert build(site, "--output", str(parent / "out")) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"chrono build: error: cannot write {parent}/"), lines
    assert lines[0].endswith(": Permission denied")
    assert list(parent.iterdir()) == []


# -- 6. symbolic links ---------------------------------------------------------------------

def forty_files(folder: Path) -> dict[str, tuple[bytes, int]]:
    for sub in ("", "markdown/", "search/", "templates/"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        for n in range(10):
            (folder / f"{sub}{n:064x}").write_bytes(b"someone else's file %d" % n)
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def files_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_symlinked_cache_folder_is_refused_and_its_target_untouched(site: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture) -> None:
    elsewhere = tmp_path / "elsewhere"
    before = forty_files(elsewhere)
    assert len(before) == 40
    (site / ".chrono-cache").symlink_to(elsewhere)
    assert build(site) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"chrono build: error: cache folder {site}/.chrono-cache is a symbolic link; chrono never writes or deletes "
        "through one: remove the link (the cache is safe to delete) or build with --no-cache"]
    assert files_of(elsewhere) == before
    assert not (site / "output").exists()


def test_a_symlink_inside_the_cache_folder_is_refused(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    elsewhere = tmp_path / "elsewhere"
    before = forty_files(elsewhere)
    (site / ".chrono-cache").mkdir()
    (site / ".chrono-cache" / "markdown").symlink_to(elsewhere / "markdown")
    assert build(site) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"chrono build: error: cache folder {site}/.chrono-cache/markdown is a symbolic link; chrono never writes or "
        "deletes through one: remove the link (the cache is safe to delete) or build with --no-cache"]
    assert files_of(elsewhere) == before


def test_the_cache_pruner_never_deletes_through_a_symlink(tmp_path: Path) -> None:
    from generator.site.depends import Store
    elsewhere = tmp_path / "elsewhere"
    before = forty_files(elsewhere)
    (tmp_path / "markdown").symlink_to(elsewhere / "markdown")
    store = Store(tmp_path / "markdown")
    store.put("a" * 64, b"new")
    assert store.prune({"a" * 64}) == 0
    assert files_of(elsewhere) == before


def test_a_symlink_in_the_old_output_is_carried_as_a_link_never_followed(site: Path, tmp_path: Path) -> None:
    output = site / "output"
    assert build(site) == 0
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key").write_bytes(b"private")
    (output / "mine").symlink_to(secret)
    assert build(site, "--no-cache") == 0
    assert (output / "mine").is_symlink() and os.readlink(output / "mine") == str(secret)
    assert files_of(secret)["key"][0] == b"private"
    assert "mine/key" not in (output / ".chrono-manifest").read_text().splitlines()
