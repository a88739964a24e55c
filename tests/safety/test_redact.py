"""Unit tests for safety.redact: each kind, negatives, Unicode, overlaps, big input."""

from __future__ import annotations

import itertools
import time
import unicodedata

import pytest

from safety import LABELS_ES, Span, find_spans, redact


def kinds(text: str) -> list[tuple[str, str]]:
    return [(span.kind, span.text) for span in find_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call 612-555-0147 now", "612-555-0147"),
        ("call (651) 555-0192 now", "(651) 555-0192"),
        ("call +1 763 555 0110 now", "+1 763 555 0110"),
        ("call 6125550183 now", "6125550183"),
        ("text 555-0199", "555-0199"),
        ("llama al 55 1234 5678", "55 1234 5678"),
        ("llama al 612 34 56 78", "612 34 56 78"),
        ("Mogadishu +252 61 234 5678", "+252 61 234 5678"),
    ],
)
def test_phone(text: str, expected: str) -> None:
    assert kinds(text) == [("phone", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Call 911 or 988",
        "Text HOME to 741741",
        "Hotline 1-800-799-7233 and 1-844-762-8483",
        "In 2019 2020 2021 it got worse",
        "We paid $1 200 000 for cameras",
        "Meeting 10/14/2024 at 6:30",
        "12% of 1,500 complaints",
        "ZIP 55411",
    ],
)
def test_numbers_that_are_not_phones(text: str) -> None:
    assert find_spans(text) == []


def test_email_plain_and_spoken() -> None:
    assert kinds("mail dee.h84@gmail.com.") == [("email", "dee.h84@gmail.com")]
    assert kinds("write maria at gmail dot com") == [("email", "maria at gmail dot com")]


@pytest.mark.parametrize(
    "address",
    [
        "1234 Elm St",
        "3316 N. 12th Street Apt 2",
        "2200 Fremont Ave S",
        "1519 oak st",
        "Calle 5 #123",
        "Av. Juárez 45",
        "Avenida Insurgentes 1502, depto 4",
    ],
)
def test_address(address: str) -> None:
    assert kinds(f"they came to {address} last night") == [("address", address)]


@pytest.mark.parametrize(
    "text",
    [
        "The corner of 5th and Main",
        "Lake Street has no lights",
        "the 3000 block of Fremont",
        "2 kids on my street",
        "Pine Ridge and Rosebud",
        "la calle Lake no tiene luces",
    ],
)
def test_places_without_house_numbers_are_kept(text: str) -> None:
    assert find_spans(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("badge 4521", [("badge", "4521")]),
        ("badge #4521", [("badge", "#4521")]),
        ("officer #2251 pushed me", [("badge", "#2251")]),
        ("placa 4521", [("badge", "4521")]),
        ("unit 12", [("unit", "12")]),
        ("patrol car 34", [("unit", "34")]),
        ("la unidad 12", [("unit", "12")]),
        ("case 2024-000123", [("case", "2024-000123")]),
        ("report # RB-22-1234", [("case", "RB-22-1234")]),
        ("número de caso 2024-789", [("case", "2024-789")]),
        ("plate ABC1234", [("plate", "ABC1234")]),
        ("placas ABC-123 y", [("plate", "ABC-123")]),
        ("license plate KTR 449", [("plate", "KTR 449")]),
    ],
)
def test_cued_numbers(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    ["I want to report 3 officers", "case in point", "the badge means nothing", "report 911 calls"],
)
def test_cues_without_identifiers(text: str) -> None:
    assert find_spans(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Officer Johnson was kind", "Johnson"),
        ("Sgt. Okafor trains them", "Okafor"),
        ("My son DeShawn was stopped", "DeShawn"),
        ("a man named Tyrell Brooks", "Tyrell Brooks"),
        ("el oficial Pérez nos ayudó", "Pérez"),
        ("mi hijo Mateo García", "Mateo García"),
        ("Maria Lopez organizes", "Maria Lopez"),
        ("Bà Nguyễn nói", "Nguyễn"),
    ],
)
def test_names(text: str, name: str) -> None:
    assert kinds(text) == [("name", name)]


