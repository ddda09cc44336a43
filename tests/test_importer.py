"""`import` reads clippings of any outlet by general rules: the dev half of the corpus
exactly, the forms each rule names, and the seed of the sample site."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml

from generator.authoring.importer import article_markdown, suggest_id
from generator.authoring.importing.bylines import read_byline
from generator.authoring.importing.clipping import Clipping, ClippingError
from generator.authoring.importing.eventdates import find_dates
from generator.authoring.importing.formats import read_clipping
from generator.authoring.importing.stamps import choose, instant, read_stamps

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2018-09-06-korea-herald-envoys-visit.txt"
CORPUS = Path(__file__).resolve().parent / "clippings"
DEV = sorted(p for p in (CORPUS / "dev").iterdir() if p.suffix != ".yaml")


def read(text: str | bytes, name: str = "seeds/x.txt", zone: str | None = None) -> Clipping:
    return read_clipping(text.encode("utf-8") if isinstance(text, str) else text, name, zone)


def split_article(text: str) -> tuple[dict, list[str]]:
    """Front matter as YAML reads it, and the body's paragraphs."""
    assert text.startswith("---\n") and text.endswith("\n")
    front, body = text[4:].split("\n---\n\n", 1)
    return yaml.safe_load(front), body[:-1].split("\n\n")


# --- the corpus -------------------------------------------------------------------------

def test_corpus_is_large_and_varied_enough():
    seeds = [p for half in ("dev", "held-back") for p in (CORPUS / half).iterdir() if p.suffix != ".yaml"]
    expected = [yaml.safe_load(p.with_suffix(".yaml").read_text(encoding="utf-8")) for p in seeds]
    assert len(seeds) >= 24 and len({e["outlet"].split(" (")[0] for e in expected}) >= 12
    assert {p.suffix for p in seeds} == {".txt", ".html", ".md"}
    data = [p.read_bytes() for p in seeds]
    assert any(b"\r\n" in d for d in data) and any(d.startswith(b"\xef\xbb\xbf") for d in data)
    assert any(re.search("[가-힣]", e["title"]) for e in expected) and sum(len(e["authors"]) == 2 for e in expected) >= 5


@pytest.mark.parametrize("seed", DEV, ids=lambda p: p.name)
def test_dev_clipping_reads_exactly_as_expected(seed):
    expected = yaml.safe_load(seed.with_suffix(".yaml").read_text(encoding="utf-8"))
    got = read_clipping(seed.read_bytes(), seed.name)
    assert (got.title, got.publication, list(got.authors), got.published, got.url) == \
           (expected["title"], expected["publication"], expected["authors"], expected["published"], expected["url"])
    assert list(got.paragraphs) == expected["body"]


@pytest.mark.parametrize("seed", [p for p in DEV if p.suffix == ".txt"], ids=lambda p: p.name)
def test_line_endings_and_bom_do_not_change_the_result(seed):
    text = seed.read_bytes().decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    expected = read(text, seed.name)
    assert read(text.replace("\n", "\r\n"), seed.name) == expected
    assert read("\ufeff" + text.replace("\n", "\r"), seed.name) == expected


def test_accuracy_table_in_the_docs_is_what_the_corpus_measures():
    from import_accuracy import table
    assert table() in (ROOT / "docs" / "import.md").read_text(encoding="utf-8")


# --- the seed of the sample site ----------------------------------------------------------

def test_seed_is_imported_with_every_paragraph_and_no_furniture():
    text = SEED.read_text(encoding="utf-8")
    clipping = read(text, "seeds/" + SEED.name)
    meta, body = split_article(article_markdown(clipping))
    assert meta == {"title": "Special envoys’ NK visit fails to overcome stumbling blocks in denuclearization talks",
                    "publication": "The Korea Herald", "author": "Jung Min-kyung",
                    "published": "2018-09-06T15:18:00+09:00"}
    furniture = {"The Korea Herald", meta["title"], "By Jung Min-kyung", "Published : Sept. 6, 2018 - 15:18",
                 "• Link copied", "By Jung Min-kyung ("}
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    expected = [b for b in blocks if b not in furniture and not b.endswith("(Yonhap)")]
    assert len(expected) == 13 and body == expected


