"""Abuse-disclosure phrase tables (English, Spanish) for :mod:`safety.rules`.

Patterns run on :func:`safety.text.fold` output (lower case, no accents, straight
apostrophes); each table row is ``(pattern, negatable, unless)`` and
:mod:`safety.rules` turns the tables into :class:`safety.rules.Rule` objects. Split out
of :mod:`safety.rules` by class so each file reads in one sitting.
"""

from __future__ import annotations

__all__ = [
    "ABUSE_EN",
    "ABUSE_ES",
    "CONTROL_EN",
    "CONTROL_ES",
    "HARM_EN",
    "KIN_PERP_EN",
    "SEXUAL_EN",
    "SEXUAL_ES",
    "VICTIM_EN",
]

# --- abuse ---------------------------------------------------------------------------------
_KIN_EN = (
    r"(?:husband|wife|boyfriend|girlfriend|partner|ex|ex-husband|ex-wife|ex-boyfriend"
    r"|ex-girlfriend|stepdad|stepfather|stepmom|stepmother|dad|father|mom|mother|uncle|aunt"
    r"|brother|sister|cousin|grandpa|grandfather|coach|pastor|teacher|neighbor|landlord|boss"
    r"|babysitter|roommate|son|daughter|grandson|granddaughter|nephew|niece|caregiver|caretaker"
    r"|old man|baby daddy|\w+-in-law|in-laws?)"
)
KIN_PERP_EN = rf"(?:my|our|her|his) (?:\w+'s )?(?:\w+ )?{_KIN_EN}"
_PERP_EN = rf"(?:{KIN_PERP_EN}|he|she|him)"
HARM_EN = (
    r"(?:hits?|hitting|beats?|beating|beat|punch(?:es|ed)?|slap(?:s|ped)?|kick(?:s|ed)?"
    r"|chok(?:e|es|ed)|strangl(?:e|es|ed)|hurts?|abus(?:e|es|ed)|threaten(?:s|ed)?"
    r"|stabbed|burn(?:s|ed)|push(?:es|ed)|shov(?:es|ed)|grab(?:s|bed)|locks?|locked"
    r"|slam(?:s|med)?|throws?|threw|drag(?:s|ged)?|bit|bites|rap(?:es|ed))"
)
VICTIM_EN = (
    r"(?:me|us|my (?:\w+ )?(?:kids?|children|son|daughter|sister|brother|baby|mom|mother|babies)"
    r"|the (?:kids|children|baby)|them)"
)
SEXUAL_EN = [
    r"\braped\b|\brap(?:es|ing) (?:me|her|him|us)\b|\brape (?:me|her)\b",
    r"\bmolest(?:ed|s|ing)?\b",
    r"\bsexually (?:assaulted|abused|harassed)\b|\bgroped\b",
    r"\btouch(?:ed|es|ing)? (?:me|him|her|my \w+) (?:inappropriately|sexually|down there|there)\b",
    rf"\b{_PERP_EN} (?:\w+ )?touch(?:es|ed|ing)? (?:me|my \w+)\b",
    r"\bforced (?:me|her|him|us) (?:to have sex|to touch|to do)|\bforced me to\b",
    r"\bmade me (?:have sex|touch)\b",
]
ABUSE_EN = [
    # "he hits me" after "the officer" is a use-of-force complaint; see not_by_officer.
    (rf"\b(?:he|she|him) (?:\w+ )?{HARM_EN} (?:\w+ )?{VICTIM_EN}\b", True, r"\s*(?:up|out)\b"),
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
SEXUAL_ES = [
    # "me violaron mis derechos" is rights, not rape.
    r"\b(?:me|la|lo|nos) (?:violo|violaron|violaba|viola)\b(?! (?:mis|sus|nuestros|los|el|la)"
    r" (?:\w+ )?(?:derechos?|privacidad|ley|constitucion|reglas?)\b)|\bviolada\b",
    r"\babus(?:o|aron|aba|an) de (?:mi|nosotr[oa]s|ella|el|mis hij[oa]s)\b",
    r"\b(?:fui|soy|he sido) victima de (?:abuso|violencia|violacion|maltrato)\b",
    r"\bme (?:toco|tocaba|toca|manoseo|manoseaba|manosea)\b",
    r"\bme (?:obligo|obligaba|obliga) a\b",
]
ABUSE_ES = [
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

# Abuse by control, isolation and fear at home (issue #9): no blow is named, but a partner
# or relative decides who the poster sees, holds the papers or the money, or the home is
# a place to hide in. Read like the other abuse rules: skipped after an officer.
CONTROL_EN = [
    (
        r"\b(?:he|she|my \w+(?:-in-law)?) (?:doesn'?t|does not|won'?t|will not|never) (?:let|allow)"
        r" me(?: to)? (?:\w+ )?(?:leave|go|see|talk|call|visit|work|have|keep|use|sleep|eat)\b",
        True,
        None,
    ),
    (r"\bbecause my \w+(?:-in-law)? (?:doesn'?t|won'?t) (?:allow it|let me)\b", False, None),
    (r"\b(?:who|where) i'?m (?:allowed|permitted) to (?:talk|see|go|speak|be)\b", False, None),
    (
        r"\bi'?m not allowed to (?:go|see|leave|talk|visit|call)\b[^.!?\n]{0,60}\bunless"
        r" (?:he|she|my \w+)\b",
        False,
        None,
    ),
    (
        r"\b(?:need|ask(?: for)?|have to ask(?: for)?|get) (?:his|her|my \w+'s) permission (?:to"
        r"|just to|even to|before i)\b",
        False,
        None,
    ),
    (
        r"\b(?:he|she|my \w+(?:-in-law)?)(?:'s| is)? (?:took|takes|taking|keeps|kept|keeping|hides"
        r"|hid|holds|controls) (?:all )?(?:my|her|his) (?:passport|papers|id|documents|paycheck"
        r"|pension(?: card)?|social security(?: check| card)?|disability check|benefits"
        r"|check|bank card|green card|visa)\b",
        True,
        r"\s*(?:organized|safe|in order|for me|to the bank|filed|with (?:hers|his))",
    ),
    (
        r"\b(?:have|get) me deported\b|\b(?:call|calls|report|reports) (?:me to )?(?:immigration"
        r"|ice|la migra) on me\b",
        False,
        None,
    ),
    (r"\bwalk(?:ing)? on eggshells (?:at home|around (?:him|her|my \w+))", False, None),
    (
        r"\b(?:he|she|my \w+) (?:\w+ )?(?:throws?|threw|smash(?:es|ed)?|punch(?:es|ed)?)"
        r" (?:things|stuff|plates|dishes|holes|bottles) (?:at|in|into|against|next to)\b",
        True,
        None,
    ),
    (r"\b(?:cover|hide|hiding|covering) (?:up )?(?:the |my )?bruises\b", True, None),
    (
        r"\b(?:he|she|my \w+) (?:tracks|tracked|track|follows|checks) (?:where i go|my location"
        r"|my car|me with (?:an|the|a) app)\b",
        True,
        None,
    ),
    (
        r"\bmy (?:\w+ )?(?:uncle|stepdad|stepfather|stepbrother|cousin|brother|grandpa|grandfather"
        r"|coach|mom'?s boyfriend|\w+-in-law|neighbor) (?:comes?|came|gets?|got) (?:into|in)"
        r" (?:my|her|his|our) (?:room|bed)\b[^.!?\n]{0,20}\bat night\b",
        True,
        None,
    ),
    (
        r"\b(?:forces?|forced|makes?) (?:me|us|her|my \w+)(?: and (?:the )?other \w+)? (?:to )?"
        r"(?:do (?:stuff|things) with him|go to (?:hotels|motels) with|sleep with)\b",
        True,
        None,
    ),  # Harm to a child or an elder by a carer, and injuries named with who gave them.
    (
        r"\b(?:the|his|her|my|our) (?:\w+ )?(?:daycare|teacher|coach|babysitter|caretaker|caregiver"
        r"|nanny|aide|worker|staff)\w*\b[^.!?\n]{0,20}\b(?:hits?|hitting|beats?|slaps?|kicks?"
        r"|hurts?|touches|touched) (?:him|her|them)\b",
        True,
        None,
    ),
    (
        r"\bsend(?:s|ing)? (?:her|him|me|my \w+) (?:inappropriate|nude|naked|sexual|dirty)"
        r" (?:pictures|pics|photos|messages|texts)\b",
        False,
        None,
    ),
    (
        r"\bleaves? (?:him|her|them) in (?:soiled|dirty|wet) (?:sheets|diapers|clothes)\b",
        False,
        None,
    ),
    (
        r"\b(?:black eye|bruises?|broken (?:arm|nose|ribs?|jaw)|split lip)\b[^.!?\n]{0,30}\bfrom"
        r" (?:my|her|his) (?:\w+ )?(?:bf|boyfriend|husband|partner|ex|wife|girlfriend|gf|dad"
        r"|stepdad|mom|father|mother)\b",
        False,
        None,
    ),
]
CONTROL_ES = [
    (
        r"\bno me deja(?:n)? (?:hablar|ir|ver|trabajar|usar|tener|estudiar|visitar|salir|llamar)\b",
        True,
        None,
    ),
    (
        r"\b(?:tengo que|debo) pedir(?:le)? permiso a mi (?:esposo|marido|pareja|novio|esposa"
        r"|novia)\b|\bme tiene(?:n)? prohibido\b",
        False,
        None,
    ),
    (
        r"\bme (?:quito|quita|esconde|escondio|guarda|retiene) (?:los |mis |el |mi )?(?:papeles"
        r"|pasaporte|documentos|identificacion|cheque|tarjeta)\b",
        True,
        None,
    ),
    (r"\bmi \w+ se queda con (?:mi|su|todo mi) (?:cheque|pension|dinero|sueldo)\b", True, None),
    (
        r"\b(?:me|nos) (?:encierra|encerro|encerraba|volvio a encerrar)\b"
        r"|\bcuando (?:el|ella|mi \w+) llega\b[^.!?\n]{0,40}\bnos (?:encerramos|escondemos)\b",
        True,
        None,
    ),
    (r"\bvivo con miedo en mi (?:propia )?casa\b", True, None),
    (r"\b(?:me )?(?:escondo|tapo|cubro) los moretones\b", True, None),
    (
        r"\bme (?:rompio|quebro|fracturo) (?:el|la|los|las) (?:brazo|nariz|costillas?|mano|pierna"
        r"|dientes?|quijada)\b",
        True,
        None,
    ),
    (r"\b(?:le|les) quita(?:ba)? (?:su|el|la) (?:cheque|pension|dinero)\b", True, None),
    (
        r"\bme (?:obligan|obligaron|obligaban)\b[^.!?\n]{0,40}\b(?:moteles|hoteles|hombres|sexo"
        r"|tocar)\b",
        False,
        None,
    ),
    (
        r"\bme (?:denuncia|reporta|va a denunciar|va a reportar) (?:con|a)"
        r" (?:inmigracion|la migra)\b",
        False,
        None,
    ),
]