@pytest.mark.parametrize(
    "text",
    [
        "George Floyd Square should stay",
        "Martin Luther King Park needs lights",
        "On Monday in June the Police Department met",
        "Officer wellness matters",
        "My son was stopped",
        "Mitákuye Oyás’iŋ",
        "Waxaan u baahanahay turjumaan af-Soomaali ah",
        "Chúng tôi cần thông dịch viên",
    ],
)
def test_not_names(text: str) -> None:
    assert find_spans(text) == []


def test_redact_replaces_each_span_with_its_label() -> None:
    result = redact("Officer Smith, badge 4521, took my number 612-555-0147")
    assert result.text == "Officer [name], badge [badge], took my number [phone]"
    assert [s.kind for s in result.spans] == ["name", "badge", "phone"]


def test_spanish_and_custom_labels() -> None:
    assert redact("placa 4521", language="es").text == f"placa {LABELS_ES['badge']}"
    assert redact("call 612-555-0147", labels={"phone": "▮▮▮"}).text == "call ▮▮▮"


@pytest.mark.parametrize(
    "text",
    [
        "Lakota: ȟ š č ŋ ǧ — Mitákuye Oyás’iŋ, Wičháȟpi",
        "Tiếng Việt: Chúng tôi cần thông dịch viên",
        "Soomaali: Booliska waa inay ixtiraamaan dadka",
        "中文：警察不尊重老人。",
        "العربية: نحتاج إلى مترجم — עברית: השוטרים צריכים",
        "emoji 👩🏽‍👧🏽 ✊🏿 🙏🏽",
    ],
)
def test_unicode_survives_outside_spans(text: str) -> None:
    post = f"{text} call 612-555-0147 {text}"
    result = redact(post)
    assert result.text == f"{text} call [phone] {text}"
    assert unicodedata.is_normalized("NFC", result.text)


def test_offsets_are_into_the_nfc_text() -> None:
    decomposed = unicodedata.normalize("NFD", "Oyás’iŋ ȟ Officer Pérez")
    spans = find_spans(decomposed)
    composed = unicodedata.normalize("NFC", decomposed)
    assert [(s.text, composed[s.start : s.end]) for s in spans] == [("Pérez", "Pérez")]
    assert redact(decomposed).text == "Oyás’iŋ ȟ Officer [name]"


def test_spans_are_sorted_and_do_not_overlap() -> None:
    text = "Officer John Smith #4521 at 1234 Elm St Apt 2, case 2024-000123, 612-555-0147"
    spans = find_spans(text)
    assert spans == sorted(spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    assert ("address", "1234 Elm St Apt 2") in [(s.kind, s.text) for s in spans]


def test_given_spans_are_used_and_checked() -> None:
    text = "call Ana at home"
    assert redact(text, spans=[Span(5, 8, "name", "")]).text == "call [name] at home"
    with pytest.raises(ValueError, match="overlaps"):
        redact(text, spans=[Span(0, 4, "name", ""), Span(2, 6, "name", "")])
    with pytest.raises(ValueError, match="outside"):
        redact(text, spans=[Span(10, 99, "name", "")])


def test_empty_and_blank() -> None:
    assert find_spans("") == []
    assert redact("").text == ""
    assert redact("   \n").text == "   \n"


def test_deterministic() -> None:
    text = "Officer Ruiz badge 5531, unit 12, plate ABC1234, mi hijo Luis, 612-555-0147"
    first = redact(text)
    assert all(redact(text) == first for _ in range(5))


def test_very_long_text_is_fast() -> None:
    chunk = "Officer Smith badge 4521 call 612-555-0147 Mitákuye Oyás’iŋ 🙏 lorem ipsum. "
    text = chunk * (100_000 // len(chunk) + 1)
    started = time.perf_counter()
    result = redact(text)
    assert time.perf_counter() - started < 5
    assert result.text.count("[phone]") == text.count("612-555-0147")
