"""Curated patterns for :mod:`safety.detect`: self-harm, threats and abuse disclosures.

Every pattern runs on :func:`safety.text.fold` output, so it is written in lower case
without accents ("que" matches "qué", "dano" matches "daño") and with straight
apostrophes. Patterns ask for a first-person or intent frame ("I want to die", "I'm going
to shoot", "my husband hits me") rather than a violent word alone, because listening
sessions are full of violent words that are not disclosures ("he was killed by police",
"police violence", "abuse of power", "kill the bill").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from safety import rules_sites
from safety.rules_abuse import (
    ABUSE_EN,
    ABUSE_ES,
    CONTROL_EN,
    CONTROL_ES,
    HARM_EN,
    KIN_PERP_EN,
    SEXUAL_EN,
    SEXUAL_ES,
    VICTIM_EN,
)
from safety.rules_self_harm import (
    FAREWELL_EN,
    FAREWELL_ES,
    LEAVING_EN,
    SELF_HARM_EN,
    SELF_HARM_ES,
)
from safety.rules_threat import (
    LIFESPAN_EN,
    THREAT_EN,
    THREAT_ES,
    VEILED_EN,
    VEILED_ES,
    VEILED_LIFESPAN,
)

__all__ = [
    "CALLED_POLICE",
    "EXCUSED",
    "KIN_IN_SENTENCE",
    "NEGATION",
    "OFFICER_BEFORE",
    "OTHER_SUBJECT",
    "PROGNOSIS",
    "REPORTED_ANYWHERE",
    "REPORTED_SPEECH",
    "RULES",
    "Rule",
]


@dataclass(frozen=True)
class Rule:
    """One pattern.

    Attributes:
        kind: ``"self_harm"``, ``"threat"`` or ``"abuse"``.
        pattern: Compiled regex over folded text.
        negatable: Skip the match when a negation closely precedes it ("I don't want to
            die" is not "I want to die").
        not_by_officer: Skip the match when an officer is named earlier in the same
            sentence: "the officer hit me" is a use-of-force complaint for the public
            record, while "my husband hits me" is a disclosure for the moderator.
        unless: Skip the match when this regex matches the text right after it
            ("kill myself laughing", "shoot you an email").
        unless_sentence: Skip the match when this regex is found anywhere in its
            sentence ("the doctor says he won't live long" is a prognosis).
        unless_original: Skip the match when this regex is found in the matched
            characters of the NFC text, lower-cased: the fold drops the tone marks that
            tell Vietnamese "tự tử" (suicide) from "từ từ" (slowly).
    """

    kind: str
    pattern: re.Pattern[str]
    negatable: bool = False
    not_by_officer: bool = False
    unless: re.Pattern[str] | None = None
    unless_sentence: re.Pattern[str] | None = None
    unless_original: re.Pattern[str] | None = None


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


#: A negation within the three words before a match.
NEGATION = _rx(
    r"\b(?:not|never|don'?t|do not|doesn'?t|won'?t|wouldn'?t|no|nunca|jamas|ni|tampoco)"
    r"(?:\s+\S+){0,2}\s*$"
)
#: Idioms and negated mentions that sound like a disclosure: where one is present and no
#: rule found a kind, the semantic detector is not asked (its neighbours are words, and
#: "dying to see change" sits near "I want to die").
EXCUSED = _rx(
    r"\b(?:dying (?:to|for|of laughter)|killing (?:me|it|us)(?: with)?|kills? me|to die for"
    r"|(?:i'?d|i would|we'?d|we would) (?:die|kill) for|murder on (?:my|the|our)"
    r"|kill (?:the|this|that|their|a) (?:\w+ )?(?:bill|proposal|ordinance|budget|plan|idea|vote"
    r"|deal|contract|program)"
    r"|viol\w* (?:mis|sus|nuestros|los|my|our|their|his|her) (?:\w+ )?(?:derechos|rights)"
    r"|me muero (?:de|por)|muert[oa] de (?:risa|cansancio|hambre|sueno|miedo|ganas)"
    r"|me esta matando|me estan matando|me mata (?:la|el|esta|este)"
    r"|(?:not|never|no|ain'?t|nunca|jamas)(?: \w+){0,2} (?:suicid\w*|kill\w*|hurt\w*|harm\w*"
    r"|die|dying|matar\w*|morir\w*|lastimar\w*|hacer dano))\b"
)
#: Someone other than the poster as the subject right before a self-harm phrase: "kids
#: are going to die at that crossing" is a warning about a road, not a disclosure.
OTHER_SUBJECT = _rx(
    r"\b(?:kids|children|people|they|someone|somebody|she|you|officers?|cops?|police|men"
    r"|women|folks|residents|neighbors|son|daughter|brother|sister)"
    r"(?:'re|'s| are| is| were| was)?(?: \w+){0,2}\s*$"
)
#: Calling or reporting to the police: the police are then the helper, not the one who harms.
CALLED_POLICE = _rx(
    r"\b(?:call(?:ed|ing|s)?|phoned|report(?:ed|ing)?(?: it)? to|told|text(?:ed)?|dial(?:ed)?"
    r"|llame|llamamos|llamar|llamo|llamaron|marque|denuncie|reporte|fui a)"
    r"(?: \w+){0,2} (?:the )?(?:police|cops?|911|officers?|sheriff|policia|la policia|patrulla)\b"
    # Vietnamese, Somali, Hmong, Arabic (folded), Chinese.
    r"|\b(?:goi|bao) (?:cho )?(?:canh sat|cong an|911)\b|\bwacay (?:booliis\w*|911)"
    r"|\bhu (?:rau )?(?:tub ceev xwm|911)\b|اتصلت (?:بالشرطة|بالبوليس|ب911)|报警|報警"
)
#: A partner or relative in the sentence: the disclosure is about them, whoever came.
KIN_IN_SENTENCE = _rx(
    r"\b(?:my|mi|our|nuestro|nuestra) (?:\w+ )?(?:husband|wife|boyfriend|girlfriend|partner|ex"
    r"|stepdad|stepfather|dad|father|mom|mother|uncle|brother|cousin|esposo|marido|pareja|novio"
    r"|novia|esposa|padrastro|papa|padre|tio|hermano|primo|suegro|cunado)\b"
    # Vietnamese, Somali, Hmong, Arabic (folded: no hamza), Chinese.
    r"|\b(?:chong|vo|ban trai|ban gai|bo duong|cha duong|me ke) (?:cu )?(?:toi|em|minh|tui"
    r"|cua toi)\b|\b(?:ban trai|chong) cu\b"
    r"|\b(?:ninkayg\w*|saygayg\w*|aabah(?:ay|ey)|hooyad(?:ay|ey)|walaalk(?:ay|ey)|adeerk(?:ay|ey)"
    r"|abtig(?:ay|ey))\b"
    r"|\bkuv (?:tus )?(?:txiv|poj niam|hluas nraug|txiv ntxawm|tij laug|yawm txiv)\b"
    r"|زوجي|جوزي|طليقي|خطيبي|ابوي|اخوي|عمي|خالي"
    r"|老公|丈夫|男朋友|男友|前夫|继父|繼父|我爸|我妈|我媽|老婆|妻子|女朋友|公公|婆婆|叔叔|舅舅"
)
#: Someone else's words reported before a threat: "the officer told me I'll shoot you",
#: "the shooter posted that he'd kill them", "el oficial me dijo que me iba a matar".
#: The poster's own "I said" / "I told him" is not excluded.
_SPEECH = (
    r"(?<!\bi )(?<!\bwe )(?<!\byo )\b(?:said|says|told (?:me|us|him|her|them|my \w+)|posted"
    r"|wrote|texted|tweeted|yelled|screamed|shouted|threatened|warned|dijo|me dijo|nos dijo"
    r"|decia|escribio|publico|grito|amenazo|dicen que|dice que|said that)\b"
    # Vietnamese "nói là / bảo rằng / dọa là" (not "tôi nói"), Somali "yiri / sheegay /
    # qoray", Hmong "hais tias" (not "kuv hais"), Arabic "قال / كتب", Chinese "他说" (not
    # "我说"): the speaker is someone else, and Somali puts the verb after the words, so
    # only the verbs before a match count, as in English.
    r"|(?<!(?<!chong )(?<!vo )(?<!trai )(?<!bo )(?<!cha )(?<!me )(?<!anh )\btoi )(?<!\btao )"
    r"(?<!\btui )\b(?:noi|bao|doa) (?:la|rang)\b"
    r"|\b(?:yiri|yidhi|tiri|tidhi|yiraahdeen|sheegay|sheegtay|qoray|qortay)\b"
    r"|(?<!\bkuv )\b(?:hais|sau) (?:tias|hais tias)\b"
    r"|\b(?:قال|قالت|قالوا|قالو|كتب|كتبت|يقول|بيقول)\b"
    r"|(?<!我)(?:说|說|讲|講|写道|寫道|发帖|發帖)"
)
REPORTED_SPEECH = _rx(rf"(?:{_SPEECH})[^.!?\n。！？]*$")
#: The same speech verbs anywhere in a post (for the semantic detector, which has no span).
REPORTED_ANYWHERE = _rx(_SPEECH)
#: Illness or old age in the sentence: "he won't live long" is then a prognosis.
PROGNOSIS = _rx(
    # "ill" is also a phone-typed "I'll", "sick of" is anger: neither is illness.
    r"\b(?:doctors?|dr|hospice|cancer|sick(?! of)|illness|hospital|diagnos\w*|terminal|chemo"
    r"|medicos?|doctora?|enferm\w*|bac si|benh|ung thu|gia yeu|dhakhtar\w*"
    r"|xanuun\w*|jirro\w*|kansar|isbitaal\w*|kws kho mob|muaj mob|mob hnyav|laus"
    r"|الطبيب|الدكتور|دكتور"
    r"|مريض|مريضة|مرض|سرطان|المستشفى)\b|医生|醫生|癌|病|医院|醫院"
)
#: An officer named earlier in the sentence (looked for before the match only).
OFFICER_BEFORE = _rx(
    r"(?:\b(?:officers?|cops?|police(?:man|men)?|deputy|deputies|sheriff|trooper|detective"
    r"|sergeant|sgt|agents?|policias?|oficial(?:es)?|agentes?|patrulla|ice"
    # Vietnamese, Somali, Hmong, Arabic (folded); Chinese has no word boundaries.
    r"|canh sat|cong an|booliis\w*|askari\w*|tub ceev xwm|الشرطة|الشرطي|شرطي|الضابط|ضابط)\b"
    r"|警察|警官|巡警)[^.!?\n。！？]*$"
)


def _rules(
    kind: str,
    table: list,
    *,
    not_by_officer: bool = False,
    unless_sentence: re.Pattern[str] | None = None,
    unless_original: re.Pattern[str] | None = None,
) -> list[Rule]:
    return [
        Rule(
            kind,
            _rx(pattern),
            negatable,
            not_by_officer,
            _rx(unless) if unless else None,
            unless_sentence,
            unless_original,
        )
        for pattern, negatable, unless in table
    ]


#: Every rule, in a fixed order so results are deterministic.
RULES: tuple[Rule, ...] = (
    *_rules("self_harm", SELF_HARM_EN + SELF_HARM_ES + rules_sites.SELF_HARM),
    *_rules("self_harm", FAREWELL_EN + FAREWELL_ES),
    *_rules("self_harm", LEAVING_EN, unless_sentence=PROGNOSIS),
    *_rules("self_harm", rules_sites.SUICIDE_VI, unless_original=_rx("từ từ")),
    *_rules("threat", THREAT_EN + THREAT_ES + rules_sites.THREAT),
    *_rules("threat", VEILED_EN + VEILED_ES),
    *_rules(
        "threat", LIFESPAN_EN + VEILED_LIFESPAN + rules_sites.LIFESPAN, unless_sentence=PROGNOSIS
    ),
    *_rules(
        "abuse",
        ABUSE_EN + ABUSE_ES + CONTROL_EN + CONTROL_ES + rules_sites.ABUSE_OTHER,
        not_by_officer=True,
    ),
    *_rules("abuse", rules_sites.ABUSE_KIN + rules_sites.SEXUAL),
    *[Rule("abuse", _rx(p)) for p in SEXUAL_EN + SEXUAL_ES],
    # A relative or partner named as the one who harms is never an officer.
    Rule(
        "abuse",
        _rx(rf"\b{KIN_PERP_EN} (?:\w+ )?{HARM_EN} (?:\w+ )?{VICTIM_EN}\b"),
        negatable=True,
        unless=_rx(r"\s*(?:up|out)\b"),
    ),
)