def test_seed_dates_are_found_relative_to_publication():
    clipping = read(SEED.read_bytes())
    assert find_dates("\n\n".join(clipping.paragraphs), clipping.published) == [
        ("2018-09-05", "on Wednesday"), ("2018-08", "last month"), ("2018-09-05", "Wednesday’s"),
        ("2018-08-31~", "the end of August"), ("2018-09-18/2018-09-20", "between Sept. 18 and 20")]


# --- headline, byline, publication ----------------------------------------------------------

PAGE = "{top}\n{title}\n{meta}\nThe first paragraph of the story says what happened in a sentence or two.\n" \
       "The second paragraph gives the background to the news, as second paragraphs do.\n"


@pytest.mark.parametrize("top", ["Skip to main content\nWorld\nAsia Pacific", "The Daily Planet\nNorth Korea",
                                 "Sept. 6, 2018\nMenu"])
def test_headline_is_the_best_candidate_not_the_first_line(top):
    clipping = read(PAGE.format(top=top, title="Envoys return from Pyongyang with a date for the summit",
                                meta="By Ann Lee"))
    assert clipping.title == "Envoys return from Pyongyang with a date for the summit"


@pytest.mark.parametrize("line, authors", [
    ("By Ann Lee and Bo Kim", ("Ann Lee", "Bo Kim")),
    ("By Ann Lee, Bo Kim and Cy Doe", ("Ann Lee", "Bo Kim", "Cy Doe")),
    ("Ann Lee, Bo Kim | The Daily Planet", ("Ann Lee", "Bo Kim")),
    ("By Ann Lee and Bo Kim, CNN", ("Ann Lee", "Bo Kim")),
    ("Reporting by Ann Lee in Seoul and Bo Kim; Writing by Cy Doe; Editing by Ed Itor", ("Ann Lee", "Bo Kim", "Cy Doe")),
    ("홍길동 기자 (gildong@example.co.kr)", ("홍길동",)),
    ("서울=공동취재단, 김보협 이제훈 기자", ("김보협", "이제훈")),
    ("Ann Lee ann.lee@example.com", ("Ann Lee",)),
    ("By Ann Lee (ann@example.com)", ("Ann Lee",)),
    ("Compiled by the desk", ()),
])
def test_byline_forms(line, authors):
    assert read_byline(line, ("The Daily Planet",)) == authors


@pytest.mark.parametrize("line", ["North Korea", "Democracy Dies in Darkness", "By the way, the talks stalled again.",
                                  "정치", "jisoo@example.co.kr"])
def test_section_and_navigation_words_are_not_bylines(line):
    assert read_byline(line) is None


def test_section_words_never_become_authors_and_masthead_names_the_publication():
    clipping = read("The Daily Planet\nWorld\nNorth Korea\nPolitics\nKim and Moon agree on a date for the summit\n"
                    "Sept. 6, 2018\nThe first paragraph of the story says what happened in a sentence or two.\n")
    assert clipping.authors == () and clipping.publication == "The Daily Planet"


@pytest.mark.parametrize("last, publication", [
    ("© 2018 The Daily Planet. All rights reserved.", "The Daily Planet"),
    ("Copyright ⓒ 데일리 플래닛. 무단 전재 및 재배포 금지", "데일리 플래닛"),
])
def test_publication_from_the_copyright_line(last, publication):
    text = ("Print this page\nKim and Moon agree on a date for the summit\nSept. 6, 2018\n"
            "The first paragraph of the story says what happened in a sentence or two.\n" + last + "\n")
    assert read(text).publication == publication


def test_publication_from_a_wire_dateline_and_an_acronym_spelled_out():
    text = ("AP\nKim and Moon agree on a date for the summit\nSEOUL, South Korea (AP) — The first paragraph "
            "of the story says what happened.\nCopyright 2018 The Associated Press. All rights reserved.\n")
    assert read(text).publication == "The Associated Press"
    assert read("Kim and Moon agree on a date\nSEOUL, Sept 14 (Reuters) - The two Koreas opened an office.\n"
                ).publication == "Reuters"


# --- the published instant ----------------------------------------------------------------

