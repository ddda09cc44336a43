"""`chrono serve` in a real browser: an open page reloads by itself after an edit."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Iterator

import pytest

from generator.authoring.serve import DevServer

WAIT_MS = 10_000
MEETING = "content/meetings/envoys-meet-kim.md"
SITE = {
    "site.yaml": "title: Talks\nbase_url: /repo/\n",
    "content/people/kim-jong-un.md": "---\nname: Kim Jong-un\n---\n",
    "content/meetings/envoys-meet-kim.md": "---\ntitle: Envoys meet Kim\ndate: 2018-09-05\nparticipants: [kim-jong-un]\n---\n",
}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """The URL of a meeting page of a small site served by `chrono serve` on a free loopback port."""
    for path, text in SITE.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    server = DevServer(tmp_path, port=0, out=io.StringIO())
    server.start()
    try:
        yield f"{server.url}meetings/envoys-meet-kim/"
    finally:
        server.stop()


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_open_page_reloads_by_itself_after_an_edit_and_shows_build_errors(page, served, tmp_path):
    page.goto(served)
    assert page.locator("h1").inner_text() == "Envoys meet Kim"

    edit(tmp_path / MEETING, "title: Envoys meet Kim\n", "title: Envoys meet Chairman Kim\n")
    page.wait_for_function("document.querySelector('h1').textContent === 'Envoys meet Chairman Kim'", timeout=WAIT_MS)

    edit(tmp_path / MEETING, "date: 2018-09-05", "date: 2018-13-05")
    banner = page.locator(".chrono-build-errors")
    banner.wait_for(timeout=WAIT_MS)
    assert f"{MEETING}:3:7: error:" in banner.inner_text()
    assert page.locator("h1").inner_text() == "Envoys meet Chairman Kim"   # the last good build

    edit(tmp_path / MEETING, "date: 2018-13-05", "date: 2018-09-05")
    banner.wait_for(state="detached", timeout=WAIT_MS)
