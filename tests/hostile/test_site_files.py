"""The site's files: symbolic links, special files, sizes, unreadable files and folders,
one error instead of its echoes, and serve noticing every edit (docs/security.md)."""
from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from generator.authoring.rebuild import Rebuilder
from generator.authoring.watch import Watcher
from generator.build import build
from generator.cli import main
from generator.content import changes, sitefiles
from generator.content.limits import MAX_FILE_BYTES

SITE = {
    "site.yaml": "title: Talks\nbase_url: https://example.github.io/repo/\n",
    "content/people/kim-jong-un.md": "---\nname: Kim Jong-un\n---\n\nLeader.\n",
    "content/articles/envoys-visit.md": ("---\ntitle: Envoys visit Pyongyang\npublished: 2018-09-06\n---\n\n"
                                         "Kim Jong-un met the envoys.\n"),
    "content/meetings/envoys-meet-kim.md": ("---\ntitle: Envoys meet Kim\ndate: 2018-09-05\n"
                                            "participants: [kim-jong-un]\nsources:\n  - article: envoys-visit\n---\n\n"
                                            "They met.\n"),
}
SECRET = "TOP-SECRET-51d0"
WAIT = 20.0


@pytest.fixture
def site(make_site):
    return lambda extra=None: make_site({**SITE, **(extra or {})})


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text(f"---\nname: {SECRET}\n---\n\n{SECRET}\n", encoding="utf-8")
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    return folder


def check(root: Path, capsys: pytest.CaptureFixture) -> tuple[int, list[str]]:
    """check's exit code and its diagnostics, without the summary line."""
    code = main(["-C", str(root), "check"])
    return code, capsys.readouterr().err.splitlines()[:-1]


def check_in_subprocess(root: Path) -> tuple[int, list[str]]:
    """As check, in a child process killed after 60 s: for files that could hang a reader."""
    done = subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "check"], capture_output=True,
                          text=True, timeout=60, cwd=Path(__file__).parents[2])
    return done.returncode, done.stderr.splitlines()[:-1]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def no_secret_in(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]


# -- 1. symbolic links -------------------------------------------------------------------

def test_symlink_out_of_content_is_skipped_with_a_warning(site, outside, tmp_path, capsys):
    root = site()
    (root / "content/people/leak.md").symlink_to(outside / "secret.md")
    (root / "content/people/zero.md").symlink_to("/dev/zero")
    (root / "content/articles/elsewhere").symlink_to(outside, target_is_directory=True)
    assert check(root, capsys) == (0, [
        "content/articles/elsewhere:1:1: warning: symbolic link to a folder outside the site; it is skipped; "
        "copy the files into the site instead",
        "content/people/leak.md:1:1: warning: symbolic link to a file outside the site; it is skipped; "
        "copy the file into the site instead",
        "content/people/zero.md:1:1: warning: symbolic link to a file outside the site; it is skipped; "
        "copy the file into the site instead",
    ])
    result = build(root, tmp_path / "out")
    assert not result.failed
    assert not (tmp_path / "out/people/leak").exists()
    assert no_secret_in(tmp_path / "out")


def test_symlink_inside_the_site_is_followed(site, tmp_path, capsys):
    root = site({"notes/kim-yo-jong.md": "---\nname: Kim Yo-jong\n---\n\nSister.\n"})
    (root / "content/people/kim-yo-jong.md").symlink_to(root / "notes/kim-yo-jong.md")
    (root / "content/people/loop").symlink_to(root / "content/people", target_is_directory=True)
    assert check(root, capsys) == (0, [])
    assert not build(root, tmp_path / "out").failed
    assert "Sister." in (tmp_path / "out/people/kim-yo-jong/index.html").read_text(encoding="utf-8")


def test_symlink_out_of_static_is_skipped_with_a_warning(site, outside, tmp_path, capsys):
    root = site({"static/ok.txt": "ok"})
    (root / "static/leak.txt").symlink_to(outside / "secret.txt")
    assert check(root, capsys) == (0, [
        "static/leak.txt:1:1: warning: symbolic link to a file outside the site; it is skipped; "
        "copy the file into the site instead"])
    assert not build(root, tmp_path / "out").failed
    assert (tmp_path / "out/ok.txt").read_text() == "ok" and not (tmp_path / "out/leak.txt").exists()
    assert no_secret_in(tmp_path / "out")


