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

from safety.contact import emails, handles, phones
from safety.finders_more import more_spans
from safety.lexicon import (
    COMMON_WORDS,
    FIRST_NAMES,
    LOWER_NAMES,
    NAME_CONNECTORS,
    NOT_NAMES,
    PUBLIC_NAMES,
    VERBS,
)
from safety.places import addresses, place_spans
from safety.text import Span, fold

__all__ = ["FINDERS", "KINDS"]

#: Every kind of identifying information, in tie-break priority order.
KINDS = ("email", "handle", "case", "badge", "unit", "plate", "phone", "address", "name")

_SERVICE_NUMBERS = frozenset({"911", "988", "311", "211", "411", "711"})
_YEAR = re.compile(r"(?:19|20)\d\d")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


# --- badge, unit, case, plate: a cue, then the value ---------------------------------------
# Between a cue and its value: "number", "no.", ":" or a "#" set apart by a space. A "#"
# glued to the value ("#4521") belongs to the value, so the span rule stays simple.
_FILLER = (
    r",?\s*(?:(?:number|num|no|n[úu]mero|n[º°]|id)\b\.?)?\s*:?\s*(?:\#\s+)?"
    r"(?:(?:is|was|es|era)\s+)?"
    # A verb between the cue and the value: "his badge said #7734", "the badge on his
    # chest read 2219", "la placa que llevaba decía 3381", "the case they gave us is ...".
    r"(?:(?:[^\W\d_][\w'’]*,?\s+){0,7}?"
    r"(?:is|was|were|are|said|says|read|reads|showed|shows|had|has|ended\s+in|being|be"
    r"|es|era|eran|waa|l[àa]"
    r"|son|fue|fueron|dec[íi]a|dice|dijo|ten[íi]a|tiene)\s+"
    r"(?:(?:still|just|always|been|like|number|no\.|n[úu]mero|el|la|un|una|sigue\s+siendo)\s+)*"
    r"(?:\#\s+)?)?"
)
# What follows a count or a duration, never an identifier: "2 blocks", "3 years", "24/7".
_COUNTED = re.compile(
    r"(?:\s*/\s*\d|\s*%|\s+(?:blocks?|years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?"
    r"|mins?|seconds?|times?|miles?|feet|ft|kids?|children|people|officers?|cops?|cars?"
    r"|shots?|am|pm|a\.m\.|p\.m\.|o'?clock|cuadras?|años?|meses?|semanas?|d[íi]as?|horas?"
    r"|minutos?|veces|millas?|ni[ñn]os?|personas?|polic[íi]as?|balazos?|tiros?)\b)",
    re.IGNORECASE,
)
# A badge value: digits, digits typed one at a time ("3 3 1 9"), or digits after an
# agency prefix in capitals ("TX 4410", "HPD 7718").
_BADGE_VALUE = r"(?P<value>\#?(?:[A-Z]{1,4}[ -]?)?\d{2,7}|\d(?: \d){2,6})(?![\w-])"
_BADGE = re.compile(
    r"(?i:\bbadge|\bshield|\bn[úu]mero\s+de\s+placa|\bplaca(?!s)|\binsignia|\bgafete"
    # Vietnamese "số hiệu", Somali "calaamad", Hmong "naj npawb", Arabic "شارة",
    # Chinese "警号" (no word boundary in Chinese).
    r"|\bs[ốo]\s+hi[ệe]u|\bcalaamad\w*|\bnaj\s+npawb|شارته|شارة|شارتو|警号|警號|警员编号)"
    rf"{_FILLER}{_BADGE_VALUE}",
)
_OFFICER_HASH = re.compile(
    r"(?i:\b(?:officer|ofc\.?|oficial|agente|deputy|sgt\.?|sergeant|detective|det\.?|trooper"
    r"|cop|polic[ií]a))\s+(?:[A-Z][\w'’-]+\s+){0,2}(?:(?i:number|no\.|n[úu]mero)\s*)?"
    r"(?P<value>\#\s?\d{2,7})(?![\w-])",
)
_UNIT = re.compile(
    r"(?i:\bunit|\bpatrol\s+car|\bsquad(?:\s+car)?|\bpolice\s+car|\bcruiser|\bcar\b"
    r"(?=\s*(?:number|no\b|\#))|\bvehicle(?=\s*(?:number|\#))|\bunidad|\bpatrulla"
    # Where a resident lives: an apartment, a trailer lot, a room ("depa 12", "lot 14").
    r"|\bapartment|\bapt\b\.?|\bapartamento|\bdepartamento|\bdepa|\bdpto\.?|(?<!\ba\s)\blot"
    # Not "room": "Room 204 at the library" is where a session meets.
    r"|\btrailer|شقة|شقه|\bc[ăa]n\s+h[ộo])"
    rf"{_FILLER}(?P<value>\#?[A-Za-z]?\d{{1,5}}(?:-?[A-Za-z](?![A-Za-z]))?)(?![\w-])",
)
_CASE_STRONG = re.compile(
    # Not "in case anyone needs it": an idiom, then often a hotline.
    r"(?i:(?<!\bin\s)\bcase|\bcaso|\bexpediente|\bfolio|\bdenuncia|\bquerella|\bcitation|\bcitaci[óo]n"
    r"|\bmulta|\bn[úu]mero\s+de\s+(?:caso|reporte|denuncia|expediente|folio|incidente|queja)"
    r"|\b(?:report|incident|complaint|file|ticket|cad|ia|record|reporte|incidente|queja)"
    r"(?=\s*(?:number|num\b|no\b|n[úu]mero|id\b|\#|:)))"
    # An agency prefix in capitals may stand apart ("HPD 129033-23", "BR 24 00913").
    rf"{_FILLER}(?P<value>\#?(?:[A-Z]{{2,5}}[ -](?=\d))?(?=[\w-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
    r"(?: \d{2,}(?![\w-]))*)(?![\w-])",
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
            if _COUNTED.match(text, match.end("value")):
                continue
            yield Span(match.start("value"), match.end("value"), kind, match.group("value"))
    for pattern in (_CASE_STRONG, _CASE_WEAK):
        for match in pattern.finditer(text):
            if _COUNTED.match(text, match.end("value")):
                continue
            if _valid_case(match.group("value")):
                yield Span(match.start("value"), match.end("value"), "case", match.group("value"))
    for match in _PLATE.finditer(text):
        value = match.group("value")
        if _COUNTED.match(text, match.end("value")):
            continue
        if _valid_plate(value, match.group()):
            yield Span(match.start("value"), match.end("value"), "plate", value)


# --- names -------------------------------------------------------------------------------
# Titles of officers and officials: a lower-case word after one is a name too ("officer
# reyes"), unless it is an ordinary word ("officer said").
_OFFICER_CUE = re.compile(
    r"(?i:\b(?:officer|ofc\.|off\.|dep\.|sergeant|sgt\.?|lieutenant|lt\.|detective|det\.|deputy"
    r"|captain|capt\.?|chief|trooper|corporal|cpl\.?|commander|cmdr\.?|inspector|sheriff"
    r"|marshal|agent|patrolman|patrolwoman|constable|ranger"
    r"|oficial|agente|sargento|teniente|comandante|capit[áa]n|alguacil|comisario))"
    r",?\s+(?=\w)"
)
# Words that name an officer but also the institution ("la policía trabaja", "cops
# lie"): a name after them must be capitalised.
_POLICE_WORD_CUE = re.compile(
    r"(?i:\b(?:cop|policeman|policewoman|polic[íi]a|guardia|jefe|jefa))\s+(?=\w)"
)
_TITLE_CUE = re.compile(
    r"(?i:\b(?:mr\.?|mrs\.?|ms\.?|dr\.|se[ñn]or|se[ñn]ora|se[ñn]orita|sr\.?|sra\.?|srta\.?"
    r"|do[ñn]a|don|pastor|pastora|reverend|rev\.|imam|sheikh|rabbi|padre"
    # Vietnamese honorifics (Mrs., Mr., Ms., uncle): "Bà Nguyễn".
    r"|b[àa]|[ôo]ng|c[ôo]|ch[úu]|b[áa]c))"
    r"\s+(?=\w)"
)
_KIN = (
    r"son|daughter|brother|sister|nephew|niece|cousin|husband|wife|boyfriend|girlfriend"
    r"|partner|mom|mother|dad|father|uncle|aunt|grandson|granddaughter|grandma|grandmother"
    r"|grandpa|grandfather|friend|neighbou?r|roommate|child|kid|baby|stepson|stepdaughter"
    r"|ex|husband's|wife's|godson|goddaughter|homie|homegirl|homeboy|bestie|coworker|co-worker"
)
_KIN_ES = (
    r"hij[oa]|herman[oa]|sobrin[oa]|prim[oa]|espos[oa]|marido|novi[oa]|pareja|mam[áa]"
    r"|madre|pap[áa]|padre|t[íi][oa]|niet[oa]|abuel[oa]|amig[oa]|vecin[oa]|compañer[oa]"
    r"|beb[ée]|niñ[oa]|ex|ahijad[oa]|cuñad[oa]|suegr[oa]|compadre|comadre"
)
_RELATION_CUE = re.compile(
    rf"(?i:\b(?:my|our|his|her|their)\s+(?:{_KIN})|\b(?:mi|mis|nuestr[oa]|su)\s+(?:{_KIN_ES})"
    r"|\bcalled|\bllamad[oa]|\bme\s+llamo|\bi'?m|\bsoy|\bask\s+for|\bpregunten\s+por)"
    r",?\s+(?=\w)"
)
# Cues that say outright that a name follows: a lower-case word after them is a name
# unless it is an ordinary word ("named after ..." is no name).
_NAMED_CUE = re.compile(
    r"(?i:\bnamed|\bname\s+(?:is|was)|\bknown\s+as|\bgoes\s+by|\bse\s+llama(?:ba)?"
    r"|\bde\s+nombre|\bnombre\s+(?:es|era)|\b(?:last\s+name|surname|apellido)(?:\s+(?:is|was"
    r"|es|era))?)"
    r",?\s+(?=\w)"
)
# English courtesy titles after which any lower-case word that is not an ordinary word
# or an inflected verb is a name ("mrs washington"). After the others a lower-case name
# is read only from the names list: "mi padre tiene", "la señora vive", "the pastor
# prayed", "el padre habló" are verbs the ordinary-word list does not know, and "don" and
# the Vietnamese honorifics are ordinary words too.
_NAMING_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms."})
_INFLECTED = re.compile(r"(?:ed|ing)$")
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
_PUBLIC_RE = re.compile(
    r"(?<![\w'’-])(?:"
    + "|".join(re.escape(fold(n)) for n in sorted(PUBLIC_NAMES, key=lambda s: (-len(s), s)))
    + r")(?![\w'’-])"
)


def _is_name_word(word: str, lower: str | None) -> bool:
    """Whether ``word`` reads as a name word; ``lower`` says how a lower-case one is read.

    ``"cue"``: after a cue that names (an officer title, "named", "Mrs."), any word that is
    not an ordinary word or an inflected verb; ``"list"``: after a relation ("my son
    kevin"), only a given or family name of :data:`~safety.lexicon.LOWER_NAMES`; None:
    capitalised words only.
    """
    folded = fold(word)
    if folded in NOT_NAMES:
        return False
    if word[0].isupper():
        return True
    if lower == "list":
        return word.lower() in LOWER_NAMES or folded in LOWER_NAMES
    if word.lower() in LOWER_NAMES or folded in LOWER_NAMES:
        return lower is not None
    bare = word.replace("-", "").replace("'", "").replace("’", "")
    return (
        lower == "cue"
        and len(word) >= 3
        and bare.isalpha()
        and not _ordinary(folded)
        and not _INFLECTED.search(folded)
    )


def _ordinary(word: str) -> bool:
    """An ordinary word or an inflected verb ("pointed", "walks", "yelling")."""
    if word in COMMON_WORDS:
        return True
    stems = {word[:-1], word[:-2], word[:-3]} if len(word) > 4 else set()
    return any(stem in VERBS for stem in stems | {word})


def _name_after(
    text: str, pos: int, min_words: int = 1, lower: str | None = None
) -> tuple[int, int] | None:
    """Read up to four name words from ``pos``; return their (start, end) or None."""
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
        # After a lower-case first word, only listed names continue it ("mai yer").
        elif _is_name_word(word, lower if not words else lower and "list"):
            if word.isupper() and len(word) > 1 and words:
                break  # all-caps text: capitals say nothing, take one word only
            if words and word[0].isupper() != text[words[0][0]].isupper():
                break  # "officer reyes Monday": a lower-case name does not run into capitals
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
    return start, end


def _skip_gap(text: str, pos: int) -> int:
    gap = _GAP.match(text, pos)
    return gap.end() if gap else pos


def _names(text: str) -> Iterator[Span]:
    # Home towns ("San Pedro Sula") and the public names of people killed by police
    # ("Sandra Bland", which docs/safety.md keeps) are never redacted as names.
    # A candidate inside a place is dropped; a one-word place only stops a name found
    # without a cue, since many surnames are towns too ("Officer Lima", "Carlos Mendoza").
    places = place_spans(text)
    public = [m.span() for m in _PUBLIC_RE.finditer(fold(text))]

    def free(start: int, end: int, cued: bool) -> bool:
        if any(a < end and start < b for a, b in public):
            return False
        return not any(
            a <= start and end <= b and (not cued or " " in text[a:b]) for a, b in places
        )

    cues = (
        (_OFFICER_CUE, "officer"),
        (_POLICE_WORD_CUE, None),
        (_TITLE_CUE, "title"),
        (_RELATION_CUE, "list"),
        (_NAMED_CUE, "cue"),
    )
    for pattern, mode in cues:
        for match in pattern.finditer(text):
            lower = mode
            if mode == "officer":
                # Who capitalises the title capitalises the name: "Detective work" is no
                # name, "officer reyes" is one.
                lower = "cue" if match.group()[0].islower() else None
            elif mode == "title":
                lower = "cue" if fold(match.group().strip()) in _NAMING_TITLES else "list"
            found = _name_after(text, match.end(), lower=lower)
            if found and free(*found, cued=True):
                yield Span(found[0], found[1], "name", text[found[0] : found[1]])
    for match in _FIRST_NAME_RE.finditer(text):
        found = _name_after(text, match.start(), min_words=2)
        if found and free(*found, cued=False):
            yield Span(found[0], found[1], "name", text[found[0] : found[1]])


#: Finder functions by kind; :func:`safety.redact.find_spans` runs them all.
FINDERS: dict[str, Callable[[str], Iterator[Span]]] = {
    "email": emails,
    "handle": handles,
    "phone": phones,
    "address": addresses,
    "cued": _cued,
    "name": _names,
    "more": more_spans,
}
