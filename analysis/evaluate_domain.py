"""Score the pipeline per session on the labelled domain set (listening-session concerns).

The set (``tests/analysis/data/domain_concerns.csv``, columns
``session,prompt,language,text,theme,category``, with ``split.csv`` naming each session
``dev`` or ``heldout``) was written by an AI helper from the domain brief
(docs/domain.md), blind to the code.
Each session is clustered on its own with its prompt and its place and agency names,
and scored for:

- ARI of the themes against the gold ``theme`` ("other", each non-concern group and
  the flagged posts count as predicted groups);
- the share of junk labels (:func:`analysis.phrases.is_junk_label`, top-level themes
  and sub-themes);
- the largest theme's share of the session, and whether a theme over 30% is coherent
  (at least 70% of its members share one gold theme);
- category accuracy: a theme's category against its members' majority gold category,
  uncategorised themes counted apart;
- non-concerns kept out: the share of gold "Not a concern" posts that are in no theme;
- label fit: the mean cosine, in the sentence model's space, between each top-level
  theme's label and the gold name of the theme most of its members belong to (gold names
  are phrases a person wrote, such as "Traffic stops and profiling"; a label that names
  the same thing scores high, a fragment of one post low); needs the model;
- duplicate labels: labels (themes and sub-themes) that another label of the session
  repeats, case apart, so that a reader cannot tell the two apart.

Run it with ``python -m analysis.evaluate tests/analysis/data/domain_concerns.csv
--split dev`` (the CSV's ``session`` column selects this scorer).
"""

from __future__ import annotations

import csv
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

from analysis.embed import encode, model_available
from analysis.models import Concern, ThemeResult
from analysis.phrases import LabelContext, is_junk_label
from analysis.pipeline import ThemeFinder

__all__ = ["PLACES", "SessionScore", "load_domain", "main_domain", "score_session"]

#: The place and agency names a caller would pass for each city (session id prefix).
PLACES: dict[str, tuple[str, ...]] = {
    "mpls": ("Minneapolis", "Lake Street", "MPD"),
    "hou": ("Houston", "HPD"),
    "oak": ("Oakland", "International Boulevard", "OPD", "CPRA", "Police Commission"),
    "br": ("Baton Rouge", "Plank Road", "BRPD"),
    "rc": ("Rapid City", "North Rapid", "RPD", "downtown"),
}
NOT_A_CONCERN = "Not a concern"
COHERENT = 0.7
LARGE = 0.3


@dataclass(frozen=True)
class SessionScore:
    """Scores of one session (see the module docstring)."""

    session: str
    split: str
    n: int
    k_true: int
    k_found: int
    ari: float
    junk_share: float
    junk_labels: tuple[str, ...]
    largest_share: float
    large_coherent: bool | None
    categorised: int
    category_correct: int
    uncategorised: int
    non_concerns_out: float
    labels: tuple[str, ...]
    label_fit: float | None
    duplicate_labels: int


