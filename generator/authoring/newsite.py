"""``init``: start a new site in an empty folder.

A new site is the ``starter/`` folder beside this module (site.yaml with every
setting explained, one example of each kind citing the others, ``static/``, a
``.gitignore``, a README), the GitHub Pages workflow this repository publishes
with (one file for both), and a ``requirements.txt`` naming this generator for
that workflow. It builds and passes ``check --strict`` as it is.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution, version
from pathlib import Path

DISTRIBUTION = "chronology-generator"
STARTER = Path(__file__).with_name("starter")
WORKFLOW = ".github/workflows/pages.yml"
REQUIREMENTS = "requirements.txt"
EMPTY_FOLDERS = ("seeds",)                       # made empty: clippings go there
RENAMED = {"gitignore": ".gitignore"}            # kept without its dot, so it does not act on this package's own files
IGNORED_IN_EMPTY = {".git"}                      # a folder holding only a Git repository counts as empty


class InitError(Exception):
    """The folder cannot take a new site: it is a file, or not empty."""


@dataclass(frozen=True)
class Requirement:
    line: str          # how pip installs this generator, for requirements.txt
    reachable: bool    # False: installed from a local folder, which the workflow cannot reach


@dataclass(frozen=True)
class NewSite:
    root: Path
    files: tuple[str, ...]     # every file written, relative to root, in sorted order
    requirement: Requirement


def workflow_file() -> Path:
    """The Pages workflow: package data in an installed wheel, ``.github/workflows`` in a checkout."""
    packaged = Path(__file__).parents[1] / "workflows" / Path(WORKFLOW).name
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / WORKFLOW


def requirement(version: str, direct_url: str | None) -> Requirement:
    """The requirements.txt line for this generator, from its PEP 610 ``direct_url.json``.

    Installed from a package index (no ``direct_url.json``), the workflow
    installs that same version; from a Git repository or an archive on the
    web, that same commit or file. Installed from a local folder, only the
    version can be named, and the author is told.
    """
    record = json.loads(direct_url) if direct_url else None
    if record is None:
        return Requirement(f"{DISTRIBUTION}=={version}", True)
    url = record.get("url", "")
    if url.startswith(("https://", "http://")):
        vcs = record.get("vcs_info")
        if vcs and vcs.get("vcs") == "git":
            return Requirement(f"{DISTRIBUTION} @ git+{url}@{vcs['commit_id']}", True)
        if "archive_info" in record:
            return Requirement(f"{DISTRIBUTION} @ {url}", True)
    return Requirement(f"{DISTRIBUTION}=={version}", False)


def chrono_version() -> str:
    """This generator's version as installed; a checkout run without installing has none."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "(not installed)"


def installed_requirement() -> Requirement:
    try:
        installed = distribution(DISTRIBUTION)
    except PackageNotFoundError:   # run from a checkout that was never installed: a local folder
        return requirement("0", "{}")
    return requirement(installed.version, installed.read_text("direct_url.json"))


def requirements_text(needed: Requirement) -> str:
    lines = ["# What the Pages workflow (.github/workflows/pages.yml) installs to build this site."]
    if not needed.reachable:
        lines.append("# chrono was installed from a local folder when this site was made: name where the workflow")
        lines.append(f"# can install it from instead, such as {DISTRIBUTION} @ git+https://github.com/<owner>/<repo>")
    return "\n".join([*lines, needed.line, ""])


def starter_files() -> dict[str, bytes]:
    """The starter folder's files by their path in the new site."""
    files = {}
    for path in sorted(STARTER.rglob("*")):
        if path.is_file():
            relative = path.relative_to(STARTER)
            files[relative.with_name(RENAMED.get(relative.name, relative.name)).as_posix()] = path.read_bytes()
    return files


def check_empty(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} is a file, not a folder")
    if folder.is_dir():
        present = sorted(entry.name for entry in folder.iterdir() if entry.name not in IGNORED_IN_EMPTY)
        if present:
            shown = ", ".join(present[:3]) + (", ..." if len(present) > 3 else "")
            raise InitError(f"{folder} is not empty (it holds {shown}); give a new or empty folder")


def init_site(folder: Path) -> NewSite:
    """Write a new site into folder, which may not exist yet; never overwrites a file."""
    check_empty(folder)
    needed = installed_requirement()
    files = {**starter_files(), WORKFLOW: workflow_file().read_bytes(), REQUIREMENTS: requirements_text(needed).encode()}
    for relative, data in sorted(files.items()):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as file:
            file.write(data)
    for empty in EMPTY_FOLDERS:
        (folder / empty).mkdir(exist_ok=True)
    return NewSite(folder, tuple(sorted(files)), needed)
