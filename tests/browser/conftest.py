"""Fixtures for driving the built sample site in a real browser.

The sample site (``content/`` and ``site.yaml`` of this repository) is built
once with ``chrono build --base-url /chronology/`` into a temporary folder and
served on 127.0.0.1 under ``/chronology/``, the way GitHub Pages serves a
project site. Pages open in Debian's Chromium through Playwright; axe-core and
the Nu HTML Checker come from ``tests/browser/node_modules`` (``npm ci`` runs
here when that folder is missing).

Where a tool is missing the tests skip and say which; under ``CI=true`` a
missing tool fails them instead, so CI can never pass by skipping.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import sync_playwright

from generator.content.model import Site
from generator.content.read import read_site

from .static_server import serve_folder

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
BASE_PATH = "/chronology/"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
IN_CI = os.environ.get("CI") == "true"


def require(available: bool, reason: str) -> None:
    """Skip when a tool is missing on a contributor's machine; fail under CI=true."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


# -- the built site ---------------------------------------------------------------


def build(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """site built for a project site at /chronology/ into a fresh folder."""
    output = tmp_path_factory.mktemp("site") / "output"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--site", str(site), "build",
         "--output", str(output), "--base-url", BASE_PATH],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"chrono build failed:\n{result.stdout}{result.stderr}"
    return output


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built for a project site at /chronology/."""
    return build(REPO, tmp_path_factory)


def content_of(folder: Path) -> Site:
    """A site's content as the build reads it, for tests that derive what the pages must show."""
    site, diagnostics = read_site(folder, base_url=BASE_PATH)
    assert not diagnostics.errors, [d.format() for d in diagnostics.sorted()]
    return site


@pytest.fixture(scope="session")
def model() -> Site:
    """The sample site's content."""
    return content_of(REPO)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Root URL of the served site, ending in /chronology/."""
    with serve_folder(built_site, BASE_PATH) as origin:
        yield origin + BASE_PATH


# -- the fixture site whose event days and report days differ ------------------------

ASKNOWN = REPO / "tests" / "sites" / "asknown"


@pytest.fixture(scope="session")
def asknown_model() -> Site:
    return content_of(ASKNOWN)


@pytest.fixture(scope="session")
def asknown_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Root URL of tests/sites/asknown/, built and served under /chronology/."""
    with serve_folder(build(ASKNOWN, tmp_path_factory), BASE_PATH) as origin:
        yield origin + BASE_PATH


# -- tools ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """axe-core and vnu-jar, installed from package-lock.json when missing."""
    if not NODE_MODULES.is_dir():
        npm = shutil.which("npm")
        require(npm is not None, "npm is not installed, and tests/browser/node_modules is missing")
        result = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", str(HERE)],
                                capture_output=True, text=True, timeout=600)
        require(result.returncode == 0, f"npm ci --prefix tests/browser failed:\n{result.stderr[-2000:]}")
    return NODE_MODULES


@pytest.fixture(scope="session")
def axe_script(node_modules: Path) -> Path:
    script = node_modules / "axe-core" / "axe.min.js"
    require(script.is_file(), f"{script} is missing: run npm ci --prefix tests/browser")
    return script


@pytest.fixture(scope="session")
def vnu_command(node_modules: Path) -> list[str]:
    java = shutil.which("java")
    require(java is not None, "java is not installed: the Nu HTML Checker needs it")
    jar = node_modules / "vnu-jar" / "build" / "dist" / "vnu.jar"
    require(jar.is_file(), f"{jar} is missing: run npm ci --prefix tests/browser")
    return [str(java), "-jar", str(jar)]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    require(CHROMIUM.is_file(), f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# -- pages that record what went wrong --------------------------------------------


@dataclass
class Problems:
    """Console errors, uncaught exceptions, failed requests and error responses of one page.

    Requests the browser cancels itself (net::ERR_ABORTED: a reload or a click
    while the favicon still loads) are not failures; a missing file still shows
    as its 404 response.
    """

    found: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", lambda message: message.type == "error" and self.found.append(
            f"console error on {page.url}: {message.text} (from {message.location.get('url')})"))
        page.on("pageerror", lambda error: self.found.append(f"uncaught exception on {page.url}: {error}"))
        page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED" and self.found.append(
            f"request failed: {request.url} ({request.failure})"))
        page.on("response", lambda response: response.status >= 400 and self.found.append(
            f"HTTP {response.status} for {response.url}"))


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def page(browser, problems: Problems) -> Iterator[object]:
    """A fresh page in a desktop-sized window, watched for problems."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems.watch(page)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, problems: Problems) -> Iterator[object]:
    """A fresh page 375 px wide, like a small phone."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems.watch(page)
    yield page
    context.close()
