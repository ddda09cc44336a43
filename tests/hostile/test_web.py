"""Hostile input that reaches the web: theme templates, serve's Host check, URLs, exports and the cache."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.read import read_site
from generator.site.render import RenderError, render_site
from generator.site.theme import load_theme

SMALL_SITE = {
    "site.yaml": "title: Talks\nbase_url: /talks/\n",
    "content/people/kim.md": "---\nname: Kim\n---\n",
    "content/articles/report.md": "---\ntitle: Report\npublished: 2018-09-06\n---\n\nKim met Lee.\n",
    "content/meetings/talks.md": "---\ntitle: Talks\ndate: 2018-09-05\nparticipants: [kim]\n"
                                 "sources:\n  - article: report\n---\n",
}


def render(root: Path) -> dict[str, bytes]:
    site, diagnostics = read_site(root)
    assert not diagnostics.errors, [d.format() for d in diagnostics.errors]
    return render_site(site, load_theme(root, site.config.theme))


def with_person_template(make_site, template: str) -> Path:
    return make_site({**SMALL_SITE, "site.yaml": "title: Talks\ntheme: mine\n",
                      "themes/mine/templates/person.html": template})


# --- themes run in Jinja's sandbox -------------------------------------------------------------------

def test_theme_cannot_reach_python_classes(make_site) -> None:
    root = with_person_template(make_site, "{% extends 'base.html' %}\n{% block main %}\n"
                                           "{{ ''.__class__.__mro__[1].__subclasses__() }}\n{% endblock %}\n")
    with pytest.raises(RenderError) as raised:
        render(root)
    message = str(raised.value)
    assert message.startswith("themes/mine/templates/person.html:3: SecurityError:"), message
    assert "(while rendering people/kim/index.html from content/people/kim.md)" in message


def test_theme_cannot_run_a_command_or_write_a_file(make_site, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    root = with_person_template(make_site, "{% extends 'base.html' %}\n{% block main %}\n"
                                           f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}\n"
                                           "{% endblock %}\n")
    with pytest.raises(RenderError) as raised:
        render(root)
    assert str(raised.value).startswith("themes/mine/templates/person.html:3: SecurityError:"), str(raised.value)
    assert not marker.exists()


def test_theme_cannot_open_a_file_through_a_global(make_site, tmp_path: Path) -> None:
    marker = tmp_path / "written"
    root = with_person_template(make_site, "{% extends 'base.html' %}\n{% block main %}\n"
                                           "{{ lipsum.__globals__['__builtins__']['open']"
                                           f"('{marker}', 'w').write('x') }}}}\n{{% endblock %}}\n")
    with pytest.raises(RenderError) as raised:
        render(root)
    assert str(raised.value).startswith("themes/mine/templates/person.html:3: SecurityError:"), str(raised.value)
    assert not marker.exists()


def test_missing_include_is_blamed_on_the_template_line(make_site) -> None:
    root = with_person_template(make_site, "{% extends 'base.html' %}\n{% block main %}\n"
                                           "{% include 'nowhere.html' %}\n{% endblock %}\n")
    with pytest.raises(RenderError) as raised:
        render(root)
    message = str(raised.value)
    assert message.startswith("themes/mine/templates/person.html:3: TemplateNotFound: nowhere.html"), message
    assert "(while rendering people/kim/index.html from content/people/kim.md)" in message


# --- serve answers only the hosts it is meant for, and closes idle connections -----------------------

SERVE_SITE = {**SMALL_SITE, "site.yaml": "title: Talks\nbase_url: /repo/\n",
              "content/articles/secret.md": "---\ntitle: Secret draft\npublished: 2018-09-07\ndraft: true\n---\n\nSecret.\n"}


@pytest.fixture
def serving(make_site):
    """Start serve on a free port with the given options; stopped at the end."""
    import io

    from generator.authoring.serve import DevServer
    started = []

    def start(**options):
        out = io.StringIO()
        server = DevServer(make_site(SERVE_SITE), port=0, drafts=True, out=out, **options)
        server.start()
        started.append(server)
        return server, out

    yield start
    for server in started:
        server.stop()


def raw_request(port: int, request: bytes, host: str = "127.0.0.1") -> bytes:
    """Everything the server answers to request, read until it closes the connection."""
    import socket
    with socket.create_connection((host, port), timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
        return answer


def get(port: int, path: str, host_header: str | None) -> bytes:
    header = f"Host: {host_header}\r\n" if host_header is not None else ""
    return raw_request(port, f"GET {path} HTTP/1.1\r\n{header}Connection: close\r\n\r\n".encode())


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io", "localhost.evil.example",
                                  "0.0.0.0", "[::1].evil", "localhost:80:80", None])
@pytest.mark.parametrize("path", ["/repo/", "/repo/articles/secret/", "/__chrono/wait?after=x", "/__chrono/live.js",
                                  "/nowhere"])
def test_serve_refuses_a_foreign_host(serving, host, path) -> None:
    server, _ = serving()
    answer = get(server.address[1], path, host)
    assert answer.startswith(b"HTTP/1.1 403 "), answer[:200]
    assert answer.endswith(b"\r\n\r\nthis server answers only requests for localhost, 127.0.0.1, [::1]; "
                           b"start it with --allow-host NAME to allow another name\n"), answer
    assert b"Secret" not in answer


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST:{port}", "127.0.0.1", "127.0.0.1:{port}", "[::1]:{port}"])
def test_serve_answers_its_own_hosts(serving, host) -> None:
    server, _ = serving()
    port = server.address[1]
    answer = get(port, "/repo/articles/secret/", host.format(port=port))
    assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]
    assert b"Secret draft" in answer


def test_serve_answers_allowed_hosts_and_warns_on_every_interface(serving) -> None:
    server, out = serving(host="0.0.0.0", allowed_hosts=("Laptop.local", "phone.local:8000"))
    port = server.address[1]
    assert get(port, "/repo/", f"laptop.local:{port}").startswith(b"HTTP/1.1 200 ")
    assert get(port, "/repo/", "phone.local").startswith(b"HTTP/1.1 200 ")
    assert get(port, "/repo/", "evil.example").startswith(b"HTTP/1.1 403 ")
    assert ("warning: listening on 0.0.0.0: the site is reachable from other machines on your network; "
            "it answers only requests for localhost, 127.0.0.1, [::1], laptop.local, phone.local "
            "(--allow-host NAME adds a name)\n") in out.getvalue()


def test_serve_answers_the_address_it_is_bound_to(serving) -> None:
    server, _ = serving(host="127.0.0.2")
    port = server.address[1]
    answer = raw_request(port, b"GET /repo/ HTTP/1.1\r\nHost: 127.0.0.2:%d\r\nConnection: close\r\n\r\n" % port,
                         host="127.0.0.2")
    assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]


def test_serve_cli_takes_repeated_allow_host() -> None:
    from generator.cli import build_parser
    args = build_parser().parse_args(["serve", "--allow-host", "a.local", "--allow-host", "b.local"])
    assert args.allow_host == ["a.local", "b.local"]
    assert build_parser().parse_args(["serve"]).allow_host == []


def test_serve_closes_a_half_sent_request(serving) -> None:
    server, _ = serving(idle_seconds=1.0)
    answer = raw_request(server.address[1], b"GET /repo/ HTTP/1.1\r\nHost: localhost\r\n")   # never finished
    assert answer == b""


def test_serve_long_poll_outlives_the_idle_timeout(serving) -> None:
    """/__chrono/wait holds a request for longer than the idle timeout: the server, not the client, is waiting."""
    import socket
    server, _ = serving(idle_seconds=0.5)
    number = server.state.number
    with socket.create_connection(("127.0.0.1", server.address[1]), timeout=30) as connection:
        connection.sendall(b"GET /__chrono/wait?after=%d HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" % number)
        import threading
        threading.Timer(1.5, (server.root / "content/people/kim.md").write_text, ["---\nname: Kim Jong-un\n---\n"]).start()
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200 ") and answer.endswith(b"\r\n\r\n%d" % (number + 1)), answer


# --- values that reach URLs -------------------------------------------------------------------------

def check(root: Path) -> list[str]:
    return [d.format() for d in read_site(root)[1].errors]


@pytest.mark.parametrize("base_url, held", [
    ("javascript:alert(1)//", "is not a web address: only http:// and https:// links are allowed"),
    ("data:text/html,<script>alert(1)</script>", "is not a web address: only http:// and https:// links are allowed"),
    ("JavaScript:alert(1)", "is not a web address: only http:// and https:// links are allowed"),
    ("https://exa mple.com/", "is not a web address: it holds a space; percent-encode it"),
    ("https:///repo/", "is not a web address: it names no valid host"),
    ("/repo/\\x22><script>/", "holds a quote; percent-encode it"),
    ("/\\\\evil.example/", "holds a backslash; percent-encode it"),
    ("/re\\tpo/", "holds the control character U+0009; percent-encode it"),
])
def test_base_url_must_be_a_web_address_or_a_path(make_site, base_url, held) -> None:
    root = make_site({**SMALL_SITE, "site.yaml": f'title: Talks\nbase_url: "{base_url}"\n'})
    errors = check(root)
    assert len(errors) == 1 and errors[0].startswith("site.yaml:2:11: error: base_url '"), errors
    assert held in errors[0], errors


@pytest.mark.parametrize("base_url", ["/", "/repo/", "repo", "https://user.github.io/repo/", "http://localhost:8000/"])
def test_base_url_accepts_web_addresses_and_paths(make_site, base_url) -> None:
    assert check(make_site({**SMALL_SITE, "site.yaml": f"title: Talks\nbase_url: {base_url}\n"})) == []


def test_base_url_option_is_checked(make_site, capsys) -> None:
    from generator.cli import main
    root = make_site(SMALL_SITE)
    with pytest.raises(SystemExit) as exited:
        main(["-C", str(root), "build", "--base-url", "javascript:alert(1)"])
    assert exited.value.code == 2
    assert ("chrono build: error: argument --base-url: base_url 'javascript:alert(1)' is not a web address: "
            "only http:// and https:// links are allowed") in capsys.readouterr().err
    assert not (root / "output").exists()


@pytest.mark.parametrize("url, held", [
    ('https://example.com/a\\"onmouseover=\\"alert(1)', "it holds a quote"),
    ("https://example.com/a b", "it holds a space"),
    ("https://example.com/<script>", "it holds '<'"),
    ("https://example.com/\\x01", "it holds the control character U+0001"),
    ("https://example.com/\\x85", "it holds the control character U+0085"),
    ("https://example.com/a\\u00a0b", "it holds a space (U+00A0)"),
    ("https://example.com/a\\u3000b", "it holds a space (U+3000)"),
    ("https://example.com/a\\u200bb", "it holds the invisible character U+200B"),
    ("https://example.com/a\\ufeffb", "it holds the invisible character U+FEFF"),
    ("https://", "it names no valid host"),
    ("https://:443/", "it names no valid host"),
    ("https:\\\\\\\\evil.example/", "only http:// and https:// links are allowed"),
    ("http:evil.example", "only http:// and https:// links are allowed"),
    ("javascript://example.com/%0aalert(1)", "only http:// and https:// links are allowed"),
])
@pytest.mark.parametrize("field", ["url", "archive_url"])
def test_url_fields_must_be_whole_web_addresses(make_site, field, url, held) -> None:
    root = make_site({**SMALL_SITE, "content/articles/report.md":
                      f'---\ntitle: Report\npublished: 2018-09-06\n{field}: "{url}"\n---\n\nKim met Lee.\n'})
    errors = check(root)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"content/articles/report.md:4:{len(field) + 3}: error: '"), errors
    assert f"is not a web address: {held}" in errors[0], errors


@pytest.mark.parametrize("link", ["[there](/\\evil.example/)", "[there](\\\\\\\\evil.example/)", "[there](\\/evil.example/)",
                                  '<a href="/\\evil.example/">there</a>', '<a href=" \\\\evil.example/">there</a>',
                                  '<a href="/&#92;evil.example/">there</a>', '<a href="/&#x09;\\evil.example/">there</a>'])
def test_backslash_links_in_bodies_lose_their_address(make_site, link) -> None:
    root = make_site({**SMALL_SITE, "content/articles/report.md":
                      f"---\ntitle: Report\npublished: 2018-09-06\n---\n\nKim met Lee {link} today.\n"})
    page = render(root)["articles/report/index.html"].decode()
    assert page[page.index("met Lee"):page.index("today.")] == "met Lee <a>there</a> "


@pytest.mark.parametrize("link, col", [("[there](/\\evil.example/)", 21), ('<a href="/\\evil.example/">there</a>', 22),
                                       ("[there](\\/evil.example/)", 21)])
def test_check_warns_of_a_backslash_link_with_its_line(make_site, link, col) -> None:
    root = make_site({**SMALL_SITE, "content/articles/report.md":
                      f"---\ntitle: Report\npublished: 2018-09-06\n---\n\nKim met Lee {link} today.\n"})
    address = link.split("(")[-1].rstrip(")") if link.startswith("[") else link.split('"')[1]
    assert [d.format() for d in read_site(root)[1].warnings] == [f"content/articles/report.md:6:{col}: warning: the link '{address}' leads to another site "
                           "(browsers read a backslash as '/'), so it is shown without its address; "
                           "write a whole address such as https://example.com/"]


def test_links_with_an_encoded_or_single_backslash_stay_on_the_site(make_site) -> None:
    root = make_site({**SMALL_SITE, "content/articles/report.md":
                      "---\ntitle: Report\npublished: 2018-09-06\n---\n\nKim met Lee "
                      '<a href="/%5Cevil.example/">there</a> [here](\\\\evil.example/) today.\n'})
    page = render(root)["articles/report/index.html"].decode()
    assert page[page.index("met Lee"):page.index("today.")] == ('met Lee <a href="/%5Cevil.example/">there</a> '
                                                                '<a href="\\evil.example/">here</a> ')


# --- exports parse with real parsers, whatever the text -----------------------------------------

HOSTILE = r"A \x01\x08\x0b\x0c\x1f\x7f\x85 ]]> </script><script>alert(1)</script> \" ' & &amp; <![CDATA[x]]> Z"
RAW = "A \x01\x0b\x1f\x7f \ufffe\uffff ]]> </script><script>alert(1)</script> Z"   # in bodies, as written


def hostile_export_site(text: str = HOSTILE) -> dict[str, str]:
    """Front matter with the hostile text as YAML escapes (YAML refuses raw control characters, U+FFFE and
    lone surrogates), bodies with it as written."""
    quoted = f'"{text}"'
    text = RAW
    return {
        "site.yaml": f"title: {quoted}\ndescription: {quoted}\nbase_url: https://example.org/repo/\n",
        "content/people/kim.md": f"---\nname: {quoted}\naliases: [{quoted}]\nsummary: {quoted}\n---\n\nBody {text}\n",
        "content/articles/report.md": f"---\ntitle: {quoted}\npublication: {quoted}\nauthor: [{quoted}]\n"
                                      f"published: 2018-09-06\nsummary: {quoted}\ntags: [{quoted}]\n"
                                      f"url: https://example.com/a?b=1&c=2\n---\n\nBody {text}\n",
        "content/meetings/talks.md": f"---\ntitle: {quoted}\ndate: 2018-09-05\nlocation: {quoted}\nsummary: {quoted}\n"
                                     f"tracks: [{quoted}]\ntags: [{quoted}]\nparticipants: [kim]\n"
                                     f"sources:\n  - article: report\n---\n\nBody {text}\n",
        "content/milestones/office.md": f"---\ntitle: {quoted}\ntracks: [{quoted}]\npeople: [kim]\nhistory:\n"
                                        f"  - date: 2018-09-05\n    status: agreed\n    note: {quoted}\n"
                                        f"    meeting: talks\n---\n\nBody {text}\n",
    }


def built(make_site, files: dict[str, str]) -> Path:
    from generator.build import build
    root = make_site(files)
    result = build(root, root / "output", cache=False)
    assert not result.failed, [d.format() for d in result.diagnostics.errors]
    return root / "output"


def test_feed_parses_as_atom_whatever_the_text(make_site) -> None:
    import feedparser
    output = built(make_site, hostile_export_site())
    feed = feedparser.parse((output / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.title == "A  ]]> </script><script>alert(1)</script> \" ' & &amp; <![CDATA[x]]> Z"
    assert len(feed.entries) == 3
    assert {tag.term for entry in feed.entries for tag in entry.get("tags", [])} == {feed.feed.title}


def test_sitemap_and_feed_are_well_formed_xml(make_site) -> None:
    import xml.etree.ElementTree as ET
    output = built(make_site, hostile_export_site())
    ET.fromstring((output / "feed.xml").read_bytes())
    locs = [e.text for e in ET.fromstring((output / "sitemap.xml").read_bytes()).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith("https://example.org/repo/") for loc in locs), locs


def test_calendar_parses_whatever_the_text(make_site) -> None:
    import icalendar
    output = built(make_site, hostile_export_site())
    calendar = icalendar.Calendar.from_ical((output / "calendar.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    clean = "A  ]]> </script><script>alert(1)</script> \" ' & &amp; <![CDATA[x]]> Z"
    assert str(events[0]["SUMMARY"]) == clean
    assert str(events[0]["LOCATION"]) == clean
    assert clean in str(events[0]["DESCRIPTION"])
    assert not any(ord(c) < 32 and c not in "\r\n\t" for c in (output / "calendar.ics").read_text(encoding="utf-8"))


def test_timeline_json_parses_whatever_the_text(make_site) -> None:
    import json
    output = built(make_site, hostile_export_site())
    timeline = json.loads((output / "timeline.json").read_bytes())
    headline = timeline["title"]["text"]["headline"]
    assert "<script>" not in headline and "&lt;/script&gt;&lt;script&gt;" in headline


def test_jsonld_stays_inside_its_script_element(make_site) -> None:
    import json

    import html5lib
    output = built(make_site, hostile_export_site())
    for page in ("meetings/talks/index.html", "people/kim/index.html", "articles/report/index.html"):
        document = html5lib.parse((output / page).read_bytes(), namespaceHTMLElements=False)
        scripts = [s for s in document.iter("script") if s.get("type") == "application/ld+json"]
        assert len(scripts) == 1, page
        data = json.loads(scripts[0].text)
        assert data["name" if "name" in data else "headline"].startswith("A "), data
        assert not [s for s in document.iter("script") if not s.get("src") and s.get("type") != "application/ld+json"], page


# --- a poisoned .chrono-cache ---------------------------------------------------------------------

def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def cold_build(root: Path, where: Path) -> dict[str, bytes]:
    from generator.build import build
    assert not build(root, where, cache=False).failed
    return tree_bytes(where)


def test_poisoned_body_piece_with_a_valid_checksum_is_not_used(make_site, tmp_path) -> None:
    """A piece rewritten with its checksum made to match, as anyone who can write .chrono-cache can."""
    import hashlib
    import json
    import shutil

    from generator.build import build
    root = make_site(SMALL_SITE)
    assert not build(root).failed
    pieces = root / ".chrono-cache" / "markdown"
    poisoned = 0
    for piece in pieces.iterdir():
        key = piece.name.encode()
        body = json.dumps(['<p id="p1"><script>alert(1)</script></p>', [["p1", "x"]]]).encode()
        piece.write_bytes(b"chrono-piece-1\n" + key + b"\n" + hashlib.sha256(body).hexdigest().encode() + body)
        poisoned += 1
    assert poisoned
    shutil.rmtree(root / "output")
    assert not build(root).failed
    again = tree_bytes(root / "output")
    assert not [path for path, data in again.items() if b"alert(1)" in data]
    assert again == cold_build(root, tmp_path / "cold")


def test_poisoned_record_of_the_last_build_is_not_trusted(make_site, tmp_path) -> None:
    """outputs.json rewritten to vouch for a page edited in the output folder."""
    import json

    from generator.build import build
    from generator.site.depends import OUTPUTS_FILE, OutputState, tree_signature
    root = make_site(SMALL_SITE)
    assert not build(root).failed
    page = root / "output" / "people" / "kim" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<script>alert(1)</script></body>"))
    record = root / ".chrono-cache" / OUTPUTS_FILE
    data = record.read_bytes()
    try:
        state = json.loads(data)
    except ValueError:     # sealed: the record cannot be read, so write one as an attacker would
        state = json.loads(data[32:])
    state["tree"] = tree_signature(root / "output")
    record.write_bytes(json.dumps(state).encode())
    assert OutputState.load(root / ".chrono-cache", state["engine"]).outputs == {}
    result = build(root)
    assert not result.failed and not result.up_to_date
    assert tree_bytes(root / "output") == cold_build(root, tmp_path / "cold")


def test_theme_cannot_write_through_a_path_the_model_holds(make_site) -> None:
    """site.static knows the site folder; a template calling a method of that path must fail, not write."""
    root = with_person_template(make_site, "{% extends 'base.html' %}\n{% block main %}\n"
                                           "{{ site.static.site.joinpath('pwned.txt').write_text('x') }}\n"
                                           "{% endblock %}\n")
    with pytest.raises(RenderError) as raised:
        render(root)
    assert str(raised.value).startswith("themes/mine/templates/person.html:3: SecurityError:"), str(raised.value)
    assert not (root / "pwned.txt").exists()


def test_poisoned_search_shard_with_a_valid_checksum_is_not_used(make_site, tmp_path) -> None:
    import hashlib
    import shutil

    from generator.build import build
    root = make_site(SMALL_SITE)
    assert not build(root).failed
    shards = list((root / ".chrono-cache" / "search").iterdir())
    assert shards
    from generator.site.depends import pack
    for piece in shards:
        data = pack({"pagefind/pagefind-entry.json": b'{"excerpt": "<img src=x onerror=alert(1)>"}'})
        piece.write_bytes(b"chrono-piece-1\n" + piece.name.encode() + b"\n" + hashlib.sha256(data).hexdigest().encode() + data)
    shutil.rmtree(root / "output")
    assert not build(root).failed
    assert not [path for path, data in tree_bytes(root / "output").items() if b"alert(1)" in data]
    assert tree_bytes(root / "output") == cold_build(root, tmp_path / "cold")
