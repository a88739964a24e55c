"""Theme labels a person would write: key phrases from the members, and the junk rule.

Contract: :func:`is_junk_label` says whether a label is one a facilitator would have to
rewrite (a stopword, a bare verb or negation, a word of the session's prompt or title,
the place's name alone, a generic word such as "police"); the labeller and the
evaluation both use it. :func:`candidate_phrases` lists the one- to four-word phrases
that occur in a theme's texts; :func:`choose_label` scores them.

Scoring follows KeyBERT with a distinctiveness term: with the sentence model, a
candidate scores its cosine to the theme's centroid minus half its best cosine to any
other theme's centroid, plus a small bonus for how many members use it; on the lexical
path (no model) a candidate scores its stems' class TF-IDF (as BERTopic does) times
(members using it) ** 0.7.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from lemminflect import getAllLemmas

from analysis.morphology import (
    SPANISH_ADVERBS,
    spanish_adverbs,
    spanish_finite_verbs,
    spanish_infinitives,
    spanish_nouns,
)
from analysis.text import is_stopword, normalize, stem, tokenize

__all__ = [
    "GENERIC",
    "NEGATIONS",
    "VERBS",
    "Candidate",
    "LabelContext",
    "candidate_phrases",
    "choose_label",
    "is_junk_label",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Negations and "nobody"-words: a label of these alone says nothing about the theme.
NEGATIONS = _words(
    """
    not no nobody none nothing never cannot can't don't won't isn't aren't didn't
    doesn't nadie nada nunca ningún ninguno ninguna ni tampoco jamás
    """
)

#: Common verbs (English and Spanish, several forms). A one-word label that is a verb
#: ("Need", "Create", "Stop") is junk; a phrase that starts with one is ranked down.
VERBS = _words(
    """
    need needs needed needing want wants wanted create creates created make makes made
    stop stops stopped get gets got give gives gave take takes took do does did done go
    goes went come comes came see sees saw seen know knows knew think thinks thought
    feel feels felt say says said tell tells told ask asks asked help helps helped keep
    keeps kept let lets put puts call calls called work works worked try tries tried use
    uses used start starts started show shows showed hear hears heard listen listens
    listened change changes changed build builds built hold holds held bring brings
    brought fix fixes fixed happen happens happened stay stays stayed live lives lived
    provide provides provided include includes included continue continues allow allows
    allowed improve improves improved increase increases ensure ensures support supports
    address addresses hire hires invest invests fund funds respond responds treat treats
    protect protects believe believes seem seems wish wishes hope hopes like likes love
    should would could must might can will shall may necesitar necesita necesitamos
    necesitan quiero quiere queremos quieren crear crea creen hacer hace hacen hagan
    parar para paren dar den tener tiene tienen tenemos ir van vamos venir vienen ver
    ven saber sabe pensar piensa sentir siente decir dice dicen pedir pide pedimos
    ayudar ayuden mantener poner pongan llamar llaman trabajar usar cambiar cambien
    escuchar escuchen arreglar arreglen mejorar mejoren deben debe puede pueden podemos
    hay sea son está están es ser estar
    """
)

VERBS |= _words(
    """
    mean means meant going coming pass passes passed fill fills pay pays paid wait
    waits waited pasan venden quedan esperan llegan llega vienen pasa preguntan
    """
)

#: Words too general to name a theme in these sessions on their own.
GENERIC = _words(
    """
    police policía policia cops cop officer officers oficial oficiales people gente
    community comunidad city ciudad town pueblo thing things cosa cosas more más better
    mejor lot lots way ways something someone everyone everybody anything stuff issue
    issues problem problems concern concerns question questions yes sí ok okay really
    very muy also también just solo every whats what's time times day days year years
    first last today tonight night now ahora here aquí there allí name names nombre
    outside enough real true bad good big small afuera bien mal
    """
)

GENERIC |= _words(
    """
    every whats what's time times day days year years week weeks month months first last
    today tonight night now ahora here aquí there allí name names nombre outside enough
    real true bad good big small afuera bien mal
    """
)

#: Verbs that are just as often nouns ("support services", "stop and frisk"): a phrase
#: may start with them.
_NOUN_TOO = _words(
    """
    stop stops help support supports call calls change changes work works use fund funds
    address hold show fix start hope love feel hire need
    """
)
#: Of those, the ones that read as nouns inside a phrase too ("victim support line").
_INNER_NOUNS = _NOUN_TOO - _words("need hope feel love hire hold show fix start")
_BONUS = (1.0, 1.5, 1.6, 1.4)
#: Punctuation that ends a clause; a dash only with spaces around it ("de-escalation").
_CLAUSE_BREAK = re.compile(r"[.,;:!?¡¿()\[\]{}\"“”«»…|/]+|\s[-–—]+\s")
#: Added to the KeyBERT score by number of words: two and three read best as labels.
_LENGTH_SHIFT = (-0.04, 0.04, 0.03, -0.04)
_CONJUNCTIONS = frozenset({"and", "or", "y", "o", "e", "u"})
#: The only small words a phrase may hold inside ("lack of trust", "cámaras de la
#: policía"): pronouns and auxiliaries make a clause, not a label.
_INNER = _words(
    """
    of the a an for on in at to and or from with de la el los las del en para con
    por al y o
    """
)


@dataclass(frozen=True)
class LabelContext:
    """What a label must not be: the session's prompt(s), title and place names.

    Attributes:
        words: Lower-cased tokens of the prompts and title.
        stems: Their stems in English and Spanish.
        places: Lower-cased place names, whole ("cedar falls") and their tokens.
    """

    words: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        prompts: Iterable[str | None] = (),
        title: str | None = None,
        places: Iterable[str] = (),
    ) -> LabelContext:
        """Collect the excluded words from the prompts, the title and the place names."""
        words: set[str] = set()
        stems: set[str] = set()
        for text in [*prompts, title]:
            if not text:
                continue
            for token in tokenize(normalize(text)):
                words.add(token)
                for language in ("en", "es"):
                    if not is_stopword(token, language):
                        stems.update(stem(token, language).split())
        names: set[str] = set()
        for place in places:
            tokens = tokenize(normalize(place))
            if tokens:
                names.add(" ".join(tokens))
                names.update(tokens)
        return cls(frozenset(words), frozenset(stems), frozenset(names))


def is_junk_label(label: str | None, context: LabelContext | None = None) -> bool:
    """Tell whether a label is one a facilitator would have to rewrite.

    A label is junk when it is empty, or when every word in it is a stopword, a number,
    a negation, a verb, a generic word ("police", "people"), a word of the session's
    prompt or title, or part of a place's name; or when it is the place's name, or
    starts with a negation ("Not enough", "Nobody came").

    Args:
        label: The label.
        context: The session's excluded words (see :class:`LabelContext`).

    Returns:
        ``True`` for a junk label.
    """
    return _junk_tokens(tokenize(normalize(label or "")), context or LabelContext())


def _junk_tokens(tokens: Sequence[str], context: LabelContext) -> bool:
    """:func:`is_junk_label` on a label's tokens."""
    if not tokens:
        return True
    if " ".join(tokens) in context.places or tokens[0] in NEGATIONS:
        return True
    for token in tokens:
        if _empty_word(token, context):
            continue
        return False
    return True


