"""static/: files copied to the site root as they are, local pictures, and nothing read or written outside the site."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build import build
from generator.cli import main
from generator.site.plan import OutputCollision

from test_render import SMALL_SITE

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
PERSON = "---\nname: Kim\nimage: images/kim.png\nimage_credit: KCNA\n---\n"


@pytest.fixture
def site(make_site):
    """SMALL_SITE with static/ files, written as bytes."""

    def make(files: dict[str, str] | None = None, binary: dict[str, bytes] | None = None) -> Path:
        root = make_site({**SMALL_SITE, **(files or {})})
        for name, data in (binary or {}).items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        return root

    return make


def check(root: Path, capsys: pytest.CaptureFixture) -> tuple[int, list[str]]:
    code = main(["-C", str(root), "check"])
    return code, capsys.readouterr().err.splitlines()[:-1]


def test_static_files_are_copied_to_the_site_root_as_they_are(site, tmp_path) -> None:
    root = site(binary={"static/CNAME": b"talks.example.org\n", "static/images/kim.png": PNG,
                        "static/downloads/report one.pdf": b"%PDF-1.4 \x00\xff",
                        "static/.well-known/security.txt": b"Contact: mailto:a@example.org\n",
                        "static/.DS_Store": b"junk", "static/.git/config": b"junk"})
    result = build(root, tmp_path / "out")
    assert not result.failed
    out = tmp_path / "out"
    assert (out / "CNAME").read_bytes() == b"talks.example.org\n"
    assert (out / "images" / "kim.png").read_bytes() == PNG
    assert (out / "downloads" / "report one.pdf").read_bytes() == b"%PDF-1.4 \x00\xff"
    assert (out / ".well-known" / "security.txt").is_file()
    assert not (out / ".DS_Store").exists() and not (out / ".git").exists()


def test_a_static_file_at_a_generated_path_is_an_error_naming_both(site, tmp_path) -> None:
    root = site(binary={"static/feed.xml": b"<feed/>"})
    with pytest.raises(OutputCollision, match="static/feed.xml and the generated feed.xml would both be written to feed.xml"):
        build(root, tmp_path / "out")
    root = site(binary={"static/People/Kim/index.html": b"<p>"})
    with pytest.raises(OutputCollision, match="content/people/kim.md and static/People/Kim/index.html"):
        build(root, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_changed_static_file_is_copied_again(site, tmp_path) -> None:
    root = site(binary={"static/robots.txt": b"User-agent: *\n"})
    assert not build(root, tmp_path / "out").failed
    assert build(root, tmp_path / "out").up_to_date
    (root / "static" / "robots.txt").write_bytes(b"User-agent: *\nDisallow: /\n")
    result = build(root, tmp_path / "out")
    assert not result.up_to_date
    assert (tmp_path / "out" / "robots.txt").read_bytes() == b"User-agent: *\nDisallow: /\n"


def test_a_symlink_out_of_the_site_is_skipped_with_a_warning_and_nothing_is_read_through_it(site, tmp_path, capsys) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cr3t-9f2c")
    root = site(binary={"static/ok.txt": b"ok", "notes/notes.txt": b"inside the site"})
    (root / "static" / "leak.txt").symlink_to(secret)
    (root / "static" / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    (root / "static" / "inside.txt").symlink_to(root / "notes" / "notes.txt")
    (root / "static" / "loop").symlink_to(root / "static", target_is_directory=True)
    code, lines = check(root, capsys)
    assert (code, lines) == (0, [
        "static/elsewhere:1:1: warning: symbolic link to a folder outside the site; it is skipped; "
        "copy the files into the site instead",
        "static/leak.txt:1:1: warning: symbolic link to a file outside the site; it is skipped; "
        "copy the file into the site instead",
    ])
    assert not build(root, tmp_path / "out").failed
    (root / "static" / "leak.txt").unlink()
    (root / "static" / "elsewhere").unlink()
    assert not build(root, tmp_path / "out").failed
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.txt"))
    assert written == ["inside.txt", "ok.txt"]      # a link inside the site is followed; the loop adds nothing
    assert (tmp_path / "out" / "inside.txt").read_text() == "inside the site"
    assert secret.read_text() == "s3cr3t-9f2c"
    assert not [p for p in (tmp_path / "out").rglob("*") if "s3cr3t-9f2c" in (p.read_text(errors="ignore") if p.is_file() else "")]


def test_static_itself_linked_out_of_the_site_is_an_error(make_site, tmp_path, capsys) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "robots.txt").write_text("x")
    root = make_site(SMALL_SITE)
    (root / "static").symlink_to(elsewhere, target_is_directory=True)
    assert check(root, capsys) == (1, ["static:1:1: error: static/ is a symbolic link to a folder outside the site; "
                                       "it is not read; move the folder into the site instead"])


# -- pictures -------------------------------------------------------------------------

def test_image_fields_show_on_their_pages_and_as_timeline_media(site, tmp_path) -> None:
    root = site({"content/people/kim.md": PERSON,
                 "content/meetings/talks.md": SMALL_SITE["content/meetings/talks.md"].replace(
                     "tracks:", "image: https://example.org/talks.jpg\nimage_credit: Pool <photo>\ntracks:")},
                {"static/images/kim.png": PNG})
    assert not build(root, tmp_path / "out").failed
    person = (tmp_path / "out" / "people" / "kim" / "index.html").read_text()
    assert ('<figure class="entry-image"><img src="../../images/kim.png" alt="Kim">'
            '<figcaption class="image-credit">Image: KCNA</figcaption></figure>') in person
    assert '"image": "/talks/images/kim.png"' in person      # JSON-LD: the absolute address
    meeting = (tmp_path / "out" / "meetings" / "talks" / "index.html").read_text()
    assert '<img src="https://example.org/talks.jpg" alt="Talks">' in meeting
    assert "Image: Pool &lt;photo&gt;" in meeting
    slides = json.loads((tmp_path / "out" / "timeline.json").read_text())["events"]
    media = [slide.get("media") for slide in slides]
    assert {"url": "https://example.org/talks.jpg", "alt": "Talks", "credit": "Pool &lt;photo&gt;"} in media


def test_markdown_images_from_static_link_from_the_page(site, tmp_path) -> None:
    body = "\n![Kim at the table](/images/kim%20one.png \"At the table\") and <img src='images/kim one.png' alt=k>\n"
    root = site({"content/meetings/talks.md": SMALL_SITE["content/meetings/talks.md"] + body},
                {"static/images/kim one.png": PNG})
    assert not build(root, tmp_path / "out").failed
    page = (tmp_path / "out" / "meetings" / "talks" / "index.html").read_text()
    assert '<img alt="Kim at the table" src="../../images/kim%20one.png" title="At the table">' in page
    assert '<img src="../../images/kim%20one.png" alt="k">' in page


def test_a_missing_picture_is_an_error_with_its_file_and_line(site, capsys) -> None:
    body = "\nSee ![the table](images/table.png), ![x](static/images/kim.png) and ![y](../secret.png).\n"
    root = site({"content/people/kim.md": PERSON.replace("images/kim.png", "images/kim.jpg"),
                 "content/meetings/talks.md": SMALL_SITE["content/meetings/talks.md"] + body},
                {"static/images/kim.png": PNG})
    assert check(root, capsys) == (1, [
        "content/meetings/talks.md:11:18: error: image 'images/table.png' is not found: no file static/images/table.png; "
        "did you mean 'images/kim.png'?",
        "content/meetings/talks.md:11:42: error: image 'static/images/kim.png' is not found; "
        "paths are relative to static/: write 'images/kim.png'",
        "content/meetings/talks.md:11:74: error: image '../secret.png' must name a file under static/, such as images/photo.jpg",
        "content/people/kim.md:3:8: error: image 'images/kim.jpg' is not found: no file static/images/kim.jpg; "
        "did you mean 'images/kim.png'?",
    ])


def test_an_image_field_takes_a_static_path_or_a_web_address_only(site, capsys) -> None:
    root = site({"content/people/kim.md": PERSON.replace("images/kim.png", "javascript:alert(1)")})
    assert check(root, capsys) == (1, [
        "content/people/kim.md:3:8: error: 'javascript:alert(1)' is neither a file under static/ (images/photo.jpg) "
        "nor an http(s) address"])
