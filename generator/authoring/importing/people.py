"""Who an imported article names: the site's people it mentions, and names that look
like people's but have no page yet."""
from __future__ import annotations

import re

from ...content.mentions import NameMatcher
from .bylines import is_name

_EN_TITLES = (r"President|Vice President|Prime Minister|Secretary(?: of State)?|(?:Foreign |Defense |Unification )?Minister|"
              r"Vice Minister|leader|Chairman|Chairwoman|adviser|envoy|spokesman|spokeswoman|Ambassador|Gen\.|General|"
              r"Sen\.|Senator|Rep\.|Mr\.|Ms\.|Mrs\.|Dr\.|Professor|Director|Chief")
_EN_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}"
_EN_PATTERNS = (
    re.compile(rf"\b(?:{_EN_TITLES})\s+(?P<name>{_EN_NAME})"),
    re.compile(rf"(?P<name>{_EN_NAME}),\s+(?:a|an|the)\s+[^,.]{{0,80}}?\b(?:researcher|professor|official|minister|"
               r"spokesman|spokeswoman|adviser|analyst|director|chief|head|secretary|president|expert|fellow|envoy)"),
    re.compile(rf"(?P<name>{_EN_NAME})\s+(?:said|told|says|added|wrote)\b"),
    re.compile(rf"\bsaid\s+(?P<name>{_EN_NAME})\b"),
)
_KO_PATTERN = re.compile(r"(?<![가-힣])(?P<name>[가-힣]{2,4})\s*(?:대통령|국무위원장|위원장|장관|실장|대변인|총리|의원|대사|"
                         r"교수|연구원|특보|차관|본부장|비서관|수석|부부장)")
_NOT_KOREAN_NAMES = {"미국", "북한", "남북", "한국", "중국", "일본", "러시아", "청와대", "통일부", "외교부", "국방부", "북측", "남측"}


def mentioned_people(text: str, people_names: dict[str, list[str]]) -> list[str]:
    """Ids of the people whose names occur in text as whole words, by first mention."""
    matcher = NameMatcher({name: person for person, names in people_names.items() for name in names})
    return list(dict.fromkeys(person for _, _, person in matcher.finditer(text)))


def unknown_people(text: str, people_names: dict[str, list[str]]) -> list[str]:
    """Names that look like people's ('President Moon Jae-in', 'Shin Beom-chul, a senior
    researcher', '김정은 국무위원장') and that no person file knows, by first mention."""
    known = {name.casefold() for names in people_names.values() for name in names}
    found: list[tuple[int, str]] = []
    for pattern in _EN_PATTERNS:
        found += [(m.start("name"), m["name"]) for m in pattern.finditer(text) if is_name(m["name"])]
    found += [(m.start("name"), m["name"]) for m in _KO_PATTERN.finditer(text) if m["name"] not in _NOT_KOREAN_NAMES]
    names = [re.sub(r"['’]s$", "", name) for _, name in sorted(found)]
    return [name for name in dict.fromkeys(names)
            if name.casefold() not in known and not any(name in other and name != other for other in names)]
