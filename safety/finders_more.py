"""More finders: values written before their cue, plates without one, and name and badge
cues in the other languages of the sites.

Same contract as :mod:`safety.finders`: NFC text in, candidate spans out, overlaps
resolved by :func:`safety.redact.find_spans`. Kept apart so that module stays readable.

- **Before the cue**: residents often give the value first ("4471 was his badge", "2F
  that's my unit", "GHT 5519 those were the plates").
- **Plates without a cue**: three capitals and three or four digits ("KVD 4412",
  "RJK-4401") or the California shape ("7 RKT 440") is a plate wherever it stands. Agency
  prefixes of case and badge numbers ("HPD 7718", "OPCR 23-0412") and years are not.
- **Other languages**: "his name is" and "I am" in Somali, Vietnamese and Hmong take the
  words up to the next punctuation (a name in apposition), never an open-ended run;
  Chinese takes two to four Han characters after "叫" / "名字是", Arabic one word after
  "اسمه". No library finds these.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from safety.text import Span, fold

__all__ = ["more_spans"]

_YEAR = re.compile(r"(?:19|20)\d\d")
# Prefixes of agencies and record systems, not of plates.
_AGENCY_TEXT = (
    "HPD NOPD OPCR INC MPD LAPD APD SAPD OPD BRPD SPD DPD CAD ICE FBI DOJ OIS CPD SFPD NYPD"
)
_AGENCY = frozenset(_AGENCY_TEXT.split())

_BEFORE_CUE = (
    (
        re.compile(
            r"(?<![\w#-])(?P<value>\#?\d{2,7})(?![\w-]),?\s+(?i:(?:was|is|were|that'?s|thats|es"
            r"|era|fue)\s+)?(?i:(?:on\s+)?(?:his|her|their|the|my|su|la|el)\s+)?"
            r"(?i:badge|shield|placa(?!s)|gafete)\b"
        ),
        "badge",
    ),
    (
        re.compile(
            r"(?<![\w#-])(?P<value>\#?\d{1,5}-?[A-Za-z]?)(?![\w-]),?\s+(?i:(?:was|is|that'?s"
            r"|thats|es|era)\s+)(?i:(?:my|our|his|her|their|mi|su|nuestro)\s+)"
            r"(?i:unit|apartment|apt|place|depa|apartamento|departamento)\b"
        ),
        "unit",
    ),
)
_PLATE_SHAPES = re.compile(
    r"(?<![\w-])(?P<value>(?P<letters>[A-Z]{3})[ -]?\d{3,4}|\d ?[A-Z]{3} ?\d{3})(?![\w-])"
)
# An apartment named by number and letter after "in" or "at": "the lady in 4C".
_FLAT = re.compile(r"(?i:\b(?:in|at|en|el|la)\s+)(?P<value>\d{1,4}-?[A-H])(?![\w-])")

_NAME_IS = re.compile(
    # Somali "magaciisu waa", Vietnamese "tên (là)", Hmong "npe hu ua" / "npe yog".
    r"(?i:\bmagac(?:iisu|eedu|aygu|iisa|eeda|ayga)?\s+(?:waa|waxa)|\bt[êe]n(?:\s+l[àa])?"
    r"|\bnpe\s+(?:hu\s+ua|yog)|\bmagacaygu\s+waa"
    # "I am": Vietnamese "tôi là", Hmong "kuv yog", Somali "waxaan ahay".
    r"|\bt[ôo]i\s+l[àa]|\bkuv\s+yog|\bwaxaan\s+ahay)\s+"
)
# Words that end a name candidate in those languages: "tên cảnh sát đó" is "that police
# guy", not a name; "tôi là mẹ của ..." is "I am the mother of".
_NOT_NAME_WORDS_TEXT = """
cảnh sát công an người mẹ cha ba con của này đó kia là một anh chị em ông bà cô chú
tub ceev xwm niam txiv tus ib leej neeg yog
hooyo aabe askari booliis waa iyo
"""
_NOT_NAME_WORDS = frozenset(fold(word) for word in _NOT_NAME_WORDS_TEXT.split())
_END = re.compile(r"\s*(?:[,.;:!?()]|$)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_HAN_NAME = re.compile(
    r"(?:名字(?:是|叫)|名叫|(?:警察|警官|他|她|我|那个人)叫)"
    r"(?P<value>(?![我你他她们])[\u4e00-\u9fff]{2,4})(?=[，。、,.!！?？\s]|$)"
)
_ARABIC_NAME = re.compile(r"(?:اسمه|اسمها|اسمي|يدعى|تدعى)\s+(?P<value>[\u0621-\u064a]{2,})")


def more_spans(text: str) -> Iterator[Span]:
    """Candidates of every kind this module finds (see the module docstring)."""
    for pattern, kind in _BEFORE_CUE:
        for match in pattern.finditer(text):
            if _YEAR.fullmatch(match.group("value").lstrip("#")):
                continue
            yield Span(match.start("value"), match.end("value"), kind, match.group("value"))
    for match in _PLATE_SHAPES.finditer(text):
        letters = match.group("letters")
        digits = "".join(ch for ch in match.group("value") if ch.isdigit())
        if letters in _AGENCY or _YEAR.fullmatch(digits):
            continue
        yield Span(match.start("value"), match.end("value"), "plate", match.group("value"))
    for match in _FLAT.finditer(text):
        yield Span(match.start("value"), match.end("value"), "unit", match.group("value"))
    yield from _names_other(text)


def _names_other(text: str) -> Iterator[Span]:
    for match in _NAME_IS.finditer(text):
        words: list[tuple[int, int]] = []
        cursor = match.end()
        while len(words) < 3:
            word = _WORD.match(text, cursor)
            if not word or fold(word.group()) in _NOT_NAME_WORDS:
                words = []
                break
            words.append(word.span())
            if _END.match(text, word.end()):
                break
            cursor = word.end() + 1
            if cursor > len(text) or text[word.end()] != " ":
                words = []
                break
        if words and _END.match(text, words[-1][1]):
            start, end = words[0][0], words[-1][1]
            yield Span(start, end, "name", text[start:end])
    for pattern in (_HAN_NAME, _ARABIC_NAME):
        for match in pattern.finditer(text):
            yield Span(match.start("value"), match.end("value"), "name", match.group("value"))