def test_symlink_out_of_a_theme_is_skipped_with_a_warning(site, outside, tmp_path):
    root = site({"site.yaml": SITE["site.yaml"] + "theme: mine\n", "themes/mine/static/ok.css": "p{}"})
    (root / "themes/mine/static/leak.css").symlink_to(outside / "secret.txt")
    (root / "themes/mine/templates").mkdir()
    (root / "themes/mine/templates/base.html").symlink_to(outside / "secret.txt")
    result = build(root, tmp_path / "out")
    assert not result.failed
    assert [d.format() for d in result.diagnostics.warnings] == [
        "themes/mine/static/leak.css:1:1: warning: symbolic link to a file outside the site; it is skipped; "
        "copy the file into the site instead",
        "themes/mine/templates/base.html:1:1: warning: symbolic link to a file outside the site; it is skipped; "
        "copy the file into the site instead",
    ]
    assert (tmp_path / "out/assets/ok.css").read_text() == "p{}"
    assert (tmp_path / "out/index.html").exists()
    assert no_secret_in(tmp_path / "out")


def test_check_warns_of_a_theme_file_linked_out_of_the_site_as_build_does(site, outside, capsys):
    root = site({"site.yaml": SITE["site.yaml"] + "theme: mine\n", "themes/mine/static/ok.css": "p{}"})
    (root / "themes/mine/static/leak.css").symlink_to(outside / "secret.txt")
    assert check(root, capsys) == (0, [
        "themes/mine/static/leak.css:1:1: warning: symbolic link to a file outside the site; it is skipped; "
        "copy the file into the site instead"])


def test_a_theme_template_linked_out_of_the_site_is_skipped_when_the_site_is_given_as_a_relative_path(
        site, outside, tmp_path, monkeypatch):
    root = site({"site.yaml": SITE["site.yaml"] + "theme: mine\n"})
    (root / "themes/mine/templates").mkdir(parents=True)
    (root / "themes/mine/templates/base.html").symlink_to(outside / "secret.txt")
    monkeypatch.chdir(root)
    assert not build(Path("."), tmp_path / "out").failed
    assert no_secret_in(tmp_path / "out")


def test_import_refuses_a_seed_linked_out_of_the_site(site, outside, capsys):
    root = site()
    (root / "seeds").mkdir()
    (root / "seeds/clip.txt").symlink_to(outside / "secret.txt")
    assert main(["-C", str(root), "import", "seeds/clip.txt"]) == 1
    assert capsys.readouterr().out == ("seeds/clip.txt: error: symbolic link to a file outside the site; "
                                       "it is skipped; copy the file into the site instead\n")
    assert sorted(p.name for p in (root / "content/articles").iterdir()) == ["envoys-visit.md"]


