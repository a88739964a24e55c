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

# --- self-harm -----------------------------------------------------------------------------
_I = r"(?:i|i'?m|im|i am|i'?ve|i have|i'?ll|i will|i want to|i wanna)"
_SELF_HARM_EN = [
    (
        r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|off) (?:my ?self|myself)\b",
        True,
        r"\s*(?:laughing|laughin)",
    ),
    (r"\b(?:end|ending|take|taking) (?:my|my own) life\b", True, None),
    (r"\b(?:end|ending) it all\b", True, None),
    (
        r"\b(?:plan|planning|going|gonna|want|wanna|thinking(?: about| of)?|should(?: just)?|ready"
        r"|about) (?:to )?(?:end|ending) (?:it|everything)\b",
        True,
        r"\s*(?:now|with|for|to|through|in court)\b",
    ),
    (
        rf"\b(?:{_I}|feel(?:ing)?|been|thoughts? (?:of|about)|thinking (?:of|about)|tried|attempted"
        r")(?: (?!not\b|never\b|no\b)\w+){0,2} suicid(?:e|al)\b",
        True,
        # "I teach suicide prevention", "I work on suicide awareness": a profession.
        r"\s*(?:prevention|awareness|hotline|lifeline|training|rates?|statistics|calls?|crisis"
        r" (?:team|line)|response|intervention|survivors? (?:group|support))\b",
    ),
    (
        r"\b(?:want|wanna|wish|ready|going|gonna) (?:to )?die\b",
        True,
        r"\s*(?:of old age|in peace|peacefully|old|at home)",
    ),
    (r"\bi wish i (?:was|were) dead\b", False, None),
    (r"\bbetter off (?:dead|without me)\b", False, None),
    (
        r"\b(?:don'?t|do not|no longer) (?:want|wanna) to "
        r"(?:live|be alive|be here|exist|wake up)\b",
        False,
        # "I don't want to live in fear / in a city like this": a complaint about a life.
        r"\s*(?:in (?:fear|a|an|this|that|these|those|the|my|our)\b|like this|like that"
        r"|under|with (?:this|that|the|fear)|here (?:anymore )?(?:because|if|with))",
    ),
    (r"\b(?:want|wanna) to (?:go to )?sleep and (?:not|never) wake up\b", False, None),
    (
        r"\b(?:no|any|the) (?:reason|point) (?:to|in) (?:live|living|going on|being alive)\b",
        False,
        None,
    ),
    (r"\b(?:life|living) (?:is not|isn'?t|ain'?t) worth (?:living|it)\b", False, None),
    (r"\bcan'?t go on\b", True, r"\s*(?:like this with (?:the|these|this) (?:stops|police))"),
    (r"\bdisappear forever\b", False, None),
    (
        r"\b(?:what'?s|what is|there'?s no|is there any|i don'?t see (?:the|any)) (?:the )?point"
        r" (?:of|in)"
        r" (?:getting up|waking up|living|being alive|going on|being here|even trying|any of it)\b",
        False,
        None,
    ),
    (r"\b(?:tired of|done with) (?:living|life|being alive|existing)\b", True, None),
    # A wish to be killed is a disclosure even after "I'm not suicidal".
    (
        r"\bi (?:just |only |sometimes |kinda |kind of )?wish (?:a|some|something|someone|somebody"
        r"|a \w+) (?:\w+ )?(?:would|could|will) (?:just )?(?:hit|kill|run over|shoot|end) me\b"
        r"|\bi (?:just )?wish (?:a|some) \w+ would (?:just )?run me over\b",
        False,
        r"\s*(?:up|with|back|a text|a message)\b",
    ),
    (r"\bi (?:just )?wish i (?:was|were) (?:dead|never born|gone for good)\b", True, None),
    (r"\bgoodbye (?:letters?|notes?)\b", True, None),
    (
        # "he won't be around much longer" is someone else (a threat rule reads it).
        r"(?<!\bhe )(?<!\bshe )(?<!\bthey )(?<!\byou )"
        r"\b(?:won'?t|will not|not going to|don'?t think i'?ll|i won'?t) be (?:around|here)"
        r" (?:much longer|for long|anymore|to see|for the next)\b",
        False,
        None,
    ),
    (
        r"\b(?:took|take|taking|swallowed) (?:a bunch of|all (?:my|the|of my)|too many|a lot of) "
        r"(?:pills|meds|medication)\b",
        False,
        None,
    ),
    (r"\b(?:to|gonna|going to|will|want to) (?:overdose|od)\b", True, None),
    (r"\bif i (?:died|was gone|were gone|disappeared|killed myself)\b", False, None),
]
_SELF_HARM_ES = [
    (
        r"\b(?:ya )?no (?:quiero|deseo) (?:seguir )?(?:vivir|viviendo|estar aqui|existir)\b",
        False,
        r"\s*(?:con miedo|asi|en (?:un|una|este|esta|esta|el|la|estas|estos)\b|aqui si|bajo)",
    ),
    (
        r"\b(?:me quiero|quiero|quisiera|me voy a) morir(?:me)?\b",
        True,
        r"\s*(?:de (?:la )?risa|de viej|de ganas)",
    ),
    (r"\bquitarme la vida\b|\bme (?:quiero|voy a) quitar la vida\b", True, None),
    (r"\b(?:suicidarme|me voy a suicidar|me quiero suicidar)\b", True, None),
    (
        # "me amenazó con matarme" is someone else's threat, an abuse disclosure.
        r"(?<!con )(?<!quiere )(?<!quiso )(?<!intento )\bmatarme\b"
        r"|\bme (?:voy a|quiero) matar\b",
        True,
        r"\s*(?:trabajando|estudiando|de (?:risa|hambre|trabajo))",
    ),
    (r"\bpensamientos suicidas\b|\bpensado en (?:el )?suicid", True, None),
    (r"\bacabar con mi vida\b", True, None),
    (r"\b(?:mejor|mejor si) (?:yo )?(?:no existiera|estuviera muert[oa]|muert[oa])\b", False, None),
    (r"\bmejor sin mi\b", False, None),
    (r"\b(?:me corto|cortarme|me cortaba)\b", True, r"\s*(?:el pelo|el cabello|las unas)"),
    (r"\b(?:hacerme dano|me hago dano|lastimarme)\b", True, None),
    (
        r"\b(?:no tiene sentido|no vale la pena|sin razon para|no hay razon para) "
        r"(?:seguir )?vivir\b",
        False,
        None,
    ),
    (r"\bdesaparecer para siempre\b", False, None),
    (r"\b(?:no despertar|no volver a despertar|dormir y no despertar)\b", True, None),
    (r"\b(?:cansad[oa]|harto|harta) de vivir\b", True, None),
    (r"\b(?:ojala|quisiera) (?:me muriera|morirme|estar muert[oa]|no haber nacido)\b", False, None),
    (r"\bno (?:tengo|me quedan) ganas de vivir\b", False, None),
    (r"\bsi (?:me muero|me muriera|yo no estuviera|yo desapareciera)\b", False, r"\s*(?:de|en)\b"),
]

