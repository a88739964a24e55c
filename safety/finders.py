"""Finders for identifying information: each returns candidate spans of one kind.

Contract: every finder takes NFC text and yields :class:`~safety.text.Span` candidates
that may overlap those of other finders; :func:`safety.redact.find_spans` resolves the
overlaps. A span covers only the identifying value, never its cue: ``"badge #4521"``
gives the span ``"#4521"`` (kind ``badge``), so the redacted text still reads
``"badge [badge]"``. Addresses are the exception: the whole ``"1234 Elm St"`` is the value.

Deliberate non-matches (documented in ``docs/safety.md``): intersections ("5th and
Main"), block-level locations ("the 3000 block of Lake St"), street or place names
without a house number ("Lake Street", "Pine Ridge"), ZIP codes, toll-free and crisis
numbers (1-800-..., 911, 988, 741741), years, dates, times, money and percentages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from safety.lexicon import FIRST_NAMES, NAME_CONNECTORS, NOT_NAMES, PUBLIC_NAMES
from safety.text import Span, fold

__all__ = ["FINDERS", "KINDS"]

#: Every kind of identifying information, in tie-break priority order.
KINDS = ("email", "case", "badge", "unit", "plate", "phone", "address", "name")

_TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})
_SERVICE_NUMBERS = frozenset({"911", "988", "311", "211", "411", "711"})

# --- phone -------------------------------------------------------------------------------
_NANP = re.compile(
    r"""(?<![\w+#$€£.,/-])
    (?:\+?1[\s.-]?)?
    (?:\((?P<area1>\d{3})\)\s?|(?P<area2>\d{3})[\s.-]?)
    \d{3}[\s.-]?\d{4}
    (?!\w|[.,/-]\d)""",
    re.VERBOSE,
)
_LOCAL7 = re.compile(r"(?<![\w+#$€£.,/:-])\d{3}[-.]\d{4}(?!\w|[.,/:-]\d)")
_INTERNATIONAL = re.compile(r"(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6}(?!\w|[.,-]\d)")
# Spanish and Latin American spacing: "612 34 56 78", "55 1234 5678", "91 123 45 67".
_SPACED = re.compile(r"(?<![\w+#$€£.,/:-])\d{2,4}(?:[ .-]\d{2,4}){2,4}(?!\w|[.,/:-]\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _phones(text: str) -> Iterator[Span]:
    for match in _NANP.finditer(text):
        area = match.group("area1") or match.group("area2")
        if area in _TOLL_FREE:
            continue
        yield Span(match.start(), match.end(), "phone", match.group())
    for match in _LOCAL7.finditer(text):
        yield Span(match.start(), match.end(), "phone", match.group())
    for match in _INTERNATIONAL.finditer(text):
        if 8 <= len(_digits(match.group())) <= 15:
            yield Span(match.start(), match.end(), "phone", match.group())
    for match in _SPACED.finditer(text):
        value = match.group()
        groups = re.split(r"[ .-]", value)
        if not 9 <= len(_digits(value)) <= 12:
            continue
        if sum(1 for g in groups if _YEAR.fullmatch(g)) >= 2:  # "2019 2020 2021"
            continue
        if groups[0] in _TOLL_FREE or (groups[0] == "1" and groups[1] in _TOLL_FREE):
            continue
        yield Span(match.start(), match.end(), "phone", value)


# --- email -------------------------------------------------------------------------------
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPOKEN_EMAIL = re.compile(
    r"(?<![\w.])[\w.+-]+\s*(?:\(at\)|\[at\]|\s(?:at|arroba)\s)\s*[\w-]+"
    r"\s*(?:\(dot\)|\[dot\]|\s(?:dot|punto)\s)\s*(?:com|net|org|edu|gov|mx|es|us)\b",
    re.IGNORECASE,
)


def _emails(text: str) -> Iterator[Span]:
    for pattern in (_EMAIL, _SPOKEN_EMAIL):
        for match in pattern.finditer(text):
            value = match.group().rstrip(".")
            yield Span(match.start(), match.start() + len(value), "email", value)


# --- street address ----------------------------------------------------------------------
_STREET_TYPE = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl"
    r"|Parkway|Pkwy|Highway|Hwy|Terrace|Ter|Circle|Cir|Trail|Trl|Loop|Alley|Square|Sq)\.?"
)
_DIRECTION = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?"
_UNIT_SUFFIX = r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|\#)\.?\s*\#?[A-Za-z0-9]{1,5}(?!\w))?"
_EN_ADDRESS = re.compile(
    rf"""(?<![\w#$.,/-])\d{{1,6}}[A-Za-z]?\s+
    (?:{_DIRECTION}\s+)?
    (?:\d{{1,3}}(?:st|nd|rd|th)|[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){{0,3}}\s+
    {_STREET_TYPE}(?:\s+{_DIRECTION})?(?!\w){_UNIT_SUFFIX}""",
    re.VERBOSE,
)
# Phones are typed in lower case too: "i live at 1234 elm st". One street word only, and
# not a function word, so "2 kids on my street" is not an address.
_EN_ADDRESS_LOWER = re.compile(
    rf"""(?<![\w#$.,/-])\d{{2,6}}\s+(?:{_DIRECTION}\s+)?
    (?P<word>\d{{1,3}}(?:st|nd|rd|th)|[a-z][a-z'’-]+)\s+
    {_STREET_TYPE}(?!\w){_UNIT_SUFFIX}""",
    re.VERBOSE | re.IGNORECASE,
)
_LOWER_STOP_WORDS = """the my our your his her their this that a an of on in at and or by to from
near main same other next old new"""
_LOWER_STOP = frozenset(_LOWER_STOP_WORDS.split())
_ES_TYPE = (
    r"(?i:calle|c/|avenida|av\.?|avda\.?|bulevar|blvd\.?|calzada|calz\.?|carrera|cra\.?"
    r"|paseo|camino|callejón|privada|priv\.?|andador|circuito|cerrada|carretera)"
)
_ES_NAME = r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|\d{1,3}|de|del|la|las|los|el)"
_ES_ADDRESS = re.compile(
    rf"""(?<!\w){_ES_TYPE}\s+{_ES_NAME}(?:\s+{_ES_NAME}){{0,4}}\s*,?\s*
    (?:\#\s*|(?i:no\.?|n[º°]\.?|núm\.?|num\.?|número|numero)\s*)?\d{{1,5}}[A-Za-z]?(?!\w)
    (?:,?\s*(?i:depto\.?|departamento|int\.?|interior|apto\.?|apartamento|piso)\s*\#?\w{{1,5}})?""",
    re.VERBOSE,
)


def _addresses(text: str) -> Iterator[Span]:
    for match in _EN_ADDRESS.finditer(text):
        yield Span(match.start(), match.end(), "address", match.group())
    for match in _EN_ADDRESS_LOWER.finditer(text):
        if match.group("word").lower() not in _LOWER_STOP:
            yield Span(match.start(), match.end(), "address", match.group())
    for match in _ES_ADDRESS.finditer(text):
        yield Span(match.start(), match.end(), "address", match.group())


# --- badge, unit, case, plate: a cue, then the value ---------------------------------------
# Between a cue and its value: "number", "no.", ":" or a "#" set apart by a space. A "#"
# glued to the value ("#4521") belongs to the value, so the span rule stays simple.
_FILLER = (
    r"\s*(?:(?:number|num|no|n[úu]mero|n[º°]|id)\b\.?)?\s*:?\s*(?:\#\s+)?"
    r"(?:(?:is|was|es|era)\s+)?"
)
_BADGE = re.compile(
    rf"(?i:\bbadge|\bshield|\bn[úu]mero\s+de\s+placa|\bplaca(?!s)|\binsignia){_FILLER}"
    r"(?P<value>\#?\d{2,7})(?![\w-])",
)
_OFFICER_HASH = re.compile(
    r"(?i:\b(?:officer|ofc\.?|oficial|agente|deputy|sgt\.?|sergeant|detective|det\.?|trooper"
    r"|cop|polic[ií]a))\s+(?:[A-Z][\w'’-]+\s+){0,2}(?:(?i:number|no\.|n[úu]mero)\s*)?"
    r"(?P<value>\#\s?\d{2,7})(?![\w-])",
)
_UNIT = re.compile(
    r"(?i:\bunit|\bpatrol\s+car|\bsquad(?:\s+car)?|\bpolice\s+car|\bcruiser|\bcar\b"
    r"(?=\s*(?:number|no\b|\#))|\bvehicle(?=\s*(?:number|\#))|\bunidad|\bpatrulla)"
    rf"{_FILLER}(?P<value>\#?[A-Za-z]?\d{{1,5}}[A-Za-z]?)(?![\w-])",
)
_CASE_STRONG = re.compile(
    r"(?i:\bcase|\bcaso|\bexpediente|\bfolio|\bdenuncia|\bquerella|\bcitation|\bcitaci[óo]n"
    r"|\bmulta|\bn[úu]mero\s+de\s+(?:caso|reporte|denuncia|expediente|folio|incidente|queja)"
    r"|\b(?:report|incident|complaint|file|ticket|cad|ia|record|reporte|incidente|queja)"
    r"(?=\s*(?:number|num\b|no\b|n[úu]mero|id\b|\#|:)))"
    rf"{_FILLER}(?P<value>\#?(?=[\w-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)(?![\w-])",
)
# "report RB-22-1234" without a "#": the value must look like an identifier, not a count.
_CASE_WEAK = re.compile(
    r"(?i:\b(?:report|incident|complaint|file|ticket|reporte|incidente|queja))\s+"
    r"(?P<value>[A-Za-z]{1,4}-?\d[\w-]*|\d{2,}-[\w-]+|\d{5,})(?![\w-])",
)
# A plate is one token ("ABC1234", "ABC-123") or two space-separated groups, the second
# in capitals or digits ("KTR 449", "4521 BCD"), so a following word is not swallowed.
_PLATE = re.compile(
    r"(?i:\blicen[sc]e\s+plates?|\bplates?|\btags?|\bplacas?|\bmatr[íi]cula|\btablilla)"
    r"(?:\s+(?i:del|de\s+la|de)\s+[\wáéíóú]+)?"
    rf"{_FILLER}(?P<value>(?=[A-Za-z -]{{0,10}}\d)[A-Za-z0-9]{{1,8}}(?:-[A-Za-z0-9]{{1,4}}){{0,2}}"
    r"(?: [A-Z0-9]{1,5}(?![\w-]))?)(?![\w-])",
)


def _valid_case(value: str) -> bool:
    bare = value.lstrip("#")
    digits = _digits(bare)
    if not digits or bare in _SERVICE_NUMBERS:
        return False
    if _YEAR.fullmatch(bare):  # "the case 2020 ..." is a year, not an identifier
        return False
    return len(bare) >= 3


def _valid_plate(value: str, cue: str) -> bool:
    alnum = [ch for ch in value if ch.isalnum()]
    if not 4 <= len(alnum) <= 8 or not any(ch.isdigit() for ch in alnum):
        return False
    if cue.lower().startswith("placa") and not cue.lower().startswith("placas"):
        # Singular "placa" with digits only is a badge ("placa 4521").
        return any(ch.isalpha() for ch in alnum)
    return not _YEAR.fullmatch(value)


def _cued(text: str) -> Iterator[Span]:
    for pattern, kind in ((_BADGE, "badge"), (_OFFICER_HASH, "badge"), (_UNIT, "unit")):
        for match in pattern.finditer(text):
            if match.group("value").lstrip("#") in _SERVICE_NUMBERS:
                continue
            yield Span(match.start("value"), match.end("value"), kind, match.group("value"))
    for pattern in (_CASE_STRONG, _CASE_WEAK):
        for match in pattern.finditer(text):
            if _valid_case(match.group("value")):
                yield Span(match.start("value"), match.end("value"), "case", match.group("value"))
    for match in _PLATE.finditer(text):
        value = match.group("value")
        if _valid_plate(value, match.group()):
            yield Span(match.start("value"), match.end("value"), "plate", value)


# --- names -------------------------------------------------------------------------------
_TITLE_CUE = re.compile(
    r"(?i:\b(?:officer|ofc\.|off\.|sergeant|sgt\.?|lieutenant|lt\.|detective|det\.|deputy"
    r"|captain|capt\.?|chief|trooper|corporal|cpl\.?|commander|cmdr\.?|inspector|sheriff"
    r"|marshal|agent|mr\.?|mrs\.?|ms\.?|dr\.|oficial|agente|sargento|teniente|comandante"
    r"|capit[áa]n|jefe|se[ñn]or|se[ñn]ora|se[ñn]orita|sr\.?|sra\.?|srta\.?|do[ñn]a"
    r"|pastor|pastora|reverend|rev\.|imam|sheikh|rabbi|padre"
    # Vietnamese honorifics (Mrs., Mr., Ms., uncle): "Bà Nguyễn".
    r"|b[àa]|[ôo]ng|c[ôo]|ch[úu]|b[áa]c))"
    r"\s+(?=\w)"
)
_KIN = (
    r"son|daughter|brother|sister|nephew|niece|cousin|husband|wife|boyfriend|girlfriend"
    r"|partner|mom|mother|dad|father|uncle|aunt|grandson|granddaughter|grandma|grandmother"
    r"|grandpa|grandfather|friend|neighbou?r|roommate|child|kid|baby|stepson|stepdaughter"
    r"|ex|husband's|wife's"
)
_KIN_ES = (
    r"hij[oa]|herman[oa]|sobrin[oa]|prim[oa]|espos[oa]|marido|novi[oa]|pareja|mam[áa]"
    r"|madre|pap[áa]|padre|t[íi][oa]|niet[oa]|abuel[oa]|amig[oa]|vecin[oa]|compañer[oa]"
    r"|beb[ée]|niñ[oa]|ex"
)
_RELATION_CUE = re.compile(
    rf"(?i:\b(?:my|our|his|her|their)\s+(?:{_KIN})|\b(?:mi|mis|nuestr[oa]|su)\s+(?:{_KIN_ES})"
    r"|\bnamed|\bname\s+(?:is|was)|\bknown\s+as|\bgoes\s+by|\bllamad[oa]|\bse\s+llama(?:ba)?"
    r"|\bde\s+nombre|\bnombre\s+(?:es|era)|\bme\s+llamo)"
    r",?\s+(?=\w)"
)
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_GAP = re.compile(r"[ \t]+")
_FIRST_NAME_RE = re.compile(
    r"(?<![\w'’-])(?:"
    + "|".join(
        sorted(
            {form for n in FIRST_NAMES for form in (n.capitalize(), fold(n).capitalize())},
            key=lambda s: (-len(s), s),
        )
    )
    + r")(?![\w'’-])"
)


def _is_name_word(word: str) -> bool:
    return word[0].isupper() and fold(word) not in NOT_NAMES


def _name_after(text: str, pos: int, min_words: int = 1) -> tuple[int, int] | None:
    """Read up to four capitalised words from ``pos``; return their (start, end) or None."""
    words: list[tuple[int, int]] = []
    cursor = pos
    pending_connectors = 0
    while len(words) < 4:
        match = _NAME_TOKEN.match(text, cursor)
        if not match:
            break
        word = match.group()
        if words and word in NAME_CONNECTORS and pending_connectors < 2:
            pending_connectors += 1
        elif _is_name_word(word):
            if word.isupper() and len(word) > 1 and words:
                break  # all-caps text: capitals say nothing, take one word only
            words.append(match.span())
            pending_connectors = 0
            if word.isupper() and len(word) > 1:
                break
        else:
            break
        gap = _GAP.match(text, match.end())
        if not gap:
            break
        cursor = gap.end()
    if len(words) < min_words:
        return None
    start, end = words[0][0], words[-1][1]
    after = _NAME_TOKEN.match(text, _skip_gap(text, end))
    if after and fold(after.group()) in NOT_NAMES and after.group()[0].isupper():
        # "Maria Lopez Park", "Martin Luther King Blvd": a place or an organisation.
        return None
    name = fold(text[start:end])
    if any(name.startswith(fold(public)) for public in PUBLIC_NAMES):
        return None
    return start, end


def _skip_gap(text: str, pos: int) -> int:
    gap = _GAP.match(text, pos)
    return gap.end() if gap else pos


def _names(text: str) -> Iterator[Span]:
    for pattern in (_TITLE_CUE, _RELATION_CUE):
        for match in pattern.finditer(text):
            found = _name_after(text, match.end())
            if found:
                yield Span(found[0], found[1], "name", text[found[0] : found[1]])
    for match in _FIRST_NAME_RE.finditer(text):
        found = _name_after(text, match.start(), min_words=2)
        if found:
            yield Span(found[0], found[1], "name", text[found[0] : found[1]])


#: Finder functions by kind; :func:`safety.redact.find_spans` runs them all.
FINDERS: dict[str, Callable[[str], Iterator[Span]]] = {
    "email": _emails,
    "phone": _phones,
    "address": _addresses,
    "cued": _cued,
    "name": _names,
}
