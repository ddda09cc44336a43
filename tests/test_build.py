"""`chrono build`: read, render, write; all or nothing; the same bytes on any machine."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site import write
from generator.cli import main

from test_render import SMALL_SITE
from test_write import snapshot

FULL_SITE = Path(__file__).parent / "sites" / "full"


def run(*args: str) -> int:
    return main([str(a) for a in args])


def test_builds_and_reports_one_summary_line(make_site, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_site(SMALL_SITE)
    assert run("-C", root, "build", "--output", tmp_path / "out") == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert re.fullmatch(r"built 14 pages \(\d+ files\) in \d+\.\d\d s, 0 warnings", err[0])
    assert (tmp_path / "out" / "people" / "kim" / "index.html").is_file()


def test_default_output_is_the_output_folder_of_the_site(make_site) -> None:
    root = make_site(SMALL_SITE)
    assert run("-C", root, "build") == 0
    assert (root / "output" / "index.html").is_file()


def test_prints_warnings_before_the_summary(make_site, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_site({**SMALL_SITE, "content/people/kim.md": "---\nname: Kim\nnickname: K\n---\n"})
    assert run("-C", root, "build", "--output", tmp_path / "out") == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("content/people/kim.md:3:1: warning: unknown")
    assert err[-1].endswith(", 1 warning")
    assert run("-C", root, "build", "--strict", "--output", tmp_path / "strict") == 1
    assert not (tmp_path / "strict").exists()


def test_base_url_option_moves_the_absolute_links_and_the_404_page(make_site, tmp_path: Path) -> None:
    root = make_site(SMALL_SITE)
    assert run("-C", root, "build", "--base-url", "/other", "--output", tmp_path / "out") == 0
    home = (tmp_path / "out" / "index.html").read_text()
    assert 'href="./people/kim/"' in home               # between pages: relative, whatever the base
    assert '<link rel="canonical" href="/other/">' in home
    assert '="/talks/' not in home
    assert 'href="/other/people/"' in (tmp_path / "out" / "404.html").read_text()   # served at any address


def test_content_errors_leave_the_previous_output_untouched(make_site, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_site(SMALL_SITE)
    output = tmp_path / "out"
    assert run("-C", root, "build", "--output", output) == 0
    before = snapshot(output)
    (root / "content/meetings/talks.md").write_text("---\ntitle: Talks\ndate: 2018-09-05\nparticipants: [kimm]\n---\n")
    capsys.readouterr()
    assert run("-C", root, "build", "--output", output) == 1
    err = capsys.readouterr().err
    assert "content/meetings/talks.md:4:16: error: unknown person 'kimm' in participants; did you mean 'kim'?" in err
    assert "output folder was left as it was" in err
    assert snapshot(output) == before


def test_template_error_leaves_the_previous_output_untouched(make_site, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_site(SMALL_SITE)
    output = tmp_path / "out"
    assert run("-C", root, "build", "--output", output) == 0
    before = snapshot(output)
    (root / "site.yaml").write_text("title: Talks\ntheme: broken\n")
    (root / "themes/broken/templates").mkdir(parents=True)
    (root / "themes/broken/templates/meeting.html").write_text("{% extends 'base.html' %}\n{% block main %}{{ nothing.here }}{% endblock %}\n")
    assert run("-C", root, "build", "--output", output) == 1
    assert "themes/broken/templates/meeting.html:2: UndefinedError" in capsys.readouterr().err
    assert snapshot(output) == before


def test_failure_while_writing_leaves_old_output_and_cleans_up_next_time(make_site, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(SMALL_SITE)
    output = tmp_path / "out"
    assert run("-C", root, "build", "--output", output) == 0
    before = snapshot(output)
    (root / "content/people/kim.md").write_text("---\nname: Kim Il\n---\n")   # most pages change
    written = []

    def fail_after_five(target: Path, data: bytes) -> None:
        written.append(target)
        if len(written) > 5:
            raise KeyboardInterrupt
        target.write_bytes(data)

    monkeypatch.setattr(write, "write_file", fail_after_five)
    with pytest.raises(KeyboardInterrupt):
        run("-C", root, "build", "--output", output)
    assert len(written) == 6
    assert snapshot(output) == before
    monkeypatch.undo()
    (tmp_path / ".out.tmp-killed").mkdir()       # as a SIGKILL would leave it
    assert run("-C", root, "build", "--output", output) == 0
    assert "Kim Il" in (output / "people/kim/index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


@pytest.mark.parametrize("output", [".", "..", "content", "themes/x", "seeds"])
def test_refuses_output_folders_that_would_overwrite_sources(make_site, output: str, capsys: pytest.CaptureFixture) -> None:
    root = make_site(SMALL_SITE)
    before = snapshot(root.parent)
    assert run("-C", root, "build", "--output", root / output) == 2
    assert "chrono build: error: output folder" in capsys.readouterr().err
    assert snapshot(root.parent) == before


def test_unknown_theme_is_an_error(make_site, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_site({**SMALL_SITE, "site.yaml": "title: Talks\ntheme: missing\n"})
    assert run("-C", root, "build", "--output", tmp_path / "out") == 1
    assert ("site.yaml:2:8: error: theme 'missing' has no folder themes/missing/; make the folder themes/missing/ "
            "with templates/ and static/, or leave theme out to use the built-in one") in capsys.readouterr().err.splitlines()


def test_same_content_gives_same_bytes_whatever_the_machine(tmp_path: Path) -> None:
    outputs = []
    for n, (seed, zone, locale) in enumerate([("1", "UTC", "C.UTF-8"), ("4242", "Asia/Seoul", "POSIX")]):
        site = tmp_path / f"site{n}"
        shutil.copytree(FULL_SITE, site)
        for file in site.rglob("*"):
            os.utime(file, (1_000_000 * (n + 1), 1_000_000 * (n + 1)))
        workdir = tmp_path / f"cwd{n}"
        workdir.mkdir()
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env.update(PYTHONHASHSEED=seed, TZ=zone, LC_ALL=locale, LANG=locale)
        done = subprocess.run([sys.executable, "-m", "generator", "-C", str(site), "build", "--output", "out"],
                              cwd=workdir, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        outputs.append({path: data for path, (data, _) in snapshot(workdir / "out").items()})
    assert outputs[0].keys() == outputs[1].keys()
    assert [path for path in outputs[0] if outputs[0][path] != outputs[1][path]] == []


def test_killed_build_leaves_old_or_new_output_never_a_mix(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FULL_SITE, site)
    output = tmp_path / "out"
    command = [sys.executable, "-m", "generator", "-C", str(site), "build", "--output", str(output)]
    subprocess.run(command, check=True, capture_output=True)
    old = snapshot(output)
    person = site / "content/people/chung-eui-yong.md"
    person.write_text(person.read_text().replace("name: Chung Eui-yong", "name: Chung Eui-yong (NSO)"))
    new = tmp_path / "reference"
    subprocess.run([*command[:-1], str(new)], check=True, capture_output=True)
    expected_new = {path: data for path, (data, _) in snapshot(new).items()}

    build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while build.poll() is None and not list(tmp_path.glob(".out.tmp-*")):
        pass
    build.kill()                                  # SIGKILL: no clean-up code runs
    build.wait()
    after = snapshot(output)
    assert after == old or {path: data for path, (data, _) in after.items()} == expected_new
    subprocess.run(command, check=True, capture_output=True)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    assert {path: data for path, (data, _) in snapshot(output).items()} == expected_new
