"""Hostile text everywhere a site takes text, opened in Chromium: no payload may run.

Every page of a site whose bodies, front matter, site.yaml settings and
params, tags and search text carry script payloads is opened with a dialog
listener (every payload calls alert, confirm or prompt, or sets
``window.pwned``), and the payloads are typed into the search box. The
exports a browser shows (feed, sitemap, JSON) are opened too; calendar.ics is a download.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import BASE_PATH, build
from .static_server import serve_folder

PAYLOAD = ("<img src=x onerror=alert(1)> \"><svg onload=alert(2)> '><script>alert(3)</script> "
           "</script><script>alert(4)</script> javascript:alert(5) <iframe src=javascript:confirm(6)></iframe> "
           "</title><script>window.pwned=7</script> {{ 7*7 }} ]]> &amp;")
# A person's names hold at most 200 characters (content/limits.py): the payloads that break out of attributes,
# elements and titles.
NAME_PAYLOAD = ("<img src=x onerror=alert(1)> \"><svg onload=alert(2)> </script><script>alert(4)</script> "
                "</title><script>window.pwned=7</script>")
BODY = f"""{PAYLOAD}

<img src=x onerror="window.pwned=8"> <svg><script>alert(9)</script></svg>

[click](javascript:alert(10)) [there](/\\evil.example/) <a href="javascript:prompt(11)">link</a>
<a href=" jAvAsCrIpT:alert(12)">spaced</a> <a href="data:text/html,<script>alert(13)</script>">data</a>

<math><mtext><table><mglyph><style><img src=x onerror=alert(14)></style></mglyph></table></mtext></math>

<form><button formaction="javascript:alert(15)">go</button></form> <details open ontoggle=alert(16)>x</details>

<noscript><p title="</noscript><img src=x onerror=alert(17)>"></noscript>
"""


def yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_site(root: Path) -> Path:
    t, n = yaml_text(PAYLOAD), yaml_text(NAME_PAYLOAD)
    files = {
        "static/x": "not an image, so an <img src=x> that survived would fire its onerror",
        "site.yaml": f"title: {t}\ndescription: {t}\nparams:\n  note: {t}\n  list: [{t}]\n"
                     f"phases:\n  - title: {t}\n    from: 2018-01\n    summary: {t}\n",
        "content/people/kim.md": f"---\nname: {yaml_text('Kim ' + NAME_PAYLOAD)}\naliases: [{n}]\nnative_name: {n}\n"
                                 f"country: {t}\nroles:\n  - title: {t}\n    organization: {t}\nsummary: {t}\n---\n\n{BODY}",
        "content/articles/report.md": f"---\ntitle: {t}\npublication: {t}\nauthor: [{t}]\npublished: 2018-09-06\n"
                                      f"summary: {t}\ntags: [{t}, plain]\nurl: https://example.com/report?a=1&b=2\n"
                                      f"---\n\nKim said {PAYLOAD}.\n\n{BODY}",
        "content/meetings/talks.md": f"---\ntitle: {t}\ndate: 2018-09-05\nlocation: {t}\nsummary: {t}\n"
                                     f"tracks: [{t}]\ntags: [{t}]\nparticipants:\n  - {{person: kim, role: {t}}}\n"
                                     f"sources:\n  - article: report\n    quote: {yaml_text('Kim said ' + PAYLOAD)}\n"
                                     f"    by: kim\n---\n\n{BODY}",
        "content/milestones/office.md": f"---\ntitle: {t}\ntracks: [{t}]\npeople: [kim]\nhistory:\n"
                                        f"  - date: 2018-09-05\n    status: agreed\n    note: {t}\n    meeting: talks\n"
                                        f"    source: report\n---\n\n{BODY}",
    }
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(hostile_site(tmp_path_factory.mktemp("hostile")), tmp_path_factory)


TRAP = """
window.__ran = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__ran.push(name + ":" + args.join(",")); };
}
"""


def test_no_payload_runs_on_any_page_or_export(browser, hostile_output):
    pages = sorted(p.relative_to(hostile_output).as_posix() for p in hostile_output.rglob("*")
                   if p.suffix in (".html", ".xml", ".json") and "pagefind" not in p.parts)
    assert len([p for p in pages if p.endswith(".html")]) >= 13, pages
    dialogs: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("dialog", lambda dialog: (dialogs.append(f"{dialog.type}: {dialog.message} on {page.url}"),
                                          dialog.dismiss()))
        with serve_folder(hostile_output, BASE_PATH) as origin:
            for path in pages:
                page.goto(origin + BASE_PATH + re.sub(r"index\.html$", "", path))
                page.wait_for_load_state("load")
                page.wait_for_timeout(50)
                assert page.evaluate("window.pwned") is None, path
                hrefs = page.evaluate("[...document.querySelectorAll('[href],[src],[action],[formaction]')]"
                                      ".flatMap(e => ['href','src','action','formaction'].map(a => e.getAttribute(a))"
                                      ".filter(Boolean))") if path.endswith(".html") else []
                assert not [h for h in hrefs if re.match(r"\s*(javascript|data|vbscript):", h, re.IGNORECASE)], path
                assert not [h for h in hrefs if re.match(r"\s*[/\\]{2}", h) and "\\" in h[:3]], path
            # the search box, typed into with the payloads, showing their pages as results
            page.goto(origin + BASE_PATH)
            box = page.locator("#search-input")
            for query in ("onerror", "script alert", "svg onload", "javascript", PAYLOAD[:40]):
                box.fill(query)
                expect(page.locator("#search .search-status")).to_have_text(re.compile(r"results?|No results"))
                page.wait_for_timeout(100)
                assert page.evaluate("window.pwned") is None, query
            assert page.locator("#search .search-link").count() > 0
        assert dialogs == []
    finally:
        context.close()


def test_the_trap_would_see_a_payload(browser, tmp_path):
    """The listener is live: the same page with one unescaped payload does report it."""
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title><img src=x onerror=alert(1)>"
                                         "<script>window.pwned=7</script>", encoding="utf-8")
    dialogs: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        with serve_folder(tmp_path, BASE_PATH) as origin:
            page.goto(origin + BASE_PATH)
            page.wait_for_timeout(300)
            assert page.evaluate("window.pwned") == 7
        assert dialogs == ["1"]
    finally:
        context.close()
