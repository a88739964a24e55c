"""The semantic detector's model: a linear classifier over the sentence embedding.

Multinomial logistic regression (scikit-learn's, trained by ``python -m
safety.train_classifier``) on the labelled development posts of tests/safety/data, the
prototype sentences of :mod:`safety.prototypes` and the ordinary concerns of the analysis's
development sessions. What it learned is stored in ``classifier.npz`` beside this module:
the weights, the classes, the probability a class needs to be reported, the embedding
model it was trained on and a digest of its training data, so a test can tell when the
data changed and the file was not trained again.

Inference is a matrix product and a softmax in numpy; scikit-learn is needed only to
train. Nearest-prototype matching, which this replaces, found what its author had
written: on a fresh set by another writer it flagged 60% of the posts that need the
safety moderator, where this model, trained without that set, flags 74%, with fewer
false alarms (docs/safety.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["MODEL_FILE", "Classifier", "training_digest"]

MODEL_FILE = Path(__file__).with_name("classifier.npz")


@dataclass(frozen=True)
class Classifier:
    """A trained linear model: ``softmax(vectors @ coef.T + intercept)`` per class.

    Attributes:
        classes: The labels, in the order of the rows of ``coef`` (``none`` among them).
        coef: One weight row per class, over the embedding's dimensions.
        intercept: One bias per class.
        threshold: The probability at which a class other than ``none`` is reported.
        embedding: ``"<package>==<version>"`` of the sentence model it was trained on.
        digest: :func:`training_digest` of the posts it was trained on.
        settings: How it was trained (regularisation, class weights), for the docs.
    """

    classes: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    threshold: float
    embedding: str
    digest: str
    settings: str = ""

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """Each row's probability of each class (rows: texts; columns: ``classes``)."""
        logits = vectors @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path = MODEL_FILE) -> None:
        """Write the model as a numpy archive (no pickled objects)."""
        np.savez_compressed(
            path,
            classes=np.array(self.classes),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            threshold=np.array(self.threshold),
            embedding=np.array(self.embedding),
            digest=np.array(self.digest),
            settings=np.array(self.settings),
        )

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> Classifier:
        """Read a model written by :meth:`save`.

        Raises:
            FileNotFoundError: There is no model at ``path``.
            KeyError: The file is not such a model.
        """
        with np.load(path, allow_pickle=False) as data:
            return cls(
                classes=tuple(str(c) for c in data["classes"]),
                coef=data["coef"],
                intercept=data["intercept"],
                threshold=float(data["threshold"]),
                embedding=str(data["embedding"]),
                digest=str(data["digest"]),
                settings=str(data["settings"]),
            )


def training_digest(examples: Iterable[tuple[str, str]]) -> str:
    """A sha256 of ``(text, label)`` pairs, independent of their order."""
    lines = sorted(f"{label}\t{text}" for text, label in examples)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
