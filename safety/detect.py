"""Flag posts that may disclose self-harm, threaten violence or disclose abuse.

A flagged post is held from public view and routed to a victim-services moderator, and
the poster is shown a support card. Two detectors run and their findings are joined:

- the rules of :mod:`safety.rules`: phrases in a first-person or intent frame, with
  exceptions for negation, idioms and force used by an officer;
- the semantic detector of :mod:`safety.semantic`: a classifier over the post's
  multilingual sentence embedding, trained on labelled posts, which catches disclosures
  worded in ways no rule lists. It runs when the model is installed.

Both ignore speech the poster reports rather than says: words inside quotation marks
and threats someone else "said", "posted" or "told me" (an officer's threat a resident
reports is a public complaint; a shooter's words in the news are news). A threat
reported from a partner or relative is an abuse disclosure. This is a screen for a
human, not a verdict.

Example:
    >>> from safety.detect import assess
    >>> assess("I don't want to live anymore").kinds
    ['self_harm']
    >>> assess("This is killing our community").flagged
    False
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from safety.rules import (
    CALLED_POLICE,
    EXCUSED,
    KIN_IN_SENTENCE,
    NEGATION,
    OFFICER_BEFORE,
    OTHER_SUBJECT,
    REPORTED_ANYWHERE,
    REPORTED_SPEECH,
    RULES,
    Rule,
)
from safety.semantic import batch, semantic_available, semantic_kinds
from safety.text import Span, fold, nfc, resolve_overlaps

__all__ = ["KINDS", "Assessment", "assess", "assess_many", "semantic_available"]

#: Kinds of safety concern, in the order :attr:`Assessment.kinds` lists them.
KINDS = ("self_harm", "threat", "abuse")
_RANK = {kind: index for index, kind in enumerate(KINDS)}
_SENTENCE_START = "\n.!?。！？"
_CLAUSE_START = ",;:—–(，；：、"
# Quoted words: "…", “…”, «…», and '…' when the quotes stand apart from letters
# (so "don't" and "he's" are not quotes).
_QUOTED = re.compile(r"\"[^\"\n]{2,}\"|“[^”\n]{2,}”|«[^»\n]{2,}»|(?<!\w)'[^'\n]{2,}?'(?!\w)")


# The poster as the one acted on, and as the one acting: tells an abuse disclosure from a
# threat when the semantic detector weighs the two nearly alike.
_VICTIM = re.compile(
    r"\b(?:he|she|my \w+|el|ella|mi \w+)\b[^.!?\n]{0,40}\b(?:me|us|nos|my (?:location"
    r"|phone|money|papers|id|body|neck|hair|arms?|face|kids|children)|mi (?:celular|telefono"
    r"|dinero|papeles|cuerpo|cuello|cara|pelo))\b"
)
_FIRST = re.compile(r"\b(?:i|i'?m|im|me|my|myself|yo|mi)\b")
_FEAR = re.compile(r"\b(?:scared|afraid|worried|terrified|fear|miedo|temo|preocupa\w*)\b")
_SEXUAL = re.compile(
    r"\b(?:rap\w*|sexual\w*|touch\w*|grop\w*|molest\w*|viol[oa]\w*|manose\w*|toc[oa]ba?)\b"
)
_AGENT = re.compile(
    r"\b(?:i'?ll|i will|i'?m (?:going|gonna)|we'?ll|we will|we'?re (?:going|gonna)|i'?ve got"
    r"|voy a|vamos a|lo voy|la voy|los voy|le voy|les voy)\b"
)


@dataclass(frozen=True)
class Assessment:
    """The result of screening one post.

    Attributes:
        flagged: True when the post should be held for the safety moderator.
        kinds: The kinds found, in :data:`KINDS` order.
        matches: The matching phrases as spans of the NFC text (kind = the concern); a
            kind found only by the semantic detector spans the whole post.
        semantic: True when the semantic detector ran on this post (the embedding model
            is installed and was not turned off); False means the rules alone decided.
        semantic_kinds: The kinds the semantic detector found (a subset of ``kinds``).
    """

    flagged: bool
    kinds: list[str] = field(default_factory=list)
    matches: list[Span] = field(default_factory=list)
    semantic: bool = False
    semantic_kinds: list[str] = field(default_factory=list)


def assess(text: str, language: str | None = None, *, semantic: bool | None = None) -> Assessment:
    """Screen a post for self-harm, threats and abuse disclosures.

    English and Spanish rules both run whatever ``language`` says: posts mix the two, and
    a missed disclosure costs more than a second look.

    Args:
        text: The post, in any normalisation form.
        language: Optional language code; accepted for symmetry, does not narrow the rules.
        semantic: Run the semantic detector: None (default) when the model is installed,
            False for the rules alone, True to require it.

    Returns:
        An :class:`Assessment` whose spans are offsets into the NFC text.

    Raises:
        embedding.ModelNotInstalledError: ``semantic=True`` and the model is missing.
    """
    del language  # every rule runs for every post; see the docstring
    original = nfc(text)
    folded = fold(original)
    quoted = [m.span() for m in _QUOTED.finditer(folded)]
    found: list[Span] = []
    excused = False  # a rule matched but an exception (negation, idiom, quote...) applied
    for rule in RULES:
        for match in rule.pattern.finditer(folded):
            start, end = match.start(), match.end()
            if any(a <= start and end <= b for a, b in quoted):
                excused = True  # someone else's words, quoted
                continue
            if rule.unless_original is not None and rule.unless_original.search(
                original[start:end].lower()
            ):
                excused = True  # the tone marks say it is another word
                continue
            kind = _judged(rule, folded, start, end)
            if kind is None:
                excused = True
            else:
                found.append(Span(start, end, kind, original[start:end]))
    use_semantic = semantic_available() if semantic is None else semantic
    by_meaning: list[str] = []
    # The semantic detector speaks only where the rules are silent: where a rule matched
    # and judged the phrase an exception ("I'm not suicidal", "me muero de risa", an
    # officer's words quoted), that judgement stands; where a rule found a kind, the
    # meaning of the same words would only add a look-alike second kind.
    excused = excused or EXCUSED.search(folded) is not None
    if use_semantic and not found and not excused and _long_enough(original):
        unquoted = _without(original, quoted)
        by_meaning = semantic_kinds(unquoted) if unquoted.strip() else []
        if by_meaning == ["threat"] and REPORTED_ANYWHERE.search(folded):
            # Someone else's words reported ("the DA said he'd get what's coming"), not
            # the poster's intent; a partner's threat against the poster is abuse.
            by_meaning = ["abuse"] if KIN_IN_SENTENCE.search(folded) else []
        elif by_meaning == ["threat"] and _FEAR.search(folded) and not _AGENT.search(folded):
            # "I'm scared they'll shoot my son next": fear of violence, not intent.
            by_meaning = []
        elif (
            by_meaning == ["abuse"]
            and OFFICER_BEFORE.search(folded)
            and not KIN_IN_SENTENCE.search(folded)
            and not _SEXUAL.search(folded)
        ):
            # An officer's threat or force, reported: a public complaint (see the docs).
            by_meaning = []
        elif by_meaning == ["threat"] and _VICTIM.search(folded) and not _AGENT.search(folded):
            # "he pinned me down", "he tracks my location": the poster is the one harmed.
            by_meaning = ["abuse"]
        found.extend(Span(0, len(original), kind, original) for kind in by_meaning)
    matches = resolve_overlaps(found, _RANK)
    kinds = sorted({span.kind for span in found}, key=_RANK.__getitem__)
    return Assessment(
        flagged=bool(kinds),
        kinds=kinds,
        matches=matches,
        semantic=bool(use_semantic),
        semantic_kinds=by_meaning,
    )


def _long_enough(text: str) -> bool:
    # Two words or a word in a script without spaces say too little for a meaning; the
    # nearest prototype of "警察" is noise.
    return len(text.split()) >= 3 and len(text.strip()) >= 12


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, cursor = [], 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        cursor = end
    pieces.append(text[cursor:])
    return " ".join(piece.strip() for piece in pieces if piece.strip())


def _judged(rule: Rule, folded: str, start: int, end: int) -> str | None:
    """The kind a rule match stands for, or None when an exception applies."""
    if rule.unless is not None and rule.unless.match(folded, end):
        return None
    sentence_start = max(folded.rfind(ch, 0, start) for ch in _SENTENCE_START) + 1
    before = folded[sentence_start:start]
    sentence_end = min(
        (i for i in (folded.find(ch, end) for ch in _SENTENCE_START) if i >= 0), default=len(folded)
    )
    sentence = folded[sentence_start:sentence_end]
    if rule.unless_sentence is not None and rule.unless_sentence.search(sentence):
        return None
    # A negation counts only inside the same clause: "No puedo más, me quiero morir" opens
    # with despair, not with a negation of what follows.
    clause = before[max(before.rfind(ch) for ch in _CLAUSE_START) + 1 :]
    if rule.negatable and NEGATION.search(clause):
        return None
    if (
        rule.kind == "self_harm"
        and OTHER_SUBJECT.search(clause)
        and not _FIRST.search(folded[sentence_start:end])
    ):
        return None
    if rule.kind == "threat" and REPORTED_SPEECH.search(before):
        # Someone else's words. From a partner or relative, a threat against the poster is
        # an abuse disclosure; from an officer or a stranger, a report for the record.
        return "abuse" if KIN_IN_SENTENCE.search(sentence) else None
    # Calling the police about a partner does not make the partner an officer.
    if (
        rule.not_by_officer
        and OFFICER_BEFORE.search(before) is not None
        and not (KIN_IN_SENTENCE.search(sentence) or CALLED_POLICE.search(sentence))
    ):
        return None
    return rule.kind


def assess_many(
    texts: Sequence[str], languages: Sequence[str | None] | None = None
) -> list[Assessment]:
    """:func:`assess` of each text, with the sentence model called once for them all.

    The same decisions as one call per text (tested), in a fraction of the time: a
    session's analysis screens every concern.
    """
    langs = list(languages) if languages is not None else [None] * len(texts)
    if not semantic_available():
        return [assess(t, lang) for t, lang in zip(texts, langs, strict=True)]
    with batch(texts):
        return [assess(t, lang) for t, lang in zip(texts, langs, strict=True)]
