"""Action-item stage: draft "You said / We did" records and fold small themes for public use.

Contract: :func:`draft_action_item` turns one :class:`~analysis.models.Theme` into an
:class:`~analysis.models.ActionItem`; :func:`public_result` returns a copy of a result
that is safe to show in public (themes with fewer than ``min_supporters`` supporters are
folded into "other concerns", and flagged concerns are not listed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from analysis.models import ActionItem, Theme, ThemeResult
from analysis.taxonomy import OWNERS, RESPONSE_TYPES
from safety import redact

__all__ = [
    "MIN_PUBLIC_SUPPORTERS",
    "counts_phrase",
    "draft_action_item",
    "priority",
    "public_result",
]

#: docs/domain.md: themes with fewer supporters are folded into "other concerns" in public.
MIN_PUBLIC_SUPPORTERS = 5


def priority(theme: Theme, total_supporters: int) -> str:
    """Rank a theme's urgency from its concerns plus "me too" taps.

    ``"high"`` when the theme holds at least 15% of the session's concerns and taps and
    at least 10 of them, ``"medium"`` from 5, else ``"low"``.
    """
    share = theme.supporters / total_supporters if total_supporters else 0.0
    if theme.supporters >= 10 and share >= 0.15:
        return "high"
    if theme.supporters >= MIN_PUBLIC_SUPPORTERS:
        return "medium"
    return "low"


def counts_phrase(concerns: int, support: int, people: int | None = None) -> str:
    """Say what the counts are: ``'12 concerns, 30 "me too"'`` (and people only if known)."""
    text = f'{concerns} concern{"s" if concerns != 1 else ""}, {support} "me too"'
    if people is not None:
        text += f" from {people} {'person' if people == 1 else 'people'}"
    return text


def draft_action_item(theme: Theme, total_supporters: int) -> ActionItem:
    """Draft the "You said" half of an action item for one theme.

    Args:
        theme: The theme.
        total_supporters: Concerns plus "me too" taps across the session, for the
            priority.

    Returns:
        A proposed :class:`ActionItem` with an empty "we did".
    """
    title = theme.label or theme.category_label
    you_said = f"{counts_phrase(theme.concerns, theme.support, theme.people)} about {title}."
    if theme.label_en and theme.label_en != theme.label:
        you_said = f"{counts_phrase(theme.concerns, theme.support, theme.people)} about "
        you_said += f"{title} ({theme.label_en})."
    quote = redact(theme.quotes[0]).text if theme.quotes else None
    return ActionItem(
        theme_id=theme.id,
        title=title,
        you_said=you_said,
        quote=quote,
        category=theme.category,
        owner=OWNERS.get(theme.category, "joint"),
        response_type=RESPONSE_TYPES.get(theme.category, "acknowledge"),
        priority=priority(theme, total_supporters),
        supporters=theme.supporters,
        concerns=theme.concerns,
        support=theme.support,
        people=theme.people,
    )


def draft_action_items(themes: Sequence[Theme], total_supporters: int) -> list[ActionItem]:
    """Draft one action item per theme that is a concern (kind ``"concern"``), in order."""
    return [draft_action_item(t, total_supporters) for t in themes if t.kind == "concern"]


def public_result(result: ThemeResult, min_supporters: int = MIN_PUBLIC_SUPPORTERS) -> ThemeResult:
    """Return a copy safe for public output.

    Themes with fewer than ``min_supporters`` supporters are folded into "other", their
    action items are dropped, quotes are redacted, and flagged concerns are removed
    (they belong to the moderator, not to the public report).

    Args:
        result: A facilitator-side result.
        min_supporters: Smallest theme shown in public.

    Returns:
        A new :class:`ThemeResult` with ``public=True``.
    """
    shown = [theme for theme in result.themes if theme.supporters >= min_supporters]
    folded = [m for theme in result.themes if theme not in shown for m in theme.members]
    shown_ids = {theme.id for theme in shown}
    themes = tuple(
        replace(theme, quotes=tuple(redact(q).text for q in theme.quotes[:1])) for theme in shown
    )
    items = tuple(item for item in result.action_items if item.theme_id in shown_ids)
    return replace(
        result,
        themes=themes,
        other=tuple(result.other) + tuple(folded),
        action_items=items,
        flagged=(),
        non_concerns=(),
        public=True,
    )
