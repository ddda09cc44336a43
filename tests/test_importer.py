"""`import`: clipped pages of every known layout become article files."""
from __future__ import annotations

import io
import re
from pathlib import Path

import markdown
import pytest
import yaml

from generator.authoring import layouts
from generator.authoring.importer import (Clipping, ClippingError, article_markdown, find_dates, parse_clipping,
                                read_seed, run_import, suggest_id)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2018-09-06-korea-herald-envoys-visit.txt"
CLIPPINGS = Path(__file__).resolve().parent / "clippings"


def split_article(text: str) -> tuple[dict, list[str]]:
    """Front matter as YAML reads it, and the body's paragraphs."""
    assert text.startswith("---\n") and text.endswith("\n")
    front, body = text[4:].split("\n---\n\n", 1)
    return yaml.safe_load(front), body[:-1].split("\n\n")


# Each fixture: the layout that must recognise it, the exact front matter, the exact body
# paragraphs, and lines of page furniture that must not survive.
FIXTURES = {
    "2018-09-14-korea-herald-liaison-office.txt": (
        "korea-herald",
        {"title": "Koreas open joint liaison office in Kaesong ahead of summit",
         "publication": "The Korea Herald", "author": "Park Hye-rin", "published": "2018-09-14T17:42:00+09:00"},
        ("The two Koreas on Friday opened a joint liaison office in the North’s border town of Kaesong, the first "
         "permanent channel for round-the-clock communication since the peninsula was divided.",
         "Officials from both sides attended the opening ceremony, which had been delayed for weeks over concerns "
         "that supplying electricity and equipment to the North could breach international sanctions.",
         "“The office will allow us to talk any time, on any issue,” Vice Unification Minister Chun Hae-sung told "
         "reporters after the ceremony.",
         "Seoul said the office would help prepare the summit between President Moon Jae-in and North Korean leader "
         "Kim Jong-un, set for Sept. 18-20 in Pyongyang.",
         "- The office will be staffed by about 20 officials from each side, the ministry said."),
        ("North Korea", "Updated : Sept. 14, 2018 - 18:05", "• Link copied", "• Share", "• Print", "• A-", "• A+",
         "South and North Korean officials cut a ribbon at the opening ceremony of the joint liaison office in "
         "Kaesong on Friday. (Yonhap)",
         "By Park Hye-rin (hrpark@heraldcorp.com)", "© 2018 The Korea Herald. All rights reserved.", "Most Popular",
         "1 Seoul stocks close higher on tech gains"),
    ),
    "2018-09-14-reuters-liaison-office.txt": (
        "wire",
        {"title": "North, South Korea open liaison office days before Pyongyang summit", "publication": "Reuters",
         "author": ["Soo-jin Baek", "Thomas Hale"], "published": "2018-09-14"},
        ("SEOUL, Sept 14 (Reuters) - North and South Korea opened a liaison office on Friday in the border city of "
         "Kaesong, a step both sides said would ease communication ahead of a summit in Pyongyang next week.",
         "The office, agreed at the first summit between the leaders in April, will be staffed around the clock by "
         "officials from both Koreas.",
         "Washington has urged Seoul to make sure that cooperation with Pyongyang does not run ahead of efforts to "
         "dismantle the North’s nuclear weapons programme.",
         "“We are closely coordinating with our allies,” a State Department spokeswoman said, declining to comment "
         "on the office directly.",
         "South Korean President Moon Jae-in is due to travel to Pyongyang on Tuesday for three days of talks with "
         "Kim Jong Un."),
        ("World News", "Soo-jin Baek, Thomas Hale", "3 Min Read",
         "FILE PHOTO: A view of the inter-Korean industrial complex in Kaesong, North Korea.",
         "Reporting by Soo-jin Baek in Seoul and Thomas Hale in Washington; Additional reporting by Ann Lee; "
         "Editing by Sam Holmes",
         "Our Standards: The Thomson Reuters Trust Principles.", "Asian shares edge up as trade worries ease"),
    ),
    "2018-09-06-ap-kim-timeline.txt": (
        "wire",
        {"title": "Kim tells envoys he wants denuclearization during Trump’s first term",
         "publication": "The Associated Press", "author": ["Lena Park", "Mark Ruiz"], "published": "2018-09-06"},
        ("SEOUL, South Korea (AP) — North Korean leader Kim Jong Un wants to achieve the denuclearization of the "
         "Korean Peninsula before President Donald Trump’s first term ends in early 2021, South Korean officials "
         "said Thursday after meeting him in Pyongyang.",
         "The officials said Kim also expressed frustration over what he called a lack of recognition in "
         "Washington for steps the North has already taken.",
         "The envoys said the two Koreas will hold their third summit in Pyongyang between Sept. 18 and 20.",
         "Associated Press writer Mark Ruiz in Washington contributed to this report."),
        ("AP", "By Lena Park and Mark Ruiz", "September 6, 2018", "___",
         "North Korean leader Kim Jong Un, right, shakes hands with South Korea’s national security adviser Chung "
         "Eui-yong in Pyongyang, North Korea, on Wednesday. (South Korean Presidential Office via AP)",
         "Copyright 2018 The Associated Press. All rights reserved. This material may not be published, broadcast, "
         "rewritten or redistributed."),
    ),
    "2018-09-14-kbs-liaison-office.txt": (
        "korean-portal",
        {"title": "남북 공동연락사무소 개성에서 개소…“24시간 소통 채널 열렸다”", "publication": "KBS 뉴스",
         "author": "김민준", "published": "2018-09-14T15:07:00+09:00"},
        ("남북 공동연락사무소가 오늘 개성공단에서 문을 열었습니다.",
         "남북은 이곳에서 24시간 상시 소통하며 다음 주 평양 정상회담 준비에도 속도를 낼 계획입니다.",
         "연락사무소는 당초 지난달 문을 열 예정이었지만 대북 제재 위반 논란으로 개소가 미뤄졌습니다.",
         "지난 5일 특사단의 방북 때 남북은 정상회담 전에 사무소를 열기로 합의했습니다.",
         "3차 남북정상회담은 오는 18일부터 20일까지 평양에서 열립니다."),
        ("전체메뉴", "검색", "정치", "북한", "입력 2018.09.14 (15:07)", "수정 2018.09.14 (16:20)", "공유하기",
         "기사 스크랩", "글자크기 설정", "14일 개성에서 열린 공동연락사무소 개소식에서 남북 관계자들이 기념 촬영을 하고 있다. (사진=연합뉴스)",
         "김민준 기자 (minjun@kbs.co.kr)", "Copyright ⓒ KBS. All rights reserved. 무단 전재, 재배포 및 이용(AI 학습 포함) 금지",
         "많이 본 기사", "1 가을 태풍 북상…주말 남부지방 비"),
    ),
    "2018-09-14-yonhap-liaison-office.txt": (
        "korean-portal",
        {"title": "남북, 개성 공동연락사무소 개소…정상회담 앞두고 상시 소통", "publication": "연합뉴스",
         "author": "김지수", "published": "2018-09-14T11:32:00+09:00"},
        ("(서울=연합뉴스) 김지수 기자 = 남북이 14일 개성에서 공동연락사무소 개소식을 열고 상시 소통 체제에 들어갔다.",
         "통일부는 연락사무소가 남북 정상회담 준비와 합의 이행 논의의 중심 창구가 될 것이라고 밝혔다.",
         "북측 관계자는 “북남 사이 소통이 한층 원활해질 것”이라고 말했다."),
        ("송고시간2018-09-14 11:32", "공유", "댓글", "글자크기조정", "인쇄", "jisoo@yna.co.kr", "▶제보는 카톡 okjebo",
         "ⓒ 연합뉴스 무단전재 및 재배포 금지", "관련 기사", "남북정상회담 18∼20일 평양 개최"),
    ),
    "2018-09-06-washington-post-envoys.txt": (
        "us-newspaper",
        {"title": "Kim gives South Korean envoys a message for Trump, but no new steps on weapons",
         "publication": "The Washington Post", "author": ["Rachel Orloff", "Daniel Pierce", "Minji Seo"],
         "published": "2018-09-06T20:12:00-04:00"},
        ("SEOUL — North Korean leader Kim Jong Un told visiting South Korean envoys that his faith in President "
         "Trump was “unchanged,” according to officials in Seoul, but offered no new steps toward giving up his "
         "nuclear weapons.",
         "The message, relayed on Thursday by Chung Eui-yong, South Korea’s national security adviser, was the "
         "latest attempt to revive talks that stalled after Trump called off a trip to Pyongyang by Secretary of "
         "State Mike Pompeo last month.",
         "Kim wants to see denuclearization achieved before the end of Trump’s first term in early 2021, Chung said.",
         "Analysts in Washington were skeptical. “We have heard this before,” said a former State Department "
         "official who asked not to be named."),
        ("Sections", "Skip to main content", "Sign In", "Subscribe", "Democracy Dies in Darkness", "World", "Asia",
         "Share", "Comment", "Gift Article",
         "South Korean national security adviser Chung Eui-yong, left, meets North Korean leader Kim Jong Un in "
         "Pyongyang on Wednesday. (South Korean Presidential Office/AP)",
         "Read more: Trump cancels Pompeo’s trip to North Korea, citing lack of progress", "Read more:",
         "What happened at the Singapore summit", "Most Read", "Another headline"),
    ),
    "2018-09-17-peninsula-notes-liaison.txt": (
        "generic",
        {"title": "What the Kaesong liaison office can and cannot do", "author": "Ann Example",
         "published": "2018-09-17", "url": "https://peninsula-notes.example.org/2018/09/17/what-the-liaison-office-can-do/"},
        ("The joint liaison office that opened in Kaesong on Sept. 14 gives the two Koreas something they have "
         "rarely had: a place where officials sit in the same building every day.",
         "It cannot, on its own, move the nuclear talks. Those remain a matter between Washington and Pyongyang.",
         "# What to watch",
         "1. Whether the office stays open if the talks stall again."),
        ("Home", "Share on Twitter", "Share on Facebook", "Related Articles", "Why the summit in Pyongyang matters"),
    ),
    "2018-09-20-summit-calendar.txt": (
        "generic",
        {"title": "Summit calendar: what the two Koreas have agreed so far", "publication": "The Korea Herald",
         "published": "2018-09-20", "url": "https://www.koreaherald.com/view.php?ud=20180920000000"},
        ("The leaders of the two Koreas signed a joint declaration in Pyongyang on Wednesday.",
         "Under the declaration, North Korea agreed to permanently dismantle its Dongchang-ri missile engine test "
         "site in the presence of experts from concerned countries.",
         "* Both sides agreed to work toward a joint bid for the 2032 Summer Olympics."),
        ("Print this page", "Compiled by the desk", "Copyright The Korea Herald"),
    ),
}


