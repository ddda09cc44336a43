"""A native name's language, guessed from its script when native_lang does not say."""
from __future__ import annotations

import pytest

from generator.content.scripts import guess_lang


@pytest.mark.parametrize("name, lang", [
    ("김정은", "ko"), ("あべ しんぞう", "ja"), ("安倍 しんぞう", "ja"), ("习近平", "zh"), ("Τσίπρας", "el"),
    ("Путин", "und-Cyrl"), ("محمد", "und-Arab"), ("Moon Jae-in", None), ("", None), ("1953", None),
])
def test_the_script_of_a_name_suggests_its_language(name, lang):
    assert guess_lang(name) == lang
