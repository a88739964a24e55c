"""Redaction of the classes the first rules missed, and the over-redaction they caused."""

from __future__ import annotations

import pytest

from safety import LABELS_EN, LABELS_ES, find_spans, redact


def kinds(text: str) -> list[tuple[str, str]]:
    return [(span.kind, span.text) for span in find_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see @maya_speaks for the clip", ("handle", "@maya_speaks")),
        ("mi cuenta es @vecinos.unidos22", ("handle", "@vecinos.unidos22")),
        ("my ig is lupe.rivera22", ("handle", "lupe.rivera22")),
        ("his badge showed #6610 clearly", ("badge", "#6610")),
        ("la placa que traía decía 4107", ("badge", "4107")),
        ("the plate on the truck was 9GHT221", ("plate", "9GHT221")),
        ("my number has always been 651-555-0139", ("phone", "651-555-0139")),
        ("text 6 5 1 5 5 5 0 1 2 2", ("phone", "6 5 1 5 5 5 0 1 2 2")),
        ("six five one five five five zero one two two", None),
        ("write to lena dot fox at gmail dot com", ("email", "lena dot fox at gmail dot com")),
        ("correo pepa arroba yahoo punto com", ("email", "pepa arroba yahoo punto com")),
        ("vivo en el 7400 de la Bissonnet", ("address", "el 7400 de la Bissonnet")),
        ("fue en calle Maple 318", ("address", "calle Maple 318")),
        ("we live at 5523 north 4th street", ("address", "5523 north 4th street")),
        ("el agente Quiñones nos empujó", ("name", "Quiñones")),
        ("the deputy Marchetti lied", ("name", "Marchetti")),
        ("officer kowalski grabbed me", ("name", "kowalski")),
        ("Officer MacDonald was there", ("name", "MacDonald")),
        ("la sargento María Fernanda Ruiz", ("name", "María Fernanda Ruiz")),
        ("the captain, Rhonda Mbeki, called us", ("name", "Rhonda Mbeki")),
        ("an officer named Brett Coyle", ("name", "Brett Coyle")),
        ("my address is 4100 Nicollet", ("address", "4100 Nicollet")),
        ("vivo en Morelos 45 colonia Centro", ("address", "Morelos 45")),
        ("email maria @ gmail . com", ("email", "maria @ gmail . com")),
    ],
)
def test_missed_classes_are_found(text: str, expected: tuple[str, str] | None) -> None:
    found = kinds(text)
    if expected is None:
        assert [k for k, _ in found] == ["phone"]
    else:
        assert found == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "more than 150 Chicago Avenue families came",
        "nearly 40 Lake Street shops closed",
        "we were 3 blocks from the squad",
        "unit was 2 minutes away",
        "the case took 3 years",
        "crisis help should be there 24/7",
        "he is 15 and was stopped 6 times",
        "it cost $3,400 to fix the door",
        "ZIP 77081 has the most stops",
        "Call 988 or the hotline 1-800-799-7233",
        "my family came from San Luis Potosí",
        "I was born in San Pedro Sula",
        "we drove up from San Antonio",
        "The Officer Involved Shooting unit never called",
        "Señor Alcalde, escúchenos",
        "Justice for Daunte Wright and Amir Locke",
        "the officer pointed a gun at us",
        "la policía trabaja con ICE",
        "Le pregunté a la vecina y vio lo mismo",
        "vivo en México 10 años",
        "we met at noon. Com was late",
        "Mr. President, listen to us",
    ],
)
def test_not_redacted(text: str) -> None:
    assert find_spans(text) == []


def test_surname_that_is_also_a_town_is_still_a_name() -> None:
    assert kinds("Carlos Mendoza saw it") == [("name", "Carlos Mendoza")]


def test_handle_placeholders() -> None:
    assert LABELS_EN["handle"] == "[handle]" and LABELS_ES["handle"] == "[usuario]"
    assert redact("follow @ana_r", language="es").text == "follow [usuario]"
    assert redact("follow @ana_r").text == "follow [handle]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Values written before their cue.
        ("5528 was the badge on him", ("badge", "5528")),
        ("3C that's my apartment, they kicked the door", ("unit", "3C")),
        ("PLM 3390 were the plates, I'm sure", ("plate", "PLM 3390")),
        # Badge values typed one digit at a time or after an agency prefix.
        ("his badge said like 8 1 4 2", ("badge", "8 1 4 2")),
        ("badge was MN 2290 I think", ("badge", "MN 2290")),
        ("el gafete decía 6071", ("badge", "6071")),
        # Where a resident lives: apartments, lots, flats named by number and letter.
        ("we stay in lot 22 past the gas station", ("unit", "22")),
        ("vivimos en el depa 9 del segundo piso", ("unit", "9")),
        ("la unidad 5-C es de mi tía", ("unit", "5-C")),
        ("the man in 6B saw it", ("unit", "6B")),
        # Case numbers with an agency prefix standing apart.
        ("case MPD 88120-24 was closed", ("case", "MPD 88120-24")),
        ("el caso es el TR 23 11045", ("case", "TR 23 11045")),
        # Lower-case names after relation and courtesy cues.
        ("my nephew deshawn was there", ("name", "deshawn")),
        ("mi nieta yesenia lo grabó", ("name", "yesenia")),
        ("ask for mrs okafor at the desk", ("name", "okafor")),
        ("su apellido es villanueva", ("name", "villanueva")),
        ("my aunt hodan warsame saw them", ("name", "hodan warsame")),
        # Other languages of the sites.
        ("sĩ quan tên garcia, số hiệu 4470", ("name", "garcia")),
        ("那个警察叫约翰逊，警号3391", ("name", "约翰逊")),
        ("الشرطي اسمه مارتن", ("name", "مارتن")),
        ("kuv yog pa houa, hu rau kuv", ("name", "pa houa")),
        ("我的微信是li_ming_77", ("handle", "li_ming_77")),
        ("the van had no logo, XTR 5510", ("plate", "XTR 5510")),
    ],
)
def test_second_round_classes(text: str, expected: tuple[str, str]) -> None:
    assert expected in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "my son was stopped twice this week",
        "mi hija tiene miedo de salir",
        "we met in Room 12 at the library",
        "the case from 2021 is still open",
        "HPD 2024 budget hearing",
        "Mrs. and Mr. we need answers",
        "tên cảnh sát đó đã đánh tôi",
        "he called ice on us",
        "named after the park",
        # After titles other than Mr./Mrs./Ms., a lower-case word is a name only from the
        # names list: these are verbs.
        "mi padre tiene 70 años",
        "la señora vive sola",
        "the pastor prayed with us",
        "el padre habló en la misa",
        "the officer spoke to us",
    ],
)
def test_second_round_not_redacted(text: str) -> None:
    assert find_spans(text) == []