def _empty_word(token: str, context: LabelContext) -> bool:
    if token.isdigit() or len(token) < 2:
        return True
    if token in NEGATIONS or token in VERBS or token in GENERIC or token in SPANISH_ADVERBS:
        return True  # an adverb alone ("Cerca") names no topic either
    if token in context.words or token in context.places:
        return True
    if is_stopword(token, "en") or is_stopword(token, "es"):
        return True
    return any(
        not is_stopword(token, lang) and set(stem(token, lang).split()) <= context.stems
        for lang in ("en", "es")
    )


@dataclass(frozen=True)
class Candidate:
    """A phrase that occurs in a theme's texts.

    Attributes:
        text: Its most common surface form.
        stems: The stems of its content words.
        n_docs: How many of the theme's texts contain it.
        language: The language of the texts it came from (the most common).
    """

    text: str
    stems: tuple[str, ...]
    n_docs: int
    language: str


def candidate_phrases(
    texts: Sequence[str],
    languages: Sequence[str],
    context: LabelContext,
    max_words: int = 4,
) -> list[Candidate]:
    """List the non-junk phrases of one to ``max_words`` words in ``texts``.

    A phrase may hold a stopword inside ("lack of trust", "cámaras de la policía") but
    not at either end, never starts with a negation or a verb, and holds no English word
    that can only be a verb nor a Spanish finite verb (:mod:`analysis.morphology`).
    """
    docs: Counter[tuple[str, ...]] = Counter()
    surface: dict[tuple[str, ...], Counter[str]] = {}
    langs: dict[tuple[str, ...], Counter[str]] = {}
    # A phrase never runs across punctuation: "like trash, shes a nurse" has no phrase
    # "trash shes".
    clauses = [[tokenize(part) for part in _CLAUSE_BREAK.split(text)] for text in texts]
    nouns = spanish_nouns(
        c for parts, lang in zip(clauses, languages, strict=True) if lang == "es" for c in parts
    )
    for parts, language in zip(clauses, languages, strict=True):
        seen: set[tuple[str, ...]] = set()
        for tokens in parts:
            marks = _spanish_marks(tokens, nouns) if language == "es" else None
            _add_phrases(tokens, language, context, max_words, marks, seen, docs, surface, langs)
    return [
        Candidate(surface[s].most_common(1)[0][0], s, n, langs[s].most_common(1)[0][0])
        for s, n in docs.items()
    ]


