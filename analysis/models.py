"""Plain value types that go in and out of the analysis package.

The web app adapts its rows into :class:`Concern` values and stores or sends
``ThemeResult.to_dict()``. The dictionary shape is a stable contract that other tools
read: keys may be added, but existing keys keep their names and meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ActionItem", "Concern", "Sentiment", "Theme", "ThemeResult"]

ConcernId = str | int


@dataclass(frozen=True)
class Concern:
    """One anonymous concern posted in a session.

    Attributes:
        id: Identifier unique within the input (string or integer, returned as given).
        text: What the participant wrote.
        language: ISO 639-1 code if known (``"en"``, ``"es"``); detected when ``None``.
        support: Number of "me too" taps (the author is not counted).
        prompt: The prompt this concern answered, if the session had several.
        on_behalf: Entered by a facilitator for someone without a phone.
        devices: Opaque per-session keys of the distinct devices behind this concern
            (its author and those who tapped "me too"), when the app can give them;
            only then does a theme report ``people``. ``None`` when unknown.
    """

    id: ConcernId
    text: str
    language: str | None = None
    support: int = 0
    prompt: str | None = None
    on_behalf: bool = False
    devices: frozenset[str] | None = None


@dataclass(frozen=True)
class Sentiment:
    """Sentiment summary of a theme's concerns.

    Attributes:
        label: ``"negative"``, ``"positive"``, ``"mixed"`` or ``"neutral"``.
        mean: Mean per-concern score in [-1, 1].
        negative: Number of concerns scored below zero.
        neutral: Number of concerns scored zero.
        positive: Number of concerns scored above zero.
    """

    label: str
    mean: float
    negative: int
    neutral: int
    positive: int

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form."""
        return {
            "label": self.label,
            "mean": round(self.mean, 3),
            "negative": self.negative,
            "neutral": self.neutral,
            "positive": self.positive,
        }


@dataclass(frozen=True)
class Theme:
    """A group of concerns about the same thing.

    Attributes:
        id: Stable identifier within one result (``"theme-1"`` is the most supported).
        label: Short key phrase drawn from the members, in the members' majority language.
        keywords: Top words, most characteristic first.
        members: Ids of the member concerns.
        support: Sum of the members' "me too" taps.
        quotes: Two or three representative texts, central and different from each other.
        category: Taxonomy code T1-T9, or ``None`` ("uncategorised": the evidence is
            below the measured confidence, so the facilitator chooses).
        category_label: The category's name as shown to residents ("Uncategorised").
        category_confidence: Confidence in the best category, in [0, 1].
        sentiment: Sentiment summary.
        languages: Number of members per language code.
        label_en: English label beside a label in another language (``label`` itself
            when that is English; ``None`` when no English phrase was found).
        label_language: Language of ``label``.
        category_suggestion: The best category even when below the confidence, for the
            facilitator to accept or not.
        kind: ``"concern"``, or ``"other"`` for groups that are not concerns
            (greetings, tests, statements about oneself); those get no action item.
        people: Distinct devices behind the theme, only when every member carried
            ``devices``; ``None`` otherwise (counts of concerns are not people).
        coherence: Mean cosine of the members to their centroid (1 = all alike).
        sub_themes: Second-level themes inside this one (empty when it does not split).
        on_behalf: Members entered by a facilitator on someone's behalf.
    """

    id: str
    label: str
    keywords: tuple[str, ...]
    members: tuple[ConcernId, ...]
    support: int
    quotes: tuple[str, ...]
    category: str | None
    category_label: str
    category_confidence: float
    sentiment: Sentiment
    languages: dict[str, int] = field(default_factory=dict)
    label_en: str | None = None
    label_language: str = "und"
    category_suggestion: str | None = None
    kind: str = "concern"
    people: int | None = None
    coherence: float = 0.0
    sub_themes: tuple[Theme, ...] = ()
    on_behalf: int = 0

    @property
    def size(self) -> int:
        """Number of member concerns."""
        return len(self.members)

    @property
    def concerns(self) -> int:
        """Number of member concerns (the same as :attr:`size`)."""
        return len(self.members)

    @property
    def supporters(self) -> int:
        """Concerns plus "me too" taps (a weight for sorting, not a count of people)."""
        return self.size + self.support

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form (stable keys)."""
        return {
            "id": self.id,
            "label": self.label,
            "keywords": list(self.keywords),
            "members": list(self.members),
            "size": self.size,
            "support": self.support,
            "supporters": self.supporters,
            "quotes": list(self.quotes),
            "category": self.category,
            "category_label": self.category_label,
            "category_confidence": round(self.category_confidence, 3),
            "sentiment": self.sentiment.to_dict(),
            "languages": dict(sorted(self.languages.items())),
            "concerns": self.concerns,
            "people": self.people,
            "on_behalf": self.on_behalf,
            "label_en": self.label_en,
            "label_language": self.label_language,
            "category_suggestion": self.category_suggestion,
            "kind": self.kind,
            "coherence": round(self.coherence, 3),
            "sub_themes": [sub.to_dict() for sub in self.sub_themes],
        }


@dataclass(frozen=True)
class ActionItem:
    """A draft "You said / We did" record for one theme.

    Attributes:
        theme_id: The theme this item answers.
        title: Short title.
        you_said: De-identified summary of what residents said.
        quote: At most one redacted quote, or ``None``.
        category: Taxonomy code of the theme.
        owner: Suggested owner role: ``"police"``, ``"community partner"`` or ``"joint"``.
        response_type: Suggested response (acknowledge, explain, change policy, train,
            resource, refer); the committee decides.
        priority: ``"high"``, ``"medium"`` or ``"low"``.
        supporters: Concerns plus "me too" taps of the theme (kept for old readers).
        concerns: Member concerns.
        support: "Me too" taps.
        people: Distinct devices, only when the input gave them, else ``None``.
        status: Always ``"proposed"`` for a draft.
        we_did: Public "we did" text, empty until the committee writes it.
    """

    theme_id: str
    title: str
    you_said: str
    quote: str | None
    category: str | None
    owner: str
    response_type: str
    priority: str
    supporters: int
    status: str = "proposed"
    we_did: str = ""
    concerns: int = 0
    support: int = 0
    people: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form (stable keys)."""
        return {
            "theme_id": self.theme_id,
            "title": self.title,
            "you_said": self.you_said,
            "quote": self.quote,
            "category": self.category,
            "owner": self.owner,
            "response_type": self.response_type,
            "priority": self.priority,
            "supporters": self.supporters,
            "status": self.status,
            "we_did": self.we_did,
            "concerns": self.concerns,
            "support": self.support,
            "people": self.people,
        }


