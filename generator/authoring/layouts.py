"""What `import` knows about the pages people clip, kept as data.

A :class:`Layout` says how to recognise a kind of page, which lines of it are
page furniture, which line starts the junk after the article, and which
*readers* take metadata out of lines. A reader maps one line (already trimmed)
to a dict of found fields, or None when the line is not its kind. Fields:
``publication`` (str), ``authors`` (tuple), ``stamp`` (:class:`Stamp`),
``url`` (str) and ``month_day`` ((month, day) from a wire dateline).

The importer tries the layouts in order and uses the first whose ``detect``
accepts the page; ``GENERIC`` accepts anything. docs/import.md tells how to add
one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Sequence

Reader = Callable[[str], "dict | None"]


@dataclass(frozen=True)
class Stamp:
    """A publication time as the page prints it; the offset may still be unknown."""
    day: date
    time: str | None = None      # 'HH:MM'
    offset: str | None = None    # '+09:00'


def kst(day: date) -> str:
    return "+09:00"             # no daylight saving time in Korea since 1988


def us_eastern(day: date) -> str:
    """EDT from the second Sunday of March to the first Sunday of November (rules since 2007)."""
    def sunday(month: int, nth: int) -> date:
        first = date(day.year, month, 1)
        return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (nth - 1))
    return "-04:00" if sunday(3, 2) <= day < sunday(11, 1) else "-05:00"


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    zone: Callable[[date], str] | None = None   # for times printed without an offset


OUTLETS = (
    Outlet("The Korea Herald", ("Korea Herald",), ("koreaherald.com",), kst),
    Outlet("The Korea Times", ("Korea Times",), ("koreatimes.co.kr",), kst),
    Outlet("Korea JoongAng Daily", ("JoongAng Daily",), ("koreajoongangdaily.joins.com",), kst),
    Outlet("Yonhap News Agency", ("Yonhap",), ("en.yna.co.kr",), kst),
    Outlet("연합뉴스", (), ("yna.co.kr",), kst),
    Outlet("KBS 뉴스", ("KBS", "KBS News"), ("news.kbs.co.kr",), kst),
    Outlet("The Washington Post", ("Washington Post",), ("washingtonpost.com",), us_eastern),
    Outlet("The New York Times", ("New York Times",), ("nytimes.com",), us_eastern),
    Outlet("Reuters", (), ("reuters.com",)),
    Outlet("The Associated Press", ("Associated Press", "AP"), ("apnews.com",)),
    Outlet("Agence France-Presse", ("AFP",), ("afp.com",)),
    Outlet("38 North", (), ("38north.org",), us_eastern),
)
_BY_NAME = {alias.casefold(): o for o in OUTLETS for alias in (o.name, *o.aliases)}


def outlet(name: str) -> Outlet | None:
    return _BY_NAME.get(name.strip().casefold())


def outlet_of_url(url: str) -> Outlet | None:
    host = re.sub(r"^https?://(?:www\.)?", "", url).split("/")[0].lower()
    return next((o for o in OUTLETS for d in o.domains if host == d or host.endswith("." + d)), None)


_TIME_ZONES = {"KST": "+09:00", "JST": "+09:00", "EDT": "-04:00", "EST": "-05:00",
               "GMT": "+00:00", "UTC": "+00:00", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00"}
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
_TIME = r"(?:\s*(?:at|-|,|/|\|)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>(?i:[ap]\.?m\.?))?(?:\s*(?P<tz>[A-Z]{2,4})\b)?)?"
_EN_DATES = (
    re.compile(rf"(?:(?:Published|Posted)\s*:?\s*)?(?:[A-Z][a-z]+day,?\s+)?(?P<month>(?i:{MONTH}))\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}){_TIME}"),
    re.compile(rf"(?:(?:Published|Posted)\s*:?\s*)?(?P<day>\d{{1,2}})\s+(?P<month>(?i:{MONTH}))\s+(?P<year>\d{{4}}){_TIME}"),
)
_NUMERIC_DATE = re.compile(
    r"(?:(?:입력|등록|송고시간|기사입력|작성|Date|Published)\s*:?\s*)?(?P<year>\d{4})[.-](?P<month>\d{1,2})[.-](?P<day>\d{1,2})\.?"
    r"(?:[T\s]*\(?\s*(?P<ampm>오전|오후)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\)?(?P<offset>Z|[+-]\d{2}:?\d{2})?)?")


def month_number(name: str) -> int:
    return ("jan feb mar apr may jun jul aug sep oct nov dec".split().index(name[:3].lower())) + 1


def read_date(line: str) -> dict | None:
    """'Sept. 6, 2018 - 15:18', 'September 6, 2018 at 8:12 p.m. EDT', '입력 2018.09.14 (15:07)', ISO."""
    if len(line) > 100:
        return None
    for regex in _EN_DATES:
        if m := regex.match(line):
            return _stamp(int(m["year"]), month_number(m["month"]), int(m["day"]), m)
    if m := _NUMERIC_DATE.match(line):
        return _stamp(int(m["year"]), int(m["month"]), int(m["day"]), m)
    return None


def _stamp(year: int, month: int, day_: int, m: re.Match) -> dict | None:
    try:
        day = date(year, month, day_)
    except ValueError:
        return None
    if not m["hour"]:
        return {"stamp": Stamp(day)}
    hour, ampm = int(m["hour"]), (m["ampm"] or "").replace(".", "").lower()
    if ampm in ("pm", "오후") and hour < 12:
        hour += 12
    elif ampm in ("am", "오전") and hour == 12:
        hour = 0
    groups = m.groupdict()
    offset = groups.get("offset") or _TIME_ZONES.get(groups.get("tz") or "")
    if groups.get("tz") == "ET":
        offset = us_eastern(day)
    if offset == "Z":
        offset = "+00:00"
    elif offset and ":" not in offset:
        offset = offset[:3] + ":" + offset[3:]
    return {"stamp": Stamp(day, f"{hour:02d}:{m['minute']}", offset)}


_ROLE = re.compile(r"\b(?:(?:Senior|Staff|Chief|Foreign|Diplomatic|Political|Special)\s+)*"
                   r"(?:Reporter|Writer|Correspondent|Columnist)s?\b", re.I)
_PARTICLES = {"de", "da", "van", "von", "der", "bin", "al", "la", "le", "del"}


def split_names(text: str) -> tuple[str, ...] | None:
    """'David Nakamura and John Hudson' → both names; None unless every part looks like a name."""
    text = re.sub(r"\([^)]*\)?|\S+@\S+", " ", text.split(";")[0].split("|")[0])
    names = []
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", _ROLE.sub(" ", text)):
        words = part.split()
        if not words or outlet(part):
            continue
        if len(words) > 5 or not all(w[0].isupper() or w in _PARTICLES for w in words) or words[-1] in _PARTICLES:
            return None
        if any(ch.isdigit() for ch in part):
            return None
        names.append(" ".join(words))
    return tuple(names) or None


def read_byline(line: str) -> dict | None:
    """'By Jung Min-kyung', 'By X and Y', the cut-off 'By Jung Min-kyung (' at the foot."""
    m = re.fullmatch(r"(?:By|BY)\s+(.+)", line)
    names = split_names(m[1]) if m and len(line) <= 120 else None
    return {"authors": names} if names else None


def read_name_list(line: str) -> dict | None:
    """A bare 'Soo-jin Baek, Thomas Hale' header line (wire pages print no 'By')."""
    names = split_names(line) if len(line) <= 80 else None
    return {"authors": names} if names else None


_HANGUL_NAMES = r"[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*"


def read_reporter(line: str) -> dict | None:
    """'홍길동 기자 (gildong@yna.co.kr)' or '홍길동·김철수 기자' on a line of its own."""
    m = re.fullmatch(rf"({_HANGUL_NAMES})\s*(?:기자|특파원|선임기자)(?:\s*\(?[\w.+-]+@[\w.-]+\)?)?", line)
    return {"authors": tuple(re.split(r"\s*[·,]\s*", m[1]))} if m else None


def read_credits(line: str) -> dict | None:
    """Wire trailer 'Reporting by X in Seoul; Editing by Y': reporters and writers, never editors."""
    line = line.strip("()")
    if len(line) > 300 or not re.match(r"(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled)\s+by\s", line, re.I):
        return None
    authors: tuple[str, ...] = ()
    for part in line.split(";"):
        if m := re.match(r"\s*(?:Reporting|Writing)\s+by\s+(.+)", part, re.I):
            names = split_names(re.sub(r"\s+in\s+[A-Z][\w .'’-]*?(?=,|\s+and\s|$)", "", m[1].strip()))
            if names is None:
                return None
            authors += names
    return {"authors": authors}


def read_url(line: str) -> dict | None:
    m = re.fullmatch(r"(?:(?:Source|URL|Link|Original(?:\s+article)?|출처)\s*:?\s*)?<?(https?://\S+?)>?", line, re.I)
    return {"url": m[1]} if m else None


def read_outlet(line: str) -> dict | None:
    found = outlet(line)
    return {"publication": found.name} if found else None


WIRE_DATELINE = re.compile(
    rf"(?P<place>[A-Z][A-Z .'’/-]+(?:,\s*[A-Z][A-Za-z .'’-]+)?),?\s+(?:(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})\s+)?"
    r"\((?P<agency>Reuters|AP|AFP|Yonhap|UPI)\)\s*(?:-|–|—|--)")


def read_wire_dateline(line: str) -> dict | None:
    """'SEOUL, Sept 14 (Reuters) - …': the agency, and the day when the dateline has one."""
    m = WIRE_DATELINE.match(line)
    if not m:
        return None
    found = {"publication": outlet(m["agency"]).name}
    if m["month"]:
        found["month_day"] = (month_number(m["month"]), int(m["day"]))
    return found


def read_korean_dateline(line: str) -> dict | None:
    """Yonhap's '(서울=연합뉴스) 홍길동 기자 = …' opening the first paragraph."""
    m = re.match(rf"\((?:[^=()]+)=([^)]+)\)\s*({_HANGUL_NAMES})\s*(?:기자|특파원)\s*=", line)
    if not m:
        return None
    found = {"authors": tuple(re.split(r"\s*[·,]\s*", m[2]))}
    if known := outlet(m[1]):
        found["publication"] = known.name
    return found


