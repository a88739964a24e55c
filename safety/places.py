"""Street addresses and a gazetteer of place names.

English addresses are found by a loose pattern (house number, street words, street type)
and confirmed by ``usaddress`` (a maintained CRF address parser trained on US addresses):
a candidate it does not read as a street address with a number, a name and a type is
dropped. Counts that merely precede a street name ("more than 200 Lake Street
businesses") are dropped by context before the parser is asked.

Spanish-style addresses ("el 6200 de la Bellaire", "calle Hillcrest 220", "1830 calle
Fulton", "Av. Juárez 45") have no maintained parser that reads them inside free text, so
they keep own patterns here.

The gazetteer lists places of the five sites and of Latin America, so that a home town
("San Luis Potosí", "San Pedro Sula") is not read as a person's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import usaddress

from safety.text import Span, fold

__all__ = ["addresses", "place_spans"]

_STREET_TYPE = (
    r"(?:Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place"
    r"|Pl|Parkway|Pkwy|Highway|Hwy|Terrace|Ter|Circle|Cir|Trail|Trl|Loop|Alley|Square|Sq)\.?"
)
_DIRECTION = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?"
_UNIT_SUFFIX = (
    r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|\#)\.?\s*\#?(?=[A-Za-z]?\d)[A-Za-z0-9]{1,5}(?!\w))?"
)
_WORD = r"(?:\d{1,3}(?:st|nd|rd|th)|[^\W\d_][\w'’.-]*)"
_EN_ADDRESS = re.compile(
    rf"""(?<![\w#$.,/-])(?P<number>\d{{1,6}}[A-Za-z]?)\s+
    (?:{_DIRECTION}\s+)?
    (?P<name>{_WORD}(?:\s+{_WORD}){{0,3}}?)\s+
    {_STREET_TYPE}(?:\s+{_DIRECTION}(?!\w))?(?!\w){_UNIT_SUFFIX}""",
    re.VERBOSE | re.IGNORECASE,
)
# "200 Lake Street businesses", "more than 300 Chicago Avenue residents": a count.
_QUANTIFIER_BEFORE = re.compile(
    r"(?i)\b(?:more than|over|about|around|nearly|almost|approximately|roughly|at least"
    r"|más de|unos|unas|cerca de)\s*$"
)
_COUNTED_AFTER = re.compile(
    r"\s+(?:businesses|residents|families|homes|houses|neighbou?rs|merchants|owners|shops"
    r"|stores|people|tenants|workers|students|kids|voters|protesters|members|buildings"
    r"|restaurants|churches|vendors|negocios|vecinos|familias|residentes)\b",
    re.IGNORECASE,
)
_FUNCTION_WORDS_TEXT = """the my our your his her their this that a an of on in at and or by to
from near main same other next old new kids people times years blocks cars officers cops was
is were for with about over all more than"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

_ES_TYPE = (
    r"(?i:calle|c/|avenida|av\.?|avda\.?|bulevar|blvd\.?|calzada|calz\.?|carrera|cra\.?"
    r"|paseo|camino|callejón|privada|priv\.?|andador|circuito|cerrada|carretera)"
)
_CAP = r"[A-ZÁÉÍÓÚÑ][\w'’.-]*"
_ES_NAME = rf"(?:{_CAP}|\d{{1,3}}|de|del|la|las|los|el)"
_ES_ADDRESS = re.compile(
    rf"""(?<!\w){_ES_TYPE}\s+{_ES_NAME}(?:\s+{_ES_NAME}){{0,4}}\s*,?\s*
    (?:\#\s*|(?i:no\.?|n[º°]\.?|núm\.?|num\.?|número|numero)\s*)?\d{{1,5}}[A-Za-z]?(?!\w)
    (?:,?\s*(?i:depto\.?|departamento|int\.?|interior|apto\.?|apartamento|piso)\s*\#?\w{{1,5}})?""",
    re.VERBOSE,
)
_EN_TYPE_WORD = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct"
    r"|Parkway|Pkwy|Highway|Hwy)\.?"
)
# The way Houston and Oakland Spanish speakers give a US address: "el 6200 de la
# Bellaire", "la 1418 de la avenida Lake", "el 4511 de la Telephone Road".
_ES_US_ADDRESS = re.compile(
    rf"""(?<!\w)(?:(?i:el|la)\s+)?\d{{2,6}}\s+(?i:de\s+la|del)\s+
    (?:{_ES_TYPE}\s+)?{_CAP}(?:\s+{_CAP}){{0,2}}""",
    re.VERBOSE,
)
# "1830 calle Fulton", "2200 avenida Fremont".
_NUMBER_THEN_ES_TYPE = re.compile(
    rf"(?<![\w#$.,/-])\d{{2,6}}\s+{_ES_TYPE}\s+{_CAP}(?:\s+{_CAP}){{0,2}}",
)


# A cue that announces an address, then a house number and a street name without a type:
# "my address is 4100 Nicollet", "the house on 1508 Elm", "vivo en Morelos 45". usaddress
# cannot confirm these (no street type), so the cue is what makes them addresses.
_ADDRESS_CUE = re.compile(
    r"(?i:\b(?:address(?:\s+is|:)|(?:i|we|they|he|she)\s+(?:live|lives|lived|stay|stays)\s+"
    r"(?:at|on)|living\s+at|house\s+(?:on|at)|home\s+(?:on|at)|apartment\s+(?:on|at)"
    r"|mi\s+direcci[óo]n\s+es|vivo\s+en|vive\s+en|vivimos\s+en|viven\s+en|casa\s+en))\s+"
)
_DURATION_AFTER = re.compile(
    r"\s+(?:years?|months?|weeks?|days?|hours?|años|meses|semanas|d[íi]as|horas)\b", re.IGNORECASE
)
_CUED_EN = re.compile(rf"\d{{2,6}}\s+(?:{_DIRECTION}\s+)?{_CAP}(?:\s+{_CAP})?(?![\w'’])")
_CUED_ES = re.compile(rf"{_CAP}(?:\s+{_CAP})?\s+(?:\#\s*)?\d{{1,5}}(?![\w/.,:-]\d|\w)")


@lru_cache(maxsize=4096)
def _parses_as_street_address(candidate: str) -> bool:
    try:
        tags, kind = usaddress.tag(candidate)
    except usaddress.RepeatedLabelError:
        return False
    return (
        kind == "Street Address"
        and "AddressNumber" in tags
        and "StreetName" in tags
        and "StreetNamePostType" in tags
    )


def addresses(text: str) -> Iterator[Span]:
    """Street addresses with a house number, English (confirmed by usaddress) and Spanish."""
    for match in _EN_ADDRESS.finditer(text):
        words = fold(match.group("name")).split()
        if any(word in _FUNCTION_WORDS for word in words):
            continue  # "2 kids on my street"
        if _COUNTED_AFTER.match(text, match.end()) or _QUANTIFIER_BEFORE.search(
            text[max(0, match.start() - 20) : match.start()]
        ):
            continue
        if not _parses_as_street_address(match.group()):
            continue
        yield Span(match.start(), match.end(), "address", match.group())
    for cue in _ADDRESS_CUE.finditer(text):
        for pattern in (_CUED_EN, _CUED_ES):
            match = pattern.match(text, cue.end())
            if (
                match
                and not _COUNTED_AFTER.match(text, match.end())
                and not _DURATION_AFTER.match(text, match.end())
            ):
                yield Span(match.start(), match.end(), "address", match.group())
    for pattern in (_ES_ADDRESS, _ES_US_ADDRESS, _NUMBER_THEN_ES_TYPE):
        for match in pattern.finditer(text):
            value = match.group().rstrip(".,")
            yield Span(match.start(), match.start() + len(value), "address", value)


# --- gazetteer -----------------------------------------------------------------------------
# Comma-separated so that multi-word names stay whole. Folded (lower case, no accents).
_SITES = """
minneapolis, saint paul, st. paul, hennepin, powderhorn, phillips, cedar-riverside,
longfellow, frogtown, oakland, fruitvale, east oakland, west oakland, san leandro, alameda,
berkeley, richmond, hayward, houston, gulfton, alief, sharpstown, pasadena, harris county,
fifth ward, third ward, acres homes, baton rouge, scotlandville, north baton rouge,
east baton rouge, rapid city, pine ridge, rosebud, black hills, cheyenne river,
standing rock, sioux falls
"""
_US = """
san antonio, san diego, san jose, san josé, san francisco, santa ana, santa fe, santa monica,
santa clara, santa cruz, santa barbara, los angeles, el paso, las vegas, las cruces,
new mexico, new orleans, new york, corpus christi, laredo, brownsville, mcallen, dallas,
fort worth, austin, chicago, phoenix, tucson, albuquerque, denver, atlanta, miami, texas,
louisiana, minnesota, california, south dakota
"""
_LATAM = """
méxico, mexico, ciudad de méxico, cdmx, guadalajara, monterrey, puebla, tijuana,
ciudad juárez, querétaro, oaxaca, chiapas, guerrero, michoacán, jalisco, zacatecas,
durango, sinaloa, sonora, chihuahua, coahuila, nuevo león, tamaulipas, veracruz, tabasco,
yucatán, quintana roo, campeche, morelos, tlaxcala, nayarit, colima, aguascalientes,
guanajuato, san luis potosí, baja california, acapulco, cancún, mérida, tuxtla gutiérrez,
san cristóbal de las casas, san juan chamula, toluca, cuernavaca, morelia, celaya,
irapuato, uruapan, culiacán, mazatlán, hermosillo, matamoros, reynosa, nuevo laredo,
saltillo, torreón, guatemala, quetzaltenango, xela, huehuetenango, san marcos,
todos santos cuchumatán, chichicastenango, antigua, cobán, petén, totonicapán, sololá,
el salvador, san salvador, san miguel, usulután, la libertad, honduras, tegucigalpa,
san pedro sula, la ceiba, choluteca, olancho, copán, nicaragua, managua, granada,
matagalpa, costa rica, panamá, colón, cuba, la habana, havana, santiago de cuba,
república dominicana, santo domingo, puerto rico, san juan, ponce, mayagüez, haití,
puerto príncipe, colombia, bogotá, medellín, cali, barranquilla, cartagena, venezuela,
caracas, maracaibo, ecuador, quito, guayaquil, cuenca, perú, lima, cusco, arequipa,
bolivia, la paz, cochabamba, santa cruz de la sierra, chile, santiago de chile,
valparaíso, argentina, buenos aires, córdoba, rosario, mendoza, uruguay, montevideo,
paraguay, asunción, brasil, são paulo, rio de janeiro, somalia, mogadishu, hargeisa,
vietnam, hanoi, saigon, ho chi minh, laos, vientiane
"""


def _places(*blocks: str) -> tuple[str, ...]:
    names = {fold(name.strip()) for block in blocks for name in block.split(",")}
    return tuple(sorted((n for n in names if n), key=lambda s: (-len(s), s)))


#: Folded place names, longest first, so "san luis potosi" wins over "san luis".
PLACES: tuple[str, ...] = _places(_SITES, _US, _LATAM)
_PLACE_RE = re.compile(
    r"(?<![\w'’-])(?:" + "|".join(re.escape(p) for p in PLACES) + r")(?![\w'’-])"
)
# Towns named after saints are too many to list: "San X", "Santa X Y", "Villa X".
_SAINT_TOWN = re.compile(
    r"(?<![\w'’-])(?:San|Santa|Santo|São|Sao|Villa|Puerto|Ciudad|Nueva|Nuevo|Valle)"
    r"(?:\s+(?:(?:de|del|de la|de los|de las|el)\s+)?[A-ZÁÉÍÓÚÑ][\w'’-]*){1,4}"
)


def place_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of place names in NFC ``text`` (gazetteer entries and saint-named towns)."""
    folded = fold(text)
    found = [m.span() for m in _PLACE_RE.finditer(folded)]
    found.extend(m.span() for m in _SAINT_TOWN.finditer(text))
    return found
