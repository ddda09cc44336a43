"""Markdown bodies as sanitised HTML: wiki links, mentions, paragraph anchors, cache."""
from __future__ import annotations


import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.site.markup import BodyRenderer, LazyBodies, RenderedBody, body_cache, render_bodies
from generator.content.dates import parse_edtf
from generator.content.diagnostics import Diagnostics
from generator.content.kinds import KINDS
from generator.content.link import link
from generator.content.model import Site
from generator.content.read import read_site
from generator.content.urls import Urls

FILES = {
    "content/people/kim-jong-un.md": "---\nname: Kim Jong-un\naliases: [Kim Jong Un, Chairman Kim Jong-un]\nnative_name: 김정은\n---\n",
    "content/people/kim.md": "---\nname: Kim\n---\nA person known by one word.\n",
    "content/people/moon-jae-in.md": "---\nname: Moon Jae-in\n---\nPresident; met [[kim-jong-un]].\n",
    "content/people/summit.md": "---\nname: Summit Person\n---\n",
    "content/meetings/summit.md": "---\ntitle: Third summit\ndate: 2018-09-18/2018-09-20\n---\n",
    "content/meetings/talks.md": "---\ntitle: Working-level talks\ndate: 2018-09\n---\nKim Jong-un is not linked here.\n",
    "content/articles/report.md": (
        "---\ntitle: Report\npublished: 2018-09-06\n---\n\n"
        "Kim Jong-un met envoys; Moon Jae-in spoke of [[meetings/summit]].\n"),
}


def write_site(root: Path, files: dict[str, str]) -> Site:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    site, _ = read_site(root)
    return site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return write_site(tmp_path / "site", FILES)


def render(site: Site, text: str, *, mentions: bool = False, base: str = "/") -> RenderedBody:
    """text rendered as the body of one more page of site, linked with the rest as a build links it."""
    page = KINDS["meetings"].record(kind="meetings", id="rendered", path="content/meetings/rendered.md", body=text,
                                    body_line=5, title="Rendered", date=parse_edtf("2018"))
    linked = link(site.config, [*site.entries(), page], Diagnostics())
    return BodyRenderer(linked, Urls(base)).render(text, link_mentions=mentions)