def is_repeated_caption(line: str) -> bool:
    """A photo caption copied with its alt text: the same sentence twice on one line."""
    return re.fullmatch(r"(.{20,}?)\s+\1", line) is not None


_CREDIT = re.compile(r"\(([^()]*)\)\s*$")
_AGENCIES = r"Yonhap|AP|AFP|Reuters|EPA|KCNA|KNS|Xinhua|Getty Images|Bloomberg|Pool|Joint Press Corps|연합뉴스|뉴시스|뉴스1"


def photo_credit(line: str) -> str | None:
    """'bare' for '… (Yonhap)', 'photo' for '… (AP Photo/Ahn Young-joon)', else None."""
    m = _CREDIT.search(line)
    if not m or line.startswith("("):
        return None
    credit = m[1].strip()
    if re.fullmatch(_AGENCIES, credit):
        return "bare"
    named = re.fullmatch(r"[A-Z][\w .'’-]+/[A-Z][\w .'’-]+", credit)      # 'Park Hyun-koo/The Korea Herald'
    if (named or re.search(rf"\b(?:Photo|{_AGENCIES})\b|사진", credit)) and len(credit) <= 60:
        return "photo"
    return None


def lines_matching(*patterns: str) -> tuple[re.Pattern, ...]:
    """Whole-line patterns, case-insensitive, with any leading bullet glyph allowed."""
    return tuple(re.compile(rf"(?:[•·●▪◦‣∙■▶►]\s*)?(?:{p})", re.I) for p in patterns)