@pytest.mark.parametrize("lines, published", [
    ("Published : Sept. 6, 2018 - 15:18", "2018-09-06T15:18:00+09:00"),      # zone: 'Korea' in the outlet's name
    ("Updated : Sept. 7, 2018 - 09:00\nPublished : Sept. 6, 2018 - 15:18", "2018-09-06T15:18:00+09:00"),
    ("Posted : 2018-09-18 10:12 | Updated : 2018-09-18 15:40", "2018-09-18T10:12:00+09:00"),
    ("수정 2018.09.14 (16:20)\n입력 2018.09.14 (15:07)", "2018-09-14T15:07:00+09:00"),
    ("등록 :2018-09-18 21:35 수정 :2018-09-19 09:12", "2018-09-18T21:35:00+09:00"),
    ("September 6, 2018 at 8:12 p.m. EDT", "2018-09-06T20:12:00-04:00"),
    ("Thursday, December 6, 2018 9:00 AM ET", "2018-12-06T09:00:00-05:00"),
    ("2018-09-18 10:42 KST", "2018-09-18T10:42:00+09:00"),
    ("Wed 19 Sep 2018 06.45 BST", "2018-09-19T06:45:00+01:00"),
    ("Updated 0412 GMT (1212 HKT) September 19, 2018", None),
])
def test_publication_time_forms_and_updated_stamps(lines, published):
    text = f"The Korea Daily\nKim and Moon agree on a date for the summit\n{lines}\n" \
           "The first paragraph of the story says what happened in a sentence or two.\n"
    assert read(text).published == published


@pytest.mark.parametrize("first, zone, published", [
    ("WASHINGTON — The first paragraph says what happened.", None, "2018-09-06T20:12:00-04:00"),  # dateline city
    ("The first paragraph says what happened in a sentence.", "Europe/Paris", "2018-09-06T20:12:00+02:00"),  # site.yaml
    ("The first paragraph says what happened in a sentence.", None, "2018-09-06"),   # no zone known: the date only
])
def test_time_zone_from_dateline_then_site_then_none(first, zone, published):
    text = f"The Daily Planet\nKim and Moon agree on a date for the summit\nSeptember 6, 2018 at 8:12 p.m.\n{first}\n"
    assert read(text, zone=zone).published == published


def test_wire_dateline_takes_its_year_from_the_seed_name_or_is_left_out():
    text = "Seoul and Pyongyang open office\nSEOUL, Sept 14 (Reuters) - The two Koreas opened an office.\n"
    assert read(text, "seeds/2018-09-14-reuters.txt").published == "2018-09-14"
    assert read(text).published is None


def test_stamp_choice_never_takes_a_revision():
    stamps = read_stamps("Last modified on Wed 19 Sep 2018 09.10 BST")
    assert stamps and choose(stamps) is None
    assert instant(choose(read_stamps("Published on 19/09/2018 at 08:41 GMT")), []) == "2018-09-19T08:41:00+00:00"


# --- furniture ----------------------------------------------------------------------------

def test_furniture_lines_are_removed_and_the_article_kept():
    text = ("The Daily Planet\nKim and Moon agree on a date for the summit\nBy Ann Lee\nSept. 6, 2018\nShare\n"
            "Copy link\nThe first paragraph of the story says what happened in a sentence or two.\nAdvertisement\n"
            "Story continues below advertisement\nMoon waves at the crowd. Moon waves at the crowd.\n"
            "Read more: Why the summit matters\nThe second paragraph gives the background, as second paragraphs do.\n"
            "이 기사가 마음에 드셨다면, 좋아요를 눌러주세요\nann.lee@example.com\nMost Viewed\nA headline about something else\n"
            "Another headline\n© 2018 The Daily Planet\n")
    assert read(text).paragraphs == ("The first paragraph of the story says what happened in a sentence or two.",
                                     "The second paragraph gives the background, as second paragraphs do.")


def test_photo_captions_go_but_a_bare_agency_credit_closing_the_story_stays():
    text = ("The Korea Herald\nTitle of the story here\nPublished : Sept. 6, 2018 - 15:18\nFirst paragraph, a sentence.\n"
            "Kim waves in Pyongyang. (Yonhap)\nMoon arrives. (Park Hyun-koo/The Korea Herald)\n"
            "Talks resume. (AP Photo/Lee Jin-man)\nA budget for the year (2018/19)\nLast paragraph, he said. (Yonhap)\n")
    assert read(text).paragraphs == ("First paragraph, a sentence.", "A budget for the year (2018/19)",
                                     "Last paragraph, he said. (Yonhap)")