@dataclass(frozen=True)
class ThemeResult:
    """Everything one analysis run produces.

    Attributes:
        themes: Themes, most supported first.
        other: Ids of concerns that fit no theme (or whose theme was folded away).
        action_items: One draft per theme, in theme order.
        flagged: Ids of concerns held back from clustering because they may disclose
            self-harm, threats or abuse; route them to the victim-services moderator.
        backend: Name of the representation used (``"use-multilingual"`` or ``"lexical"``).
        n_concerns: Number of concerns received.
        random_state: Seed used.
        public: ``True`` when themes with too few supporters were folded into "other".
        note: Why there are no themes (too few concerns, all alike), else ``None``.
        model_version: Version of the embedding model package (``None`` on the
            lexical path).
        non_concerns: Groups that are not concerns (kind ``"other"``), kept apart from
            ``themes`` so they never become action items.
        params: The settings that produced the result (for the stored run).
    """

    themes: tuple[Theme, ...]
    other: tuple[ConcernId, ...]
    action_items: tuple[ActionItem, ...]
    flagged: tuple[ConcernId, ...]
    backend: str
    n_concerns: int
    random_state: int | None
    public: bool = False
    note: str | None = None
    model_version: str | None = None
    non_concerns: tuple[Theme, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the stable JSON shape ``{"themes", "other", "action_items", ...}``."""
        return {
            "themes": [theme.to_dict() for theme in self.themes],
            "other": list(self.other),
            "action_items": [item.to_dict() for item in self.action_items],
            "flagged": list(self.flagged),
            "meta": {
                "backend": self.backend,
                "n_concerns": self.n_concerns,
                "n_themes": len(self.themes),
                "random_state": self.random_state,
                "public": self.public,
                "note": self.note,
                "model_version": self.model_version,
                "n_flagged": len(self.flagged),
                "n_other": len(self.other),
                "params": dict(self.params),
            },
            "non_concerns": [theme.to_dict() for theme in self.non_concerns],
        }
