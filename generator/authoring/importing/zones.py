"""Where a printed time without a zone was printed: the dateline's city, else the
outlet's home country (a country or city in its name, its web address's country code,
or a Korean-language page). These are facts about places, not about outlets."""
from __future__ import annotations

import re

CITIES = {
    "seoul": "Asia/Seoul", "pyongyang": "Asia/Pyongyang", "panmunjom": "Asia/Seoul", "busan": "Asia/Seoul",
    "서울": "Asia/Seoul", "평양": "Asia/Pyongyang", "판문점": "Asia/Seoul", "부산": "Asia/Seoul",
    "tokyo": "Asia/Tokyo", "도쿄": "Asia/Tokyo", "beijing": "Asia/Shanghai", "베이징": "Asia/Shanghai",
    "hong kong": "Asia/Hong_Kong", "taipei": "Asia/Taipei", "singapore": "Asia/Singapore",
    "hanoi": "Asia/Ho_Chi_Minh", "하노이": "Asia/Ho_Chi_Minh", "bangkok": "Asia/Bangkok", "manila": "Asia/Manila",
    "jakarta": "Asia/Jakarta", "new delhi": "Asia/Kolkata", "vladivostok": "Asia/Vladivostok",
    "moscow": "Europe/Moscow", "london": "Europe/London", "paris": "Europe/Paris", "berlin": "Europe/Berlin",
    "brussels": "Europe/Brussels", "geneva": "Europe/Zurich", "stockholm": "Europe/Stockholm",
    "washington": "America/New_York", "워싱턴": "America/New_York", "new york": "America/New_York",
    "뉴욕": "America/New_York", "united nations": "America/New_York",
    "los angeles": "America/Los_Angeles", "san francisco": "America/Los_Angeles", "honolulu": "Pacific/Honolulu",
}
COUNTRIES = {
    "korea": "Asia/Seoul", "korean": "Asia/Seoul", "japan": "Asia/Tokyo", "japanese": "Asia/Tokyo",
    "china": "Asia/Shanghai", "chinese": "Asia/Shanghai", "taiwan": "Asia/Taipei", "singapore": "Asia/Singapore",
    "vietnam": "Asia/Ho_Chi_Minh", "philippine": "Asia/Manila", "india": "Asia/Kolkata", "moscow": "Europe/Moscow",
    "한국": "Asia/Seoul", "코리아": "Asia/Seoul",
}
COUNTRY_CODES = {"kr": "Asia/Seoul", "kp": "Asia/Pyongyang", "jp": "Asia/Tokyo", "cn": "Asia/Shanghai",
                 "tw": "Asia/Taipei", "hk": "Asia/Hong_Kong", "sg": "Asia/Singapore", "vn": "Asia/Ho_Chi_Minh",
                 "uk": "Europe/London", "fr": "Europe/Paris", "de": "Europe/Berlin", "ru": "Europe/Moscow"}

_DATELINE = re.compile(r"\(?(?P<korean>[가-힣]{2,4})\s*[=/]|(?P<city>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)"
                       r"(?:,\s*[A-Z][\w .]*)?\s*(?:\([A-Za-z]{2,8}\)|[—–]|--)")


def dateline_zone(paragraph: str) -> str | None:
    """'SEOUL, South Korea —', 'Pyongyang (AFP) -', '(서울=연합뉴스)': the city's zone."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    return CITIES.get((m["korean"] or m["city"]).lower())


def home_zone(publication: str | None, url: str | None, korean: bool) -> str | None:
    """The zone of an outlet's home country, when its name, address or language says it."""
    for word in re.findall(r"\w+", (publication or "").lower()):
        if word in COUNTRIES:
            return COUNTRIES[word]
    if publication and any(name in publication for name in ("한국", "코리아")):
        return "Asia/Seoul"
    if url and (m := re.match(r"https?://[^/]+\.([a-z]{2})(?::\d+)?(?:/|$)", url)) and m[1] in COUNTRY_CODES:
        return COUNTRY_CODES[m[1]]
    return "Asia/Seoul" if korean else None