# --- HTML and web clips -----------------------------------------------------------------------

ARTICLE_P = "".join(f"<p>Paragraph {n} of the article tells the reader what happened at the talks, in some detail.</p>"
                    for n in range(1, 4))


def html_page(head: str, body: str = "") -> bytes:
    return (f"<!doctype html><html><head>{head}</head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Page headline</h1>{body}{ARTICLE_P}</article><footer>© 2018 Outlet</footer></body></html>"
            ).encode("utf-8")


def test_html_metadata_in_order_json_ld_then_opengraph_then_time_then_meta_author_then_rel_author():
    json_ld = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"From JSON-LD",'
               '"datePublished":"2018-09-19T19:30:00+09:00","author":[{"@type":"Person","name":"Ann Lee"},'
               '{"@type":"Person","name":"Bo Kim"}],"publisher":{"@type":"Organization","name":"JSON Daily"}}</script>')
    og = ('<meta property="og:title" content="From OpenGraph"><meta property="og:site_name" content="OG Daily">'
          '<meta property="article:published_time" content="2018-09-18T10:00:00+00:00"><meta name="author" content="Cy Doe">'
          '<link rel="canonical" href="https://example.org/a?utm_source=x"><meta property="og:url" content="https://example.org/og">')
    time = '<time datetime="2018-09-17T08:00:00-04:00">Sept. 17</time><a rel="author" href="/d">Di Eve</a>'
    first = read(html_page(json_ld + og, time), "page.html")
    assert (first.title, first.publication, first.authors, first.published, first.url) == \
           ("From JSON-LD", "JSON Daily", ("Ann Lee", "Bo Kim"), "2018-09-19T19:30:00+09:00", "https://example.org/a?utm_source=x")
    second = read(html_page(og, time), "page.html")
    assert (second.title, second.publication, second.authors, second.published) == \
           ("From OpenGraph", "OG Daily", ("Cy Doe",), "2018-09-18T10:00:00+00:00")
    third = read(html_page("<title>Page headline | Title Times</title>", time), "page.html")
    assert (third.title, third.publication, third.authors, third.published, third.url) == \
           ("Page headline", "Title Times", ("Di Eve",), "2018-09-17T08:00:00-04:00", None)
    assert third.paragraphs[0].startswith("Paragraph 1 of the article")


def test_a_saved_page_is_never_read_as_text():
    clipping = read(html_page("<title>Page headline - Outlet</title>"), "seeds/page.txt")
    assert clipping.title == "Page headline" and not any("<" in p for p in clipping.paragraphs)


def test_web_clip_maps_its_front_matter_and_drops_the_clippers_furniture():
    clip = ("---\ntitle: \"Kim and Moon agree on a date\"\nsource: https://example.org/kim-moon\n"
            "author:\n  - \"[[Ann Lee]]\"\n  - Bo Kim\npublished: 2018-09-19T05:53:00-04:00\n"
            "description: The summit will be held in Pyongyang.\ntags: [clippings, summit]\n---\n"
            "[Skip to main content](#main)\n\n- [World](https://example.org/world)\n- [Asia](https://example.org/asia)\n\n"
            "# Kim and Moon agree on a date\n\nBy [Ann Lee](https://example.org/ann) and [Bo Kim](https://example.org/bo)\n\n"
            "[Share](https://example.org/s) [Comment](#c)\n\nThe first paragraph, with [a link](https://example.org/l), "
            "says what happened.\n\nRelated: [Another story](https://example.org/o)\n\n"
            "The second paragraph gives the background to the news.\n\n© 2018 The Daily Planet\n")
    clipping = read(clip, "seeds/clip.md")
    meta, body = split_article(article_markdown(clipping))
    assert meta == {"title": "Kim and Moon agree on a date", "publication": "The Daily Planet",
                    "author": ["Ann Lee", "Bo Kim"], "published": "2018-09-19T05:53:00-04:00",
                    "url": "https://example.org/kim-moon", "summary": "The summit will be held in Pyongyang.",
                    "tags": ["summit"]}
    assert body == ["The first paragraph, with [a link](https://example.org/l), says what happened.",
                    "The second paragraph gives the background to the news."]