def test_content_folder_linked_out_of_the_site_is_refused(site, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere-content"
    root = site()
    (root / "content").rename(elsewhere)
    (root / "content").symlink_to(elsewhere, target_is_directory=True)
    (root / "seeds").mkdir()
    (root / "seeds/clip.txt").write_text("Talks resume\n\nThe envoys met again.\n", encoding="utf-8")
    before = tree(elsewhere)
    assert check(root, capsys) == (1, [
        "content:1:1: error: content/ is a symbolic link to a folder outside the site; it is not read; "
        "move the folder into the site instead"])
    assert build(root, tmp_path / "out").failed
    assert main(["-C", str(root), "import", "seeds/clip.txt"]) == 1
    assert "content/ is a symbolic link to a folder outside the site" in capsys.readouterr().out
    assert tree(elsewhere) == before


def test_site_yaml_linked_out_of_the_site_is_skipped(site, outside, capsys):
    root = site()
    (root / "site.yaml").unlink()
    (outside / "site.yaml").write_text(f"title: {SECRET}\n", encoding="utf-8")
    (root / "site.yaml").symlink_to(outside / "site.yaml")
    assert check(root, capsys) == (0, ["site.yaml:1:1: warning: symbolic link to a file outside the site; "
                                       "it is skipped; copy the file into the site instead"])


@pytest.mark.parametrize("linked", ["content", "content/people"])
def test_new_refuses_a_content_folder_linked_out_of_the_site(site, tmp_path, capsys, linked):
    elsewhere = tmp_path / "elsewhere"
    root = site()
    (root / linked).rename(elsewhere)
    (root / linked).symlink_to(elsewhere, target_is_directory=True)
    before = tree(elsewhere)
    assert main(["-C", str(root), "new", "person", "Kim Yo-jong"]) != 0
    assert f"{linked}/ is a symbolic link to a folder outside the site" in capsys.readouterr().err
    assert tree(elsewhere) == before


# -- 2. only regular files ---------------------------------------------------------------

def test_a_fifo_in_content_static_or_a_theme_is_reported_and_never_opened(site, tmp_path):
    root = site({"site.yaml": SITE["site.yaml"] + "theme: mine\n", "themes/mine/static/ok.css": "p{}"})
    os.mkfifo(root / "content/people/pipe.md")
    (root / "static").mkdir()
    os.mkfifo(root / "static/pipe.txt")
    os.mkfifo(root / "themes/mine/static/pipe.css")
    assert check_in_subprocess(root) == (0, [
        "content/people/pipe.md:1:1: warning: a FIFO, not a regular file; it is skipped",
        "static/pipe.txt:1:1: warning: a FIFO, not a regular file; it is skipped",
        "themes/mine/static/pipe.css:1:1: warning: a FIFO, not a regular file; it is skipped",
    ])
    done = subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "build", "--output", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    assert "themes/mine/static/pipe.css:1:1: warning: a FIFO, not a regular file; it is skipped" in done.stderr
    assert (tmp_path / "out/assets/ok.css").exists() and not (tmp_path / "out/assets/pipe.css").exists()


def test_a_fifo_for_site_yaml_is_reported(site, capsys):
    root = site()
    (root / "site.yaml").unlink()
    os.mkfifo(root / "site.yaml")
    assert check_in_subprocess(root) == (0, ["site.yaml:1:1: warning: a FIFO, not a regular file; it is skipped"])


def test_a_socket_in_content_is_reported(site, capsys):
    import socket
    root = site()
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(root / "content/people/sock.md"))
        assert check(root, capsys) == (0, ["content/people/sock.md:1:1: warning: a socket, not a regular file; "
                                           "it is skipped"])
    finally:
        server.close()


# -- 3. size -------------------------------------------------------------------------------

def test_an_article_over_the_size_limit_is_refused_unread(site, capsys):
    root = site()
    big = root / "content/articles/big.md"
    with big.open("wb") as handle:       # a sparse terabyte: reading it whole would never end
        handle.truncate(2 ** 40)
    over = root / "content/articles/over.md"
    over.write_bytes(b"---\ntitle: Over\npublished: 2018-09-06\n---\n" + b"x" * MAX_FILE_BYTES)
    code, lines = check(root, capsys)
    assert (code, lines) == (1, [
        "content/articles/big.md:1:1: error: the file is larger than 5 MB, the limit for a file of the site; "
        "it is not read",
        "content/articles/over.md:1:1: error: the file is larger than 5 MB, the limit for a file of the site; "
        "it is not read",
    ])