class Elements(HTMLParser):
    """Every element of an HTML fragment as (tag, attributes), the way a browser reads them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def links(html: str) -> list[tuple[str, str, str]]:
    """(class, href, text) of each link, from the HTML as written."""
    return re.findall(r'<a class="([^"]*)" href="([^"]*)">(.*?)</a>', html)


# -- wiki links ---------------------------------------------------------------

def test_wiki_link_shows_the_target_title(site):
    html = render(site, "See [[moon-jae-in]] and [[talks]].").html
    assert links(html) == [("ref ref-person", "../../people/moon-jae-in/", "Moon Jae-in"),
                           ("ref ref-meeting", "../../meetings/talks/", "Working-level talks")]


def test_wiki_link_with_text_keeps_the_text(site):
    assert links(render(site, "[[kim-jong-un|Chairman Kim]]").html) == [
        ("ref ref-person", "../../people/kim-jong-un/", "Chairman Kim")]


def test_qualified_wiki_link_picks_the_kind(site):
    html = render(site, "[[meetings/summit]] and [[people/summit]]").html
    assert links(html) == [("ref ref-meeting", "../../meetings/summit/", "Third summit"),
                           ("ref ref-person", "../../people/summit/", "Summit Person")]


def test_wiki_links_are_relative_to_the_entry_page_whatever_the_base_path(site):
    assert links(render(site, "[[talks]]", base="/repo/").html)[0][1] == "../../meetings/talks/"
    assert render(site, "[[talks]]", base="/repo/") == render(site, "[[talks]]", base="https://example.org/")


def test_unresolvable_wiki_link_renders_as_plain_text(site):
    html = render(site, "[[summit]], [[nobody]], [[nobody|Someone]] and [[places/x]]").html
    assert "<a" not in html
    assert re.findall(r'<span class="ref-missing">(.*?)</span>', html) == ["summit", "nobody", "Someone", "places/x"]


def test_wiki_links_inside_code_are_left_alone(site):
    html = render(site, "Write `[[kim-jong-un]]` like this:\n\n```\n[[moon-jae-in]]\n```\n").html
    assert "<code>[[kim-jong-un]]</code>" in html
    assert "[[moon-jae-in]]\n</code></pre>" in html
    assert "<a" not in html


# -- mentions -----------------------------------------------------------------

def test_mentions_link_names_aliases_and_native_names(site):
    html = render(site, "Kim Jong Un met Moon Jae-in. 김정은 smiled.", mentions=True).html
    assert links(html) == [("mention", "../../people/kim-jong-un/", "Kim Jong Un"),
                           ("mention", "../../people/moon-jae-in/", "Moon Jae-in"),
                           ("mention", "../../people/kim-jong-un/", "김정은")]


def test_mentions_prefer_the_longest_name(site):
    html = render(site, "Chairman Kim Jong-un, then Kim alone.", mentions=True).html
    assert links(html) == [("mention", "../../people/kim-jong-un/", "Chairman Kim Jong-un"),
                           ("mention", "../../people/kim/", "Kim")]


def test_a_title_and_a_full_name_that_overlap_make_one_link(tmp_path):
    files = {**FILES, "content/people/moon-jae-in.md": "---\nname: Moon Jae-in\naliases: [President Moon]\n---\n"}
    html = render(write_site(tmp_path / "moon", files), "President Moon Jae-in spoke.", mentions=True).html
    assert links(html) == [("mention", "../../people/moon-jae-in/", "President Moon Jae-in")]
    assert "Jae-in</a>" in html and "</a> Jae-in" not in html


def test_mentions_match_whole_words_only(site):
    html = render(site, "Kimchi, the Moon-Kim summit and Moon Jae-ins.", mentions=True).html
    assert "<a" not in html


def test_mentions_skip_links_and_code_but_not_headings(site):
    text = "## Kim Jong-un\n\n[Kim Jong-un](https://example.org) and `Moon Jae-in` and [[kim-jong-un|Moon Jae-in]]\n\n    Kim\n"
    html = render(site, text, mentions=True).html
    assert '<h2><a class="mention" href="../../people/kim-jong-un/">Kim Jong-un</a></h2>' in html
    assert html.count('class="mention"') == 1
    assert "<code>Moon Jae-in</code>" in html


def test_mentions_keep_the_text_around_them(site):
    html = render(site, "Before *Kim Jong-un and Kim* after.", mentions=True).html
    assert html == ('<p id="p1">Before <em><a class="mention" href="../../people/kim-jong-un/">Kim Jong-un</a> and '
                    '<a class="mention" href="../../people/kim/">Kim</a></em> after.</p>')


def test_mentions_are_linked_in_articles_only(site):
    bodies = render_bodies(site, Urls("/"))
    assert 'class="mention"' in bodies[("articles", "report")].html
    assert 'class="mention"' not in bodies[("meetings", "talks")].html
    assert set(bodies) == {entry.key for entry in site.entries()}


# -- paragraph anchors ----------------------------------------------------------

def test_paragraphs_and_list_items_get_numbered_ids(site):
    body = render(site, "# Title\n\nFirst.\n\n- one\n- two\n\n> Quoted.")
    assert re.findall(r'<(\w+) id="(p\d+)"', body.html) == [("p", "p1"), ("li", "p2"), ("li", "p3"), ("p", "p4")]
    assert body.paragraphs == (("p1", "first."), ("p2", "one"), ("p3", "two"), ("p4", "quoted."))


def test_anchor_for_finds_a_quote_with_curly_quotes_and_ellipsis(site):
    body = render(site, "Opening words.\n\n“Kim reaffirmed his *firm* commitment to complete denuclearization,” Chung said.")
    assert body.anchor_for('"Kim reaffirmed his firm commitment ... denuclearization," Chung said') == "p2"
    assert body.anchor_for("kim reaffirmed … chung said") == "p2"


def test_anchor_for_needs_every_part_in_one_paragraph(site):
    body = render(site, "Opening words.\n\nClosing words.")
    assert body.anchor_for("Opening words ... Closing words") is None
    assert body.anchor_for("words ... Opening") is None
    assert body.anchor_for("...") is None


def test_loose_list_items_are_anchored_by_their_paragraphs(site):
    body = render(site, "1. First point.\n\n2. Second point.\n")
    assert re.findall(r'<(\w+) id="(p\d+)"', body.html) == [("p", "p1"), ("p", "p2")]
    assert body.anchor_for("Second point") == "p2"


def test_anchor_for_prefers_the_innermost_list_item(site):
    body = render(site, "- Outer point\n    - inner point\n")
    assert body.paragraphs == (("p1", "outer point inner point"), ("p2", "inner point"))
    assert body.anchor_for("inner point") == "p2"


def test_footnotes_keep_their_ids_and_stay_out_of_paragraph_text(site):
    body = render(site, "Kim spoke[^1] again.\n\n[^1]: On Wednesday.\n")
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in body.html
    assert '<li id="fn:1">' in body.html
    assert body.paragraphs[0] == ("p1", "kim spoke again.")
    assert body.anchor_for("Kim spoke again") == "p1"


def test_tables_render_with_alignment(site):
    html = render(site, "| Who | When |\n|:----|-----:|\n| Kim | 2018 |\n").html
    assert '<th align="left">Who</th>' in html
    assert '<td align="right">2018</td>' in html


def test_quotes_are_kept_as_written(site):
    assert render(site, "He said \"yes\" -- and 'no'...").html == '<p id="p1">He said "yes" -- and \'no\'...</p>'


def test_external_links_get_noopener_and_internal_ones_do_not(site):
    html = render(site, "[a](https://example.org) [b](/people/) <https://example.org/x>").html
    assert html.count('rel="noopener"') == 2
    assert '<a href="/people/">b</a>' in html


# -- sanitising -----------------------------------------------------------------

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://example.org"></iframe>',
    "<style>body{display:none}</style>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:alert(1))",
    '<a href="java&#9;script:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    "[x](vbscript:msgbox(1))",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "![x](data:image/svg+xml;base64,PHN2Zz4=)",
    '<p onmouseover="alert(1)" style="color:red">x</p>',
    '[[kim-jong-un|"><script>alert(1)</script>]]',
    '[x](https://example.org "title\\" onclick=\\"alert(1)")',
    "<a href='https://example.org' onclick='alert(1)'>x</a>",
    "<object data=x></object><embed src=x>",
]


def assert_harmless(html: str) -> None:
    for tag, attributes in Elements(html).found:
        assert tag not in {"script", "iframe", "svg", "style", "object", "embed"}, html
        for name, value in attributes.items():
            assert not name.startswith("on") and name != "style", html
            if name in ("href", "src"):
                url = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f "
                                                           "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f")
                scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
                assert scheme is None or scheme.group(1).lower() in {"http", "https", "mailto"}, html


@pytest.mark.parametrize("payload", XSS)
def test_no_script_survives(site, payload):
    assert_harmless(render(site, f"Text {payload} more\n\n{payload}\n", mentions=True).html)


def test_html_in_a_person_name_is_escaped(tmp_path):
    evil = 'Evil "><script>alert(1)</script>'
    site = write_site(tmp_path / "site", {
        **FILES, "content/people/evil.md": f"---\nname: '{evil}'\naliases: ['Bad \"onmouseover=\"x']\n---\n"})
    html = render(site, '[[evil]] and Bad "onmouseover="x here', mentions=True).html
    assert_harmless(html)
    assert '&lt;script&gt;' in html
    assert 'class="mention" href="../../people/evil/">Bad "onmouseover="x</a>' in html


def test_safe_raw_html_is_kept_and_unknown_ids_dropped(site):
    html = render(site, '<abbr title="Democratic People\'s Republic of Korea">DPRK</abbr> and <div id="search">x</div>').html
    assert '<abbr title="Democratic People\'s Republic of Korea">DPRK</abbr>' in html
    assert 'id="search"' not in html


def test_images_need_an_http_address(site):
    html = render(site, "![a](https://example.org/a.png) ![b](b.png)").html
    assert '<img alt="a" src="https://example.org/a.png">' in html
    assert '<img alt="b">' in html


# -- cache ----------------------------------------------------------------------

def test_cache_gives_the_same_output_as_rendering(site, tmp_path):
    fresh = render_bodies(site, Urls("/"))
    cache = tmp_path / "cache"
    assert render_bodies(site, Urls("/"), body_cache(cache)) == fresh
    distinct = {(entry.body, entry.kind == "articles") for entry in site.entries()}
    assert len(list(cache.glob("*"))) == len(distinct)
    assert render_bodies(site, Urls("/"), body_cache(cache)) == fresh


def _sealed(name: str, payload: bytes) -> bytes:
    """A store file as ``depends.Store`` writes one, holding payload."""
    from generator.content.changes import seal
    from generator.site.depends import _MAGIC
    return seal(_MAGIC + name.encode() + b"\n" + payload)


@pytest.mark.parametrize("damage", [lambda name: b"{not json", lambda name: b"",
                                    lambda name: _sealed(name, b"<script>")[:-3],
                                    lambda name: _sealed(name, b'{"html": 1}'), lambda name: _sealed(name, b"[1, [[2]]]")])
def test_a_damaged_cache_file_is_ignored_and_rewritten(site, tmp_path, damage):
    cache = tmp_path / "cache"
    fresh = render_bodies(site, Urls("/"), body_cache(cache))
    for file in cache.glob("*"):
        file.write_bytes(damage(file.name))
    assert render_bodies(site, Urls("/"), body_cache(cache)) == fresh
    assert all(file.read_bytes() != damage(file.name) for file in cache.glob("*"))
    assert render_bodies(site, Urls("/"), body_cache(cache)) == fresh


def test_a_changed_link_target_title_changes_the_output(tmp_path):
    cache = tmp_path / "cache"
    root = tmp_path / "site"
    before = render_bodies(write_site(root, FILES), Urls("/"), body_cache(cache))[("articles", "report")]
    renamed = {**FILES, "content/meetings/summit.md": "---\ntitle: Pyongyang summit\ndate: 2018-09-18/2018-09-20\n---\n"}
    after = render_bodies(write_site(root, renamed), Urls("/"), body_cache(cache))[("articles", "report")]
    assert "Third summit" in before.html
    assert "Pyongyang summit" in after.html


def test_a_new_alias_changes_the_mentions(tmp_path):
    root = tmp_path / "site"
    render_bodies(write_site(root, FILES), Urls("/"), body_cache(tmp_path / "cache"))
    aliased = {**FILES, "content/people/moon-jae-in.md": "---\nname: Moon Jae-in\naliases: [envoys]\n---\n"}
    html = render_bodies(write_site(root, aliased), Urls("/"), body_cache(tmp_path / "cache"))[("articles", "report")].html
    assert '<a class="mention" href="../../people/moon-jae-in/">envoys</a>' in html


def test_a_different_base_path_renders_the_same_bodies(site, tmp_path):
    fresh = render_bodies(site, Urls("/"), body_cache(tmp_path / "cache"))
    assert render_bodies(site, Urls("/repo/"), body_cache()) == fresh
    assert 'href="../../meetings/summit/"' in fresh[("articles", "report")].html


def test_lazy_bodies_render_only_what_is_asked_for_and_the_same_html(site: Site, monkeypatch: pytest.MonkeyPatch):
    rendered: list[str] = []
    real_render = BodyRenderer.render

    def counting(self, text: str, *, link_mentions: bool) -> RenderedBody:
        rendered.append(text)
        return real_render(self, text, link_mentions=link_mentions)

    monkeypatch.setattr(BodyRenderer, "render", counting)
    lazy = LazyBodies(site, Urls("/"), body_cache())
    assert rendered == []
    article = next(iter(site.articles.values()))
    body = lazy[article.key]
    assert rendered == [article.body]
    assert lazy[article.key] is body and len(rendered) == 1
    assert lazy.get(("people", "nobody-by-this-id")) is None
    assert len(lazy) == len(site.entries()) and set(lazy) == {entry.key for entry in site.entries()}
    assert render_bodies(site, Urls("/"))[article.key] == body