def test_web_clip_with_broken_front_matter_names_the_line():
    with pytest.raises(ClippingError, match=r"^seeds/clip\.md:3:\d+: error: the web clip's front matter is not valid YAML"):
        read("---\ntitle: x\nauthor: [a, b\n---\nText.\n", "seeds/clip.md")


# --- the article file ---------------------------------------------------------------------------

def test_front_matter_is_quoted_where_yaml_would_change_the_value():
    clipping = Clipping("Yes", "2018", ("null", "Kim: ‘no’"), "2018-09-06", "https://example.org/a#b", ("x",))
    text = article_markdown(clipping)
    assert "published: '2018-09-06'\n" in text
    assert split_article(text)[0] == {"title": "Yes", "publication": "2018", "author": ["null", "Kim: ‘no’"],
                                      "published": "2018-09-06", "url": "https://example.org/a#b"}


def test_paragraphs_that_look_like_markdown_blocks_stay_paragraphs():
    paragraphs = ("# not a heading", "> not a quote", "- not a list", "* nor this", "+ nor this", "1. not ordered",
                  "2) not ordered", "---", "2018. A year of summits", "Fine as it is")
    _, body = split_article(article_markdown(Clipping("T", None, (), None, None, paragraphs)))
    html = markdown.markdown("\n\n".join(body))
    assert html.count("<p>") == len(paragraphs) and "<h1>" not in html and "<li>" not in html


@pytest.mark.parametrize("title, expected", [
    ("Special envoys’ NK visit fails to overcome stumbling blocks in denuclearization talks",
     "special-envoys-nk-visit-fails-to-overcome-stumbling-blocks"),
    ("Kim's letter: Trump 'looks forward' to 2nd summit", "kims-letter-trump-looks-forward-to-2nd-summit"),
    ("남북 공동연락사무소 개소", "nambug-gongdongyeonlagsamuso-gaeso"),
    ("!!!", "article"),
    ("x" * 80, "x" * 60),
])
def test_suggested_ids_are_valid_and_short(title, expected):
    assert suggest_id(title) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("He will visit on Tuesday. He met Kim on Tuesday.", "2018-09-14",
     [("2018-09-18", "on Tuesday"), ("2018-09-11", "on Tuesday")]),
    ("They met on Dec. 28.", "2019-01-03", [("2018-12-28", "Dec. 28")]),
    ("정상회담은 오는 18일부터 20일까지 열린다. 지난달과 이달 말.", "2018-09-14T15:07:00+09:00",
     [("2018-09-18/2018-09-20", "오는 18일부터 20일까지"), ("2018-08", "지난달"), ("2018-09-30~", "이달 말")]),
])
def test_dates_are_found_in_order_of_appearance(text, published, expected):
    assert find_dates(text, published) == expected


# --- input that is not an article ---------------------------------------------------------------

@pytest.mark.parametrize("data, name, message", [
    (b"", "seeds/x.txt", "the clipping is empty"),
    ("  \r\n\t\n\ufeff".encode(), "seeds/x.txt", "the clipping is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "seeds/x.txt", "a binary file, not a clipping"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "seeds/x.pdf", "a PDF file is not an article page"),
    ("Title\ncaf\xe9 au lait\n".encode("latin-1"), "seeds/x.txt", r"not UTF-8: byte 0xe9 at byte offset 9"),
    (b"<!doctype html><html><head><title>Home - Outlet</title></head><body><nav><a href='/a'>World</a>"
     b"<a href='/b'>Asia</a></nav><ul><li><a href='/1'>Headline one</a></li><li><a href='/2'>Headline two</a></li>"
     b"</ul></body></html>", "seeds/home.html", "no article text found in the page"),
    ("• Link copied\nShare\nhttps://example.org/x\n".encode(), "seeds/x.txt", "no title found"),
])
def test_input_that_is_not_an_article_is_refused(data, name, message):
    with pytest.raises(ClippingError, match=rf"^{re.escape(name)}(?::\d+:\d+)?: error: {message}"):
        read(data, name)
