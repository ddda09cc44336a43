"""JSON-LD expanded by pyld (schema.org context served offline) and embedded in a page parsed by html5lib."""
from __future__ import annotations

import json
from pathlib import Path

import html5lib
import pytest
from pyld import jsonld

from export_sites import HOSTILE_TITLE, build_site
from generator.exports.jsonld import jsonld_for

S = "http://schema.org/"
# The part of schema.org's published context these documents rely on: its vocabulary.
SCHEMA_CONTEXT = {"@context": {"@vocab": S}}


def offline_loader(url: str, options: dict | None = None) -> dict:
    assert url.rstrip("/") == "https://schema.org", f"unexpected remote context {url}"
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def expand(text: str) -> dict:
    """The expanded node, with each property reduced to its values (plain or nested nodes)."""
    [node] = jsonld.expand(json.loads(text), {"documentLoader": offline_loader})
    return node


def values(node: dict, prop: str) -> list:
    return [v.get("@value", v) for v in node.get(S + prop, [])]


@pytest.fixture
def built(tmp_path: Path):
    return build_site(tmp_path)


def ld(built, kind: str, id: str) -> dict:
    site, urls = built
    return expand(jsonld_for(site.get(kind, id), site, urls))


def test_meeting_is_an_event_with_dates_status_place_and_attendees(built) -> None:
    event = ld(built, "meetings", "third-summit")
    assert event["@type"] == [S + "Event"]
    assert values(event, "name") == ["Third summit"]
    assert values(event, "startDate") == ["2018-09-18"] and values(event, "endDate") == ["2018-09-20"]
    assert values(event, "eventStatus") == ["https://schema.org/EventScheduled"]
    [place] = event[S + "location"]
    assert place["@type"] == [S + "Place"] and values(place, "name") == ["Pyongyang"]
    attendees = event[S + "attendee"]
    assert [a["@type"] for a in attendees] == [[S + "Person"]] * 2
    assert [values(a, "url") for a in attendees] == [["https://example.github.io/talks/people/kim-jong-un/"],
                                                     ["https://example.github.io/talks/people/chung-eui-yong/"]]


@pytest.mark.parametrize("id, start, end", [
    ("envoys-meet-kim", ["2018-09-05"], ["2018-09-05"]),
    ("working-talks", ["2018-09"], ["2018-09"]),
    ("autumn-talks", ["2018"], ["2018"]),
    ("open-talks", ["2018-09-10"], []),
])
def test_event_dates_keep_the_precision_of_the_edtf_date(built, id: str, start: list, end: list) -> None:
    event = ld(built, "meetings", id)
    assert values(event, "startDate") == start
    assert values(event, "endDate") == end


@pytest.mark.parametrize("id, status", [
    ("envoys-meet-kim", "EventScheduled"),
    ("third-summit", "EventScheduled"),
    ("autumn-talks", "EventPostponed"),
    ("hostile", "EventCancelled"),
])
def test_event_status_follows_the_meeting_status(built, id: str, status: str) -> None:
    assert values(ld(built, "meetings", id), "eventStatus") == [f"https://schema.org/{status}"]


def test_an_overdue_plan_has_no_event_status(built) -> None:
    """A past EventScheduled reads as having taken place; nothing reports that the stalled visit did."""
    event = ld(built, "meetings", "stalled-visit")
    assert values(event, "eventStatus") == []
    assert values(event, "startDate") == ["2018-09-01"]


def test_person_has_other_names_and_current_role(built) -> None:
    person = ld(built, "people", "kim-jong-un")
    assert person["@type"] == [S + "Person"]
    assert values(person, "alternateName") == ["Kim Jong Un", "김정은"]
    assert values(person, "jobTitle") == ["Chairman of the State Affairs Commission"]
    [organization] = person[S + "affiliation"]
    assert organization["@type"] == [S + "Organization"] and values(organization, "name") == ["North Korea"]
    assert values(person, "url") == ["https://example.github.io/talks/people/kim-jong-un/"]


def test_article_is_a_news_article_of_its_publisher(built) -> None:
    article = ld(built, "articles", "envoys-visit")
    assert article["@type"] == [S + "NewsArticle"]
    assert values(article, "headline") == ["Envoys' visit fails to break the stalemate"]
    assert values(article, "datePublished") == ["2018-09-06T15:18:00+09:00"]
    [publisher] = article[S + "publisher"]
    assert values(publisher, "name") == ["The Korea Herald"]
    [author] = article[S + "author"]
    assert values(author, "url") == ["https://example.github.io/talks/people/jung-min-kyung/"]
    assert values(article, "sameAs") == ["https://www.koreaherald.com/view.php?ud=20180906000661"]
    assert values(article, "mainEntityOfPage") == ["https://example.github.io/talks/articles/envoys-visit/"]
    assert values(article, "description") == ["Kim Jong-un met the envoys of President Moon."]


def test_milestones_have_no_json_ld(built) -> None:
    site, urls = built
    assert jsonld_for(site.milestones["liaison-office"], site, urls) is None


def test_script_content_cannot_break_out_of_its_element(built) -> None:
    site, urls = built
    text = jsonld_for(site.meetings["hostile"], site, urls)
    assert not set("<>&") & set(text)
    page = (f'<!DOCTYPE html><html><head><script type="application/ld+json">{text}</script></head>'
            f'<body><p id="after">after</p></body></html>')
    document = html5lib.parse(page, namespaceHTMLElements=False)
    [script] = document.findall(".//script")
    data = json.loads(script.text)
    assert data["name"] == HOSTILE_TITLE
    assert data["description"] == "A summary with </script> & <!-- in it"
    assert [p.get("id") for p in document.findall(".//body/p")] == ["after"]