def test_a_static_file_over_the_size_limit_is_copied(site, tmp_path):
    """The limit is for files read as text; static/ and a theme's static/ are copied as they are."""
    big = b"%PDF" + b"\0" * (MAX_FILE_BYTES + 10)
    root = site({"site.yaml": SITE["site.yaml"] + "theme: mine\n"})
    for name in ("static/report.pdf", "themes/mine/static/font.woff2"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(big)
    assert not build(root, tmp_path / "out").failed
    assert (tmp_path / "out/report.pdf").read_bytes() == big
    assert (tmp_path / "out/assets/font.woff2").read_bytes() == big


def test_a_file_that_grows_past_the_limit_while_read_is_refused(site, monkeypatch, capsys):
    """fstat said small; the read returns more: at most limit + 1 bytes are taken."""
    root = site()
    target = root / "content/articles/envoys-visit.md"
    real_fstat = os.fstat

    def small(descriptor):
        status = real_fstat(descriptor)
        return os.stat_result((*status[:6], 10, *status[7:]))

    monkeypatch.setattr(sitefiles.os, "fstat", small)
    target.write_bytes(b"---\ntitle: Over\npublished: 2018-09-06\n---\n" + b"x" * (3 * MAX_FILE_BYTES))
    code, lines = check(root, capsys)
    assert code == 1 and lines[0] == ("content/articles/envoys-visit.md:1:1: error: the file is larger than 5 MB, "
                                      "the limit for a file of the site; it is not read")


# -- 4. unreadable files and folders -------------------------------------------------------

def deny(monkeypatch, denied: Path, function: str) -> None:
    """os.<function> fails with EACCES for denied, as it does for a chmod 000 file when not root."""
    real = getattr(os, function)

    def guarded(path, *args, **kwargs):
        if os.fspath(path) == os.fspath(denied):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, function, guarded)


def test_an_unreadable_file_is_reported_once(site, monkeypatch, capsys):
    root = site({"content/articles/later.md": ("---\ntitle: Later\npublished: 2018-09-08\n---\n\n"
                                               "As [[envoys-meet-kim]] showed, [[meetings/envoys-meet-kim]].\n")})
    deny(monkeypatch, root / "content/meetings/envoys-meet-kim.md", "open")
    assert check(root, capsys) == (1, ["content/meetings/envoys-meet-kim.md:1:1: error: cannot read "
                                       "content/meetings/envoys-meet-kim.md: Permission denied"])


def test_an_unreadable_folder_fails_the_build(site, monkeypatch, tmp_path, capsys):
    root = site()
    deny(monkeypatch, root / "content/people", "scandir")
    assert check(root, capsys) == (1, ["content/people:1:1: error: cannot read the folder content/people: "
                                       "Permission denied; its files would be left out"])
    assert build(root, tmp_path / "out").failed


NOBODY = 65534


def check_without_root(root: Path) -> tuple[int, list[str]]:
    """As check, in a forked child that has given up root (for the user nobody) when run as root, so
    that file modes bind; the site is copied to a folder that user can reach."""
    reachable = None
    if os.geteuid() == 0:
        reachable = Path(tempfile.mkdtemp(prefix="chrono-modes-"))
        reachable.chmod(0o755)
        shutil.copytree(root, reachable / "site", symlinks=True)
        root = reachable / "site"
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:   # the child: drop root, run check with its stderr into the pipe, never return to pytest
        code = 70
        try:
            os.close(read_end)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            os.dup2(write_end, 2)
            sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", buffering=0, closefd=False), write_through=True)
            code = main(["-C", str(root), "check"])
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        output = pipe.read()
    code = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
    if reachable is not None:
        shutil.rmtree(reachable)
    return code, output.splitlines()[:-1]


def test_a_chmod_000_file_and_folder_are_reported(site):
    root = site()
    (root / "content/meetings/envoys-meet-kim.md").chmod(0)
    (root / "content/people").chmod(0)
    try:
        code, lines = check_without_root(root)
    finally:
        (root / "content/people").chmod(0o755)
    assert code == 1 and lines[0] == ("content/meetings/envoys-meet-kim.md:1:1: error: cannot read "
                                      "content/meetings/envoys-meet-kim.md: Permission denied")
    assert "content/people:1:1: error: cannot read the folder content/people: Permission denied; " \
           "its files would be left out" in lines


# -- 5. one error, not its echoes ----------------------------------------------------------

