"""``chrono init``: a new site that builds and passes ``check --strict`` as it is."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from generator.authoring.newsite import DISTRIBUTION, STARTER, WORKFLOW, requirement, workflow_file
from generator.build import CACHE_FOLDER, DEFAULT_OUTPUT
from generator.cli import main
from generator.content.config import FIELDS

REPO = Path(__file__).resolve().parents[1]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value for name, value in attrs if tag == "a" and name == "href" and value]


def links(output: Path, page: str) -> set[str]:
    """The site paths a page links to, however they are written (absolute or relative)."""
    parser = _Links()
    parser.feed((output / page / "index.html").read_text(encoding="utf-8"))
    return {urljoin(f"/{page}/", href).split("#")[0] for href in parser.hrefs}


def test_new_site_passes_strict_check_and_builds(tmp_path, capsys):
    site = tmp_path / "river-talks"
    assert main(["init", str(site)]) == 0
    assert main(["-C", str(site), "check", "--strict"]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "checked 4 files: 0 errors, 0 warnings"
    assert main(["-C", str(site), "build", "--strict"]) == 0
    assert "0 warnings" in capsys.readouterr().err

    output = site / DEFAULT_OUTPUT
    person = links(output, "people/dana-reyes")
    assert {"/meetings/first-round-of-water-talks/", "/milestones/joint-water-commission/",
            "/articles/water-talks-open/"} <= person
    assert {"/people/dana-reyes/", "/articles/water-talks-open/",
            "/milestones/joint-water-commission/"} <= links(output, "meetings/first-round-of-water-talks")
    assert {"/meetings/first-round-of-water-talks/", "/articles/water-talks-open/"} <= links(output, "milestones/joint-water-commission")
    assert "/people/dana-reyes/" in links(output, "articles/water-talks-open")


def test_new_site_holds_every_part(tmp_path):
    site = tmp_path / "site"
    assert main(["-q", "init", str(site)]) == 0
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert written == [".github/workflows/pages.yml", ".gitignore", "README.md",
                       "content/articles/water-talks-open.md", "content/meetings/first-round-of-water-talks.md",
                       "content/milestones/joint-water-commission.md", "content/people/dana-reyes.md",
                       "requirements.txt", "site.yaml", "static/robots.txt"]
    assert (site / "seeds").is_dir()


def test_writes_the_repository_workflow_itself(tmp_path):
    main(["-q", "init", str(tmp_path / "site")])
    assert (tmp_path / "site" / WORKFLOW).read_bytes() == (REPO / WORKFLOW).read_bytes()
    assert workflow_file().resolve() == (REPO / WORKFLOW).resolve()


def test_site_yaml_sets_every_setting_read_and_shows_the_rest_in_comments():
    text = (STARTER / "site.yaml").read_text(encoding="utf-8")
    assert set(yaml.safe_load(text)) == set(FIELDS)
    commented = set(re.findall(r"^# ([a-z_]+):", text, re.MULTILINE))
    spec_keys = {"timezone", "phases", "params"}
    assert spec_keys - set(FIELDS) <= commented
    for key in {*FIELDS, *spec_keys}:    # each with a line of its own saying what it does
        assert re.search(rf"^#.*\n(# )?{key}:", text, re.MULTILINE), key


def test_gitignore_keeps_output_and_cache_out_of_git(tmp_path):
    site = tmp_path / "site"
    main(["-q", "init", str(site)])
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    made = [f"{DEFAULT_OUTPUT}/index.html", f"{CACHE_FOLDER}/build.json", f".{DEFAULT_OUTPUT}.lock",
            f".{DEFAULT_OUTPUT}.tmp-1a2b3c4d/index.html"]
    asked = [*made, "content/people/dana-reyes.md", "static/robots.txt", WORKFLOW]
    ignored = subprocess.run(["git", "-C", str(site), "check-ignore", *asked], capture_output=True, text=True).stdout
    assert ignored.split() == made


def test_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (f"chrono init: error: {tmp_path} is not empty (it holds notes.md); "
                                       "give a new or empty folder\n")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_refuses_a_file(tmp_path, capsys):
    (tmp_path / "site").write_text("", encoding="utf-8")
    assert main(["init", str(tmp_path / "site")]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err


def test_takes_a_folder_holding_only_a_git_repository(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert main(["-q", "-C", str(tmp_path), "init"]) == 0
    assert (tmp_path / "site.yaml").is_file()


def test_says_what_it_made_unless_quiet(tmp_path, capsys):
    assert main(["-v", "init", str(tmp_path / "a")]) == 0
    err = capsys.readouterr().err
    assert f"wrote {tmp_path / 'a' / 'site.yaml'}" in err.splitlines()
    assert err.splitlines()[-1] == f"made a new site in {tmp_path / 'a'}: see its README.md; `chrono -C {tmp_path / 'a'} serve` previews it"
    assert main(["init", "-q", str(tmp_path / "b")]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("direct_url, line, reachable", [
    (None, f"{DISTRIBUTION}==1.2.0", True),
    (json.dumps({"url": "https://github.com/o/chrono", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}),
     f"{DISTRIBUTION} @ git+https://github.com/o/chrono@abc123", True),
    (json.dumps({"url": "https://example.org/chrono-1.2.0-py3-none-any.whl", "archive_info": {}}),
     f"{DISTRIBUTION} @ https://example.org/chrono-1.2.0-py3-none-any.whl", True),
    (json.dumps({"url": "file:///home/me/chrono", "dir_info": {"editable": True}}), f"{DISTRIBUTION}==1.2.0", False),
    (json.dumps({"url": "file:///home/me/chrono", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}),
     f"{DISTRIBUTION}==1.2.0", False),
])
def test_requirements_name_this_generator_as_it_was_installed(direct_url, line, reachable):
    needed = requirement("1.2.0", direct_url)
    assert (needed.line, needed.reachable) == (line, reachable)


def test_wheel_ships_the_starter_site_and_the_workflow(tmp_path):
    source = tmp_path / "source"   # a clean copy: a build/ folder left in the checkout could hide a missing file
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "node_modules", DEFAULT_OUTPUT, CACHE_FOLDER, "__pycache__", ".*_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=600)
    names = set(zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist())
    starter = {f"generator/authoring/starter/{p.relative_to(STARTER).as_posix()}" for p in STARTER.rglob("*") if p.is_file()}
    assert starter and starter <= names
    assert "generator/workflows/pages.yml" in names
