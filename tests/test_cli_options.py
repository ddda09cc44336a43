"""Command-line habits: --version, -q and -v, colour and a progress line only on a terminal."""
from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from importlib.metadata import version

import pytest

import generator
from generator.authoring.terminal import BuildProgress
from generator.cli import main

PERSON = "---\nname: Ada Example\n---\n"
MEETING = "---\ntitle: Talks\ndate: 2020-01-02\nparticipants: [ada-example]\n---\n"
SITE = {"site.yaml": "title: Test\n", "content/people/ada-example.md": PERSON, "content/meetings/talks.md": MEETING}
WITH_WARNING = {**SITE, "content/people/ada-example.md": PERSON.replace("name:", "nmae: x\nname:")}
WITH_ERROR = {**SITE, "content/meetings/talks.md": MEETING.replace("[ada-example]", "[nobody]")}
ERROR_LINE = "content/meetings/talks.md:4:16: {error}: unknown person 'nobody' in participants; no file content/people/nobody.md"

# Runs the command line in a child process, with the progress line's delay set by the first argument.
CHILD = ("import sys; import generator.authoring.terminal as terminal; terminal.SHOW_AFTER = float(sys.argv[1]); "
         "from generator.cli import main; sys.exit(main(sys.argv[2:]))")
ERASE = "\r\x1b[K"


def child_env(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    return {**env, "TERM": "xterm", **changes}


def on_terminal(args: list[str], show_after: float = 0.0, **env: str) -> tuple[int, str]:
    """Exit code and what the command wrote to stderr, a pseudo-terminal."""
    master, slave = pty.openpty()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(show_after), *args], stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=slave, env=child_env(**env))
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:   # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return child.wait(timeout=120), b"".join(chunks).decode().replace("\r\n", "\n")


def in_pipe(args: list[str], show_after: float = 0.0, **env: str) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(show_after), *args], capture_output=True, text=True,
                          env=child_env(**env), timeout=120)
    return done.returncode, done.stderr


SUMMARY = re.compile(r"built \d+ pages \(\d+ files\) in \d+\.\d\d s, 0 warnings")


def test_version_is_the_package_version(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0
    assert capsys.readouterr().out == f"chrono {version('chronology-generator')}\n"
    assert version("chronology-generator") == generator.__version__


def test_quiet_build_prints_nothing_when_it_succeeds(make_site, capsys):
    site = make_site(WITH_WARNING)
    assert main(["-q", "-C", str(site), "build"]) == 0
    assert capsys.readouterr().err == ""


def test_quiet_build_still_prints_errors(make_site, capsys):
    site = make_site(WITH_ERROR)
    assert main(["-C", str(site), "build", "-q"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        ERROR_LINE.format(error="error"),
        "build failed: 1 problem; the output folder was left as it was"]


def test_quiet_check_prints_only_errors(make_site, capsys):
    assert main(["-q", "-C", str(make_site(WITH_WARNING)), "check"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["-C", str(make_site(WITH_ERROR)), "check", "-q"]) == 1
    assert capsys.readouterr().err == ERROR_LINE.format(error="error") + "\n"


def test_verbose_build_times_each_stage(make_site, capsys):
    site = make_site(SITE)
    assert main(["-C", str(site), "build", "-v", "--no-cache"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert [re.sub(r"\d+(\.\d+)?", "N", line) for line in lines[:6]] == [
        "reading content: N s",
        "planning: N s",
        "rendering N of N pages: N s",
        "indexing the search, rendering lists and exports: N s",
        "writing N files: N s",
        "N files written, N unchanged"]
    assert lines[2].startswith("rendering 11 of 11 pages: ")
    assert SUMMARY.fullmatch(lines[6])


def test_verbose_check_times_reading(make_site, capsys):
    assert main(["-v", "-C", str(make_site(SITE)), "check"]) == 0
    assert [re.sub(r"\d+\.\d\d", "N", line) for line in capsys.readouterr().err.splitlines()] == [
        "reading content: N s", "checked 2 files: 0 errors, 0 warnings"]


def test_quiet_and_verbose_together_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["-q", "-v", "check"])
    assert exit.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_progress_on_a_terminal_shows_stages_and_counts_then_the_summary(make_site):
    code, err = on_terminal(["-C", str(make_site(SITE)), "build", "--no-cache"])
    assert code == 0
    shown = [part for part in err.split(ERASE) if part]
    assert shown[0].startswith("chrono: reading content  ")
    assert any(part.startswith("chrono: rendering 11 of 11 pages  ") for part in shown)
    assert any(re.match(r"chrono: writing \d+ files  ", part) for part in shown)
    assert SUMMARY.fullmatch(shown[-1].rstrip("\n"))


def test_no_progress_when_stderr_is_not_a_terminal(make_site):
    code, err = in_pipe(["-C", str(make_site(SITE)), "build", "--no-cache"])
    assert code == 0
    assert SUMMARY.fullmatch(err.rstrip("\n")) and err.count("\n") == 1


def test_no_progress_when_quiet_on_a_terminal(make_site):
    assert on_terminal(["-q", "-C", str(make_site(SITE)), "build", "--no-cache"]) == (0, "")


def test_progress_waits_before_showing_anything():
    master, slave = pty.openpty()
    now = [0.0]
    with os.fdopen(slave, "w") as terminal:
        progress = BuildProgress(terminal, live=True, verbose=False, show_after=2.0, clock=lambda: now[0])
        now[0] = 1.9
        progress.stage("reading content")
        assert select.select([master], [], [], 0.1)[0] == []
        now[0] = 2.5
        progress.stage("rendering", 5400, "entries")
        assert os.read(master, 1000).decode() == ERASE + "chrono: rendering 5,400 entries  2.5 s"
        progress.close()
        assert os.read(master, 1000).decode() == ERASE
    os.close(master)


def test_errors_in_colour_on_a_terminal(make_site):
    code, err = on_terminal(["-C", str(make_site(WITH_ERROR)), "check"], show_after=60)
    assert code == 1
    assert err.splitlines()[0] == ERROR_LINE.format(error="\x1b[1;31merror\x1b[0m")


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_colour_under_no_color_or_a_dumb_terminal(make_site, env):
    code, err = on_terminal(["-C", str(make_site(WITH_ERROR)), "check"], show_after=60, **env)
    assert code == 1
    assert "\x1b" not in err
    assert err.splitlines()[0] == ERROR_LINE.format(error="error")


def test_no_colour_in_a_pipe(make_site):
    code, err = in_pipe(["-C", str(make_site(WITH_ERROR)), "check"])
    assert code == 1 and "\x1b" not in err
