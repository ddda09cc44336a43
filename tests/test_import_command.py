"""`chrono import`: files and URLs, duplicates, what it reports, and bad input that
writes nothing."""
from __future__ import annotations

import http.server
import shutil
import threading
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.read import read_site

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "2018-09-06-korea-herald-envoys-visit.txt"
ARTICLE = "content/articles/special-envoys-nk-visit-fails-to-overcome-stumbling-blocks.md"
HTML_FIXTURE = ROOT / "tests" / "clippings" / "dev" / "2018-09-24-war-on-the-rocks-sequencing.html"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    (tmp_path / "content/people").mkdir(parents=True)
    (tmp_path / "content/people/chung-eui-yong.md").write_text(
        "---\nname: Chung Eui-yong\naliases: [Chung]\n---\n", encoding="utf-8")
    return tmp_path


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_import_writes_the_article_and_reports_people_and_dates(site, capsys):
    assert main(["-C", str(site), "import", f"seeds/{SEED.name}"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [f"wrote {ARTICLE}", "mentions: chung-eui-yong"]
    assert 'no page: Kim Jong-un (chrono new person "Kim Jong-un")' in out
    assert 'no page: Shin Beom-chul (chrono new person "Shin Beom-chul")' in out
    assert not any("Chung Eui-yong" in line for line in out if line.startswith("no page"))
    assert out[-5:] == ["dates: 2018-09-05 (on Wednesday)", "dates: 2018-08 (last month)", "dates: 2018-09-05 (Wednesday’s)",
                        "dates: 2018-08-31~ (the end of August)", "dates: 2018-09-18/2018-09-20 (between Sept. 18 and 20)"]
    article = read_site(site)[0].articles["special-envoys-nk-visit-fails-to-overcome-stumbling-blocks"]
    assert article.publication == "The Korea Herald" and str(article.published_at) == "2018-09-06 15:18:00+09:00"


def test_import_of_a_saved_html_page(site, capsys):
    shutil.copy(HTML_FIXTURE, site / "seeds" / HTML_FIXTURE.name)
    assert main(["-C", str(site), "import", f"seeds/{HTML_FIXTURE.name}"]) == 0
    article = read_site(site)[0].articles["the-sequencing-trap-in-korea-diplomacy"]
    assert article.url == "https://warontherocks.com/2018/09/the-sequencing-trap-in-korea-diplomacy/"
    assert "<" not in article.body and "Share this" not in article.body


def test_the_same_file_name_twice_is_refused_then_replaced_with_force(site, capsys):
    assert main(["-C", str(site), "import", f"seeds/{SEED.name}"]) == 0
    (site / ARTICLE).write_text("edited by hand", encoding="utf-8")
    assert main(["-C", str(site), "import", f"seeds/{SEED.name}"]) == 1
    assert "already exists" in capsys.readouterr().out
    assert (site / ARTICLE).read_text(encoding="utf-8") == "edited by hand"
    assert main(["-C", str(site), "import", "--force", f"seeds/{SEED.name}"]) == 0
    assert (site / ARTICLE).read_text(encoding="utf-8").startswith("---\n")


def test_the_same_article_under_another_id_is_a_duplicate(site, capsys):
    """Same title, publication and day: refused with the existing file's path, even with another --id."""
    assert main(["-C", str(site), "import", "--id", "envoys", f"seeds/{SEED.name}"]) == 0
    capsys.readouterr()
    assert main(["-C", str(site), "import", f"seeds/{SEED.name}"]) == 1
    assert capsys.readouterr().out == (f"{ARTICLE}: error: this article is already imported as content/articles/envoys.md; "
                                       "use --force to replace it\n")
    assert files(site / "content/articles") == {"envoys.md"}
    (site / "content/articles/envoys.md").write_text("---\ntitle: old\npublished: 2018-09-06\n"
                                                     "url: https://www.example.org/a/?utm_source=feed\n---\n", encoding="utf-8")
    (site / "seeds/other.txt").write_text("A different headline about the same page\nhttps://example.org/a#top\n"
                                          "The first paragraph of the story says what happened.\n", encoding="utf-8")
    assert main(["-C", str(site), "import", "seeds/other.txt"]) == 1
    assert "already imported as content/articles/envoys.md" in capsys.readouterr().out
    assert main(["-C", str(site), "import", "--force", "seeds/other.txt"]) == 0
    assert files(site / "content/articles") == {"envoys.md"}
    assert "A different headline" in (site / "content/articles/envoys.md").read_text(encoding="utf-8")


def test_import_with_id_and_dry_run(site, capsys):
    assert main(["-C", str(site), "import", "--dry-run", "--id", "envoys-visit", str(site / "seeds" / SEED.name)]) == 0
    assert capsys.readouterr().out.startswith("---\n")
    assert not (site / "content/articles").exists()
    assert main(["-C", str(site), "import", "--id", "Envoys Visit", f"seeds/{SEED.name}"]) == 2


@pytest.mark.parametrize("name, data, message", [
    ("missing.txt", None, "seeds/missing.txt: error: cannot read the clipping: No such file or directory"),
    ("empty.txt", b"", "seeds/empty.txt: error: the clipping is empty"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "seeds/photo.txt: error: a binary file, not a clipping"),
    ("report.pdf", b"%PDF-1.4\n1 0 obj\n", "seeds/report.pdf: error: a PDF file is not an article page"),
    ("home.html", b"<!doctype html><title>Outlet</title><body><a href=/1>One</a> <a href=/2>Two</a></body>",
     "seeds/home.html: error: no article text found in the page"),
])
def test_bad_input_gets_one_line_and_nothing_is_written(site, capsys, name, data, message):
    if data is not None:
        (site / "seeds" / name).write_bytes(data)
    before = files(site)
    assert main(["-C", str(site), "import", f"seeds/{name}"]) == 1
    assert capsys.readouterr().out.startswith(message)
    assert files(site) == before


# --- URLs, from a server on this machine ------------------------------------------------------

class _Pages(http.server.BaseHTTPRequestHandler):
    PAGES = {
        "/article": ("text/html; charset=utf-8", HTML_FIXTURE.read_bytes()),
        "/korean": ("text/html; charset=euc-kr", "<html><head><title>제목 - 신문</title></head><body><article><h1>남북 정상 평양에서 만나</h1>"
                    + "".join(f"<p>문재인 대통령과 김정은 국무위원장이 평양에서 {n}번째 회담을 열고 비핵화 방안을 논의했다.</p>" for n in range(5))
                    + "</article></body></html>"),
        "/report.pdf": ("application/pdf", b"%PDF-1.4\n"),
        "/huge": ("text/html", b"<html>" + b" " * (6 * 1024 * 1024)),
        "/huge-unsized": ("text/html", b"<html>" + b" " * (6 * 1024 * 1024)),
    }

    def do_GET(self):
        if self.path not in self.PAGES:
            self.send_error(404, "Not Found")
            return
        kind, body = self.PAGES[self.path]
        body = body.encode("euc-kr") if isinstance(body, str) else body
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if not self.path.endswith("-unsized"):      # without it, the page is read until the cap
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_url_import_saves_the_page_under_seeds_then_imports_it(site, server, capsys):
    assert main(["-C", str(site), "import", f"{server}/article"]) == 0
    out = capsys.readouterr().out.splitlines()
    saved = [line[len("saved "):] for line in out if line.startswith("saved ")]
    assert len(saved) == 1 and saved[0].startswith("seeds/") and saved[0].endswith("-127-0-0-1-article.html")
    assert (site / saved[0]).read_bytes() == HTML_FIXTURE.read_bytes()
    article = read_site(site)[0].articles["the-sequencing-trap-in-korea-diplomacy"]
    assert article.url == "https://warontherocks.com/2018/09/the-sequencing-trap-in-korea-diplomacy/"
    # Offline, the saved page imports to the same article; the URL again is a duplicate.
    assert main(["-C", str(site), "import", "--dry-run", saved[0]]) == 0
    assert capsys.readouterr().out == (site / "content/articles/the-sequencing-trap-in-korea-diplomacy.md").read_text(encoding="utf-8")
    assert main(["-C", str(site), "import", f"{server}/article"]) == 1
    assert "already imported" in capsys.readouterr().out


def test_url_import_decodes_the_declared_charset(site, server, capsys):
    assert main(["-C", str(site), "import", f"{server}/korean"]) == 0
    written = [p for p in (site / "content/articles").iterdir()]
    text = written[0].read_text(encoding="utf-8")
    assert "title: 남북 정상 평양에서 만나" in text and f"url: {server}/korean" in text


@pytest.mark.parametrize("path, message", [
    ("/missing", "error: the server answered 404 Not Found"),
    ("/report.pdf", "error: not an article page: the server sent application/pdf"),
    ("/huge", "error: the page is larger than 5 MB"),
    ("/huge-unsized", "error: the page is larger than 5 MB"),
])
def test_url_that_is_not_an_article_page_writes_nothing(site, server, capsys, path, message):
    before = files(site)
    assert main(["-C", str(site), "import", f"{server}{path}"]) == 1
    assert capsys.readouterr().out == f"{server}{path}: {message}" + ("; import a web page (text/html) or save the text by hand\n" if "pdf" in path else "\n")
    assert files(site) == before


def test_unreachable_url_writes_nothing(site, capsys):
    import socket
    with socket.socket() as s:                 # a port on this machine that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    before = files(site)
    assert main(["-C", str(site), "import", f"http://127.0.0.1:{port}/a"]) == 1
    assert capsys.readouterr().out.startswith(f"http://127.0.0.1:{port}/a: error: cannot fetch the page: ")
    assert files(site) == before


def test_site_timezone_is_the_last_resort_for_a_time_without_zone(site, capsys):
    (site / "seeds/notes.txt").write_text("The Daily Planet\nKim and Moon agree on a date for the summit\n"
                                         "September 6, 2018 at 8:12 p.m.\nThe first paragraph says what happened.\n",
                                         encoding="utf-8")
    assert main(["-C", str(site), "import", "--dry-run", "seeds/notes.txt"]) == 0
    assert "published: '2018-09-06'\n" in capsys.readouterr().out
    (site / "site.yaml").write_text("title: T\ntimezone: Europe/Paris\n", encoding="utf-8")
    assert main(["-C", str(site), "import", "--dry-run", "seeds/notes.txt"]) == 0
    assert "published: '2018-09-06T20:12:00+02:00'\n" in capsys.readouterr().out
    (site / "site.yaml").write_text("title: T\ntimezone: Mars/Base\n", encoding="utf-8")
    assert main(["-C", str(site), "check"]) == 1
    assert ("site.yaml:2:11: error: timezone 'Mars/Base' is not an IANA time zone such as 'Asia/Seoul'"
            in capsys.readouterr().err)


def web_clip(site: Path, source: str) -> str:
    """A Markdown web clip in seeds/ whose front matter gives source as its address; its seed path."""
    (site / "seeds/clip.md").write_text(
        f'---\ntitle: "Envoys back from Pyongyang"\nsource: "{source}"\nauthor: "Jane Roe"\n'
        "published: 2018-09-06\n---\n\nThe envoys returned on Thursday with a letter.\n", encoding="utf-8")
    return "seeds/clip.md"


def test_an_address_with_spaces_or_quotes_is_written_percent_encoded(site, capsys):
    assert main(["-C", str(site), "import", web_clip(site, "https://example.com/news/kim's visit")]) == 0
    article = read_site(site)[0].articles["envoys-back-from-pyongyang"]
    assert article.url == "https://example.com/news/kim%27s%20visit"
    capsys.readouterr()
    assert main(["-C", str(site), "check"]) == 0


def test_an_address_that_names_no_host_is_left_out_with_a_warning(site, capsys):
    assert main(["-C", str(site), "import", web_clip(site, "https:///news/visit")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert ("content/articles/envoys-back-from-pyongyang.md: warning: the clipping's address "
            "'https:///news/visit' is not a web address: it names no valid host; fill in url by hand") in out
    assert read_site(site)[0].articles["envoys-back-from-pyongyang"].url is None


def test_a_web_clip_without_tags_is_written_without_tags(site, capsys):
    assert main(["-C", str(site), "import", web_clip(site, "https://example.com/news/visit")]) == 0
    assert "tags:" not in (site / "content/articles/envoys-back-from-pyongyang.md").read_text(encoding="utf-8")
    assert read_site(site)[0].articles["envoys-back-from-pyongyang"].tags == ()
