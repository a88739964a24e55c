"""Which words of a Spanish label candidate are verbs or adverbs, from spaCy's lexicon.

Contract: the lower-cased tokens of one clause in, one boolean per token out (and, for
:func:`spanish_nouns`, the clauses of a theme in, a set of words out); nothing here
knows about themes. A label names a topic, so a candidate holding a finite verb is
a fragment of a post ("Dejen a la familia", "Grabé el video"), not a label; English has
the same rule with lemminflect's lexicon (``analysis.phrases``).

The data are spaCy's Spanish rule-lemmatizer tables (``spacy-lookups-data``, MIT): a
lemma index of about 8,300 nouns, 4,300 adjectives and 2,300 verbs, and suffix rules
for every finite tense and person. A word is a finite verb when one of those rules
(with the stem's vowel change, "pueden" -> "poder") turns it into an indexed verb and
the index gives it no noun or adjective reading: "apoyo", "camino", "paro" and "ayuda"
stay nouns. Infinitives, participles and gerunds are not finite, so they stay too. The
word before settles what the index cannot: after a determiner or a preposition a word
is not a finite verb ("hagas el reporte", "pensamos en ICE"); after a clitic pronoun or
"no" a word that is both noun and verb is the verb ("nos paga"). A word the index lacks
as a noun is read as one when a member writes it after a determiner or a preposition
(:func:`spanish_nouns`: "el reporte" makes "reporte policial" a noun phrase).

Two more word classes keep a label from reading as a fragment: a bare infinitive
(:func:`spanish_infinitives`, "preguntar", "preguntarnos"; not after a determiner: "el
deber") names an action, so no label starts with one; an adverb or preposition
(:func:`spanish_adverbs`: a closed list, and adjectives with -mente) is no verb when it
heads a phrase ("cerca de la escuela"), though the tables read "cerca" as "cercar" and
"hacia" as "hacer", and no label ends with one ("jeringas cerca").

The tables are read once, on the first Spanish candidate (about 2 MiB, 30 ms).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Collection, Iterable, Sequence
from functools import cache, lru_cache
from importlib.resources import files
from itertools import pairwise

from analysis.text import is_stopword

__all__ = [
    "SPANISH_ADVERBS",
    "spanish_adverbs",
    "spanish_finite_verbs",
    "spanish_infinitives",
    "spanish_nouns",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words only, to read a word's context; the verbs themselves come from the
# tables. "la", "lo", "los" and "las" are left out: they are articles and clitic
# pronouns alike ("la paga" is a noun, "la grabé" a verb).
_BEFORE_A_NOUN = _words(
    """
    el un una unos unas del al mi mis tu tus su sus nuestro nuestra nuestros nuestras
    a ante con contra de desde en entre hacia hasta para por sin sobre tras
    """
)
_BEFORE_A_VERB = _words("me te se nos os le les no")
#: Determiners: after one, a word that looks like an infinitive or an adverb is a noun
#: ("el deber", "un poder", "la vía"). Not "al": "al llegar" is a verb.
_DETERMINERS = _words(
    """
    el la los las un una unos unas del mi mis tu tus su sus nuestro nuestra nuestros
    nuestras este esta estos estas ese esa esos esas aquel aquella aquellos aquellas
    cada algún alguna ningún ninguna otro otra mucho mucha poco poca tanto tanta
    """
)
#: Prepositions and the adverbs that take a complement ("cerca de", "junto a"): a closed
#: class, listed whole because the tables have no index of it. Several are verb forms
#: there as well ("cerca", "acerca", "aparte", "adentro", "hacia", "bajo", "fuera").
SPANISH_ADVERBS = _words(
    """
    a ante bajo cabe con contra de desde durante en entre hacia hasta mediante para por
    según sin so sobre tras versus vía
    abajo acerca adelante adentro además afuera alrededor antes aparte arriba atrás
    cerca debajo delante dentro después detrás encima enfrente frente fuera junto lejos
    respecto
    """
)
#: The words that open an adverb's complement: "cerca de", "bajo la lluvia".
_OPENS_A_COMPLEMENT = _BEFORE_A_NOUN | _words("la las los")
_CLITICS = ("me", "te", "se", "nos", "os", "lo", "la", "los", "las", "le", "les")
_INFINITIVE = ("ar", "er", "ir", "ír")  # "reír", "oír"
_ACCENTS = str.maketrans("áéí", "aei")


def spanish_finite_verbs(tokens: Sequence[str], nouns: Collection[str] = frozenset()) -> list[bool]:
    """Flag the words of one Spanish clause that are finite verbs, read in context.

    Args:
        tokens: Lower-cased tokens of a clause, in order (no punctuation between them).
        nouns: Words known to be nouns in the texts at hand (:func:`spanish_nouns`):
            like the lexicon's nouns, they are verbs only after a clitic or "no".

    Returns:
        One flag per token: ``True`` for a finite verb form ("dejen", "grabé",
        "hablan"), ``False`` for nouns, adjectives, infinitives, participles,
        gerunds, adverbs and prepositions, function words and words the lexicon does
        not know.
    """
    adverbs = spanish_adverbs(tokens)
    flags = []
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        finite, nominal = _analyse_es(token)
        if not finite or adverbs[i] or is_stopword(token, "es") or before in _BEFORE_A_NOUN:
            flags.append(False)
        else:
            flags.append(not (nominal or token in nouns) or before in _BEFORE_A_VERB)
    return flags


def spanish_nouns(clauses: Iterable[Sequence[str]]) -> frozenset[str]:
    """The words that some clause writes where only a noun can stand.

    A word right after a determiner or a preposition is no finite verb ("el reporte",
    "del reporte"), so the same word elsewhere in the same texts, with nothing before it
    to decide ("reporte policial"), is taken for the noun too. This covers nouns the
    lexicon lacks (regional ones such as "reporte", which it reads only as "reportar").

    Args:
        clauses: Lower-cased tokens of each clause of the texts (one theme's members).

    Returns:
        The words found in such a place.
    """
    return frozenset(
        token
        for tokens in clauses
        for before, token in pairwise(tokens)
        if before in _BEFORE_A_NOUN and not is_stopword(token, "es")
    )


def spanish_infinitives(tokens: Sequence[str]) -> list[bool]:
    """Flag the bare infinitives of one Spanish clause, clitics attached or not.

    An infinitive is a word ending in -ar, -er or -ir, after up to two attached clitic
    pronouns ("preguntarnos", "explicárselo"), that the lexicon lists as a verb. After a
    determiner it is a noun ("el deber", "un poder", "su saber") and is not flagged;
    plurals ("los seres", "deberes") never look like infinitives.

    Args:
        tokens: Lower-cased tokens of a clause, in order.

    Returns:
        One flag per token.
    """
    return [
        _is_infinitive(token) and (not i or tokens[i - 1] not in _DETERMINERS)
        for i, token in enumerate(tokens)
    ]


def spanish_adverbs(tokens: Sequence[str]) -> list[bool]:
    """Flag the words of one Spanish clause used as an adverb or a preposition.

    A word of :data:`SPANISH_ADVERBS` is one when its complement follows ("cerca de la
    escuela", "bajo la lluvia"), or when the lexicon gives it no noun or adjective
    reading ("vive lejos"). It is not after a determiner ("la vía", "el frente"), nor,
    without a complement, after a preposition, whose complement it is ("agencia de
    afuera") or when it can be an adjective ("sueldo bajo"). An adjective with -mente
    is always one ("claramente"). A flagged word ends no label.

    Args:
        tokens: Lower-cased tokens of a clause, in order.

    Returns:
        One flag per token.
    """
    flags = []
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token not in SPANISH_ADVERBS:
            flags.append(_mente_adverb(token))
        elif before in _DETERMINERS:
            flags.append(False)
        elif after in _OPENS_A_COMPLEMENT:
            flags.append(True)
        else:
            flags.append(before not in _BEFORE_A_NOUN and not _nominal_es(token))
    return flags


@lru_cache(maxsize=16384)
def _analyse_es(token: str) -> tuple[bool, bool]:
    """Return (can be a finite verb form, can be a noun or an adjective) for a word."""
    tables = _spanish_tables()
    finite = any(
        lemma in tables.verbs or any(alt in tables.verbs for alt in _vowel_changes(lemma))
        for lemma in _apply(token, tables.finite)
    )
    if not finite:
        return False, False
    return True, _nominal_es(token)


@lru_cache(maxsize=16384)
def _nominal_es(token: str) -> bool:
    """Tell whether the lexicon reads a word as a noun or an adjective (or their forms)."""
    tables = _spanish_tables()
    return (
        token in tables.nouns
        or token in tables.adjectives
        or any(lemma in tables.nouns for lemma in _apply(token, tables.plural_nouns))
        or any(lemma in tables.adjectives for lemma in _apply(token, tables.adjective_forms))
    )


def _mente_adverb(token: str) -> bool:
    """Tell whether a word is an adjective plus -mente ("claramente"; not "demente")."""
    stem = token.removesuffix("mente")
    return stem != token and len(stem) > 2 and _nominal_es(stem) and not _nominal_es(token)


@lru_cache(maxsize=16384)
def _is_infinitive(token: str) -> bool:
    """Tell whether a word is a listed verb's infinitive, with up to two clitics."""
    verbs = _spanish_tables().verbs
    bases = {token}
    for _ in range(2):  # "explicárselo" -> "explicárse" -> "explicar"
        cut = {
            b[: -len(c)] for b in bases for c in _CLITICS if b.endswith(c) and len(b) > len(c) + 1
        }
        bases |= cut | {b.translate(_ACCENTS) for b in cut}
    return any(base.endswith(_INFINITIVE) and base in verbs for base in bases)


def _apply(token: str, rules: Sequence[tuple[str, str]]) -> set[str]:
    """The lemmas that suffix rules ``(ending, replacement)`` make of ``token``."""
    return {token[: len(token) - len(old)] + new for old, new in rules if token.endswith(old)}


def _vowel_changes(lemma: str) -> list[str]:
    """Undo a stem-changing verb's vowel: "pueder" -> "poder", "pidir" -> "pedir"."""
    stem_end = len(lemma) - 2  # the vowel changes in the stem, never in -ar, -er, -ir
    found = []
    for old, new in _spanish_tables().vowel_changes:
        at = lemma.find(old)
        while 0 <= at < stem_end:
            found.append(lemma[:at] + new + lemma[at + len(old) :])
            at = lemma.find(old, at + 1)
    return found


class _Tables:
    """The parts of spaCy's Spanish lemmatizer tables that tell a verb from a noun."""

    def __init__(self, index: dict[str, list[str]], rules: dict[str, list[list[str]]]):
        self.verbs = frozenset(index["verb"])
        self.nouns = frozenset(index["noun"])
        self.adjectives = frozenset(index["adj"])
        self.finite = _pairs(
            pair for name, group in rules.items() if name.startswith("verb_fin_") for pair in group
        )
        self.vowel_changes = _pairs([*rules["voc_alt_1"], *rules["voc_alt_2"]])
        self.plural_nouns = _pairs(rules["noun_plur"])
        self.adjective_forms = _pairs([*rules["adj_plur"], *rules["adj_sing_fem"]])


def _pairs(rules: Iterable[Sequence[str]]) -> tuple[tuple[str, str], ...]:
    return tuple(dict.fromkeys((old, new) for old, new in rules))


@cache
def _spanish_tables() -> _Tables:
    def load(name: str) -> dict:
        path = files("spacy_lookups_data").joinpath("data", f"es_{name}.json.gz")
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
            return json.load(text)

    return _Tables(load("lemma_index"), load("lemma_rules"))
