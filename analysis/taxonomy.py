"""Taxonomy stage: give each theme a category T1-T9 (docs/domain.md) and flag T0 concerns.

Contract: :func:`categorize` takes the stems of a theme's concerns and returns a code,
its label and a confidence in [0, 1]. Safety flags (T0) are not decided here: the
pipeline asks :func:`safety.assess`, the same screen the live app uses.

Categories are found from seed words, stemmed like the concerns. Spanish words listed
in the bilingual bridge (:mod:`analysis.lexicon`) stem to the English seeds, so one seed
list serves both languages; Spanish words outside the bridge are listed here too. The
method is explainable by design: :func:`category_evidence` returns the words that
decided.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

__all__ = [
    "CATEGORIES",
    "MIN_CONFIDENCE",
    "OWNERS",
    "RESPONSE_TYPES",
    "UNCATEGORISED",
    "CategoryGuess",
    "categorize",
    "category_evidence",
    "is_non_concern",
]

#: Code -> label shown to residents (docs/domain.md).
CATEGORIES: dict[str, str] = {
    "T1": "Acknowledging harm and rebuilding trust",
    "T2": "Accountability, policy and oversight",
    "T3": "Information, transparency and technology",
    "T4": "Community safety, prevention and partnership",
    "T5": "Training, hiring and culture",
    "T6": "Officer wellness and safety",
    "T7": "Support for people and families harmed",
    "T8": "Having a voice and seeing follow-through",
    "T9": "Equity, language and access",
}

#: Suggested owner role per category (docs/domain.md "typical owner", reduced to the three
#: roles an action item can name).
OWNERS: dict[str | None, str] = {
    "T1": "joint",
    "T2": "police",
    "T3": "police",
    "T4": "joint",
    "T5": "police",
    "T6": "police",
    "T7": "community partner",
    "T8": "joint",
    "T9": "joint",
    None: "joint",
}

#: Suggested first response per category; the committee decides the real one.
RESPONSE_TYPES: dict[str | None, str] = {
    "T1": "acknowledge",
    "T2": "change policy",
    "T3": "explain",
    "T4": "resource",
    "T5": "train",
    "T6": "resource",
    "T7": "refer",
    "T8": "acknowledge",
    "T9": "resource",
    None: "acknowledge",
}

_SEEDS_EN: dict[str, str] = {
    "T1": "trust distrust apology apologize sorry harm hurt history historical respect "
    "disrespect dignity profiling profiled racism racist discrimination targeted "
    "retaliation fear afraid scared harass harassment rude humiliate stop stopped "
    "stops frisk healing reconcile",
    "T2": "accountability accountable oversight complaint complaints discipline "
    "disciplined fired punish investigation investigate policy policies force "
    "excessive misconduct brutality chokehold taser shot shooting review board "
    "civilian data report consequences prosecute",
    "T3": "information inform transparency transparent camera cameras video footage "
    "release released body-cam bodycam surveillance drone drones social media "
    "facebook communication communicate updates news rumor website app",
    "T4": "safety safe crime crimes violence gun guns drugs gang gangs theft robbery "
    "speeding traffic lights streetlights lighting patrol patrols response slow "
    "arrive neighborhood block park youth kids children young teens school program "
    "programs prevention alternatives co-responder noise trash homeless",
    "T5": "training train trained deescalation de-escalation culture hire hiring "
    "recruit recruiting recruitment supervision supervisor bias implicit cultural "
    "competency academy rookie",
    "T6": "wellness burnout stress overworked understaffed staffing morale officers "
    "exhausted shifts overtime peer",
    "T7": "victim victims family families grief grieving counseling therapy mental "
    "health healing trauma support services advocate liaison funeral loss lost "
    "revictimize",
    "T8": "voice listen listening heard meeting meetings session sessions follow "
    "followup follow-up committee report back results promises action input "
    "decisions seat table",
    "T9": "language languages spanish interpreter interpreters translation translate "
    "english immigrant immigrants immigration deportation deport ice papers "
    "undocumented disability disabled deaf blind wheelchair gender women tribal "
    "tribe native reservation lgbtq transgender access equity elders",
}

_SEEDS_ES: dict[str, str] = {
    "T1": "disculpas humillación racista discriminan",
    "T2": "castigar investigación consecuencias",
    "T3": "informar comunicación noticias",
    "T4": "pandilla vecindad",
    "T5": "entrenar prejuicios",
    "T6": "cansados agotados",
    "T7": "trauma consejero",
    "T8": "escuchados promesas",
    "T9": "inmigrante indocumentados migrantes lengua",
}


#: Below this confidence a theme is "uncategorised" and the facilitator chooses
#: (chosen on the dev sessions of the domain set, see docs/analysis.md).
MIN_CONFIDENCE = 0.3
UNCATEGORISED = "Uncategorised"


@dataclass(frozen=True)
class CategoryGuess:
    """A category for one theme.

    Attributes:
        code: ``"T1"``..``"T9"``, or ``None`` when the evidence is below
            ``min_confidence`` (or no seed word occurs).
        label: Category label (``"Uncategorised"`` when ``code`` is ``None``).
        confidence: In [0, 1]; share of the seed evidence that points to the best
            category, reduced when few of the theme's concerns contain any of its seeds.
        suggestion: The best category whatever the confidence (``None`` without any
            evidence).
    """

    code: str | None
    label: str
    confidence: float
    suggestion: str | None = None


@cache
def _seed_stems() -> dict[str, frozenset[str]]:
    # Imported here: NLTK loads scikit-learn and SciPy, and the web app reads this module's
    # tables without ever categorising.
    from analysis.text import stem

    seeds: dict[str, set[str]] = {code: set() for code in CATEGORIES}
    for table, language in ((_SEEDS_EN, "en"), (_SEEDS_ES, "es")):
        for code, words in table.items():
            for word in words.split():
                for part in word.replace("-", " ").split():
                    seeds[code].update(stem(part, language).split())
    return {code: frozenset(stems) for code, stems in seeds.items()}


def category_evidence(docs: Sequence[Sequence[str]]) -> dict[str, Counter[str]]:
    """Count, per category, how many concerns contain each of its seed stems."""
    seeds = _seed_stems()
    evidence: dict[str, Counter[str]] = {code: Counter() for code in CATEGORIES}
    for doc in docs:
        present = set(doc)
        for code, stems in seeds.items():
            evidence[code].update(present & stems)
    return evidence


def categorize(
    docs: Sequence[Sequence[str]], min_confidence: float = MIN_CONFIDENCE
) -> CategoryGuess:
    """Choose the category whose seed words the theme's concerns use most.

    Args:
        docs: Stems of each concern in the theme.
        min_confidence: Below this the theme is uncategorised (``code`` ``None``).

    Returns:
        A :class:`CategoryGuess`.
    """
    if not docs:
        return CategoryGuess(None, UNCATEGORISED, 0.0)
    seeds = _seed_stems()
    scores: dict[str, float] = {}
    covered: dict[str, int] = {}
    for code, stems in seeds.items():
        hits = [len(set(doc) & stems) for doc in docs]
        # Two seed words in one concern count a little more than one, not twice.
        scores[code] = sum(min(h, 2) ** 0.5 for h in hits)
        covered[code] = sum(h > 0 for h in hits)
    total = sum(scores.values())
    if total == 0:
        return CategoryGuess(None, UNCATEGORISED, 0.0)
    best = max(scores, key=lambda code: (scores[code], -int(code[1:])))
    share = scores[best] / total
    coverage = covered[best] / len(docs)
    confidence = round(share * min(1.0, coverage / 0.5), 3)
    if confidence < min_confidence:
        return CategoryGuess(None, UNCATEGORISED, confidence, best)
    return CategoryGuess(best, CATEGORIES[best], confidence, best)


#: Longer posts are always treated as concerns.
MAX_NON_CONCERN_WORDS = 22
_NOT_A_CONCERN = re.compile(
    r"""
    ^\W*(hi|hello|hey|hola|buenas|h[aá]u|good\s+(morning|evening|afternoon|night)
        |buenos\s+d[ií]as|buenas\s+(tardes|noches)|thanks?(\s+you)?|thank\s+you|gracias
        |test(ing)?|prueba|asdf\w*|lol)\b[\s\W\d]*(\w+\W*){0,3}$
    | ^\W*(thanks?|thank\s+you|gracias|wóphila|philámayaye)\b.{0,60}$
    | ^\W*(is\s+this\s+(working|on)|this\s+is\s+a\s+test|esto\s+es\s+una\s+prueba)
    | ^\W*(i\s*'?\s*a?m|i\s+have\s+(been|lived)|i'?ve\s+(been|lived)|soy|tengo|he\s+vivido|vivo)\b
      (?=.*\b(\d+\s*(years?|yrs|a[ñn]os)|years\s+old|retired|jubilad[oa]|teacher|maestr[oa]
        |nurse|enfermer[oa]|mom|mother|madre|father|dad|padre|grand\w*|abuel[oa]|elder
        |student|estudiante|lived|vivido|vivo|born|nac[ií]|raised|moved)\b)
      (?!.*\b(afraid|scared|worried|tired|angry|sad|miedo|preocupad\w*|cansad\w*|enojad\w*
        |triste|unsafe|not|no|never|nunca|want|need|quiero|necesit\w*|police|cops|polic[ií]a
        |officers?|stopped|shot|killed)\b)

    """,
    re.IGNORECASE | re.VERBOSE,
)


def is_non_concern(text: str) -> bool:
    """Tell whether a post is not a concern: a greeting, a test, a statement about oneself.

    ("I am a mother of three", "I have lived here 20 years", "hola", "test 123").
    A theme most of whose members are such posts goes to "other" and gets no action
    item; one worry in it ("I am afraid ...") keeps the post a concern.
    """
    if len(text.split()) > MAX_NON_CONCERN_WORDS:
        return False
    return bool(_NOT_A_CONCERN.search(text.replace("’", "'").strip()))
