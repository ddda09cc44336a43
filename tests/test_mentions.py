"""Names and aliases are found as whole words, longest first, with one pattern."""
from __future__ import annotations

from generator.content.mentions import NameMatcher

PEOPLE = {"Kim Jong-un": "kim-jong-un", "Kim Jong Un": "kim-jong-un", "Kim": "kim-family",
          "Moon Jae-in": "moon-jae-in", "김정은": "kim-jong-un", "Kim Joon-hyung": "kim-joon-hyung"}


def found(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], person) for s, e, person in NameMatcher(PEOPLE).finditer(text)]


def test_prefers_the_longest_name():
    assert found("Kim Jong-un met Kim Joon-hyung and Kim.") == [
        ("Kim Jong-un", "kim-jong-un"), ("Kim Joon-hyung", "kim-joon-hyung"), ("Kim", "kim-family")]


def test_matches_whole_words_only():
    assert found("Kimchi, Kimberly and Moon Jae-ins") == []


def test_does_not_match_inside_hyphenated_words():
    assert found("the Moon-Kim summit") == []


def test_a_space_in_a_name_matches_a_line_break():
    assert found("met Kim\nJong-un today") == [("Kim\nJong-un", "kim-jong-un")]


def test_finds_names_in_hangul():
    assert found("김정은 위원장") == [("김정은", "kim-jong-un")]


def test_finds_hangul_names_followed_by_a_particle():
    assert found("김정은은 문재인과 만났다") == [("김정은", "kim-jong-un")]


def test_falls_back_to_a_shorter_name_when_the_longer_does_not_end_a_word():
    assert found("Kim Jong-unx said") == [("Kim", "kim-family")]


def test_an_empty_table_matches_nothing():
    assert list(NameMatcher({}).finditer("Kim Jong-un")) == []


def test_scales_to_thousands_of_names_in_one_pattern():
    names = {f"Person Number{i} Lastname": f"p{i}" for i in range(5000)}
    matcher = NameMatcher(names)
    text = "Yesterday Person Number4321 Lastname met Person Number17 Lastname."
    assert [p for _, _, p in matcher.finditer(text)] == ["p4321", "p17"]
    assert matcher.regex.pattern.count("|") < 5000 * 2


def test_overlapping_names_of_one_person_make_one_span():
    names = {"Moon Jae-in": "moon-jae-in", "President Moon": "moon-jae-in", "Kim": "kim"}
    text = "President Moon Jae-in met Kim; President Moon left, and Moon Jae-in stayed."
    assert [(text[s:e], p) for s, e, p in NameMatcher(names).finditer(text)] == [
        ("President Moon Jae-in", "moon-jae-in"), ("Kim", "kim"), ("President Moon", "moon-jae-in"),
        ("Moon Jae-in", "moon-jae-in")]


def test_overlapping_names_of_two_people_stay_apart():
    names = {"Moon Jae-in": "moon-jae-in", "President Moon": "moon-sun-myung"}
    text = "President Moon Jae-in spoke."
    assert [(text[s:e], p) for s, e, p in NameMatcher(names).finditer(text)] == [("President Moon", "moon-sun-myung")]
