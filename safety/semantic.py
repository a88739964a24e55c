"""Semantic safety detector: what a post means, by a classifier over its sentence embedding.

The rules in :mod:`safety.rules` only see the wordings they list; a disclosure said any
other way ("what's the point of waking up", "ese ya es hombre muerto") slips past them.
This detector embeds the post with the project's multilingual sentence encoder
(:mod:`embedding`), whole and sentence by sentence, and asks the linear classifier of
:mod:`safety.classifier` how likely each class is. The class with the highest
probability is reported when that probability reaches the classifier's threshold; the
threshold and the training settings are chosen by ``python -m safety.train_classifier``
(grouped cross-validation on the development sets; see docs/safety.md).

The model is an optional extra. Without it :func:`semantic_available` is False and
:func:`semantic_kinds` returns nothing, so the rules alone run.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from safety.classifier import MODEL_FILE, Classifier
from safety.contact import load_numbering_plans

__all__ = [
    "KINDS",
    "batch",
    "decide",
    "load_classifier",
    "scores",
    "semantic_available",
    "semantic_kinds",
    "using",
    "warm_up",
]

KINDS = ("self_harm", "threat", "abuse")

_LOCK = threading.Lock()
_CLASSIFIER: Classifier | None = None
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_MAX_UNITS = 3  # the whole post plus its first sentences; each costs a few milliseconds


class ClassifierMismatchError(RuntimeError):
    """The classifier was trained on another embedding model than the one installed."""


def semantic_available() -> bool:
    """Tell whether the embedding model is installed, i.e. whether this detector runs."""
    from embedding import model_available

    return model_available()


def warm_up() -> bool:
    """Load what the checks load lazily, so the first post does not wait for it.

    The sentence model and the classifier, and the phone numbering plans: after this,
    reading a post takes no lock (the web server reads posts in OS threads).

    Returns:
        True when the semantic detector is ready, False when the model is not installed.
    """
    load_numbering_plans()
    if not semantic_available():
        return False
    from embedding import load_model

    load_model()
    _classifier()
    return True


def load_classifier(path: Path = MODEL_FILE) -> Classifier:
    """Read a classifier and check it was trained on the installed embedding model.

    Raises:
        ClassifierMismatchError: It was trained on another model (its weights would read
            the new model's vectors as noise): train it again.
    """
    from embedding import model_version

    classifier = Classifier.load(path)
    if classifier.embedding != model_version():
        raise ClassifierMismatchError(
            f"{path} was trained on {classifier.embedding}, the installed model is "
            f"{model_version()}: run python -m safety.train_classifier"
        )
    return classifier


def _classifier() -> Classifier:
    """The shipped classifier, read once per process (thread-safe); read-only afterwards."""
    global _CLASSIFIER
    if _CLASSIFIER is not None:  # read already: no lock (see embedding.load_model)
        return _CLASSIFIER
    with _LOCK:
        if _CLASSIFIER is None:
            _CLASSIFIER = load_classifier()
    return _CLASSIFIER


@contextmanager
def using(classifier: Classifier) -> Iterator[None]:
    """Screen with ``classifier`` instead of the shipped one (training and evaluation tools).

    Not for the server: it swaps a process-wide setting.
    """
    global _CLASSIFIER
    previous = _CLASSIFIER
    _CLASSIFIER = classifier
    try:
        yield
    finally:
        _CLASSIFIER = previous


def _units(text: str) -> list[str]:
    """The post, and its sentences when there are several (a disclosure may be one of them)."""
    sentences = [s.strip() for s in _SENTENCE.findall(text) if len(s.strip()) > 12]
    units = [text.strip()]
    if len(sentences) > 1:
        units.extend(sentences[: _MAX_UNITS - 1])
    return units


_BATCH = threading.local()  # unit text -> its vector, while a batch is primed


@contextmanager
def batch(texts: Sequence[str]) -> Iterator[None]:
    """Embed every unit of ``texts`` in one model call; :func:`nearest` reads them.

    Screening a session of 1,000 posts one call at a time spent most of the analysis's
    time in the model's per-call overhead. The decisions are the same either way; a unit
    that was not primed (a post whose quoted part was removed) is embedded on its own.
    """
    from embedding import encode

    units = list(dict.fromkeys(u for text in texts if text.strip() for u in _units(text)))
    vectors = encode(units) if units else np.zeros((0, 0), dtype=np.float32)
    previous = getattr(_BATCH, "vectors", None)
    _BATCH.vectors = dict(zip(units, vectors, strict=True))
    try:
        yield
    finally:
        _BATCH.vectors = previous


def _embed(units: list[str]) -> np.ndarray:
    from embedding import encode

    primed = getattr(_BATCH, "vectors", None)
    if primed is not None and all(u in primed for u in units):
        return np.stack([primed[u] for u in units])
    return encode(units)


def scores(text: str) -> dict[str, float]:
    """Per class, the highest probability the classifier gives the post or one of its sentences.

    Raises:
        embedding.ModelNotInstalledError: The model is not installed.
    """
    classifier = _classifier()
    probabilities = classifier.probabilities(_embed(_units(text))).max(axis=0)
    return {kind: float(probabilities[classifier.classes.index(kind)]) for kind in KINDS}


def decide(by_class: dict[str, float], threshold: float | None = None) -> list[str]:
    """The most probable class when its probability reaches ``threshold``, or none.

    One class only: a threat and an abuse disclosure share words, and the rules still add
    a second kind when a post really holds two.
    """
    threshold = _classifier().threshold if threshold is None else threshold
    kind = max(by_class, key=by_class.__getitem__)
    return [kind] if by_class[kind] >= threshold else []


def semantic_kinds(text: str) -> list[str]:
    """The class the post means, if any (at most one); empty without the model."""
    if not text.strip() or not semantic_available():
        return []
    return decide(scores(text))