def _spanish_marks(
    tokens: Sequence[str], nouns: frozenset[str]
) -> tuple[list[bool], list[bool], list[bool]]:
    """Per word of a Spanish clause: (in no phrase, starts none, ends none).

    A finite verb makes a clause of any phrase holding it; an infinitive names an action
    ("preguntar el estatus migratorio": the topic is "estatus migratorio"); an adverb or
    preposition at the end has lost its complement ("jeringas cerca").
    """
    return (
        spanish_finite_verbs(tokens, nouns),
        spanish_infinitives(tokens),
        spanish_adverbs(tokens),
    )


def _add_phrases(
    tokens: Sequence[str],
    language: str,
    context: LabelContext,
    max_words: int,
    marks: tuple[list[bool], list[bool], list[bool]] | None,
    seen: set[tuple[str, ...]],
    docs: Counter[tuple[str, ...]],
    surface: dict[tuple[str, ...], Counter[str]],
    langs: dict[tuple[str, ...], Counter[str]],
) -> None:
    """Count the candidate phrases of one clause (see :func:`candidate_phrases`).

    ``marks`` are a Spanish clause's :func:`_spanish_marks`, ``None`` in English.
    """
    no_word = [False] * len(tokens)
    finite, infinitive, adverb = marks or (no_word, no_word, no_word)
    for start in range(len(tokens)):
        first = tokens[start]
        if (first in VERBS and first not in _NOUN_TOO) or first in NEGATIONS:
            continue
        if infinitive[start]:
            continue  # "preguntar el estatus migratorio": the topic starts later
        if is_stopword(first, language):
            continue
        for length in range(1, max_words + 1):
            window = tokens[start : start + length]
            if len(window) < length:
                break
            last = window[-1]
            if is_stopword(last, language) or last.isdigit() or len(last) < 2:
                continue
            stems = tuple(
                s
                for tok in window
                if not is_stopword(tok, language)
                for s in stem(tok, language).split()
            )
            if not stems or len(set(stems)) < len(stems):
                continue
            if length != 3 and any(tok in _CONJUNCTIONS for tok in window):
                continue  # "stop and frisk" reads as a label, "programs and summer" not
            inner = window[1:-1]
            if any(is_stopword(t, language) and t not in _INNER for t in inner):
                continue
            if (last in VERBS and last not in _NOUN_TOO) or last in NEGATIONS:
                continue
            if any(t in VERBS and t not in _INNER_NOUNS and t not in _INNER for t in inner):
                continue  # a verb inside makes a clause: "mom needs help"
            if language == "en" and any(_verb_only(t) for t in window):
                continue  # "officer pulled", "send the crisis": a fragment of a post
            if any(finite[start : start + length]):
                continue  # "dejen a la familia", "grabé el video": the same in Spanish
            if adverb[start + length - 1]:
                continue  # "jeringas cerca": the adverb's complement is cut off
            if _junk_tokens(window, context):  # the tokens of " ".join(window)
                continue
            phrase = " ".join(window)
            if stems not in seen:
                seen.add(stems)
                docs[stems] += 1
            surface.setdefault(stems, Counter())[phrase] += 1
            langs.setdefault(stems, Counter())[language] += 1


