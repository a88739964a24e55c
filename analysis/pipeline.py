"""The theme-finding pipeline: normalise, flag, embed, cluster, label, categorise, draft.

:class:`ThemeFinder` is the estimator; :func:`find_themes` is the one-call form for a web
request or a background job. Both take plain :class:`~analysis.models.Concern` values and
return plain results; nothing here knows about Flask or the database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from analysis.actions import draft_action_items
from analysis.cluster import cluster_vectors
from analysis.embed import get_embedder
from analysis.label import (
    class_tfidf,
    key_phrase,
    representative_quotes,
    surface_forms,
    top_keywords,
)
from analysis.models import Concern, Theme, ThemeResult
from analysis.sentiment import score, summarize
from analysis.taxonomy import categorize
from analysis.text import LANGUAGES, analyze, detect_language, normalize, tokenize
from safety import assess

__all__ = ["FLAGGED", "OTHER", "ThemeFinder", "find_themes", "is_flagged", "to_concerns"]

#: ``labels_`` value of a concern that fits no theme.
OTHER = -1
#: ``labels_`` value of a concern held back for the safety moderator.
FLAGGED = -2
MAX_LABEL_TEXTS = 400
#: Share of partitions that must keep two groups together for them to be one theme,
#: by backend (measured on Banking77 evaluation samples, see docs/analysis.md).
AGREEMENT = {"use-multilingual": 0.4, "lexical": 0.4}


class ThemeFinder:
    """Cluster concerns into themes and draft action items.

    Args:
        backend: ``"auto"`` (multilingual model if installed, else lexical),
            ``"use-multilingual"`` or ``"lexical"``.
        min_theme_size: Fewest concerns in a theme; smaller groups go to "other".
        max_themes: Most themes considered when choosing their number.
        agreement: Share of the consensus partitions that must keep two groups
            together for them to stay one theme (see :mod:`analysis.cluster`): lower
            gives fewer, broader themes. ``None`` uses the backend's measured default
            (``AGREEMENT``).
        n_keywords: Keywords per theme.
        n_quotes: Representative quotes per theme (2 or 3 recommended).
        flag_safety: Hold back concerns that may disclose self-harm, threats or abuse.
        sample_size: Concerns used to choose the number of themes in large sessions.
        random_state: Seed; the same input and seed give the same output.

    Attributes:
        result_: The :class:`~analysis.models.ThemeResult` of the last fit.
        themes_: Shortcut for ``result_.themes``.
        labels_: Per input concern, the index of its theme in ``themes_``, ``OTHER``
            (-1) or ``FLAGGED`` (-2).
        backend_: Name of the representation used.
        n_themes_chosen_: Number of clusters chosen before small ones went to "other".
    """

    def __init__(
        self,
        backend: str = "auto",
        min_theme_size: int = 3,
        max_themes: int = 15,
        agreement: float | None = None,
        n_keywords: int = 6,
        n_quotes: int = 3,
        flag_safety: bool = True,
        sample_size: int = 600,
        random_state: int | None = 0,
    ) -> None:
        self.backend = backend
        self.min_theme_size = min_theme_size
        self.max_themes = max_themes
        self.agreement = agreement
        self.n_keywords = n_keywords
        self.n_quotes = n_quotes
        self.flag_safety = flag_safety
        self.sample_size = sample_size
        self.random_state = random_state

    def fit(self, concerns: Iterable[Concern | Mapping[str, Any]], prompt: str | None = None):
        """Find themes in ``concerns``.

        Args:
            concerns: :class:`Concern` values (or mappings with the same keys).
            prompt: The session's prompt; its words never appear in labels or keywords.
                Per-concern ``prompt`` values are excluded as well.

        Returns:
            ``self``.

        Raises:
            ValueError: Two concerns share an id, or a parameter is out of range.
        """
        if self.min_theme_size < 1 or self.max_themes < 2:
            raise ValueError("min_theme_size must be >= 1 and max_themes >= 2")
        if self.agreement is not None and not 0.0 < self.agreement < 1.0:
            raise ValueError("agreement must be between 0 and 1")
        items = to_concerns(concerns)
        texts = [normalize(c.text) for c in items]
        languages = [_language(c, text) for c, text in zip(items, texts, strict=True)]
        flagged = np.array(
            [self.flag_safety and is_flagged(c.text, c.language) for c in items], dtype=bool
        )
        kept = np.flatnonzero(~flagged)

        embedder = get_embedder(self.backend, random_state=self.random_state)
        # A concern with no word in it (only emoji or punctuation) has nothing to
        # cluster on; an empty text gets a zero vector and lands in "other".
        kept_texts = [texts[i] if tokenize(texts[i]) else "" for i in kept]
        kept_langs = [languages[i] for i in kept]
        embed_views = getattr(embedder, "embed_views", None)
        views = embed_views(kept_texts, kept_langs) if embed_views else None
        vectors = views[0] if views else embedder.embed(kept_texts, kept_langs)
        clustering = cluster_vectors(
            vectors,
            views=views,
            min_size=self.min_theme_size,
            k_max=self.max_themes,
            agreement=AGREEMENT.get(embedder.name, 0.4)
            if self.agreement is None
            else self.agreement,
            sample_size=self.sample_size,
            random_state=self.random_state,
        )
        excluded = _prompt_stems([prompt, *(c.prompt for c in items)])
        docs = [analyze(text, lang) for text, lang in zip(kept_texts, kept_langs, strict=True)]
        tfidf = class_tfidf(docs, clustering.labels, clustering.k)
        forms = surface_forms(kept_texts, kept_langs)

        drafts: list[tuple[Theme, int]] = []
        for c in range(clustering.k):
            rows = np.flatnonzero(clustering.labels == c)
            drafts.append(
                (
                    self._theme(
                        c,
                        rows,
                        items,
                        kept,
                        kept_texts,
                        kept_langs,
                        vectors,
                        docs,
                        tfidf[c],
                        forms,
                        excluded,
                    ),
                    c,
                )
            )
        drafts.sort(key=lambda pair: (-pair[0].supporters, -pair[0].size, pair[0].label))
        themes = []
        labels = np.full(len(items), OTHER, dtype=int)
        labels[flagged] = FLAGGED
        for index, (theme, c) in enumerate(drafts):
            themes.append(_with_id(theme, f"theme-{index + 1}"))
            labels[kept[clustering.labels == c]] = index
        total_supporters = sum(1 + max(c.support, 0) for i, c in enumerate(items) if not flagged[i])
        self.result_ = ThemeResult(
            themes=tuple(themes),
            other=tuple(items[i].id for i in kept[clustering.labels == OTHER]),
            action_items=tuple(draft_action_items(themes, total_supporters)),
            flagged=tuple(items[i].id for i in np.flatnonzero(flagged)),
            backend=embedder.name,
            n_concerns=len(items),
            random_state=self.random_state,
        )
        self.themes_ = self.result_.themes
        self.labels_ = labels
        self.backend_ = embedder.name
        self.n_themes_chosen_ = clustering.k_chosen
        return self

    def _theme(
        self,
        cluster: int,
        rows: np.ndarray,
        items: Sequence[Concern],
        kept: np.ndarray,
        texts: Sequence[str],
        languages: Sequence[str],
        vectors: np.ndarray,
        docs: Sequence[Sequence[str]],
        scores: dict[str, float],
        forms: dict[str, Counter[str]],
        excluded: set[str],
    ) -> Theme:
        member_texts = [texts[r] for r in rows]
        member_langs = [languages[r] for r in rows]
        concerns = [items[kept[r]] for r in rows]
        keywords = top_keywords(scores, forms, excluded, n=self.n_keywords)
        # A phrase that names the theme shows up among its most central texts; capping
        # them keeps labelling time flat for very large themes.
        central = _most_central(vectors[rows], MAX_LABEL_TEXTS)
        label = key_phrase(
            [member_texts[i] for i in central], [member_langs[i] for i in central], scores, excluded
        )
        category = categorize([docs[r] for r in rows])
        if not label:
            label = keywords[0].capitalize() if keywords else category.label
        return Theme(
            id=f"cluster-{cluster}",
            label=label,
            keywords=tuple(keywords),
            members=tuple(c.id for c in concerns),
            support=sum(max(c.support, 0) for c in concerns),
            quotes=tuple(representative_quotes(member_texts, vectors[rows], n=self.n_quotes)),
            category=category.code,
            category_label=category.label,
            category_confidence=category.confidence,
            sentiment=summarize([score(t) for t in member_texts]),
            languages=dict(Counter(member_langs)),
        )


def find_themes(
    concerns: Iterable[Concern | Mapping[str, Any]],
    prompt: str | None = None,
    random_state: int | None = 0,
    backend: str = "auto",
    **params: Any,
) -> ThemeResult:
    """Find themes in one call (see :class:`ThemeFinder` for ``params``).

    Args:
        concerns: :class:`Concern` values or mappings with keys ``id``, ``text`` and
            optionally ``language``, ``support``, ``prompt``.
        prompt: The session's prompt.
        random_state: Seed.
        backend: ``"auto"``, ``"use-multilingual"`` or ``"lexical"``.
        **params: Other :class:`ThemeFinder` parameters.

    Returns:
        The :class:`~analysis.models.ThemeResult`; ``.to_dict()`` gives the JSON shape.
    """
    finder = ThemeFinder(backend=backend, random_state=random_state, **params)
    return finder.fit(concerns, prompt=prompt).result_


def to_concerns(concerns: Iterable[Concern | Mapping[str, Any]]) -> list[Concern]:
    """Coerce inputs to :class:`Concern` and check that ids are unique.

    Raises:
        ValueError: A duplicate id, a missing id or text, or a negative support.
    """
    items: list[Concern] = []
    seen: set[Any] = set()
    for raw in concerns:
        if isinstance(raw, Concern):
            concern = raw
        else:
            if "id" not in raw or "text" not in raw:
                raise ValueError("every concern needs an 'id' and a 'text'")
            concern = Concern(
                id=raw["id"],
                text=str(raw["text"] or ""),
                language=raw.get("language") or None,
                support=int(raw.get("support") or 0),
                prompt=raw.get("prompt") or None,
            )
        if not isinstance(concern.text, str):
            raise ValueError(f"concern {concern.id!r}: text must be a string")
        if concern.support < 0:
            raise ValueError(f"concern {concern.id!r}: support cannot be negative")
        key = str(concern.id)
        if key in seen:
            raise ValueError(f"duplicate concern id {concern.id!r}")
        seen.add(key)
        items.append(concern)
    return items


def is_flagged(text: str, language: str | None = None) -> bool:
    """Tell whether a concern is held for the safety moderator (T0).

    This is :func:`safety.assess`, the screen the live app applies when a post arrives,
    so the app and the command line can never disagree about which posts are held.
    """
    return assess(text, language).flagged


def _language(concern: Concern, text: str) -> str:
    if concern.language:
        code = concern.language.strip().lower()[:2]
        return code if code in LANGUAGES else "und"
    return detect_language(text)


def _most_central(vectors: np.ndarray, limit: int) -> np.ndarray:
    """Indices of the ``limit`` rows closest to the mean direction, in original order."""
    if len(vectors) <= limit:
        return np.arange(len(vectors))
    centrality = vectors @ vectors.mean(axis=0)
    return np.sort(np.argsort(-centrality, kind="stable")[:limit])


def _prompt_stems(prompts: Iterable[str | None]) -> set[str]:
    stems: set[str] = set()
    for prompt in {p for p in prompts if p}:
        text = normalize(prompt)
        for language in LANGUAGES:
            stems.update(analyze(text, language))
    return stems


def _with_id(theme: Theme, theme_id: str) -> Theme:
    from dataclasses import replace

    return replace(theme, id=theme_id)
