"""Bylines in their common forms: 'By A and B', 'A, B | Outlet', 'A in Tokyo and B in Seoul',
'Reporting by A in Seoul; Editing by B', '홍길동 기자', '평양/공동취재단, 김보협 이제훈 기자',
'Kang Seung-woo ksw@koreatimes.co.kr'. Authors are people's names only: no roles, no
e-mail addresses, no editors, no outlets."""
from __future__ import annotations

import re

from .zones import CITIES, COUNTRIES

EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_ROLE = re.compile(r"\b(?:(?:Senior|Staff|Chief|Foreign|Diplomatic|Political|Special|Contributing|Associate)\s+)*"
                   r"(?:Reporters?|Writers?|Correspondents?|Columnists?|Editors?)\b", re.I)
_PARTICLES = {"de", "da", "van", "von", "der", "bin", "al", "la", "le", "del", "di", "du", "dos", "ter"}
# Words that make a capitalised phrase a place, a section or an organisation, not a person.
NOT_NAME_WORDS = {
    "north", "south", "east", "west", "asia", "pacific", "world", "news", "politics", "sections", "opinion",
    "opinions", "national", "international", "business", "sport", "sports", "culture", "home", "menu", "the",
    "press", "agency", "agencies", "staff", "desk", "editors", "times", "post", "herald", "daily", "journal",
    "media", "network", "office", "ministry", "department", "house", "council", "nations", "united", "states",
    "democracy", "korea", "korean", "peninsula", "security", "defense", "defence", "summit", "talks", "america",
    "europe", "americas", "middle", "global", "breaking", "latest", "video", "photos", "features", "analysis",
    *CITIES, *COUNTRIES,
}
_HANGUL_NAME = r"[가-힣]{2,4}"
_KOREAN_ROLE = r"(?:선임기자|기자|특파원|논설위원|통신원)"
_KOREAN_BYLINE = re.compile(
    rf"(?:\(?[가-힣]+\s*[=/]\s*[^)\s,]*\)?\s*,?\s*)?(?P<names>{_HANGUL_NAME}(?:\s*[·,\s]\s*{_HANGUL_NAME})*)\s*{_KOREAN_ROLE}"
    rf"(?:\s*[(<]?\s*{EMAIL}\s*[)>]?)?\s*")
_KOREAN_DATELINE = re.compile(rf"\((?P<place>[가-힣]+)\s*=\s*(?P<outlet>[^)]+)\)\s*(?P<names>{_HANGUL_NAME}"
                              rf"(?:\s*[·,]\s*{_HANGUL_NAME})*)\s*{_KOREAN_ROLE}\s*[=|]")


def is_name(text: str) -> bool:
    """'Choe Sang-Hun', "Chad O'Carroll", 'Ludwig van Beethoven', '김보협': a person's name."""
    if re.fullmatch(_HANGUL_NAME, text):
        return True
    words = text.split()
    if not 2 <= len(words) <= 5 or words[-1] in _PARTICLES or any(ch.isdigit() for ch in text):
        return False
    if any(w.lower().strip(".,") in NOT_NAME_WORDS for w in words):
        return False
    return all(re.fullmatch(r"[A-Z][\w'’.-]*", w) or w in _PARTICLES for w in words) and not text.isupper()


def split_names(text: str, publications: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The names in 'A, B and C', 'A with B in Seoul', 'A and B, CNN'; None unless every part
    is a name (or an outlet named in publications, which is dropped)."""
    text = re.sub(rf"\([^)]*\)?|\[[^\]]*\]?|<?{EMAIL}>?", " ", text.split(";")[0])
    text = _ROLE.sub(" ", text)
    names: list[str] = []
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s+with\s+|\s*&\s*|\s*\|\s*", text):
        part = re.sub(r"\s+(?:in|from)\s+[A-Z][\w .'’-]*$", "", part.strip(" .,:-–—"))
        if not part:
            continue
        if any(part.casefold() == p.casefold() for p in publications) or part.isupper():
            continue                                    # 'CNN', '| NK News'
        if not is_name(part):
            return None
        names.append(" ".join(part.split()))
    return tuple(dict.fromkeys(names)) or None


def read_byline(line: str, publications: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The authors a byline names, () for a credit line that names no one ('Compiled by
    the desk'), None when the line is not a byline."""
    if len(line) > 160:
        return None
    if m := re.fullmatch(r"(?:By|BY|by)\s*:?\s+(.+)", line):
        return split_names(m[1], publications) or (() if not re.search(r"[.!?]$", line) and len(line) < 60 else None)
    if re.match(r"\(?(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Produced)\s+by\s", line, re.I):
        return _credits(line.strip("()"), publications)
    if m := _KOREAN_BYLINE.fullmatch(line):
        return tuple(re.split(r"\s*[·,\s]\s*", m["names"].strip()))
    if m := re.fullmatch(rf"(.+?)\s*[(<]?\s*{EMAIL}\s*[)>]?", line):
        return split_names(m[1], publications)
    if "|" in line and (names := split_names(line.split("|")[0], publications)):
        return names                                       # 'A, B | Outlet'
    return None


def read_name_list(line: str, publications: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """A header line of names alone: 'Soo-jin Baek, Thomas Hale', 'A in Tokyo and B in Seoul'."""
    line = re.sub(r"^[-*•]\s+", "", line)
    if len(line) > 100 or re.search(r"[가-힣]", line):
        return None                                # a Korean byline always says 기자
    return split_names(line, publications)


def _credits(line: str, publications: tuple[str, ...]) -> tuple[str, ...]:
    """'Reporting by X in Seoul and Y; Writing by Z; Editing by W' gives X, Y and Z."""
    authors: tuple[str, ...] = ()
    for part in line.split(";"):
        if m := re.match(r"\s*(?:Reporting|Writing)\s+by\s+(.+)", part, re.I):
            text = re.sub(r"\s+in\s+[A-Z][\w .'’-]*?(?=,|\s+and\s|$)", "", m[1].strip())
            authors += split_names(text, publications) or ()
    return authors


def read_korean_dateline(paragraph: str) -> tuple[str, tuple[str, ...]] | None:
    """'(서울=연합뉴스) 김지수 기자 = …' opening a paragraph: the outlet and the reporters."""
    m = _KOREAN_DATELINE.match(paragraph)
    return (m["outlet"].strip(), tuple(re.split(r"\s*[·,]\s*", m["names"]))) if m else None


def strip_role(text: str) -> str:
    """'최은지 기자' → '최은지'; 'Jenny Town, Staff Writer' → 'Jenny Town'."""
    return re.sub(rf"\s*{_KOREAN_ROLE}$", "", _ROLE.sub("", text)).strip(" ,")
