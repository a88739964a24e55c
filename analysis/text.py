"""Text preprocessing: Unicode normalisation, tokenisation, stopwords, stemming, language.

Contract: every function here takes plain strings and returns plain values. Nothing
needs downloaded NLTK data: only ``RegexpTokenizer`` and ``SnowballStemmer`` are used,
and the stopword lists are curated in :mod:`analysis.lexicon` because the common lists
delete words that matter in a listening session (help, need, home, area, young, fire,
call, never).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer

from analysis.lexicon import ES_TO_EN, STOPWORDS_EN, STOPWORDS_ES

__all__ = [
    "LANGUAGES",
    "analyze",
    "content_tokens",
    "detect_language",
    "normalize",
    "stem",
    "tokenize",
]

#: Languages with a stemmer and stopword list. Anything else is treated as "und".
LANGUAGES = ("en", "es")

# \w is Unicode-aware in Python 3, so Lakota (ȟ š č ŋ ǧ), Vietnamese diacritics and
# right-to-left scripts tokenise as words. Inner apostrophes keep "don't", "oyás'iŋ".
_TOKENIZER = RegexpTokenizer(r"\w+(?:['’]\w+)*")
_SPACE = re.compile(r"\s+")
# Control characters other than ordinary whitespace never carry meaning in a concern.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_STEMMERS = {"en": SnowballStemmer("english"), "es": SnowballStemmer("spanish")}
_ES_MARKS = frozenset("ñ¿¡áéíóú")
_ES_HINTS = STOPWORDS_ES - STOPWORDS_EN
_EN_HINTS = STOPWORDS_EN - STOPWORDS_ES


def normalize(text: str) -> str:
    """Return ``text`` in Unicode NFC with control characters dropped and spaces collapsed.

    Args:
        text: Raw concern text.

    Returns:
        The cleaned text, stripped of leading and trailing whitespace.
    """
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def tokenize(text: str) -> list[str]:
    """Split text into lower-cased word tokens (letters and digits of any script).

    Args:
        text: Text, ideally already passed through :func:`normalize`.

    Returns:
        Tokens in order; punctuation and emoji are dropped.
    """
    return [tok.replace("’", "'") for tok in _TOKENIZER.tokenize(text.casefold())]


def detect_language(text: str, default: str = "und") -> str:
    """Guess whether a short text is English or Spanish.

    Short concerns defeat character n-gram detectors, so this counts function words that
    belong to only one of the two languages, plus Spanish-only characters (ñ, ¿, ¡,
    accented vowels).

    Args:
        text: Text to inspect.
        default: Code returned when there is no evidence either way.

    Returns:
        ``"en"``, ``"es"`` or ``default``.
    """
    tokens = tokenize(text)
    es = sum(tok in _ES_HINTS for tok in tokens)
    en = sum(tok in _EN_HINTS for tok in tokens)
    es += sum(ch in _ES_MARKS for ch in text.casefold()) * 0.5
    if es == en == 0:
        return default
    return "es" if es > en else "en"


@lru_cache(maxsize=200_000)
def stem(token: str, language: str) -> str:
    """Stem one lower-cased token with the Snowball stemmer for ``language``.

    Spanish tokens that have an entry in the bilingual bridge are mapped to the English
    stem of their translation, so "policía" and "police" share a feature.

    Args:
        token: A lower-cased token.
        language: ``"en"``, ``"es"`` or anything else (then English rules are used,
            which leave most non-Latin words unchanged).

    Returns:
        The stem.
    """
    if language == "es":
        bridged = ES_TO_EN.get(token)
        if bridged is None:
            bridged = ES_TO_EN.get(_strip_accents(token))
        if bridged is not None:
            return " ".join(_STEMMERS["en"].stem(part) for part in bridged.split())
        return _STEMMERS["es"].stem(token)
    return _STEMMERS["en"].stem(token)


def is_stopword(token: str, language: str) -> bool:
    """Tell whether a lower-cased token is a stopword in ``language`` (or in either)."""
    if language == "es":
        return token in STOPWORDS_ES
    if language == "en":
        return token in STOPWORDS_EN
    return token in STOPWORDS_EN or token in STOPWORDS_ES


def content_tokens(text: str, language: str) -> list[str]:
    """Return the tokens of ``text`` that are not stopwords, numbers or single letters."""
    return [
        tok
        for tok in tokenize(text)
        if not is_stopword(tok, language) and not tok.isdigit() and len(tok) > 1
    ]


def analyze(text: str, language: str, exclude: Iterable[str] = ()) -> list[str]:
    """Turn text into the stems used as lexical features.

    Args:
        text: Normalised text.
        language: Language code of the text.
        exclude: Stems to drop (for example the stems of the session's own prompt).

    Returns:
        Stems in text order (multi-word bridge entries become several stems).
    """
    excluded = set(exclude)
    out: list[str] = []
    for tok in content_tokens(text, language):
        for part in stem(tok, language).split():
            if part not in excluded:
                out.append(part)
    return out


def _strip_accents(token: str) -> str:
    decomposed = unicodedata.normalize("NFD", token)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
