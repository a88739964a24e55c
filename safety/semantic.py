"""Semantic safety detector: a post compared with prototype sentences per class.

The rules in :mod:`safety.rules` only see the wordings they list; a disclosure said any
other way ("what's the point of waking up", "ese ya es hombre muerto") slips past them.
This detector embeds the post with the project's multilingual sentence encoder
(:mod:`embedding`) and compares it with the prototype sentences of
:mod:`safety.prototypes`. A class is reported when the post's nearest prototype of that
class is close enough (``threshold``) *and* closer, by ``margin``, than its nearest
look-alike in the ``none`` cloud (idioms, advocacy, news quotes, complaints about force).
Thresholds were calibrated on the development sets; see docs/safety.md.

The model is an optional extra. Without it :func:`semantic_available` is False and
:func:`semantic_kinds` returns nothing, so the rules alone run.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from safety.contact import load_numbering_plans
from safety.prototypes import PROTOTYPES

__all__ = [
    "CALIBRATION",
    "KINDS",
    "Calibration",
    "batch",
    "decide",
    "nearest",
    "semantic_available",
    "semantic_kinds",
    "warm_up",
]

KINDS = ("self_harm", "threat", "abuse")


@dataclass(frozen=True)
class Calibration:
    """When a class fires: nearest-prototype cosine and its lead over the ``none`` cloud."""

    threshold: float
    margin: float


#: Calibrated on development data (``python -m safety.calibrate_semantic
#: tests/safety/data/safety_*.csv``, the tuning half of the fresh set included) with one
#: more constraint: at most 6% of the ordinary concerns of the analysis's development
#: sessions (tests/analysis/data, split "dev") may be held. The F2 optimum alone
#: (0.40/0.00, 0.45/0.03, 0.40/0.06) held 11% of them and 15% of the held-out sessions'
#: ("the lights are out on our street" read as a threat): in a real room, where perhaps
#: one post in fifty needs the safety moderator, that is several false holds for each
#: true one. docs/safety.md has the figures of both.
CALIBRATION: dict[str, Calibration] = {
    "self_harm": Calibration(0.45, 0.03),
    "threat": Calibration(0.50, 0.06),
    "abuse": Calibration(0.50, 0.06),
}

_LOCK = threading.Lock()
_PROTOTYPES: dict[str, np.ndarray] | None = None
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_MAX_UNITS = 3  # the whole post plus its first sentences; each costs a few milliseconds


def semantic_available() -> bool:
    """Tell whether the embedding model is installed, i.e. whether this detector runs."""
    from embedding import model_available

    return model_available()


def warm_up() -> bool:
    """Load what the checks load lazily, so the first post does not wait for it.

    The sentence model and the prototypes' vectors, and the phone numbering plans: after
    this, reading a post takes no lock (the web server reads posts in OS threads).

    Returns:
        True when the semantic detector is ready, False when the model is not installed.
    """
    load_numbering_plans()
    if not semantic_available():
        return False
    _prototype_vectors()
    return True


def _prototype_vectors() -> dict[str, np.ndarray]:
    """Embed the prototypes once per process (thread-safe); read-only afterwards."""
    global _PROTOTYPES
    if _PROTOTYPES is not None:  # embedded already: no lock (see embedding.load_model)
        return _PROTOTYPES
    with _LOCK:
        if _PROTOTYPES is None:
            from embedding import encode

            _PROTOTYPES = {kind: encode(list(lines)) for kind, lines in PROTOTYPES.items()}
    return _PROTOTYPES


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


def nearest(text: str) -> dict[str, tuple[float, float]]:
    """Per class: the best cosine to its prototypes and the ``none`` cosine of that unit.

    The unit (the post or one of its sentences) chosen for a class is the one whose lead
    over the ``none`` cloud is largest.

    Raises:
        embedding.ModelNotInstalledError: The model is not installed.
    """
    prototypes = _prototype_vectors()
    vectors = _embed(_units(text))
    near = {kind: (vectors @ protos.T).max(axis=1) for kind, protos in prototypes.items()}
    out = {}
    for kind in KINDS:
        index = int(np.argmax(near[kind] - near["none"]))
        out[kind] = (float(near[kind][index]), float(near["none"][index]))
    return out


def decide(
    near: dict[str, tuple[float, float]], calibration: dict[str, Calibration] | None = None
) -> list[str]:
    """The one class that passes its calibration with the largest lead, or none.

    One class only: the clouds overlap (a threat and an abuse disclosure share words), and
    the rules still add a second kind when a post really holds two.
    """
    calibration = calibration or CALIBRATION
    passing = [
        (similarity - none, kind)
        for kind, (similarity, none) in near.items()
        if similarity >= calibration[kind].threshold
        and similarity - none >= calibration[kind].margin
    ]
    return [max(passing)[1]] if passing else []


def semantic_kinds(text: str, calibration: dict[str, Calibration] | None = None) -> list[str]:
    """The class the post means, if any (at most one); empty without the model."""
    if not text.strip() or not semantic_available():
        return []
    return decide(nearest(text), calibration)
