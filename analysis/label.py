"""Labelling stage: keywords, a key-phrase label and representative quotes per theme.

Contract: functions take the session's texts, their stems and the cluster labels, and
return plain strings. Keywords are scored with class-based TF-IDF over stems (as in
BERTopic): a stem scores high when it is frequent in the theme and rare in the rest of
the session. Shown words are the most common surface form of each stem, so a resident
reads "lights", not "light". The label is the best-scoring phrase of one to three words
that actually occurs in the theme's texts. Words of the session's own prompt never make
a label or keyword (every answer to "What worries you about safety?" says "safety").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from analysis.text import is_stopword, stem, tokenize

__all__ = ["class_tfidf", "key_phrase", "representative_quotes", "surface_forms"]

MAX_QUOTE_CHARS = 280
_LENGTH_BONUS = (1.0, 1.6, 1.5)


def class_tfidf(
    docs: Sequence[Sequence[str]], labels: np.ndarray, k: int
) -> list[dict[str, float]]:
    """Score stems per theme with class-based TF-IDF.

    Args:
        docs: Stems of each concern.
        labels: Theme per concern (``-1`` for "other", which still counts as background).
        k: Number of themes.

    Returns:
        For each theme ``0..k-1``, a mapping stem -> score (higher is more characteristic).
    """
    doc_freq: Counter[str] = Counter()
    per_theme: list[Counter[str]] = [Counter() for _ in range(k)]
    for doc, label in zip(docs, labels, strict=True):
        unique = set(doc)
        doc_freq.update(unique)
        if label >= 0:
            per_theme[label].update(unique)  # presence, so one long rant counts once
    n_docs = max(len(docs), 1)
    sizes = np.bincount(labels[labels >= 0], minlength=k) if k else np.zeros(0, int)
    scores: list[dict[str, float]] = []
    for counts, size in zip(per_theme, sizes, strict=True):
        theme_scores = {}
        for term, count in counts.items():
            if count < 2 and size > 2:
                continue  # a word one person used does not characterise a theme
            idf = math.log(1 + n_docs / doc_freq[term])
            theme_scores[term] = (count / size) * idf
        scores.append(theme_scores)
    return scores


def surface_forms(texts: Sequence[str], languages: Sequence[str]) -> dict[str, Counter[str]]:
    """Map each stem to the counts of the words that produced it."""
    forms: dict[str, Counter[str]] = {}
    for text, language in zip(texts, languages, strict=True):
        for token in tokenize(text):
            if is_stopword(token, language) or token.isdigit() or len(token) < 2:
                continue
            for part in stem(token, language).split():
                forms.setdefault(part, Counter())[token] += 1
    return forms


def top_keywords(
    scores: dict[str, float],
    forms: dict[str, Counter[str]],
    exclude: set[str],
    n: int = 6,
) -> list[str]:
    """Return up to ``n`` readable keywords, best first, skipping excluded stems."""
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    words: list[str] = []
    for term, _ in ranked:
        if term in exclude or term not in forms:
            continue
        word = forms[term].most_common(1)[0][0]
        if word not in words:
            words.append(word)
        if len(words) == n:
            break
    return words


def key_phrase(
    texts: Sequence[str],
    languages: Sequence[str],
    scores: dict[str, float],
    exclude: set[str],
    max_words: int = 3,
) -> str:
    """Choose a short phrase that occurs in the theme's texts and names what it is about.

    Candidate phrases are runs of one to ``max_words`` content words (a stopword may sit
    inside, as in "lack of trust", but not at either end). A phrase scores the mean of
    its stems' keyword scores times (number of texts that contain it) ** 0.7, times a
    bonus for two- and three-word phrases, which read better as labels than one word.

    Args:
        texts: The theme's texts.
        languages: Language of each text.
        scores: Class TF-IDF scores of the theme (see :func:`class_tfidf`).
        exclude: Stems that may not appear in the label (the prompt's words).
        max_words: Longest phrase considered.

    Returns:
        The label with its first letter capitalised, or ``""`` if nothing qualifies.
    """
    phrase_docs: Counter[tuple[str, ...]] = Counter()
    surface: dict[tuple[str, ...], Counter[str]] = {}
    for text, language in zip(texts, languages, strict=True):
        tokens = tokenize(text)
        seen: set[tuple[str, ...]] = set()
        for start in range(len(tokens)):
            for length in range(1, max_words + 1):
                window = tokens[start : start + length]
                if len(window) < length or not _valid_phrase(window, language):
                    continue
                stems = tuple(
                    s
                    for tok in window
                    if not is_stopword(tok, language)
                    for s in stem(tok, language).split()
                )
                if not stems or any(s in exclude for s in stems):
                    continue
                if stems not in seen:
                    seen.add(stems)
                    phrase_docs[stems] += 1
                surface.setdefault(stems, Counter())[" ".join(window)] += 1
    best: tuple[float, str] | None = None
    for stems, n_docs in phrase_docs.items():
        if len(set(stems)) < len(stems):
            continue
        quality = sum(scores.get(s, 0.0) for s in stems) / len(stems)
        if quality <= 0:
            continue
        value = quality * n_docs**0.7 * _LENGTH_BONUS[min(len(stems), 3) - 1]
        text = surface[stems].most_common(1)[0][0]
        candidate = (value, text)
        if best is None or (candidate[0], -len(candidate[1])) > (best[0], -len(best[1])):
            best = candidate
    if best is None:
        return ""
    label = best[1]
    return label[:1].upper() + label[1:]


def _valid_phrase(window: Sequence[str], language: str) -> bool:
    if is_stopword(window[0], language) or is_stopword(window[-1], language):
        return False
    return all(not tok.isdigit() and len(tok) > 1 for tok in (window[0], window[-1]))


def representative_quotes(
    texts: Sequence[str],
    vectors: np.ndarray,
    n: int = 3,
    diversity: float = 0.5,
    duplicate: float = 0.92,
) -> list[str]:
    """Pick central but different texts with maximal marginal relevance.

    Args:
        texts: The theme's texts.
        vectors: Their unit vectors (rows aligned with ``texts``).
        n: How many quotes at most (fewer when the theme has fewer distinct texts).
        diversity: Weight of "unlike the quotes already chosen" against centrality.
        duplicate: Cosine above which a text counts as the same as a chosen quote.

    Returns:
        Quotes, most central first, each cut to a readable length.
    """
    if not texts:
        return []
    centre = vectors.mean(axis=0)
    norm = float(np.linalg.norm(centre))
    centrality = vectors @ (centre / norm) if norm > 0 else np.zeros(len(texts))
    chosen: list[int] = []
    seen_texts: set[str] = set()
    order = sorted(range(len(texts)), key=lambda i: (-centrality[i], i))
    while len(chosen) < n:
        best, best_value = None, -np.inf
        for i in order:
            key = texts[i].casefold()
            if i in chosen or key in seen_texts:
                continue
            overlap = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            if chosen and overlap >= duplicate and norm > 0:
                continue
            value = (1 - diversity) * centrality[i] - diversity * overlap
            if value > best_value:
                best, best_value = i, value
        if best is None:
            break
        chosen.append(best)
        seen_texts.add(texts[best].casefold())
    return [_clip(texts[i]) for i in chosen]


def _clip(text: str) -> str:
    if len(text) <= MAX_QUOTE_CHARS:
        return text
    cut = text[: MAX_QUOTE_CHARS - 1].rsplit(" ", 1)[0]
    return cut + "…"
