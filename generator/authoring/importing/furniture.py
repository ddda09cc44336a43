"""Page furniture, told from article text line by line: navigation and buttons, share and
subscribe prompts, advertisement breaks, photo captions, copyright footers, lists of
other stories. Phrases are whole-line, case-insensitive, English and Korean."""
from __future__ import annotations

import re

from .bylines import EMAIL


def _lines(*patterns: str) -> re.Pattern:
    """One whole-line pattern; a leading bullet glyph or list marker is allowed."""
    return re.compile(rf"(?:[•·●▪◦‣∙■▶►*-]\s*)?(?:{'|'.join(patterns)})\s*[.:]?", re.I)


BUTTONS = _lines(
    r"[•·●▪◦‣∙■◆※*–—=_-]+|[+-]|A\s*[+-]?|\d+",
    r"Skip(?: to| navigation| links)?(?: (?:main |site )?(?:content|index|navigation|search))?|Jump to .{1,30}",
    r"Home|Menu|Search|Close|Sign ?in|Log ?in|Log ?out|Register|Subscribe(?: now)?|Sign up|Sections|Edition|"
    r"More|Donate|Newsletters?|Account|Become a member|Get the (?:full story|app)",
    r"Share(?: this)?(?: (?:article|story|page|post))?|Share (?:on|via|this with|to) [\w ]{1,20}|Share this:?|"
    r"Copy link|Link copied|Copy URL|Copied|Tweet|Email|E-?mail this|Print(?: this)?(?: (?:article|story|page))?",
    r"Facebook|Twitter|X|LinkedIn|WhatsApp|Kakao(?:Talk|Story)?|Reddit|Pinterest|Flipboard|Telegram|Line|Naver",
    r"\d*\s*Comments?|Gift(?: this)? Article|Save(?: (?:article|story))?|Bookmark|Listen(?: to (?:this )?(?:article|story))?"
    r"(?: \d+ min)?|Font size|Text size|Reprints?|Order Reprints.*|Reuse this content|Article history",
    r"\d+\s*min(?:ute)?s?(?: read)?|Advertisement|Ad|Sponsored(?: content)?|Paid (?:Content|Partner)|"
    r"Story continues below(?: advertisement)?|Continue reading(?: the main story)?|Read More|Image|Photo|Video|"
    r"Listen|Leer en español|Show (?:more|less)|Load more|Top of page|Back to top",
    r"Stay informed.{0,60}|Get our .{0,40}newsletter.*|Sign up for .{0,80}|Subscribe to .{0,80}|Already a subscriber\?.*"
    r"|Enjoying this article\?.*|Support (?:our|independent) journalism.*|Click here to subscribe.*",
    # Korean buttons, menus and prompts ('if you liked this article, press like').
    r"(?:기사\s*)?공유(?:하기)?|(?:기사\s*)?스크랩|인쇄(?:하기)?|글자\s*크기(?:\s*(?:설정|조정|변경))?|본문 글자 크기.*",
    r"페이스북|트위터|카카오톡|카카오스토리|네이버\s*블로그|밴드|링크\s*복사|URL\s*복사|좋아요|싫어요|화나요|슬퍼요|후속기사\s*원해요",
    r"댓글(?:\s*\d+)?|(?:기자\s*)?구독(?:하기)?|닫기|전체\s*메뉴|메뉴|검색|로그인|회원가입|홈|본문\s*바로\s*가기|"
    r"이전\s*기사|다음\s*기사|추천(?:하기)?|기사\s*추천|오디오\s*듣기|번역",
    r"이 기사가 마음에 드셨다면.*|이 기사를 추천합니다.*|▶.*|※.*|제보.{0,40}|.*카톡\s*okjebo.*",
)
COPYRIGHT = re.compile(
    r"(?:©|ⓒ|\(c\)|Copyright\b).*|.*\bAll [Rr]ights [Rr]eserved\b.*|.*무단\s*전재.*|.*재배포\s*금지.*|"
    r".*\bin the public domain\b.*|.*Trust Principles\.?", re.I)
