"""Which words of a Spanish label candidate are finite verbs, from spaCy's lexicon.

Contract: the lower-cased tokens of one clause in, one boolean per token out; nothing
here knows about themes. A label names a topic, so a candidate holding a finite verb is
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
"no" a word that is both noun and verb is the verb ("nos paga").

The tables are read once, on the first Spanish candidate (about 2 MiB, 30 ms).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib.resources import files

from analysis.text import is_stopword

__all__ = ["spanish_finite_verbs"]


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


def spanish_finite_verbs(tokens: Sequence[str]) -> list[bool]:
    """Flag the words of one Spanish clause that are finite verbs, read in context.

    Args:
        tokens: Lower-cased tokens of a clause, in order (no punctuation between them).

    Returns:
        One flag per token: ``True`` for a finite verb form ("dejen", "grabé",
        "hablan"), ``False`` for nouns, adjectives, infinitives, participles,
        gerunds, function words and words the lexicon does not know.
    """
    flags = []
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        finite, nominal = _analyse_es(token)
        if not finite or is_stopword(token, "es") or before in _BEFORE_A_NOUN:
            flags.append(False)
        else:
            flags.append(not nominal or before in _BEFORE_A_VERB)
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
    nominal = (
        token in tables.nouns
        or token in tables.adjectives
        or any(lemma in tables.nouns for lemma in _apply(token, tables.plural_nouns))
        or any(lemma in tables.adjectives for lemma in _apply(token, tables.adjective_forms))
    )
    return True, nominal


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
