"""Multilingual sentence embeddings shared by ``safety`` and ``analysis``.

A pure package (no Flask, no database, no network). It owns the one copy of the
sentence-embedding model in a process: ``analysis`` clusters concerns with it and
``safety`` compares posts with its prototype sentences, and neither imports the other
to get it, so there is no import circle between them.

    >>> from embedding import encode, model_available
    >>> vectors = encode(["the video", "el video"])  # unit rows, shape (2, 512)
"""

from __future__ import annotations

from embedding.model import (
    DIMENSIONS,
    MAX_CHARS,
    MODEL_NAME,
    WEIGHT_DIGESTS,
    ModelIntegrityError,
    ModelNotInstalledError,
    encode,
    load_model,
    model_available,
    model_version,
    reuse,
)

__all__ = [
    "DIMENSIONS",
    "MAX_CHARS",
    "MODEL_NAME",
    "WEIGHT_DIGESTS",
    "ModelIntegrityError",
    "ModelNotInstalledError",
    "encode",
    "load_model",
    "model_available",
    "model_version",
    "reuse",
]