# --- threats -------------------------------------------------------------------------------
_INTENT_EN = (
    r"(?:(?:i|we)(?:'?m|'?re| am| are)? (?:going to|gonna|about to)|(?:i|we)(?:'?ll| will| shall)"
    r"|ima|imma|i want to|i wanna|we want to|(?:i|we) (?:swear|promise) (?:i|we)(?:'?ll| will)"
    r"|im gonna|ill|(?:^|[.!?] )(?:gonna|going to))"
)
_FILLER_EN = r"(?:(?:just|really|fucking|fuckin|personally|go|come|and|actually|literally|all) )*"
_VIOLENT_EN = (
    r"(?:kill|murder|shoot|stab|beat|hurt|burn|bomb|blow up|attack|strangle|choke|torch"
    r"|run over|gun down|smoke|slit|lynch|hang|execute|end (?:you|him|her|them))"
)
_NOT_HARM_OBJECT = (
    r"\s*(?:my ?self|my (?:own )?life)\b|"
    r"\s*(?:you |him |her |them |me |us )?(?:an? )?(?:email|e-mail|text|message|note|line|video"
    r"|photo|picture|film|pic|dm)s?\b|\s*(?:the bill|it at|the charges|the system|the odds"
    r"|the numbers|the traffic|time|the rush|the heat|this problem|the ordinance|the proposal"
    r"|(?:the|this|these|our|their) (?:\w+ ){0,3}(?:numbers|record|odds|system|charges|deadline"
    r"|problem|bill|ordinance|proposal|budget|policy)"
    r"|this in court|the stigma|the silence|the cycle|racism|poverty)\b"
    # Cultural and religious practice: "burn sage at the vigil", "burn sweetgrass".
    r"|\s*(?:some |the |a little )?(?:sage|sweetgrass|cedar|incense|candles?|tobacco|palo santo"
    r"|copal|the midnight oil|calories|a cd|a copy|bridges|(?:the |a |an )?(?:flag|effigy))\b"
    r"|\s*(?:a |an |the |our |some )?(?:\w+ )?(?:documentary|movie|film|video|photos?|footage"
    r"|scene|commercial|hoops|pool"
    r"|the breeze|a shot|my shot|our shot)\b"
    r"|\s*(?:up )?(?:their|his|her|your|the) (?:phones?|inbox|lines|mentions|email)\b"
)
_TARGET_EN = (
    r"(?:cops?|pigs?|police|officers?|they|them|he|him|she|her|all of them|every one of them"
    r"|that \w+|those \w+|the \w+ who)"
)
_THREAT_EN = [
    # Veiled threats with a target: a man who "never goes home", a precinct that will
    # "see what happens", what is "planned", relatives "waiting for him".
    (
        r"\b(?:i'?ll|we'?ll|i will|we will|i'?m gonna|we'?re gonna|gonna|i'?m going to"
        r"|we'?re going to) make sure (?:he|she|they"
        r"|that \w+|the \w+) (?:never|don'?t|doesn'?t|won'?t|ain'?t) (?:goes?|gets?|makes? it"
        r"|comes?|going) (?:back )?home\b",
        False,
        None,
    ),
    (r"\b(?:is|are|gonna|going to) (?:\w+ )?feel what (?:we|i) (?:felt|feel)\b", False, None),
    (
        r"\bsee what happens to (?:your|his|her|their|that|the) (?:\w+ )?(?:precinct|station"
        r"|family|house|kids|car|department)\b",
        False,
        None,
    ),
    (
        r"\bwait (?:till|until|til|'?til) you see what (?:we|i) (?:got |have |had )?planned\b",
        False,
        None,
    ),
    (
        r"\bmy (?:brothers|cousins|boys|people|homies|family|uncles) (?:are|is|will be|be)"
        r" (?:\w+ )?waiting (?:for|on) (?:him|her|them|you|that \w+)\b",
        False,
        None,
    ),
    # An officer who "won't be around much longer": said of someone else, a threat.
    (
        r"\b(?:officer|cop|sergeant|sgt|deputy|detective|pig|trooper)s?\b[^.!?\n]{0,60}"
        r"\b(?:he|she|they) (?:won'?t|will not|ain'?t gonna|not gonna) be (?:around|here)"
        r" (?:much longer|for long|long)\b",
        False,
        None,
    ),
    (rf"\b{_INTENT_EN} {_FILLER_EN}{_VIOLENT_EN}\b", True, _NOT_HARM_OBJECT),
    (
        r"\b(?:make|making) (?:him|them|her|you|that \w+) (?:bleed|suffer|pay with (?:his|their|her"
        r"|your) li(?:fe|ves))\b",
        True,
        None,
    ),
    (r"\bpay with (?:his|their|her|your) li(?:fe|ves)\b", False, None),
    (
        rf"\b{_TARGET_EN} (?:all )?(?:deserves?|needs?|should|ought|must|have|has) "
        r"(?:all )?(?:to )?"
        r"(?:die|be (?:killed|shot|dead|hanged|hung|executed|lynched)|get (?:shot|killed))\b",
        True,
        None,
    ),
    (
        r"\b(?:someone|somebody|people|we) (?:should|needs? to|ought to|has to|have to|gotta|must) "
        r"(?:shoot|kill|stab|hurt|burn|bomb|take out|blow up)\b",
        True,
        _NOT_HARM_OBJECT,
    ),
    (
        r"\b(?:kill|shoot) (?:all|every|each) (?:the |one of (?:the|those|them) )?(?:cops?|pigs?"
        r"|police|officers?|of them)\b",
        True,
        None,
    ),
    (r"\b(?:shoot|shooting|shot) up (?:the|a|this|that|their|your)\b", True, None),
    (
        r"\bburn (?:the|this|that|their|your|his|her) (?:\w+ ){0,2}down\b"
        r"|\bburn (?:it|them|him|her)"
        r" (?:all )?down\b",
        True,
        None,
    ),
    (
        r"\b(?:blow up|bomb) (?:the|a|this|that|their|your)\b",
        True,
        r"\s*(?:phones?|inbox|lines|mentions|email|dms|comments)\b",
    ),
    (r"\bbring(?:ing)? (?:my|a|our) (?:gun|guns|knife|weapon|piece|rifle|pistol)\b", True, None),
    (
        rf"\b{_INTENT_EN}\b[^.!?\n]{{0,30}}\bwith (?:my|a|our) (?:gun|knife|rifle|pistol|weapon)\b",
        True,
        None,
    ),
    (r"\bwatch (?:your|ur|yo) back\b", False, None),
    (r"\bi know where (?:he|she|they|you|the \w+|that \w+|officer \w+) lives?\b", False, None),
    (r"\b(?:you|y'?all)(?:'?ll| will| are going to| gonna) regret\b", True, None),
    (r"\b(?:i'?m|im|we'?re) coming for (?:you|him|them|her|y'?all)\b", True, None),
    (
        r"\bput a bullet in\b|\bbullet (?:in|through) (?:his|their|her|your) (?:head|skull)\b",
        False,
        None,
    ),
]
# Veiled threats: idioms that promise death or harm without an intent verb.
_TARGET_WORDS = r"(?:him|her|them|you|that \w+|those \w+|the \w+|every \w+|[a-z]+ who \w+)"
_THREAT_EN += [
    (r"\b(?:is|'s|are|'re) (?:a )?(?:dead (?:man|men|meat)|as good as dead)\b", True, None),
    (r"\bdead man walking\b", False, None),
    (
        r"\bput (?:him|her|them|that \w+|those \w+|the \w+) in (?:a wheelchair|the hospital"
        r"|the morgue|a coffin|a box|the grave|a body bag)\b",
        True,
        None,
    ),
    (r"\bblood (?:will|is going to|gonna) (?:be )?(?:spill|spilled|flow|run)\b", True, None),
    (
        r"\b(?:cops?|officers?|pigs?|deputy|deputies|he|him|they)\b[^.!?\n]{0,25}"
        r" (?:is|are|'s|'re) (?:getting|gonna get|going to get) (?:shot|killed|stabbed|smoked"
        r"|capped|popped|lit up)\b",
        True,
        None,
    ),
    (r"\b(?:his|her|their|your|ur|them|those|that \w+'s) days are numbered\b", False, None),
    (rf"\bgets? what'?s coming (?:to )?{_TARGET_WORDS}\b", True, None),
    (r"\bsleep with one eye open\b", False, None),
    (
        r"\bput (?:him|her|them|that \w+|those \w+) (?:in|into|six feet) (?:the )?"
        r"(?:ground|under|grave)",
        True,
        None,
    ),
    (r"\b(?:torch|firebomb|molotov) (?:the|that|their|this)\b", True, None),
    (r"\bfind (?:him|her|them) (?:dead|in a ditch|face down)\b", True, None),
    (r"\bnothing left (?:of him |of them |of her )?to bury\b", False, None),
]
# "He won't live to see the trial": a threat of an officer, a prognosis of a sick relative.
_LIFESPAN_EN = [
    (
        r"\b(?:he|she|they|that \w+|the \w+)(?: \w+){0,3} (?:won'?t|will not|is not going to|isn'?t"
        r" going to|ain'?t gonna|not gonna) (?:live|survive|make it|last) (?:to see|much longer"
        r"|home|past|the (?:week|year|trial))",
        True,
        None,
    ),
]
_INTENT_ES = (
    r"(?:(?:(?:lo|la|los|las|le|les) )?(?:voy|vamos) a|hay que|(?:quiero|queremos)"
    r"|(?:lo|la|los|las|le|les) (?:quiero|queremos))"
)
_VIOLENT_ES = (
    r"(?:matar|disparar|quemar|balacear|apunalar|acuchillar|golpear|lastimar|poner una bomba"
    r"|volar(?! a | al | para | de regreso| en avion| hasta)|prender(?:le|les)? fuego"
    r"|dar(?:le|les)? (?:un|de) balazos?|partir(?:le|les)? la madre|acabar con (?:el|ellos"
    r"|ese|esos|los policias|ustedes)|linchar|ahorcar)"
)
_THREAT_ES = [
    (r"\b(?:ya )?(?:esta|estan|anda|andan) contando sus dias\b", False, None),
    (r"\bya (?:esta|estan) muert[oa]s? y no lo sabe", False, None),
    (
        rf"\b{_INTENT_ES} {_VIOLENT_ES}",
        True,
        # "voy a volar a Houston" is a flight; "quemar copal" a prayer.
        # "hay que quemar ese reglamento": a document, not a building.
        r"(?:me|nos)\b|\s*(?:(?:ese|esa|este|esta|el|la|los|las|un|una) )?(?:\w+ )?(?:reglamento"
        r"|ley|leyes|contrato|documento|propuesta|presupuesto|sistema|libro|acuerdo|politica)\b"
        r"|\s*(?:el tiempo|la corrupcion|(?:la |una )?bandera|(?:un )?documental"
        r"|(?:el |un |unos )?(?:copal|incienso|salvia|velas?|veladoras?|cd|el telefono))",
    ),
    (r"\bmerecen? morir\b|\bdeben (?:de )?morir\b", True, None),
    (r"\b(?:que|ojala) (?:los|las|lo|la|le|les) maten\b", True, None),
    (r"\bse (?:va|van) a arrepentir\b", True, None),
    (r"\bse donde vive\b", False, None),
    (r"\bponer una bomba\b", True, None),
    (r"\b(?:es|ya es|son|ya son) (?:un )?(?:hombre|hombres) muertos?\b", True, None),
    (r"\b(?:tiene|tienen|tienes) (?:los )?dias contados\b", True, None),
    (r"\bno (?:va|van) a (?:llegar|salir) viv[oa]s?\b|\bno (?:llega|sale) viv[oa]\b", True, None),
    (r"\bno sale caminando\b", False, None),
    (
        r"\bno (?:va|van) a ver (?:otro|el proximo|la proxima) (?:amanecer|dia|ano|navidad)\b",
        False,
        None,
    ),
    (r"\b(?:va|van|vas) a pagar con (?:sangre|su vida|la vida)\b", True, None),
    (r"\b(?:a balazos|a plomazos|con plomo)\b", True, None),
    (r"\b(?:le|les) (?:voy|vamos) a dar su merecido\b", True, None),
    (
        r"\b(?:ese|esos|esa|esas|el|los) (?:\w+ )?(?:policias?|oficial(?:es)?|agentes?|cerdos?"
        r"|perros?|sargentos?|tiras?)\b[^.!?\n]{0,20}\bse (?:va|van) a morir\b",
        True,
        None,
    ),
]

