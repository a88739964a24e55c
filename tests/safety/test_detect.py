"""Unit tests for safety.detect: each kind, hard negatives, negation, Unicode, big input."""

from __future__ import annotations

import time
import unicodedata

import pytest

from safety.detect import assess


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I don't want to live anymore", "self_harm"),
        ("im gonna kill myself tonight", "self_harm"),
        ("I feel suicidal", "self_harm"),
        ("Ya no quiero vivir", "self_harm"),
        ("pienso en quitarme la vida", "self_harm"),
        ("I'm going to kill that officer", "threat"),
        ("cops deserve to die", "threat"),
        ("voy a matar a ese policía", "threat"),
        ("LOS VOY A MATAR", "threat"),
        ("my husband hits me", "abuse"),
        ("I was raped", "abuse"),
        ("mi esposo me pega", "abuse"),
        ("él me amenazó con matarme", "abuse"),
        ("the officer touched me inappropriately", "abuse"),
    ],
)
def test_flags(text: str, kind: str) -> None:
    result = assess(text)
    assert result.flagged
    assert result.kinds == [kind]
    assert result.matches and all(m.kind == kind for m in result.matches)


@pytest.mark.parametrize(
    "text",
    [
        "This is killing our community",
        "I'm dying to see change",
        "the shooting",
        "he was killed by police",
        "police violence",
        "abuse of power",
        "kill the bill",
        "I'll shoot you an email",
        "I'm not suicidal, I'm angry",
        "I don't want to die at a traffic stop",
        "no quiero morir en una parada",
        "me muero de la risa",
        "the officer hit me during the stop",
        "Officers need training on domestic violence calls",
        "more suicide prevention funding",
        "",
    ],
)
def test_does_not_flag(text: str) -> None:
    result = assess(text)
    assert not result.flagged
    assert result.kinds == [] and result.matches == []


def test_matches_point_into_the_nfc_text() -> None:
    text = unicodedata.normalize("NFD", "Oyás’iŋ. Ya no quiero vivir. ȟ")
    result = assess(text)
    composed = unicodedata.normalize("NFC", text)
    (match,) = result.matches
    assert composed[match.start : match.end] == match.text == "Ya no quiero vivir"


def test_several_kinds_are_listed_in_order() -> None:
    result = assess("my boyfriend beats me. I want to die")
    assert result.kinds == ["self_harm", "abuse"]


@pytest.mark.parametrize(
    "text", ["Mitákuye Oyás’iŋ", "Chúng tôi cần", "警察", "الشرطة", "השוטרים", "🙏🏽✊🏿"]
)
def test_other_scripts_pass(text: str) -> None:
    assert not assess(text).flagged


def test_deterministic() -> None:
    text = "I'm going to kill him. my husband hits me. quiero morir"
    assert all(assess(text) == assess(text) for _ in range(5))


def test_very_long_text_is_fast() -> None:
    text = ("Lake Street needs lights, this is killing our community. " * 2000)[:100_000]
    started = time.perf_counter()
    result = assess(text + " I want to die")
    assert time.perf_counter() - started < 5
    assert result.kinds == ["self_harm"]