def load_domain(
    path: str | Path, split_path: str | Path | None = None
) -> tuple[dict[str, list[dict[str, str]]], dict[str, str]]:
    """Read the rows grouped by session, and each session's split."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sessions: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        sessions.setdefault(row["session"], []).append(row)
    split_file = Path(split_path) if split_path else Path(path).with_name("split.csv")
    splits: dict[str, str] = {}
    if split_file.exists():
        with split_file.open(encoding="utf-8", newline="") as handle:
            splits = {r["session"]: r["split"] for r in csv.DictReader(handle)}
    return sessions, splits


def score_session(
    session: str, rows: Sequence[dict[str, str]], split: str, backend: str, **params: object
) -> tuple[SessionScore, ThemeResult]:
    """Cluster one session and score it."""
    prompt = rows[0]["prompt"]
    places = PLACES.get(session.split("-")[0], ())
    concerns = [
        Concern(id=i, text=r["text"], language=r["language"] or None) for i, r in enumerate(rows)
    ]
    finder = ThemeFinder(backend=backend, random_state=0, **params)  # type: ignore[arg-type]
    result = finder.fit(concerns, prompt=prompt, places=places).result_
    predicted = np.full(len(rows), -1)
    for index, theme in enumerate(result.themes):
        predicted[list(theme.members)] = index
    for index, group in enumerate(result.non_concerns):
        predicted[list(group.members)] = len(result.themes) + index
    predicted[list(result.flagged)] = -2
    gold = [r["theme"] for r in rows]
    context = LabelContext.build([prompt], None, places)
    labels = [t.label for t in result.themes] + [
        s.label for t in result.themes for s in t.sub_themes
    ]
    junk = tuple(label for label in labels if is_junk_label(label, context))
    shares = [t.size / len(rows) for t in result.themes]
    large = [t for t in result.themes if t.size / len(rows) > LARGE]
    coherent = None
    if large:
        coherent = all(
            Counter(gold[m] for m in t.members).most_common(1)[0][1] / t.size >= COHERENT
            for t in large
        )
    correct = categorised = uncategorised = 0
    for theme in result.themes:
        majority = Counter(rows[m]["category"] for m in theme.members).most_common(1)[0][0]
        if theme.category is None:
            uncategorised += 1
        else:
            categorised += 1
            correct += theme.category == majority
    seen = Counter(label.casefold() for label in labels)
    duplicates = sum(n for n in seen.values() if n > 1)
    in_theme = {m for t in result.themes for m in t.members}
    non = [i for i, g in enumerate(gold) if g == NOT_A_CONCERN]
    score = SessionScore(
        session=session,
        split=split,
        n=len(rows),
        k_true=len(set(gold)),
        k_found=len(result.themes),
        ari=float(adjusted_rand_score(gold, predicted)),
        junk_share=len(junk) / max(len(labels), 1),
        junk_labels=junk,
        largest_share=max(shares, default=0.0),
        large_coherent=coherent,
        categorised=categorised,
        category_correct=correct,
        uncategorised=uncategorised,
        non_concerns_out=sum(i not in in_theme for i in non) / max(len(non), 1),
        labels=tuple(labels),
        label_fit=_label_fit(result, gold),
        duplicate_labels=duplicates,
    )
    return score, result


def _label_fit(result: ThemeResult, gold: Sequence[str]) -> float | None:
    """Mean cosine of each theme's label to its majority gold theme's name (see above)."""
    if not model_available() or not result.themes:
        return None
    names = [Counter(gold[m] for m in t.members).most_common(1)[0][0] for t in result.themes]
    labels = encode([t.label for t in result.themes])
    wanted = encode(names)
    return float(np.mean(np.sum(labels * wanted, axis=1)))


def main_domain(
    path: str, split: str = "all", backends: Sequence[str] = (), show_labels: bool = False
) -> int:
    """Print one row per session and a summary per split; return 0."""
    sessions, splits = load_domain(path)
    chosen = [s for s in sessions if split == "all" or splits.get(s, "dev") == split]
    for backend in backends:
        print(f"{path}: backend {backend}, split {split}, {len(chosen)} sessions")
        print("")
        print(
            "| session | split | n | k true | k found | ARI | junk labels | label fit | "
            "duplicate labels | largest | >30% coherent | category correct / categorised | "
            "uncategorised | non-concerns out |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        scores = []
        for name in chosen:
            score, _ = score_session(name, sessions[name], splits.get(name, "dev"), backend)
            scores.append(score)
            coherent = "-" if score.large_coherent is None else str(score.large_coherent)
            print(
                f"| {name} | {score.split} | {score.n} | {score.k_true} | {score.k_found} | "
                f"{score.ari:.3f} | {score.junk_share:.0%} | {_fit(score.label_fit)} | "
                f"{score.duplicate_labels} | {score.largest_share:.0%} | "
                f"{coherent} | {score.category_correct} / {score.categorised} | "
                f"{score.uncategorised} | {score.non_concerns_out:.0%} |"
            )
            if show_labels:
                print(f"|  labels: {'; '.join(score.labels)} |")
        for part in sorted({s.split for s in scores}):
            group = [s for s in scores if s.split == part]
            correct = sum(s.category_correct for s in group)
            categorised = sum(s.categorised for s in group)
            fits = [s.label_fit for s in group if s.label_fit is not None]
            print(
                f"\n{part}: mean ARI {statistics.mean(s.ari for s in group):.3f}, "
                f"junk labels {sum(len(s.junk_labels) for s in group)}, "
                f"label fit {_fit(statistics.mean(fits) if fits else None)}, "
                f"duplicate labels {sum(s.duplicate_labels for s in group)}, "
                f"largest theme {max(s.largest_share for s in group):.0%}, "
                f"incoherent >30% themes {sum(s.large_coherent is False for s in group)}, "
                f"category accuracy {correct}/{categorised}"
                f" ({correct / max(categorised, 1):.0%}), "
                f"uncategorised {sum(s.uncategorised for s in group)}, "
                f"mean |k error| {statistics.mean(abs(s.k_found - s.k_true) for s in group):.2f}"
            )
        print("")
    return 0


def _fit(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
