"""Flag posts that may disclose self-harm, threaten violence or disclose abuse.

A flagged post is held from public view and routed to a victim-services moderator, and
the poster is shown a support card. Recall matters most, but ordinary listening-session
language ("this is killing our community", "he was killed by police", "abuse of power")
must not be flagged, so the rules in :mod:`safety.rules` ask for a first-person or intent
frame and skip negations and known idioms. This is a screen for a human, not a verdict.

Example:
    >>> from safety.detect import assess
    >>> assess("I don't want to live anymore").kinds
    ['self_harm']
    >>> assess("This is killing our community").flagged
    False
"""

from __future__ import annotations

from dataclasses import dataclass, field

from safety.rules import NEGATION, OFFICER_BEFORE, RULES, Rule
from safety.text import Span, fold, nfc, resolve_overlaps

__all__ = ["KINDS", "Assessment", "assess"]

#: Kinds of safety concern, in the order :attr:`Assessment.kinds` lists them.
KINDS = ("self_harm", "threat", "abuse")
_RANK = {kind: index for index, kind in enumerate(KINDS)}
_SENTENCE_START = "\n.!?"


@dataclass(frozen=True)
class Assessment:
    """The result of screening one post.

    Attributes:
        flagged: True when the post should be held for the safety moderator.
        kinds: The kinds found, in :data:`KINDS` order.
        matches: The matching phrases as spans of the NFC text (kind = the concern).
    """

    flagged: bool
    kinds: list[str] = field(default_factory=list)
    matches: list[Span] = field(default_factory=list)


def assess(text: str, language: str | None = None) -> Assessment:
    """Screen a post for self-harm, threats and abuse disclosures.

    English and Spanish rules both run whatever ``language`` says: posts mix the two, and
    a missed disclosure costs more than a second look.

    Args:
        text: The post, in any normalisation form.
        language: Optional language code; accepted for symmetry, does not narrow the rules.

    Returns:
        An :class:`Assessment` whose spans are offsets into the NFC text.
    """
    del language  # every rule runs for every post; see the docstring
    original = nfc(text)
    folded = fold(original)
    found: list[Span] = []
    for rule in RULES:
        for match in rule.pattern.finditer(folded):
            if _skipped(rule, folded, match.start(), match.end()):
                continue
            found.append(
                Span(match.start(), match.end(), rule.kind, original[match.start() : match.end()])
            )
    matches = resolve_overlaps(found, _RANK)
    kinds = sorted({span.kind for span in found}, key=_RANK.__getitem__)
    return Assessment(flagged=bool(kinds), kinds=kinds, matches=matches)


def _skipped(rule: Rule, folded: str, start: int, end: int) -> bool:
    if rule.unless is not None and rule.unless.match(folded, end):
        return True
    sentence_start = max(folded.rfind(ch, 0, start) for ch in _SENTENCE_START) + 1
    before = folded[sentence_start:start]
    if rule.negatable and NEGATION.search(before):
        return True
    return rule.not_by_officer and OFFICER_BEFORE.search(before) is not None
