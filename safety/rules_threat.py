"""Threat phrase tables (English, Spanish) for :mod:`safety.rules`.

Patterns run on :func:`safety.text.fold` output (lower case, no accents, straight
apostrophes); each table row is ``(pattern, negatable, unless)`` and
:mod:`safety.rules` turns the tables into :class:`safety.rules.Rule` objects. Split out
of :mod:`safety.rules` by class so each file reads in one sitting.
"""

from __future__ import annotations

__all__ = ["LIFESPAN_EN", "THREAT_EN", "THREAT_ES", "VEILED_EN", "VEILED_ES", "VEILED_LIFESPAN"]

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
THREAT_EN = [
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
THREAT_EN += [
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
LIFESPAN_EN = [
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
THREAT_ES = [
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

# Veiled threats by family (issue #9): future harm to a person said as a prediction or a
# promise, with the poster as the one who acts or watches. Each family names its target
# (a pronoun, "that deputy", "the one who shot…") so "the city is going to regret this
# budget" stays ordinary.
_WHO = (
    r"(?:he|she|they|that \w+|this \w+|the \w+(?: \w+){0,3} who \w+(?: \w+){0,6}|the \w+"
    r"|whoever \w+(?: \w+){0,3}|officer \w+)"
)
VEILED_EN = [
    # Knowing the target's routine: where he parks, lives, sleeps, where his kids study.
    (
        r"\b(?:i|we) (?:already )?know (?:where|what time|when) (?:he|she|they|that \w+|the \w+"
        r"|officer \w+|his \w+|her \w+|their \w+) (?:parks?|lives?|sleeps?|works? out|eats"
        r"|drinks|goes (?:to church|home)|go to (?:church|school)|leaves?|gets off|jogs?|runs)\b",
        True,
        None,
    ),
    (
        r"\b(?:i'?ve|i have|we'?ve|we have|i|we) (?:got|found|have|got a hold of) (?:his|her|their"
        r"|that \w+'s|the \w+'s) (?:home )?address\b",
        True,
        r"\s*(?:for|to (?:send|mail|file|serve))\b",
    ),
    (
        r"\b(?:i'?ve been|i have been|we'?ve been|i keep|i|we) (?:watching|staking out|sitting"
        r" outside|following|follow) (?:his|her|their|that \w+'s|the \w+'s) (?:\w+ )?(?:house"
        r"|home|place|car|truck|wife|husband|church|street)\b",
        True,
        None,
    ),
    # A regret promised: "is going to regret it", "will regret the day".
    (
        rf"\b{_WHO} (?:is|are|'s|'re) (?:going to|gonna) regret (?:it|the day|ever|that"
        r" day|what|messing|touching|calling|snitching|everything)\b|\bwill regret the day\b",
        True,
        None,
    ),
    # The poster takes justice in hand: "I'll handle it myself", "I'll see to that".
    (
        r"\b(?:i'?ll|we'?ll|i will|we will|i'?m gonna|i'?m going to|we'?re gonna) (?:\w+ )?"
        r"(?:handle|settle|take care of|deal with) (?:it|this|him|her|them|that \w+)"
        r" (?:myself|ourselves|personally|my (?:own )?way|our (?:own )?way|the street way)\b",
        # Not negatable: "if the DA don't charge him we'll handle it ourselves".
        False,
        None,
    ),
    (
        r"\b(?:his|her|their|him|he|them|that \w+)\b[^.!?\n]{0,80}[,;] (?:and )?(?:i'?ll|we'?ll"
        r"|i will|we will) (?:see to (?:it|that)|make sure of (?:it|that))"
        r"(?: personally| myself)?\s*(?:[.!]|$)",
        False,
        None,
    ),
    (r"\bdays of [^.!?\n]{2,30} are over\b[^.!?\n]{0,5}[,;] (?:i|we)'?ll\b", False, None),
    # "enjoy his last summer", "enjoy his kids while he still can".
    (
        r"\benjoy\w* (?:his|her|their|your) (?:last|final) (?:summer|christmas|days|year|birthday"
        r"|weekend|shift)\b|\benjoy\w* [^.!?\n]{0,40}while (?:he|she|they|you) (?:still )?can\b",
        False,
        None,
    ),
    (
        r"\bbetter (?:hope|pray) (?:i|we|my \w+) (?:never|don'?t) (?:catch|see|find|run into)\b"
        r"|\b(?:catch|get) (?:him|her|that \w+) alone\b",
        False,
        None,
    ),
    (
        r"\b(?:better|should|needs? to|gonna have to) (?:start )?(?:look(?:ing)?|watch(?:ing)?)"
        r" over (?:his|her|their|your) shoulders?\b",
        False,
        None,
    ),
    (
        r"\bnext time (?:i|we) (?:see|catch|run into) (?:him|her|them|that \w+|the \w+)\b"
        r"[^.!?\n]{0,40}\b(?:won'?t be (?:words|talking|pretty|nice)|on sight|it'?s over for)",
        False,
        None,
    ),
    (
        r"\b(?:they|he|she|his family|her family|their family|that \w+)(?: \w+){0,3} (?:should"
        r"|better) be (?:scared|nervous|afraid|worried)\s*(?:[.!]|$)",
        False,
        None,
    ),
    (r"\bwon'?t live to tell\b", False, None),
    # Going to the target: a visit "myself", "at his house", a wait, a plan for the shift.
    (
        r"\b(?:gonna|going to|i'?ll|we'?ll|i will|we will) (?:go )?(?:see|find|visit|look for)"
        r" (?:him|her|them|that \w+|the \w+) (?:myself|ourselves|personally)\b"
        r"|\bpay (?:him|her|them|that \w+|the \w+) a (?:little )?visit\b[^.!?\n]{0,30}"
        r"\b(?:at (?:his|her|their) (?:house|home|place)|at home|won'?t like)",
        True,
        None,
    ),
    (
        r"\b(?:i'?ll|we'?ll|i will|we will|i'?m gonna|we'?re gonna) be waiting\b[^.!?\n]{0,30}"
        r"\bfor (?:him|her|them|that \w+|the (?:guy|man|woman|lady|officer|cop|deputy|one"
        r"|snitch))\b",
        True,
        None,
    ),
    (
        r"\b(?:got|have|made) (?:a|the|our) plans? for (?:him|her|them|those \w+|that \w+"
        r"|the (?:cops?|officers?|deputies|deputy|pigs?))\b",
        True,
        None,
    ),
    (
        r"\b(?:we|i) (?:found out|know|figured out|already know) who (?:you are|he is|she is"
        r"|they are|you were)\b[^\n]{0,40}\bsee (?:you|him|her|them|ya) (?:soon|around)\b",
        False,
        None,
    ),
    (
        r"\b(?:i'?ll|i will|we'?ll|we will|gonna|going to) (?:\w+ )?end (?:that \w+'s|his|her"
        r"|their|the \w+'s|your) li(?:fe|ves)\b",
        True,
        None,
    ),
    (
        r"\b(?:leaving|leave|leaves|go(?:es|ing)? home|come out|coming out|carried out) in a"
        r" (?:bag|body bag|box|coffin)\b",
        False,
        None,
    ),
    (r"\bmake (?:every (?:last |single )?one|each one) of them pay\b", True, None),
    (
        r"\b(?:i'?m|we'?re|i'?ll|we'?ll) (?:gonna )?(?:putting|put|laying|lay) (?:him|her|that \w+)"
        r" (?:down|out)\b",
        True,
        r"\s*(?:for|to sleep|to bed|for a nap|as|on|in)\b",
    ),
    # The target's children and their school named, then "just saying".
    (
        r"\b(?:officer|cop|deputy|sergeant|oficial|policia|agente)\w*\b[^\n]{0,60}\b(?:kids"
        r"|children|hijos|daughter|son|hija|hijo)\b[^\n]{0,40}\b(?:school|elementary|escuela"
        r"|church|iglesia)\b[^\n]{0,40}\b(?:just saying|nomas digo|nada mas digo|solo digo"
        r"|everybody knows|todo el mundo (?:lo )?sabe)\b",
        False,
        None,
    ),
]
# A prediction of the target's end; skipped when the sentence names an illness (a prognosis).
VEILED_LIFESPAN = [
    (
        rf"\b{_WHO}(?: \w+){{0,3}} (?:won'?t|will not|ain'?t gonna|not gonna|isn'?t going to)"
        r" be (?:walking|breathing|standing|smiling|around|strutting)(?: \w+){0,4}"
        r" (?:much longer|for long|long)\b",
        True,
        None,
    ),
    (
        rf"\b{_WHO}(?: \w+){{0,2}} (?:won'?t|will not|ain'?t gonna|not gonna|isn'?t going to)"
        r" see (?:christmas|thanksgiving|new year'?s?|another (?:day|year|summer|birthday"
        r"|christmas)|(?:his|her|their) (?:next )?(?:birthday|retirement|pension|kids grow up)"
        r"|next (?:year|week|month|summer))\b",
        True,
        None,
    ),
    (
        r"\b(?:a )?(?:ese|esa|esos|el|la) (?:\w+ )?(?:policias?|oficial(?:es)?|agentes?|sargentos?"
        r"|tipos?|cerdos?|perros?|jefes?)\b[^.!?\n]{0,10}\b(?:le|les) queda(?:n)? poco\b"
        r"|\bno (?:va|van) a durar mucho\b(?! (?:en el cargo|en su puesto|en la silla|abierto))",
        True,
        None,
    ),
]
VEILED_ES = [
    (
        r"\b(?:ya )?(?:se|sabemos) (?:donde|a que hora) (?:vive|viven|estaciona|se estaciona"
        r"|trabaja|duerme|deja su \w+|sale|llega|van a la escuela)\b",
        True,
        None,
    ),
    (r"\bya sabemos cual es su (?:carro|casa|camioneta|troca)\b", True, None),
    (r"\b(?:ya )?(?:tengo|tenemos|consegui|conseguimos) su direccion\b", True, None),
    (r"\bse (?:va|van) a acordar de (?:mi|nosotros)\b", True, None),
    (
        r"\b(?:lo|la|los) (?:arreglo|arreglamos|resuelvo|resolvemos) (?:yo|nosotros)"
        r"(?: mism[oa]s?)?\b|\bcon mis (?:propias )?manos\b",
        True,
        None,
    ),
    (r"\bse (?:le |les )?acab\w+\b[^.!?\n]{0,40}\byo me encargo\b", False, None),
    (r"\bque disfrute\w* [^.!?\n]{0,40}mientras (?:pueda|puedan)\b", False, None),
    (r"\bno (?:va|van) a contar(?:la| el cuento| la historia)\b", True, None),
    (r"\b(?:lo|la) agarro sol[oa]\b|\bse (?:va|van) a las ver conmigo\b", False, None),
    (
        r"\b(?:ya )?(?:sabemos|se) quien (?:es|eres|fue)\b[^\n]{0,40}\bnos vemos pronto\b",
        False,
        None,
    ),
    (r"\bsale\w* (?:de ahi )?en (?:una )?bolsa\b|\bsalen? en (?:un )?ataud\b", False, None),
    (
        r"\b(?:(?:le|les) )?(?:voy|vamos) a (?:meter|dar|echar)(?:le|les)? (?:un |unos |dos )?"
        r"(?:plomazos?|balazos?|tiros?|plomo|bala)\b",
        True,
        None,
    ),
    (
        r"\b(?:le|les) (?:vamos|voy) a caer (?:en|a) su casa\b|\bno (?:va a ser|es) (?:pa|para)"
        r" (?:platicar|hablar|conversar)\b",
        False,
        None,
    ),
    (r"\btenemos (?:todo listo|un plan) (?:pa|para) (?:cuando|ese|esos|el|los)\b", False, None),
]
