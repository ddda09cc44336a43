"""The sample site stays a faithful reading of its seed article."""
from __future__ import annotations

import io
from pathlib import Path

from generator.authoring.importer import run_import
from generator.content.read import read_site

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "2018-09-06-korea-herald-envoys-visit.txt"
ARTICLE = ROOT / "content" / "articles" / "envoys-visit-fails-to-break-stalemate.md"


def test_sample_article_is_what_import_makes_of_the_seed():
    out = io.StringIO()
    assert run_import(ROOT, SEED, article_id=ARTICLE.stem, dry_run=True, out=out) == 0
    written = ARTICLE.read_text(encoding="utf-8").splitlines()
    # The sample adds a hand-written summary, and the address of the page the seed was clipped from
    # (a text clipping does not carry it); everything else is the import, byte for byte.
    hand_written = ("summary: ", "url: https://www.koreaherald.com/")
    assert [line for line in written if not line.startswith(hand_written)] == out.getvalue().rstrip("\n").splitlines()


def test_every_sample_claim_cites_the_article_with_a_quote_it_contains():
    site, diagnostics = read_site(ROOT, strict=True)
    assert [d.format() for d in diagnostics.sorted()] == []
    citations = [c for m in site.meetings.values() for c in m.sources]
    citations += [e.source for m in site.milestones.values() for e in m.history]
    assert citations and all(c.article == ARTICLE.stem and c.quote for c in citations)


def test_the_sample_shows_phases_major_meetings_and_countries():
    site, _ = read_site(ROOT)
    assert len(site.config.phases) >= 2
    assert any(meeting.major for meeting in site.meetings.values())
    in_meetings = {p.person for m in site.meetings.values() for p in m.participants}
    assert all(site.people[id].country for id in in_meetings)


def test_the_readme_shows_small_pictures_of_the_sample_under_its_opening_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = ["docs/screenshot-home.png", "docs/screenshot-meeting.png", "docs/screenshot-timeline.png"]
    commands_end = readme.index("```", readme.index("```sh") + 1)
    for picture in pictures:
        assert readme.index(f"]({picture})") > commands_end, picture
    assert sum((ROOT / picture).stat().st_size for picture in pictures) < 1024 * 1024