@lru_cache(maxsize=8192)
def _verb_only(token: str) -> bool:
    """Tell whether an English word can only be a verb (lemminflect's lexicon).

    Gerunds stay: "profiling" and "policing" are nouns in a label ("Racial profiling").
    """
    if token.endswith("ing") or token in _NOUN_TOO:
        return False
    forms = getAllLemmas(token)
    return bool(forms) and set(forms) <= {"VERB", "AUX"}


def choose_label(
    candidates: Sequence[Candidate],
    n_texts: int,
    scores: dict[str, float],
    encode: Callable[[Sequence[str]], np.ndarray] | None = None,
    centroid: np.ndarray | None = None,
    others: np.ndarray | None = None,
    shortlist: int = 20,
    taken: Iterable[tuple[str, ...]] = (),
) -> Candidate | None:
    """Choose the best candidate as the theme's label.

    Args:
        candidates: From :func:`candidate_phrases`.
        n_texts: Number of texts they came from.
        scores: Class TF-IDF stem scores of the theme (the lexical score and the
            shortlist).
        encode: Sentence encoder for the KeyBERT score, or ``None`` (lexical path).
        centroid: The theme's unit centroid in the encoder's space.
        others: Unit centroids of the other themes (rows), for distinctiveness.
        shortlist: Candidates, best by the lexical score, that are embedded.
        taken: Stems of labels the session already uses (other themes, the parent of
            a sub-theme): a candidate with the same stems is skipped, so that no two
            themes read the same.

    Returns:
        The chosen candidate, or ``None`` when there is none.
    """
    used = {frozenset(t) for t in taken}
    candidates = [c for c in candidates if frozenset(c.stems) not in used]
    if not candidates:
        return None
    # A phrase one member used is a quote, not a theme, unless the theme is that small.
    floor = 2 if n_texts >= 6 else 1
    pool = [c for c in candidates if c.n_docs >= floor] or list(candidates)
    lexical = np.array([_lexical_score(c, scores) for c in pool])
    order = np.argsort(-lexical, kind="stable")[:shortlist]
    pool = [pool[i] for i in order]
    lexical = lexical[order]
    if encode is None or centroid is None:
        best = int(np.argmax(lexical))
        return pool[best] if lexical[best] > 0 else pool[0]
    vectors = encode([c.text for c in pool])
    relevance = vectors @ centroid
    if others is not None and len(others):
        relevance = relevance - 0.5 * np.max(vectors @ others.T, axis=1)
    coverage = np.array([c.n_docs / max(n_texts, 1) for c in pool])
    length = np.array([_LENGTH_SHIFT[min(len(c.text.split()), 4) - 1] for c in pool])
    value = relevance + 0.3 * coverage**0.5 + length
    return pool[int(np.argmax(value))]


def _lexical_score(candidate: Candidate, scores: dict[str, float]) -> float:
    quality = sum(scores.get(s, 0.0) for s in candidate.stems) / len(candidate.stems)
    return quality * candidate.n_docs**0.7 * _BONUS[min(len(candidate.stems), 4) - 1]