# A line naming a list of other stories: the list that follows is furniture too.
LIST_HEADINGS = _lines(
    r"Related(?: (?:Articles?|Stories|News|Content|Topics|Coverage|Posts|Links))?",
    r"(?:The )?Most (?:Read|Popular|Viewed|Shared|Emailed)(?: (?:Articles|Stories|News|Now))?|Popular(?: Now)?",
    r"More (?:on|from|in|about) .{1,40}|More Stories(?: From .{1,30})?|More (?:News|Stories|Articles)|"
    r"Recommended(?: for you| stories| articles| reading)?|Trending(?: Now)?|Top Stories|Latest(?: News| Stories)?",
    r"Read (?:more|next|also)|See also|You (?:may|might) also like|Topics|Keywords|Tags|Categories|Filed under|"
    r"The Post Recommends|Today[’']s WorldView|Editors?['’]? Picks",
    r"많이 본 (?:기사|뉴스)|관련\s*(?:기사|뉴스)|추천\s*기사|기자의 다른 기사|(?:이 시각\s*)?주요\s*뉴스|핫\s*(?:이슈|뉴스)|"
    r"최신\s*(?:기사|뉴스)|인기\s*기사|함께 볼 만한 기사",
)
# One line that points elsewhere: 'Read more: …', 'Related: …', '관련기사: …'.
POINTERS = re.compile(r"(?:Read (?:more|also|next)|Related|See also|관련\s*기사|관련\s*뉴스|More)\s*:\s*\S.*", re.I)
SOURCE_LINE = re.compile(r"(?:Source|Sources|Via|출처)\s*:\s*(?P<source>.+)", re.I)
EMAIL_ONLY = re.compile(rf"[(<]?{EMAIL}[)>]?")
_AGENCIES = r"Yonhap|AP|AFP|Reuters|EPA|KCNA|KNS|Xinhua|Getty Images|Bloomberg|Pool|Kyodo|UPI|Joint Press Corps|연합뉴스|뉴시스|뉴스1"
_CREDIT = re.compile(r"\(([^()]*)\)\s*$")
_CAPTION_START = re.compile(
    r"(?:Image caption|Image copyright|Image|Photo|Photograph|Caption|FILE PHOTO|Credit|사진)\s*(?::|=|\.\.\.|…)?\s", re.I)
_CAPTION_CREDIT = re.compile(
    r".*(?:Credit\s*(?:\.\.\.|…|:)|Photograph:|Photo:|AFP PHOTO\s*/|\bPHOTO\s*/|/\s*(?:사진|[가-힣]*사진공동취재단)\S*$|\[[A-Z][A-Z .'/-]{2,40}\]$|"
    r"\(사진\s*=[^)]*\)$|사진\s*=\s*\S+$).*", re.I)


def is_button(line: str) -> bool:
    return BUTTONS.fullmatch(line) is not None


def is_copyright(line: str) -> bool:
    return COPYRIGHT.fullmatch(line) is not None


def copyright_holder(line: str) -> str | None:
    """'© 2018 The Korea Herald. All rights reserved.' → 'The Korea Herald'."""
    m = re.match(r"\s*(?:Copyright\s*)?(?:©|ⓒ|\(c\))?\s*(?:Copyright\s*)?(?:[\d\s–-]{4,11})?\s*(?P<name>[^.,:(]+?)"
                 r"(?=\s*(?:[.,:(]|All\b|$|무단|&))", line, re.I)
    if not m or not (line.lstrip().startswith(("©", "ⓒ", "(c)", "(C)")) or line.lower().lstrip().startswith("copyright")):
        return None
    name = m["name"].strip()
    return name if 1 <= len(name.split()) <= 6 and not name[0].isdigit() else None


def is_caption(line: str) -> str | None:
    """'photo' for a photo caption, 'bare' for a line ending in a bare agency credit such as
    '(Yonhap)' (a caption, unless it closes the story), None for anything else."""
    if re.fullmatch(r"(.{20,}?)\s+\1", line):        # caption text and alt text, one after the other
        return "photo"
    if _CAPTION_START.match(line) or _CAPTION_CREDIT.fullmatch(line):
        return "photo"
    m = _CREDIT.search(line)
    if not m or line.startswith("("):
        return None
    credit = m[1].strip()
    if re.fullmatch(_AGENCIES, credit):
        return "bare"
    named = re.fullmatch(r"[A-Z][\w .'’-]+/[A-Z][\w .'’/-]+", credit)        # 'Park Hyun-koo/The Korea Herald'
    if (named or re.search(rf"\b(?:Photo|Photograph|{_AGENCIES})\b|사진|\bvia\b", credit)) and len(credit) <= 60:
        return "photo"
    return None


def is_sentence(line: str) -> bool:
    """Article prose: several words ending like a sentence, or a long line."""
    words = len(line.split())
    hangul = len(re.findall(r"[가-힣]", line))
    ends = re.search(r"[.!?…][\"”’')]*$|[다요]\.?[\"”’']*$", line) is not None
    return (ends and (words >= 5 or hangul >= 12)) or words >= 25 or hangul >= 60
