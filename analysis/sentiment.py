"""Sentiment stage: a small bilingual lexicon scorer and a per-theme summary.

Contract: :func:`score` maps one text to [-1, 1]; :func:`summarize` turns the scores of
a theme's concerns into a :class:`~analysis.models.Sentiment`. A lexicon is used rather
than a model because it runs anywhere, is explainable word by word and needs no data
download. Concerns in a listening session are mostly critical, so the summary reports
the split (negative / neutral / positive) rather than one number alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.models import Sentiment
from analysis.text import tokenize

__all__ = ["score", "summarize"]

_POSITIVE = frozenset(
    [
        "good",
        "great",
        "better",
        "best",
        "thank",
        "thanks",
        "thankful",
        "grateful",
        "appreciate",
        "appreciated",
        "helpful",
        "helped",
        "kind",
        "respectful",
        "respect",
        "safe",
        "safer",
        "trust",
        "trusted",
        "improve",
        "improved",
        "improving",
        "progress",
        "hope",
        "hopeful",
        "glad",
        "happy",
        "love",
        "support",
        "supported",
        "supportive",
        "fair",
        "fairly",
        "positive",
        "welcome",
        "welcomed",
        "listened",
        "friendly",
        "professional",
        "caring",
        "calm",
        "proud",
        "bueno",
        "buena",
        "buenos",
        "buenas",
        "mejor",
        "mejores",
        "gracias",
        "agradecido",
        "agradecida",
        "agradezco",
        "amable",
        "respeto",
        "seguro",
        "segura",
        "confianza",
        "esperanza",
        "contento",
        "contenta",
        "feliz",
        "apoyo",
        "justo",
        "justa",
        "positivo",
        "bienvenido",
        "escucharon",
        "tranquilo",
        "orgulloso",
    ]
)

_NEGATIVE = frozenset(
    [
        "bad",
        "worse",
        "worst",
        "afraid",
        "fear",
        "fearful",
        "scared",
        "terrified",
        "angry",
        "anger",
        "mad",
        "upset",
        "sad",
        "hurt",
        "harm",
        "harmed",
        "abuse",
        "abused",
        "violent",
        "violence",
        "brutal",
        "brutality",
        "racist",
        "racism",
        "unfair",
        "unjust",
        "disrespect",
        "disrespectful",
        "rude",
        "ignored",
        "ignore",
        "ignores",
        "slow",
        "never",
        "dangerous",
        "unsafe",
        "threat",
        "threatened",
        "threatening",
        "harass",
        "harassed",
        "harassment",
        "profiled",
        "killed",
        "kill",
        "death",
        "dead",
        "shot",
        "shooting",
        "lie",
        "lied",
        "lies",
        "corrupt",
        "broken",
        "failed",
        "fail",
        "failure",
        "problem",
        "problems",
        "terrible",
        "horrible",
        "awful",
        "distrust",
        "mistrust",
        "frustrated",
        "frustrating",
        "hopeless",
        "worried",
        "worry",
        "worries",
        "concerned",
        "scary",
        "trauma",
        "malo",
        "mala",
        "malos",
        "malas",
        "peor",
        "miedo",
        "asustado",
        "asustada",
        "enojado",
        "enojada",
        "triste",
        "daño",
        "abuso",
        "violencia",
        "racismo",
        "injusto",
        "injusta",
        "grosero",
        "grosera",
        "ignoran",
        "ignoraron",
        "lento",
        "lentos",
        "nunca",
        "peligroso",
        "peligrosa",
        "inseguro",
        "insegura",
        "amenaza",
        "acoso",
        "muerte",
        "muerto",
        "mataron",
        "mentira",
        "mentiras",
        "corrupto",
        "problema",
        "problemas",
        "terrible",
        "horrible",
        "desconfianza",
        "frustrado",
        "frustrada",
        "preocupado",
        "preocupada",
        "preocupa",
        "trauma",
    ]
)

_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "nor",
        "without",
        "cannot",
        "can't",
        "don't",
        "didn't",
        "isn't",
        "wasn't",
        "ni",
        "sin",
    ]
)
_WINDOW = 3


def score(text: str) -> float:
    """Score one text in [-1, 1] by counting polar words, flipping those after a negator.

    Args:
        text: A concern.

    Returns:
        ``(positive - negative) / (positive + negative)``, or 0.0 with no polar words.
    """
    tokens = tokenize(text)
    positive = negative = 0
    last_negator = -_WINDOW - 1
    for i, token in enumerate(tokens):
        polarity = (token in _POSITIVE) - (token in _NEGATIVE)
        if polarity and i - last_negator <= _WINDOW:
            polarity = -polarity
        if token in _NEGATORS:
            last_negator = i
        if polarity > 0:
            positive += 1
        elif polarity < 0:
            negative += 1
    total = positive + negative
    return 0.0 if total == 0 else (positive - negative) / total


def summarize(scores: Sequence[float]) -> Sentiment:
    """Summarise per-concern scores into a label and counts.

    The label is ``"mixed"`` when at least a quarter of the scored concerns lean each
    way, otherwise the sign of the mean (``"neutral"`` near zero).
    """
    if not scores:
        return Sentiment("neutral", 0.0, 0, 0, 0)
    negative = sum(s < 0 for s in scores)
    positive = sum(s > 0 for s in scores)
    neutral = len(scores) - negative - positive
    mean = sum(scores) / len(scores)
    polar = negative + positive
    if polar and min(negative, positive) / polar >= 0.25:
        label = "mixed"
    elif mean <= -0.1:
        label = "negative"
    elif mean >= 0.1:
        label = "positive"
    else:
        label = "neutral"
    return Sentiment(label, float(mean), negative, neutral, positive)
