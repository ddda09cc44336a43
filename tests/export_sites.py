"""A small site with every case the machine-readable outputs treat differently.

Shared by the tests of feed.xml, calendar.ics, timeline.json, sitemap.xml and
JSON-LD: day, interval, month, season and open-ended meetings, every meeting
status, milestone history, a draft, and a title full of markup.
"""
from __future__ import annotations

from pathlib import Path

from generator.content.model import Site
from generator.content.read import read_site
from generator.content.urls import Urls
from generator.site.render import Renderer
from generator.site.theme import Theme

BASE_URL = "https://example.github.io/talks/"
HOSTILE_TITLE = 'Talks </script> & <!-- "quoted", a;b\\c'
DRAFT_TITLE = "Secret draft meeting"

ARTICLE = """---
title: Envoys' visit fails to break the stalemate
publication: The Korea Herald
author: Jung Min-kyung
published: 2018-09-06T15:18:00+09:00
url: https://www.koreaherald.com/view.php?ud=20180906000661
summary: Kim Jong-un met the envoys of [[moon-jae-in|President Moon]].
---

Kim Jong-un met Chung Eui-yong in Pyongyang on Wednesday.
"""

SECOND_ARTICLE = """---
title: Summit dates set
publication: Yonhap News Agency
published: 2018-09-07
---

Moon Jae-in will travel to Pyongyang.
"""

PEOPLE = {
    "kim-jong-un": """---
name: Kim Jong-un
aliases: [Kim Jong Un]
native_name: 김정은
roles:
  - title: Chairman of the State Affairs Commission
    organization: North Korea
    from: 2016-06
  - title: Vice-chairman
    organization: Workers' Party of Korea
    from: 2010
    to: 2011-12
---
""",
    "chung-eui-yong": """---
name: Chung Eui-yong
roles:
  - title: Director of the National Security Office
    organization: South Korea
---
""",
    "moon-jae-in": "---\nname: Moon Jae-in\n---\n",
    "jung-min-kyung": "---\nname: Jung Min-kyung\n---\n",
}


def meeting(title: str, date: str, status: str = "held", *, extra: str = "", source: str = "envoys-visit") -> str:
    return (f"---\ntitle: '{title}'\ndate: '{date}'\nstatus: {status}\nlocation: Pyongyang\n"
            f"participants:\n  - kim-jong-un\n  - {{person: chung-eui-yong, role: head of delegation}}\n"
            f"tracks: [inter-korean]\nsources:\n  - article: {source}\n{extra}---\n")


MEETINGS = {
    "envoys-meet-kim": meeting("Envoys meet Kim", "2018-09-05",
                               extra="summary: The envoys met [[kim-jong-un]].\nmilestones: [liaison-office]\n"),
    "third-summit": meeting("Third summit", "2018-09-18/2018-09-20", "scheduled"),
    "working-talks": meeting("Working-level talks", "2018-09", "scheduled"),
    "autumn-talks": meeting("Autumn talks", "2018-23", "postponed"),
    "open-talks": meeting("Open-ended talks", "2018-09-10/..", "scheduled"),
    "hostile": meeting(HOSTILE_TITLE.replace("'", "''"), "2018-09-04", "cancelled",
                       extra="summary: 'A summary with </script> & <!-- in it'\n"),
    "postponed-call": meeting("Postponed call", "2018-09-12", "postponed"),
    "stalled-visit": meeting("Stalled visit", "2018-09-01", "scheduled"),   # its day passed with no report: overdue
    "secret": meeting(DRAFT_TITLE, "2018-09-03", extra="draft: true\n"),
}

MILESTONE = """---
title: Liaison office
people: [chung-eui-yong]
tracks: [inter-korean]
history:
  - date: 2018-08-31~
    status: scheduled
    note: Initially scheduled for the end of August.
    source: envoys-visit
  - date: 2018-08
    status: delayed
    source: envoys-visit
  - date: 2018-09-05
    status: agreed
    meeting: envoys-meet-kim
    source: envoys-visit
---
"""


def site_files() -> dict[str, str]:
    files = {
        "site.yaml": "title: 'Peninsula talks, 2018'\nbase_url: /\ndescription: Who met whom & when.\n",
        "content/articles/envoys-visit.md": ARTICLE,
        "content/articles/summit-dates.md": SECOND_ARTICLE,
        "content/milestones/liaison-office.md": MILESTONE,
    }
    files.update({f"content/people/{id}.md": text for id, text in PEOPLE.items()})
    files.update({f"content/meetings/{id}.md": text for id, text in MEETINGS.items()})
    return files


def write_files(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def build_site(root: Path, files: dict[str, str] | None = None, base_url: str = BASE_URL) -> tuple[Site, Urls]:
    """Write the site into root and read it as a build without --drafts does."""
    write_files(root, site_files() if files is None else files)
    site, diagnostics = read_site(root, drafts=False, base_url=base_url)
    assert not diagnostics.errors, [d.format() for d in diagnostics.errors]
    return site, Urls(site.config.base_url)


def render_exports(site: Site) -> dict[str, bytes]:
    """The machine-readable files of the output plan: every file made from content that is not a page."""
    renderer = Renderer(site, Theme((), {}), {})
    return {output.path: renderer.get(output.path) for output in renderer.plan.outputs
            if output.page is None and not output.is_folder and output.reads}