COMMON_FURNITURE = lines_matching(
    r"[•·●▪◦‣∙■◆※*–—-]+", r"Link copied|Copy link|Copy URL", r"Share(?: this (?:article|story))?|Share on \w+",
    r"Facebook|Twitter|X|LinkedIn|WhatsApp|KakaoTalk|E-?mail|Print|Print (?:this )?(?:article|story|page)",
    r"Home|Menu|Search|Close|Sign in|Log ?in|Subscribe|Skip to (?:main )?content",
    r"Font size|Text size|A\s*[+-]?|[+-]", r"Comments?|\d+\s+Comments?|Gift (?:this )?Article|Save|Listen|Bookmark",
    r"\d+\s+min(?:ute)?s?\s+read", r"Advertisement|Story continues below advertisement|ADVERTISEMENT",
    rf"(?:Updated|Last updated|Modified)\s*:?\s*(?:\d|{MONTH}).*|수정\s*:?\s*\d.*|업데이트\s*\d.*",
    r"(?:©|ⓒ|\(c\)|Copyright\b).*", r".*All rights reserved\.?", r".*무단\s*전재.*",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", r"Editing by .*", r"Read more:.+",
)
COMMON_TRAILERS = lines_matching(
    r"Most (?:Read|Popular|Viewed)(?: (?:Articles|Stories|News))?", r"Related (?:Articles?|Stories|News|Content)",
    r"Recommended(?: for you| stories| articles)?", r"Trending(?: Now)?", r"Read more:?",
)