# --- abuse ---------------------------------------------------------------------------------
_KIN_EN = (
    r"(?:husband|wife|boyfriend|girlfriend|partner|ex|ex-husband|ex-wife|ex-boyfriend"
    r"|ex-girlfriend|stepdad|stepfather|stepmom|stepmother|dad|father|mom|mother|uncle|aunt"
    r"|brother|sister|cousin|grandpa|grandfather|coach|pastor|teacher|neighbor|landlord|boss"
    r"|babysitter|roommate|son|daughter|grandson|granddaughter|nephew|niece|caregiver|caretaker"
    r"|old man|baby daddy|\w+-in-law|in-laws?)"
)
_KIN_PERP_EN = rf"(?:my|our|her|his) (?:\w+'s )?(?:\w+ )?{_KIN_EN}"
_PERP_EN = rf"(?:{_KIN_PERP_EN}|he|she|him)"
_HARM_EN = (
    r"(?:hits?|hitting|beats?|beating|beat|punch(?:es|ed)?|slap(?:s|ped)?|kick(?:s|ed)?"
    r"|chok(?:e|es|ed)|strangl(?:e|es|ed)|hurts?|abus(?:e|es|ed)|threaten(?:s|ed)?"
    r"|stabbed|burn(?:s|ed)|push(?:es|ed)|shov(?:es|ed)|grab(?:s|bed)|locks?|locked"
    r"|slam(?:s|med)?|throws?|threw|drag(?:s|ged)?|bit|bites|rap(?:es|ed))"
)
_VICTIM_EN = (
    r"(?:me|us|my (?:\w+ )?(?:kids?|children|son|daughter|sister|brother|baby|mom|mother|babies)"
    r"|the (?:kids|children|baby)|them)"
)
_SEXUAL_EN = [
    r"\braped\b|\brap(?:es|ing) (?:me|her|him|us)\b|\brape (?:me|her)\b",
    r"\bmolest(?:ed|s|ing)?\b",
    r"\bsexually (?:assaulted|abused|harassed)\b|\bgroped\b",
    r"\btouch(?:ed|es|ing)? (?:me|him|her|my \w+) (?:inappropriately|sexually|down there|there)\b",
    rf"\b{_PERP_EN} (?:\w+ )?touch(?:es|ed|ing)? (?:me|my \w+)\b",
    r"\bforced (?:me|her|him|us) (?:to have sex|to touch|to do)|\bforced me to\b",
    r"\bmade me (?:have sex|touch)\b",
]
_ABUSE_EN = [
    # "he hits me" after "the officer" is a use-of-force complaint; see not_by_officer.
    (rf"\b(?:he|she|him) (?:\w+ )?{_HARM_EN} (?:\w+ )?{_VICTIM_EN}\b", True, r"\s*(?:up|out)\b"),
    (
        r"\b(?:i'?m|i am|i'?ve been|i have been|i was|we are|we were) (?:being )?(?:abused|beaten"
        r" up|beaten)\b(?! by (?:the )?(?:police|cops?|officers?|system|courts?|city|state"
        r"|government|media|press))",
        True,
        None,
    ),
    (
        r"\b(?:i'?m|i am|i was|as an?) (?:\w+ )?(?:domestic violence|dv|abuse|rape|sexual assault)"
        r" (?:victim|survivor)\b|\b(?:i'?m|i am|i was|as) (?:an? )?(?:victim|survivor) of"
        r" (?:(?:a|an|the|my|years of|many years of) )?(?:\w+ )?(?:domestic violence|abuse"
        r"|sexual assault|rape|violent (?:marriage|relationship|home|partner|husband)"
        r"|incest|child abuse|trafficking)\b",
        False,
        None,
    ),
    (r"\b(?:afraid|scared|terrified) (?:to go|of going|to return) home\b", True, None),
    (r"\bwon'?t let me (?:leave|go out|see my|have my|call)\b", True, None),
    (r"\btakes? (?:away )?my phone\b", True, None),
    (
        r"\b(?:he|she)(?:'?ll| will|'?d| would|'?s going to| is going to) (?:kill|hurt) me\b",
        True,
        None,
    ),
    (r"\bthreaten(?:s|ed)? to (?:kill|hurt) me\b", True, None),
]
_PERP_ES = (
    r"(?:esposo|marido|pareja|novio|novia|esposa|ex|exesposo|expareja|padrastro|madrastra|papa"
    r"|padre|mama|madre|tio|tia|hermano|primo|abuelo|suegro|cunado|jefe|patron|vecino)"
)
_SEXUAL_ES = [
    # "me violaron mis derechos" is rights, not rape.
    r"\b(?:me|la|lo|nos) (?:violo|violaron|violaba|viola)\b(?! (?:mis|sus|nuestros|los|el|la)"
    r" (?:\w+ )?(?:derechos?|privacidad|ley|constitucion|reglas?)\b)|\bviolada\b",
    r"\babus(?:o|aron|aba|an) de (?:mi|nosotr[oa]s|ella|el|mis hij[oa]s)\b",
    r"\b(?:fui|soy|he sido) victima de (?:abuso|violencia|violacion|maltrato)\b",
    r"\bme (?:toco|tocaba|toca|manoseo|manoseaba|manosea)\b",
    r"\bme (?:obligo|obligaba|obliga) a\b",
]
_ABUSE_ES = [
    (
        r"\b(?:me|nos|le|les) (?:pega|pegaba|pego|golpea|golpeaba|golpeo|maltrata|maltrataba|ahorca"
        r"|ahorco|ahorcaba|patea|pateo|empuja|empujo|quema|quemo)\b",
        True,
        None,
    ),
    (r"\b(?:me|nos) (?:amenaza|amenazo|amenazaba) con (?:matar|hacer|quitar|lastimar)", True, None),
    (r"\bsufro (?:de )?(?:violencia|abuso|maltrato)\b", True, None),
    (r"\bmiedo de (?:volver|regresar|ir) a (?:mi )?casa\b", True, None),
    (r"\bno me deja (?:salir|ver|trabajar|llamar)\b", False, None),
    (rf"\bmi {_PERP_ES} (?:\w+ )?(?:me|nos|le|les) (?:pega|golpea|maltrata|lastima)", True, None),
]


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
    *_rules("self_harm", _SELF_HARM_EN + _SELF_HARM_ES + rules_sites.SELF_HARM),
    *_rules("self_harm", rules_sites.SUICIDE_VI, unless_original=_rx("từ từ")),
    *_rules("threat", _THREAT_EN + _THREAT_ES + rules_sites.THREAT),
    *_rules("threat", _LIFESPAN_EN + rules_sites.LIFESPAN, unless_sentence=PROGNOSIS),
    *_rules("abuse", _ABUSE_EN + _ABUSE_ES + rules_sites.ABUSE_OTHER, not_by_officer=True),
    *_rules("abuse", rules_sites.ABUSE_KIN + rules_sites.SEXUAL),
    *[Rule("abuse", _rx(p)) for p in _SEXUAL_EN + _SEXUAL_ES],
    # A relative or partner named as the one who harms is never an officer.
    Rule(
        "abuse",
        _rx(rf"\b{_KIN_PERP_EN} (?:\w+ )?{_HARM_EN} (?:\w+ )?{_VICTIM_EN}\b"),
        negatable=True,
        unless=_rx(r"\s*(?:up|out)\b"),
    ),
)