def fixture_text(name: str) -> str:
    return (CLIPPINGS / name).read_bytes().decode("utf-8")


def test_every_fixture_is_tested():
    assert sorted(p.name for p in CLIPPINGS.glob("*.txt")) == sorted(FIXTURES)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_is_recognised_and_cleaned(name):
    layout, front, paragraphs, furniture = FIXTURES[name]
    text = fixture_text(name)
    assert layouts.detect([line.strip() for line in text.splitlines() if line.strip()]).name == layout
    clipping = parse_clipping(text, name)
    assert clipping.paragraphs == paragraphs
    meta, body = split_article(article_markdown(clipping))
    assert meta == front
    assert list(meta) == [key for key in ("title", "publication", "author", "published", "url") if key in front]
    for line in furniture:
        assert line not in clipping.paragraphs and line not in body and line != clipping.title


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_line_endings_and_bom_do_not_change_the_result(name):
    text = fixture_text(name).lstrip("\ufeff").replace("\r\n", "\n")
    expected = parse_clipping(text, name)
    assert parse_clipping(text.replace("\n", "\r\n"), name) == expected
    assert parse_clipping("\ufeff" + text.replace("\n", "\r\n"), name) == expected
    assert parse_clipping(text.replace("\n", "\r"), name) == expected


def test_crlf_and_bom_fixtures_keep_their_bytes():
    assert (CLIPPINGS / "2018-09-06-ap-kim-timeline.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    for name in ("2018-09-06-ap-kim-timeline.txt", "2018-09-20-summit-calendar.txt"):
        data = (CLIPPINGS / name).read_bytes()
        assert data.count(b"\r\n") == data.count(b"\n") > 5


# --- the Korea Herald seed ---------------------------------------------------------------

SEED_FURNITURE = {
    "The Korea Herald",
    "Special envoys’ NK visit fails to overcome stumbling blocks in denuclearization talks",
    "By Jung Min-kyung", "Published : Sept. 6, 2018 - 15:18", "• Link copied", "By Jung Min-kyung (",
}


def test_seed_is_imported_with_every_paragraph_and_no_furniture():
    text = SEED.read_text(encoding="utf-8")
    clipping = parse_clipping(text, "seeds/" + SEED.name)
    meta, body = split_article(article_markdown(clipping))
    assert meta == {"title": "Special envoys’ NK visit fails to overcome stumbling blocks in denuclearization talks",
                    "publication": "The Korea Herald", "author": "Jung Min-kyung",
                    "published": "2018-09-06T15:18:00+09:00"}
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    captions = [block for block in blocks if block.endswith("(Yonhap)")]
    assert len(captions) == 1 and layouts.is_repeated_caption(captions[0])
    expected = tuple(block for block in blocks if block not in SEED_FURNITURE and block not in captions)
    assert len(expected) == 13
    assert clipping.paragraphs == expected
    assert body == list(expected)


def test_seed_dates_are_found_relative_to_publication():
    clipping = parse_clipping(SEED.read_text(encoding="utf-8"))
    assert find_dates("\n\n".join(clipping.paragraphs), clipping.published) == [
        ("2018-09-05", "on Wednesday"), ("2018-08", "last month"), ("2018-09-05", "Wednesday’s"),
        ("2018-08-31~", "the end of August"), ("2018-09-18/2018-09-20", "between Sept. 18 and 20")]


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
    assert body[0] == "\\# not a heading" and body[5] == "1\\. not ordered" and body[-1] == "Fine as it is"


# --- readers that the fixtures do not cover -----------------------------------------------

def test_wire_dateline_takes_its_year_from_the_seed_name_or_is_left_out():
    text = "Seoul and Pyongyang open office\nSEOUL, Sept 14 (Reuters) - The two Koreas opened an office.\n"
    assert parse_clipping(text, "seeds/2018-09-14-reuters.txt").published == "2018-09-14"
    assert parse_clipping(text).published is None


def test_wire_authors_come_from_the_credits_without_editors():
    text = ("Reuters\nTitle of the story\nSEOUL, Sept 14 (Reuters) - Text.\n"
            "(Reporting by Ann Lee in Seoul and Bo Kim; Writing by Cy Doe; Editing by Ed Itor)\n")
    clipping = parse_clipping(text)
    assert clipping.authors == ("Ann Lee", "Bo Kim", "Cy Doe") and clipping.paragraphs == ("SEOUL, Sept 14 (Reuters) - Text.",)


@pytest.mark.parametrize("line, published", [
    ("December 3, 2018 at 9:00 a.m.", "2018-12-03T09:00:00-05:00"),
    ("September 6, 2018 at 8:12 p.m.", "2018-09-06T20:12:00-04:00"),
    ("Sept. 6, 2018", "2018-09-06"),
    ("Thursday, September 6, 2018 9:00 PM ET", "2018-09-06T21:00:00-04:00"),
])
def test_us_newspaper_times_get_the_eastern_offset_of_the_day(line, published):
    text = f"Skip to main content\nSome headline\nBy Ann Lee, Bo Kim and Cy Doe\n{line}\nBody text.\n"
    clipping = parse_clipping(text)
    assert clipping.published == published and clipping.authors == ("Ann Lee", "Bo Kim", "Cy Doe")


def test_photo_captions_go_but_a_bare_agency_credit_closing_the_story_stays():
    text = ("The Korea Herald\nTitle\nPublished : Sept. 6, 2018 - 15:18\nFirst paragraph.\n"
            "Kim waves in Pyongyang. (Yonhap)\nMoon arrives. (Park Hyun-koo/The Korea Herald)\n"
            "Talks resume. (AP Photo/Lee Jin-man)\nA budget for the year (2018/19)\nLast paragraph, he said. (Yonhap)\n")
    assert parse_clipping(text).paragraphs == ("First paragraph.", "A budget for the year (2018/19)",
                                               "Last paragraph, he said. (Yonhap)")


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
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", suggest_id(title)) and len(suggest_id(title)) <= 60


@pytest.mark.parametrize("text, published, expected", [
    ("He will visit on Tuesday. He met Kim on Tuesday.", "2018-09-14",
     [("2018-09-18", "on Tuesday"), ("2018-09-11", "on Tuesday")]),
    ("Talks between Sept. 28 and Oct. 2, then June 12, 2019, in May and next week.", "2018-09-14",
     [("2018-09-28/2018-10-02", "between Sept. 28 and Oct. 2"), ("2019-06-12", "June 12, 2019"), ("2018-05", "in May"),
      ("2018-09-17/2018-09-23", "next week")]),
    ("It may happen in early October or late 2018.", "2018-09-14", [("2018-10-01/2018-10-10", "early October")]),
    ("They met on Dec. 28.", "2019-01-03", [("2018-12-28", "Dec. 28")]),
    ("on Wednesday, last month, Sept. 18, Sept. 18, 2018", None, [("2018-09-18", "Sept. 18, 2018")]),
    ("정상회담은 오는 18일부터 20일까지, 9월 18∼20일 열린다. 지난달과 이달 말, 지난 5일.", "2018-09-14T15:07:00+09:00",
     [("2018-09-18/2018-09-20", "오는 18일부터 20일까지"), ("2018-09-18/2018-09-20", "9월 18∼20일"),
      ("2018-08", "지난달"), ("2018-09-30~", "이달 말"), ("2018-09-05", "지난 5일")]),
])
def test_dates_are_found_in_order_of_appearance(text, published, expected):
    assert find_dates(text, published) == expected


# --- errors ----------------------------------------------------------------------------

def test_non_utf8_clipping_names_the_byte_and_line(tmp_path):
    seed = tmp_path / "bad.txt"
    seed.write_bytes("Title\ncaf\xe9 au lait\n".encode("latin-1"))
    with pytest.raises(ClippingError, match=r"^seeds/bad\.txt:2:4: error: not UTF-8: byte 0xe9 at byte offset 9"):
        read_seed(seed, "seeds/bad.txt")


@pytest.mark.parametrize("text, message", [
    ("", "the clipping is empty"), ("  \r\n\t\n\ufeff", "the clipping is empty"),
    ("• Link copied\nShare\nhttps://example.org/x\n", "no title found"),
])
def test_clipping_without_content_is_refused(text, message):
    with pytest.raises(ClippingError, match=rf"^seeds/x\.txt: error: {message}"):
        parse_clipping(text, "seeds/x.txt")


# --- the command -------------------------------------------------------------------------

PEOPLE = {"chung-eui-yong": ["Chung Eui-yong"], "kim-jong-un": ["Kim Jong-un", "Kim Jong Un"],
          "mike-pompeo": ["Mike Pompeo"]}


def test_import_writes_the_article_and_names_what_to_write_next(tmp_path):
    out = io.StringIO()
    assert run_import(tmp_path, SEED, out=out, people_names=PEOPLE) == 0
    target = tmp_path / "content" / "articles" / "special-envoys-nk-visit-fails-to-overcome-stumbling-blocks.md"
    assert target.read_text(encoding="utf-8") == article_markdown(parse_clipping(SEED.read_text(encoding="utf-8")))
    assert out.getvalue().splitlines() == [
        "wrote content/articles/special-envoys-nk-visit-fails-to-overcome-stumbling-blocks.md",
        "mentions: kim-jong-un, chung-eui-yong, mike-pompeo",
        "dates: 2018-09-05 (on Wednesday)", "dates: 2018-08 (last month)", "dates: 2018-09-05 (Wednesday’s)",
        "dates: 2018-08-31~ (the end of August)", "dates: 2018-09-18/2018-09-20 (between Sept. 18 and 20)"]
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_import_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "content" / "articles" / "envoys.md"
    target.parent.mkdir(parents=True)
    target.write_text("mine\n", encoding="utf-8")
    out = io.StringIO()
    assert run_import(tmp_path, SEED, article_id="envoys", out=out) == 1
    assert out.getvalue() == ("content/articles/envoys.md: error: already exists; "
                              "use --force to replace it or --id to choose another id\n")
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert run_import(tmp_path, SEED, article_id="envoys", force=True, out=io.StringIO()) == 0
    assert target.read_text(encoding="utf-8").startswith("---\ntitle: Special envoys’")


def test_dry_run_prints_the_file_and_writes_nothing(tmp_path):
    out = io.StringIO()
    assert run_import(tmp_path, SEED, dry_run=True, out=out) == 0
    assert out.getvalue() == article_markdown(parse_clipping(SEED.read_text(encoding="utf-8")))
    assert not (tmp_path / "content").exists()


def test_invalid_id_is_refused_with_a_suggestion(tmp_path):
    out = io.StringIO()
    assert run_import(tmp_path, SEED, article_id="../Envoys Visit", out=out) == 2
    assert out.getvalue() == ("error: '../Envoys Visit' is not a valid article id: use lowercase ASCII letters, "
                              "digits and hyphens; did you mean 'envoys-visit'?\n")
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("content, message", [
    (None, r"seeds/missing\.txt: error: cannot read the clipping: No such file or directory"),
    (b"", r"seeds/missing\.txt: error: the clipping is empty"),
    (b"\xff\xfeT\x00", r"seeds/missing\.txt:1:1: error: not UTF-8: byte 0xff at byte offset 0"),
])
def test_unusable_seed_gives_one_line_and_exit_1(tmp_path, content, message):
    seed = tmp_path / "seeds" / "missing.txt"
    if content is not None:
        seed.parent.mkdir()
        seed.write_bytes(content)
    out = io.StringIO()
    assert run_import(tmp_path, seed, out=out) == 1
    assert re.fullmatch(message + r"[^\n]*\n", out.getvalue())


def test_import_warns_about_fields_it_could_not_find(tmp_path):
    seed = tmp_path / "seeds" / "2018-09-17-notes.txt"
    seed.parent.mkdir()
    seed.write_bytes((CLIPPINGS / "2018-09-17-peninsula-notes-liaison.txt").read_bytes())
    out = io.StringIO()
    assert run_import(tmp_path, seed, out=out, people_names={}) == 0
    assert out.getvalue().splitlines() == [
        "wrote content/articles/what-the-kaesong-liaison-office-can-and-cannot-do.md",
        "content/articles/what-the-kaesong-liaison-office-can-and-cannot-do.md: warning: no publication found "
        "in the clipping; fill it in by hand",
        "mentions: none", "dates: 2018-09-14 (Sept. 14)"]