def test_a_bad_date_is_reported_once_not_by_the_files_linking_to_it(site, capsys):
    root = site({
        "content/meetings/envoys-meet-kim.md": SITE["content/meetings/envoys-meet-kim.md"].replace("2018-09-05",
                                                                                                   "2018-13-45"),
        "content/articles/a.md": "---\ntitle: A\npublished: 2018-09-07\n---\n\nSee [[envoys-meet-kim]].\n",
        "content/articles/b.md": "---\ntitle: B\npublished: 2018-09-07\n---\n\nSee [[meetings/envoys-meet-kim]].\n",
        "content/people/moon.md": "---\nname: Moon\n---\n\nAt [[envoys-meet-kim|the meeting]].\n",
    })
    assert check(root, capsys) == (1, [
        "content/meetings/envoys-meet-kim.md:3:7: error: '2018-13-45' is not a valid date: there is no month 13; "
        "months run from 01 to 12"])


def test_a_file_with_bad_yaml_still_registers_its_id(site, capsys):
    root = site({
        "content/meetings/envoys-meet-kim.md": "---\ntitle: [unclosed\n---\n\nThey met.\n",
        "content/articles/a.md": "---\ntitle: A\npublished: 2018-09-07\n---\n\nSee [[envoys-meet-kim]].\n",
    })
    code, lines = check(root, capsys)
    assert code == 1 and len(lines) == 1 and lines[0].startswith("content/meetings/envoys-meet-kim.md:")


# -- 6. serve sees every edit --------------------------------------------------------------

def test_serve_sees_an_edit_that_keeps_size_and_times(site, monkeypatch):
    """Where the file system's times cannot tell (coarse or unreliable change times), the file an event
    names is hashed again."""
    root = site()
    rebuilder = Rebuilder(root)
    assert rebuilder.build().live is not None
    frozen = {}
    real_stat = os.stat

    def stale_stat(path, *args, **kwargs):   # the times and size as they were at the first build
        status = real_stat(path, *args, **kwargs)
        return frozen.setdefault(os.fspath(path), status)

    monkeypatch.setattr(changes, "SETTLED_NS", -10 ** 18)
    monkeypatch.setattr(changes.os, "stat", stale_stat)
    assert rebuilder.build() is None                       # stats recorded; nothing changed
    meeting = root / "content/meetings/envoys-meet-kim.md"
    status = real_stat(meeting)
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("They met.", "Now met."), encoding="utf-8")
    os.utime(meeting, ns=(status.st_atime_ns, status.st_mtime_ns))
    rebuilder.touched([meeting])
    outcome = rebuilder.build(["meetings/envoys-meet-kim/index.html"])
    assert outcome is not None and outcome.reread == ("content/meetings/envoys-meet-kim.md",)
    assert b"Now met." in outcome.live.get("meetings/envoys-meet-kim/index.html")


def watch(root: Path):
    calls = threading.Semaphore(0)
    touched: list[Path] = []
    watcher = Watcher(root, calls.release, touched=touched.extend)
    watcher.start()
    return watcher, calls, touched


def replace_by_rename(folder: Path, files: dict[str, str], spare: Path) -> None:
    """As a checkout does it: a new folder written elsewhere, the old one moved away, the new one moved in."""
    new = spare / folder.name
    for name, text in files.items():
        (new / name).parent.mkdir(parents=True, exist_ok=True)
        (new / name).write_text(text, encoding="utf-8")
    folder.rename(spare / f"old-{folder.name}")
    new.rename(folder)


@pytest.mark.parametrize("replaced", ["content/people", "content"])
def test_serve_sees_a_folder_replaced_by_rename(site, tmp_path, replaced):
    root = site()
    spare = tmp_path / "spare"
    spare.mkdir()
    watcher, calls, touched = watch(root)
    try:
        inside = {"content/people": "", "content": "people/"}[replaced]
        kept = {} if replaced == "content/people" else {
            path.removeprefix("content/"): text for path, text in SITE.items() if path.startswith("content/")}
        replace_by_rename(root / replaced, {**kept, f"{inside}kim-jong-un.md": "---\nname: Kim Jong Un\n---\n"}, spare)
        assert calls.acquire(timeout=WAIT)
        while calls.acquire(timeout=0.5):
            pass
        (root / "content/people/kim-jong-un.md").write_text("---\nname: Kim Jong-un II\n---\n", encoding="utf-8")
        assert calls.acquire(timeout=WAIT), "an edit inside the new folder was not noticed"
        assert root / "content/people/kim-jong-un.md" in touched
    finally:
        watcher.stop()
