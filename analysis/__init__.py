"""Theme analysis for Common Ground: cluster concerns into themes and draft action items.

A pure package: it takes plain values and returns plain values, runs entirely on this
machine and never calls an external service.

Example:
    >>> from analysis import Concern, find_themes
    >>> result = find_themes([Concern(id=1, text="Streetlights are out on 5th")])
    >>> result.to_dict()["other"]
    [1]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Where each public name lives. The package imports a submodule when a name of it is first
# used (PEP 562), so a program that needs only the light parts (the web app's constants,
# dataclasses and phrases) does not load NLTK, scikit-learn and SciPy (about 100 MiB).
_EXPORTS = {
    "actions": ("MIN_PUBLIC_SUPPORTERS", "public_result"),
    "embed": ("backend_name", "model_available", "warm_up"),
    "io": ("InputError", "parse_concerns", "read_concerns"),
    "models": ("ActionItem", "Concern", "Sentiment", "Theme", "ThemeResult"),
    "phrases": ("LabelContext", "is_junk_label"),
    "pipeline": ("FLAGGED", "OTHER", "STAGES", "ThemeFinder", "find_themes", "propose_split"),
    "similarity": (
        "LINK_THRESHOLD",
        "centroids",
        "link_suggestions",
        "similarity_matrix",
        "theme_similarity",
    ),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

if TYPE_CHECKING:  # what type checkers and readers see: the eager imports
    from analysis.actions import MIN_PUBLIC_SUPPORTERS, public_result
    from analysis.embed import backend_name, model_available, warm_up
    from analysis.io import InputError, parse_concerns, read_concerns
    from analysis.models import ActionItem, Concern, Sentiment, Theme, ThemeResult
    from analysis.phrases import LabelContext, is_junk_label
    from analysis.pipeline import FLAGGED, OTHER, STAGES, ThemeFinder, find_themes, propose_split
    from analysis.similarity import (
        LINK_THRESHOLD,
        centroids,
        link_suggestions,
        similarity_matrix,
        theme_similarity,
    )


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"analysis.{module}"), name)
    globals()[name] = value  # the next lookup does not come here
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])


__all__ = [
    "FLAGGED",
    "LINK_THRESHOLD",
    "MIN_PUBLIC_SUPPORTERS",
    "OTHER",
    "STAGES",
    "ActionItem",
    "Concern",
    "InputError",
    "LabelContext",
    "Sentiment",
    "Theme",
    "ThemeFinder",
    "ThemeResult",
    "backend_name",
    "centroids",
    "find_themes",
    "is_junk_label",
    "link_suggestions",
    "model_available",
    "parse_concerns",
    "propose_split",
    "public_result",
    "read_concerns",
    "similarity_matrix",
    "theme_similarity",
    "warm_up",
]
