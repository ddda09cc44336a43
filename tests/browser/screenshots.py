"""Take the README's pictures: the sample site's home page, a meeting page and the timeline.

    .venv/bin/python -m tests.browser.screenshots

Builds the sample site (``content/`` and ``site.yaml``) into a temporary
folder, serves it as the browser tests do, and writes ``docs/screenshot-*.png``
with Debian's Chromium (or the one in ``CHROMIUM``). Run it again whenever the
theme changes. The meeting shown is the first major meeting, or else the first
meeting, in the chronology's order.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.content.read import read_site

from .conftest import BASE_PATH, CHROMIUM, CHROMIUM_ARGS, REPO
from .static_server import serve_folder

DOCS = REPO / "docs"
VIEWPORT = {"width": 1100, "height": 760}


def meeting_shown() -> str:
    site, _ = read_site(REPO, base_url=BASE_PATH)
    meetings = [site.meetings[item.id] for item in site.chronology if item.kind == "meetings"]
    return next((m for m in meetings if m.major), meetings[0]).id


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "output"
        subprocess.run([sys.executable, "-m", "generator", "-q", "--site", str(REPO), "build", "--output", str(output),
                        "--base-url", BASE_PATH], check=True)
        shots = {"home": "", "meeting": f"meetings/{meeting_shown()}/", "timeline": "timeline/"}
        with serve_folder(output, BASE_PATH) as origin, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT, color_scheme="light")
            for name, path in shots.items():
                page.goto(origin + BASE_PATH + path, wait_until="networkidle")
                file = DOCS / f"screenshot-{name}.png"
                page.screenshot(path=str(file))
                print(f"wrote {file.relative_to(REPO)} ({file.stat().st_size // 1024} KiB)")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
