"""`chrono serve`: the site from memory under its base path, rebuilt and reloaded on every edit."""
from __future__ import annotations

import gc
import http.client
import io
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest
from watchdog.events import (FileClosedNoWriteEvent, FileCreatedEvent, FileModifiedEvent, FileMovedEvent,
                             FileOpenedEvent)

from generator.build import build
from generator.cli import build_parser
from generator.authoring.rebuild import Rebuilder
from generator.content.read import read_site
from generator.site.render import render_site
from generator.authoring.serve import DevServer, site_path, with_live_reload
from generator.site.theme import load_theme
from generator.authoring.watch import is_source_change

BASE = "/repo/"
WAIT = 10.0

SITE = {
    "site.yaml": "title: Talks\nbase_url: https://example.github.io/repo/\n# SECRET-SETTING\n",
    "content/people/kim-jong-un.md": "---\nname: Kim Jong-un\n---\n\nLeader.\n",
    "content/articles/envoys-visit.md": ("---\ntitle: Envoys visit Pyongyang\npublished: 2018-09-06\n---\n\n"
                                         "Kim Jong-un met the envoys.\n"),
    "content/meetings/envoys-meet-kim.md": ("---\ntitle: Envoys meet Kim\ndate: 2018-09-05\n"
                                            "participants: [kim-jong-un]\nsources:\n  - article: envoys-visit\n---\n\n"
                                            "They met.\n"),
}
MEETING = "content/meetings/envoys-meet-kim.md"


