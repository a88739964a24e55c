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