@dataclass(frozen=True)
class Layout:
    """One kind of page. Readers run in order; the first to recognise a line consumes it."""
    name: str
    detect: Callable[[Sequence[str]], bool]
    header_readers: tuple[Reader, ...] = (read_outlet, read_date)  # before the body only
    readers: tuple[Reader, ...] = (read_byline, read_url)          # anywhere in the page
    first_paragraph_readers: tuple[Reader, ...] = ()             # read, but the text stays
    body_start: re.Pattern | None = None   # when set, header lines before it are never body
    header_extra: Reader | None = None     # other header lines after the title; unread ones are dropped
    furniture: tuple[re.Pattern, ...] = ()
    trailers: tuple[re.Pattern, ...] = ()
    publication: str | None = None
    zone: Callable[[date], str] | None = None


def _hangul_share(lines: Sequence[str]) -> float:
    letters = [ch for line in lines for ch in line if ch.isalpha()]
    return sum("가" <= ch <= "힣" for ch in letters) / max(len(letters), 1)


KOREA_HERALD = Layout(
    name="korea-herald",
    detect=lambda lines: lines[0] == "The Korea Herald" or any(
        re.match(rf"Published\s*:\s*{MONTH}\s*\d{{1,2}},\s*\d{{4}}\s*-\s*\d{{1,2}}:\d{{2}}", line) for line in lines[:30]),
    furniture=lines_matching(r"(?:The )?Korea Herald", r"National|North Korea|Politics|Social affairs|Diplomacy|Defense|"
                             r"Business|Finance|Industry|Life&Style|Entertainment|Sports|World|Opinion"),
    publication="The Korea Herald", zone=kst,
)

KOREAN_PORTAL = Layout(
    name="korean-portal",
    detect=lambda lines: _hangul_share(lines) > 0.3,
    readers=(read_reporter, read_url),
    first_paragraph_readers=(read_korean_dateline,),
    furniture=lines_matching(
        r"공유(?:하기)?|기사 공유|기사 스크랩|스크랩|인쇄(?:하기)?|글자\s*크기(?:\s*(?:설정|조정))?|본문 글자 크기.*",
        r"페이스북|트위터|카카오톡|카카오스토리|네이버 ?블로그|밴드|링크 ?복사|URL ?복사|좋아요|싫어요|댓글(?:\s*\d+)?",
        r"(?:기자\s*)?구독(?:하기)?|기자의 다른 기사|이전 기사|다음 기사|닫기|전체\s*메뉴|메뉴|검색|로그인|홈",
        r"뉴스|정치|경제|사회|문화|국제|북한|스포츠|연예|IT·과학|전국|오피니언|속보|전체기사", r"▶.*", r"송고시간\s*$",
    ),
    trailers=lines_matching(r"많이 본 (?:기사|뉴스)", r"관련\s*기사", r"추천 기사", r"(?:이 시각 )?주요\s*뉴스",
                            r"핫(?:이슈| 뉴스)", r"최신 기사"),
    zone=kst,
)

WIRE = Layout(
    name="wire",
    detect=lambda lines: any(WIRE_DATELINE.match(line) for line in lines[:40]),
    header_extra=read_name_list,
    readers=(read_credits, read_byline, read_url),
    first_paragraph_readers=(read_wire_dateline,),
    body_start=WIRE_DATELINE,
    furniture=lines_matching(r"World News|\d+\s+Min Read|FILE PHOTO:.*|Slideshow \(\d+ Images?\)", r"_{3,}"),
    trailers=lines_matching(r"Our Standards: The Thomson Reuters Trust Principles\.?"),
)

US_NEWSPAPER = Layout(
    name="us-newspaper",
    detect=lambda lines: any(line in ("Skip to main content", "Sections", "Democracy Dies in Darkness") for line in lines[:40])
    or any(re.search(r"\d{4},? at \d{1,2}:\d{2} [ap]\.m\. E[SD]?T", line) for line in lines[:40]),
    furniture=lines_matching(
        r"Sections|Democracy Dies in Darkness",
        r"World|Asia|Asia & Pacific|Asia Pacific|Americas|Europe|Politics|National Security|Opinions|U\.S\.",
        r"Listen to article|\d+ min",
    ),
    trailers=lines_matching(r"Today[’']s WorldView|The Post Recommends|Already a subscriber\?.*"),
    zone=us_eastern,
)

GENERIC = Layout(
    name="generic",
    detect=lambda lines: True,
    readers=(read_credits, read_byline, read_reporter, read_url),
)

LAYOUTS = (KOREA_HERALD, KOREAN_PORTAL, WIRE, US_NEWSPAPER, GENERIC)


def detect(lines: Sequence[str]) -> Layout:
    """The first layout that recognises the page's non-blank lines."""
    return next(layout for layout in LAYOUTS if layout.detect(lines))