def write_site(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


def eventually(condition: Callable[[], object], timeout: float = WAIT) -> object:
    """condition's first true value, polling until timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            assert value, f"not true within {timeout} s"
            return value
        time.sleep(0.05)


class Served:
    def __init__(self, server: DevServer, root: Path, out: io.StringIO) -> None:
        self.server, self.root, self.out = server, root, out
        self.host, self.port = server.address

    def get(self, target: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body of target, sent exactly as written (no normalising, no redirects)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=WAIT + 25)
        try:
            connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", f"{self.host}:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def page(self, target: str) -> str:
        status, _, body = self.get(target)
        assert status == 200, (target, status)
        return body.decode("utf-8")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    root = tmp_path / "site"
    write_site(root, SITE)
    out = io.StringIO()
    server = DevServer(root, port=0, out=out)
    server.start()
    try:
        yield Served(server, root, out)
    finally:
        server.stop()


MEETING_PAGE = f"{BASE}meetings/envoys-meet-kim/"


# -- serving --------------------------------------------------------------------------


def test_binds_to_loopback_by_default(served):
    assert served.server.address[0] == "127.0.0.1"
    assert build_parser().parse_args(["serve"]).host == "127.0.0.1"
    assert "warning" not in served.out.getvalue()


def test_listening_on_every_interface_warns_that_the_site_is_reachable(tmp_path):
    write_site(tmp_path, SITE)
    out = io.StringIO()
    server = DevServer(tmp_path, host="0.0.0.0", port=0, out=out)
    server.start()
    try:
        assert server.address[0] == "0.0.0.0"
        assert "warning: listening on 0.0.0.0: the site is reachable from other machines" in out.getvalue()
    finally:
        server.stop()


def test_serves_the_site_under_its_base_path(served):
    assert "Envoys meet Kim" in served.page(BASE)
    assert "Envoys meet Kim" in served.page(MEETING_PAGE)
    status, headers, _ = served.get("/")
    assert (status, headers["location"]) == (302, BASE)
    status, headers, _ = served.get("/repo")
    assert (status, headers["location"]) == (301, BASE)
    status, _, body = served.get("/meetings/envoys-meet-kim/")
    assert status == 404 and b"Envoys meet Kim</h1>" not in body


def test_folder_without_slash_redirects_to_the_folder(served):
    status, headers, _ = served.get(f"{BASE}meetings/envoys-meet-kim?x=1")
    assert (status, headers["location"]) == (301, f"{BASE}meetings/envoys-meet-kim/?x=1")
    status, headers, _ = served.get(f"{BASE}people")
    assert (status, headers["location"]) == (301, f"{BASE}people/")


def test_missing_page_gets_the_404_page_with_status_404(served):
    not_found = served.server.state.live.get("404.html")
    assert not_found
    status, headers, body = served.get(f"{BASE}meetings/no-such-meeting/")
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    title = re.search(rb"<title>.*?</title>", not_found).group()
    assert title in body


@pytest.mark.parametrize("path, kind", [
    ("", "text/html; charset=utf-8"),
    ("assets/style.css", "text/css; charset=utf-8"),
    ("assets/site.js", "text/javascript; charset=utf-8"),
    ("timeline.json", "application/json"),
    ("calendar.ics", "text/calendar; charset=utf-8"),
    ("sitemap.xml", "application/xml"),
])
def test_files_have_their_content_type(served, path, kind):
    status, headers, _ = served.get(BASE + path)
    assert (status, headers["content-type"]) == (200, kind)


@pytest.mark.parametrize("drafts", [False, True])
def test_serves_the_same_files_and_bytes_as_build(drafts):
    root = Path(__file__).parent / "sites" / "full"
    site, _ = read_site(root, drafts=drafts)
    built = render_site(site, load_theme(root, site.config.theme))
    live = Rebuilder(root, drafts=drafts).build().live
    assert {path: live.get(path) for path in built} == built


def test_head_sends_headers_without_a_body(served):
    status, headers, body = served.get(MEETING_PAGE, method="HEAD")
    assert status == 200 and int(headers["content-length"]) > 0 and body == b""


@pytest.mark.parametrize("target", [
    "/repo/../site.yaml", "/repo/%2e%2e/site.yaml", "/repo/%2E%2E/%2e%2e/etc/passwd", "//etc/passwd",
    "/repo//etc/passwd", "/repo/..%5c..%5csite.yaml", "/repo/..\\site.yaml", "/repo/%00", "/repo/./",
    "/repo/content/meetings/envoys-meet-kim.md", "/site.yaml", "/repo/site.yaml", "http://evil/repo/", "/repo/%ff",
])
def test_paths_that_leave_the_site_get_404(served, target):
    status, _, body = served.get(target)
    assert status == 404
    assert b"SECRET-SETTING" not in body and b"root:" not in body


def test_symlinks_in_content_pointing_outside_are_never_served(served, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("TOP-SECRET\n", encoding="utf-8")
    (outside / "secret.html").write_text("<p>TOP-SECRET</p>\n", encoding="utf-8")
    (served.root / "content/people/leak.md").symlink_to(outside / "secret.txt")
    (served.root / "content/leak").symlink_to(outside, target_is_directory=True)
    number = served.server.state.number
    eventually(lambda: served.server.state.number > number)
    for target in ("/repo/people/leak/", "/repo/leak/secret.html", "/repo/content/leak/secret.txt",
                   "/repo/people/leak.md", "/repo/%2e%2e/outside/secret.txt"):
        status, _, body = served.get(target)
        assert status == 404, target
        assert b"TOP-SECRET" not in body


def test_site_paths_are_decoded_only_when_they_stay_inside():
    assert site_path("/repo/people/kim-jong-un/?q=1") == "/repo/people/kim-jong-un/"
    assert site_path("/repo/caf%C3%A9/") == "/repo/café/"
    for target in ("/repo/%2e%2e/x", "/a/../b", "//etc", "/a\\b", "/a%5cb", "relative", "/a/%00", "/a/%ff"):
        assert site_path(target) is None, target


# -- rebuilding and reloading -----------------------------------------------------------


def test_edit_changes_the_served_page(served):
    edit(served.root, MEETING, "They met.", "They met for three hours.")
    eventually(lambda: "They met for three hours." in served.page(MEETING_PAGE))
    assert "built in" in served.out.getvalue()


def test_a_rebuild_runs_with_earlier_builds_frozen_and_they_are_collected_after(served):
    seen: list[int] = []
    real_build = served.server.rebuilder.build

    def build(*args, **kwargs):
        seen.append(gc.get_freeze_count())
        return real_build(*args, **kwargs)

    served.server.rebuilder.build = build
    edit(served.root, MEETING, "They met.", "They met again.")
    eventually(lambda: "They met again." in served.page(MEETING_PAGE))
    assert seen and seen[-1] > 0
    eventually(lambda: gc.get_freeze_count() == 0)


def test_new_and_deleted_files_appear_and_disappear(served):
    write_site(served.root, {"content/people/moon-jae-in.md": "---\nname: Moon Jae-in\n---\n"})
    eventually(lambda: served.get(f"{BASE}people/moon-jae-in/")[0] == 200)
    (served.root / "content/people/moon-jae-in.md").unlink()
    eventually(lambda: served.get(f"{BASE}people/moon-jae-in/")[0] == 404)


def test_yaml_error_keeps_the_last_good_page_and_shows_the_error(served):
    assert "Envoys meet Kim" in served.page(MEETING_PAGE)
    edit(served.root, MEETING, "title: Envoys meet Kim\n", "title: Envoys meet Kim\nlocation: Pyongyang: North Korea\n")
    page = eventually(lambda: (text := served.page(MEETING_PAGE)) and "chrono-build-errors" in text and text)
    banner = re.search(r'<div class="chrono-build-errors".*?</div>', page, re.S).group()
    assert f"{MEETING}:3:" in banner
    assert "Envoys meet Kim</h1>" in page                      # the last good build, still served
    assert f"{MEETING}:3:" in served.out.getvalue()             # and the terminal says the same
    assert "still serving the last good build" in served.out.getvalue()

    edit(served.root, MEETING, "location: Pyongyang: North Korea\n", "location: Pyongyang\n")
    page = eventually(lambda: (text := served.page(MEETING_PAGE)) and "chrono-build-errors" not in text and text)
    assert "Envoys meet Kim</h1>" in page


def test_error_banner_is_escaped(served):
    edit(served.root, MEETING, "participants: [kim-jong-un]", "participants: [kim-jong-un]\nstatus: <script>x</script>")
    page = eventually(lambda: (text := served.page(MEETING_PAGE)) and "chrono-build-errors" in text and text)
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x</script>" not in page


def test_template_syntax_error_shows_the_template_line_and_recovers(served):
    override_template(served.root, "404.html", '{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n')
    page = eventually(lambda: (text := served.page(MEETING_PAGE)) and "chrono-build-errors" in text and text)
    assert "themes/default/templates/404.html:3:" in page
    override_template(served.root, "404.html", '{% extends "base.html" %}\n{% block main %}<p>Lost here</p>{% endblock %}\n')
    eventually(lambda: b"Lost here" in served.get(f"{BASE}nowhere/")[2])
    assert "chrono-build-errors" not in served.page(MEETING_PAGE)


BROKEN_PERSON = '{% extends "base.html" %}\n{% block main %}{{ no_such_value }}{% endblock %}\n'
PERSON_PAGE = f"{BASE}people/kim-jong-un/"


def override_template(root: Path, name: str, text: str) -> None:
    templates = root / "themes/default/templates"
    templates.mkdir(parents=True, exist_ok=True)
    (templates / name).write_text(text, encoding="utf-8")


def test_template_failing_on_a_page_nobody_has_open_shows_the_error_on_that_page(served):
    number = served.server.state.number
    override_template(served.root, "person.html", BROKEN_PERSON)
    eventually(lambda: served.server.state.number > number)
    status, _, body = served.get(PERSON_PAGE)
    assert status == 500
    assert b"themes/default/templates/person.html:2" in body and b"no_such_value" in body
    assert "chrono-build-errors" not in served.page(MEETING_PAGE)


def test_template_failing_on_an_open_page_fails_the_build(served):
    served.page(PERSON_PAGE)                                   # open in a browser: rendered by every rebuild
    override_template(served.root, "person.html", BROKEN_PERSON)
    page = eventually(lambda: (text := served.page(MEETING_PAGE)) and "chrono-build-errors" in text and text)
    assert "themes/default/templates/person.html:2" in page
    assert "Kim Jong-un</h1>" in served.page(PERSON_PAGE)     # the last good build of it


def test_a_crashing_build_keeps_the_last_good_site_and_says_so(served, monkeypatch):
    monkeypatch.setattr(served.server.rebuilder, "build", lambda hot_paths: 1 / 0)
    served.server.rebuild()
    page = served.page(MEETING_PAGE)
    assert "error: the build crashed: ZeroDivisionError: division by zero" in page
    assert "Envoys meet Kim</h1>" in page
    assert "Traceback" in served.out.getvalue()


def test_wait_endpoint_answers_when_a_build_is_published(served):
    seen = str(served.server.state.number)
    status, _, body = served.get("/__chrono/wait?after=old")
    assert (status, body.decode()) == (200, seen)            # a page from an older build reloads at once
    answers: list[str] = []
    waiting = threading.Thread(target=lambda: answers.append(served.get(f"/__chrono/wait?after={seen}")[2].decode()))
    waiting.start()
    time.sleep(0.3)
    assert not answers                                       # held open while nothing changes
    edit(served.root, MEETING, "They met.", "They talked.")
    waiting.join(WAIT)
    assert answers and int(answers[0]) > int(seen)


def test_events_that_change_no_source_do_not_reload_pages(served):
    number = served.server.state.number
    (served.root / "content/meetings/.envoys-meet-kim.md.swp").write_text("x", encoding="utf-8")
    (served.root / "content/meetings/envoys-meet-kim.md~").write_text("x", encoding="utf-8")
    (served.root / "content/people/2018").mkdir()                 # seen by the watcher, but no file changed
    time.sleep(1.0)
    assert served.server.state.number == number
    assert "built in" not in served.out.getvalue().split("serving", 1)[1]


def test_reload_script_is_in_served_pages_only(served, tmp_path):
    page = served.page(MEETING_PAGE)
    assert page.count('src="/__chrono/live.js"') == 1 and page.rstrip().endswith("</html>")
    _, _, css = served.get(f"{BASE}assets/style.css")
    assert b"__chrono" not in css
    status, headers, script = served.get("/__chrono/live.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript") and b"location.reload" in script
    output = tmp_path / "output"
    assert not build(served.root, output).failed
    assert not [p for p in output.rglob("*") if p.is_file() and b"__chrono" in p.read_bytes()]


def test_banner_goes_after_body_and_script_before_its_end():
    page = with_live_reload(b"<html><body class='x'><p>hi</p></body></html>", 7, ("a.md:1:1: error: <bad>",))
    assert re.fullmatch(rb"<html><body class='x'><div class=\"chrono-build-errors\".*</pre></div><p>hi</p>"
                        rb"<link [^>]+><script src=\"/__chrono/live.js\" data-build=\"7\"></script></body></html>",
                        page, re.S)
    assert b"&lt;bad&gt;" in page


def test_first_build_failing_serves_an_error_page_until_fixed(tmp_path):
    write_site(tmp_path, {**SITE, MEETING: "---\ntitle: Envoys: meet Kim\n---\n"})
    out = io.StringIO()
    server = DevServer(tmp_path, port=0, out=out)
    server.start()
    try:
        served = Served(server, tmp_path, out)
        status, _, body = served.get(BASE)
        assert status == 503 and f"{MEETING}:2:".encode() in body
        write_site(tmp_path, {MEETING: SITE[MEETING]})
        eventually(lambda: served.get(MEETING_PAGE)[0] == 200)
    finally:
        server.stop()


def test_content_folder_made_after_start_is_watched(tmp_path):
    write_site(tmp_path, {"site.yaml": SITE["site.yaml"]})
    server = DevServer(tmp_path, port=0, out=io.StringIO())
    server.start()
    try:
        served = Served(server, tmp_path, server.out)
        write_site(tmp_path, {path: text for path, text in SITE.items() if path.startswith("content/")})
        eventually(lambda: served.get(MEETING_PAGE)[0] == 200)
        edit(tmp_path, MEETING, "They met.", "They met again.")
        eventually(lambda: "They met again." in served.page(MEETING_PAGE))
    finally:
        server.stop()


@pytest.mark.parametrize("event, rebuilds", [
    (FileModifiedEvent("/site/content/people/kim.md"), True),
    (FileModifiedEvent("/site/site.yaml"), True),
    (FileCreatedEvent("/site/themes/default/templates/person.html"), True),
    (FileMovedEvent("/site/content/people/.kim.md.tmp", "/site/content/people/kim.md"), True),
    (FileOpenedEvent("/site/content/people/kim.md"), False),
    (FileClosedNoWriteEvent("/site/content/people/kim.md"), False),
    (FileModifiedEvent("/site/output/index.html"), False),
    (FileModifiedEvent("/site/content/people/.kim.md.swp"), False),
    (FileModifiedEvent("/site/content/people/kim.md~"), False),
    (FileModifiedEvent("/site/seeds/clip.txt"), False),
    (FileModifiedEvent("/elsewhere/content/people/kim.md"), False),
])
def test_watcher_rebuilds_for_source_changes_only(event, rebuilds):
    assert is_source_change(Path("/site"), event) is rebuilds


def test_ctrl_c_stops_the_server_cleanly(tmp_path):
    write_site(tmp_path, SITE)
    process = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(tmp_path), "serve", "--port", "0"],
                               stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        while not any(line.startswith("serving ") for line in lines):
            line = process.stderr.readline()
            assert line, "".join(lines)
            lines.append(line)
        url = re.search(r"http://127\.0\.0\.1:(\d+)/repo/", lines[-1])
        assert url
        connection = http.client.HTTPConnection("127.0.0.1", int(url.group(1)), timeout=WAIT)
        connection.request("GET", BASE)
        assert connection.getresponse().status == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(WAIT) == 0
        assert "stopped" in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()

