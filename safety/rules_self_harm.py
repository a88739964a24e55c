"""Self-harm phrase tables (English, Spanish) for :mod:`safety.rules`.

Patterns run on :func:`safety.text.fold` output (lower case, no accents, straight
apostrophes); each table row is ``(pattern, negatable, unless)`` and
:mod:`safety.rules` turns the tables into :class:`safety.rules.Rule` objects. Split out
of :mod:`safety.rules` by class so each file reads in one sitting.
"""

from __future__ import annotations

__all__ = ["FAREWELL_EN", "FAREWELL_ES", "LEAVING_EN", "SELF_HARM_EN", "SELF_HARM_ES"]

# --- self-harm -----------------------------------------------------------------------------
_I = r"(?:i|i'?m|im|i am|i'?ve|i have|i'?ll|i will|i want to|i wanna)"
SELF_HARM_EN = [
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
        r"\b(?:took|take|taking|swallowed) (?:a bunch of|all (?:my|the|of my)|too many|a lot of) "
        r"(?:pills|meds|medication)\b",
        False,
        None,
    ),
    (r"\b(?:to|gonna|going to|will|want to) (?:overdose|od)\b", True, None),
    (r"\bif i (?:died|was gone|were gone|disappeared|killed myself)\b", False, None),
]
SELF_HARM_ES = [
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

# Self-harm said by farewell, burden, giving away or no future (issue #9): no word of
# death, but the poster is leaving.
FAREWELL_EN = [
    (
        r"\b(?:written|wrote|left|leaving|writing) (?:\w+ )?(?:letters?|notes?|goodbyes?)"
        r" (?:to|for)"
        r" (?:my|each of my|all my) \w+\b[^.!?\n]{0,60}\b(?:in case|if i'?m|when i'?m|for when"
        r"|after i'?m|once i'?m|put them)\b",
        True,
        None,
    ),
    (
        r"\b(?:lov(?:e|ed)|goodbye|take care of|look after)\b[^.!?\n]{0,50}\b(?:in case|if) i'?m"
        r" (?:not|no longer) (?:around|here|alive)\b",
        False,
        None,
    ),
    (
        r"\b(?:would|'?d) (?:be|have) (?:better|easier|happier|lighter|an easier time)\b"
        r"[^.!?\n]{0,30}\b(?:without me|if i (?:was|were|weren'?t|wasn'?t)(?: \w+){0,3}"
        r" (?:here|around|gone|dead|in the picture|alive))\b",
        False,
        None,
    ),
    (
        r"\bi'?m (?:just |only |nothing but )?(?:a|such a) (?:burden|weight|drain)"
        r" (?:on|to|for) (?:everyone|everybody|my \w+|them|all of you|the people)\b",
        True,
        None,
    ),
    (
        r"\bi (?:don'?t|can'?t|do not) see myself (?:being )?(?:here|alive|around|living)"
        r" (?:by|next|in|for|much|past|after|at)\b",
        False,
        None,
    ),
    (
        r"\b(?:gave|given|giving) (?:away )?(?:my|all my)\b[^\n]{0,80}\b(?:i )?(?:won'?t|will not)"
        r" (?:be needing|need) (?:them|it|those|any of it|a place|anything)\b",
        False,
        None,
    ),
    (
        r"\b(?:want|wish) (?:everything|it all|it) to (?:stop|end),?"
        r" (?:permanently|for good|forever)\b",
        True,
        None,
    ),
    (
        r"\b(?:stand|standing|stood|go|went) on (?:the|a|that) (?:bridge|roof|ledge|overpass)\b"
        r"[^.!?\n]{0,60}\b(?:jump\w*|stepping off|step off|let go)\b",
        False,
        None,
    ),
    (
        r"\b(?:lost|died|killed|passed|buried)\b[^\n]{0,80}\b(?:wanna|want to|just want to|need to)"
        r" (?:go )?be with (?:him|her|them|my \w+)\b",
        True,
        None,
    ),
    (r"\bdo something to myself\b", True, None),
    (r"\b(?:been|started|i'?m|i am|back to) cutting again\b", True, None),
    (
        r"\b(?:got|have|i'?ve|i'?ve got) (?:\w+ )?pills (?:saved|stashed|hidden|put away)\b"
        r"|\bsaving (?:up )?(?:my |the |all my )?pills\b",
        True,
        None,
    ),
]
FAREWELL_ES = [
    (
        r"\bpor si (?:ya )?no (?:amanezco|despierto|vuelvo a despertar)\b|\bpor si ya no estoy\b",
        False,
        None,
    ),
    (r"\bsoy una carga\b|\bestarian mejor (?:sin mi|si (?:yo )?no estuviera)\b", True, None),
    (r"\bno me veo (?:aqui|viv[oa])\b", False, None),
    (
        r"\bregal\w+ (?:mis|todas mis)\b[^\n]{0,60}\bya no (?:las|los|lo|la) (?:voy a necesitar"
        r"|necesito|necesitare)\b",
        False,
        None,
    ),
    (r"\bquiero que todo (?:se apague|termine|se acabe) para siempre\b", True, None),
    (
        r"\b(?:tirarme|aventarme|lanzarme) (?:del|de un|desde el) (?:puente|techo|edificio)\b",
        True,
        None,
    ),
    (r"\bquiero irme con (?:mi|el|ella)\b|\bme voy (?:a ir )?de este mundo\b", True, None),
    (r"\bme tome (?:un monton de|todas las|muchas) pastillas\b", False, None),
]
# "I won't be around much longer": despair, unless the sentence speaks of illness ("the
# hospice nurse says she won't be around much longer" is a prognosis).
LEAVING_EN = [
    (
        # "he won't be around much longer" is someone else (a threat rule reads it).
        r"(?<!\bhe )(?<!\bshe )(?<!\bthey )(?<!\byou )"
        r"\b(?:won'?t|will not|not going to|not gonna|don'?t think i'?ll|i won'?t) be"
        r" (?:around|here)"
        r" (?:much longer|for long|anymore|to see|for the next)\b",
        False,
        None,
    ),
]
