"""Curated word lists for name detection (English and Spanish).

The lists are small on purpose: precision matters more than coverage for the
"Firstname Lastname" rule, so first names that are also common words, months, places or
virtues (Will, May, June, Grace, Hope, Bill, Rose, Paz, Luz, Dolores, Socorro, Guadalupe)
are left out. Cue-based detection ("Officer Okafor", "mi hijo Mateo") finds names from
any culture; this list only widens the net for a name without a cue.
"""

from __future__ import annotations

__all__ = [
    "COMMON_WORDS",
    "FIRST_NAMES",
    "LOWER_NAMES",
    "NAME_CONNECTORS",
    "NOT_NAMES",
    "PUBLIC_NAMES",
    "VERBS",
]

_FIRST_NAMES_EN = """
aaron adam adrian aiden alex alexander alice alicia allison amanda amber amy andre andrea
andrew angela anthony antonio ashley barbara benjamin beth betty brandon brenda brian
brittany carl carlos carol caroline catherine charles cheryl chris christina christine
christopher cynthia daniel danielle darius darnell david deborah debra denise dennis derek
deshawn donald donna dorothy douglas dylan edward elizabeth emily emma eric erica ethan
frank gary george gregory hannah harold heather helen henry howard isaac jacob jamal james
jamie janet jasmine jason jeffrey jennifer jeremy jerome jessica joan john jonathan joseph
joshua joyce juan judith julie justin karen katherine kathleen keisha keith kelly kenneth
kevin kimberly kyle larry latoya laura lauren linda lisa louis malik margaret maria marcus
marilyn mary matthew megan melissa michael michelle nancy nathan nicholas nicole olivia
pamela patricia patrick paul peter rachel raymond rebecca richard robert ronald ruth ryan
samantha samuel sandra sarah scott sean sharon shirley stephanie stephen steven susan tamika
terrence thomas timothy tyler tyrone victoria vincent walter william zachary
"""

_FIRST_NAMES_ES = """
adriana alberto alejandra alejandro alfonso alfredo alicia ana andrés ángel antonio arturo
beatriz carmen carolina cecilia césar claudia cristina daniela diana diego eduardo elena
enrique esteban eva fernanda fernando francisco gabriel gabriela gerardo gloria graciela
guillermo gustavo héctor hugo ignacio irma isabel jaime javier jorge josé josefina juan
juana julio laura leticia lorena lucía luis manuel marco marcos margarita maría mariana
mario marta martha martín mateo miguel mónica nicolás norma óscar pablo patricia pedro
rafael ramón raúl ricardo roberto rodrigo rosa rubén salvador santiago sergio silvia
sofía teresa valentina verónica víctor ximena yolanda
"""

#: Lower-cased first names for the "Firstname Lastname" rule.
FIRST_NAMES: frozenset[str] = frozenset((_FIRST_NAMES_EN + _FIRST_NAMES_ES).split())

# Given names and short family names of the sites' communities (Black American, Latino,
# Somali, Arabic, Hmong, Vietnamese, Chinese, Lakota), for names typed in lower case after
# a relation or courtesy cue ("my son kevin", "mi hija ximena", "my wife mai yer"). Names
# that are also ordinary words ("hope", "will", "an", "her", "long") are left out: in
# lower case they say nothing.
_SITE_NAMES = """
aaliyah brianna cedric clarence curtis deandre deja demetrius desmond destiny devonte
dominique dre earl ebony gwendolyn imani jada jalen jamar jaylen jermaine kayla keyshawn
kendrick kiara lamar lashonda latasha leroy loretta marquis marquise monique nia otis
quentin rashad reggie rochelle shanice shaniqua tanisha tanya tasha terrell tiana tonya
travis trayvon tremaine troy tyreek tyrell wendell willie
araceli brayan catalina consuelo dolores edgar efraín emilio ernesto esperanza felipe
genaro gilberto guadalupe horacio humberto jesús joaquín leonel lorenzo lupe maribel
marisol octavio ramiro reynaldo rigoberto rocío rolando rosario saúl socorro soledad
tomás ulises wilfredo yahir yesenia
abdi abdiaziz abdirahman abdiwali abdullahi ahmed ali amina asha ayaan ayan deqa faadumo
fadumo farah farhan fartun hamza hassan hawa hibaaq hodan hussein ibrahim idil ilhan
ismail khadra mahad mohamed mohammed muhammad mustafa nasra omar osman sagal sahra
warsame yusuf zahra ahmad fatima hadi karim khalid layla leila mahmoud mariam maryam nour
rami rania salma sami samir yasmin youssef
blia choua chue houa kia kou lor mai maiv mee moua neng nhia nou pao shoua thao tong
tou vang vue xee xiong yang yer yia zoua
anh bảo dũng duy dương hải hiếu hoàng hùng hương huy huỳnh khoa lan linh lê lý minh
ngọc ngô nguyễn phạm phan phương quang thành thảo trang trần tuấn văn võ vũ vy đặng
chen cheng fang hui jing lihua lin liu ming wang wei xiao ying zhang zhao zhou
chaska hehaka kimimela mato takoda tatanka wambli wanbli wichapi winona zitkala
"""

#: Lower-cased given and family names, read as a name in lower case after a relation or
#: courtesy cue; the curated first names above and the names of the sites together.
LOWER_NAMES: frozenset[str] = frozenset(_SITE_NAMES.split()) | frozenset(
    (_FIRST_NAMES_EN + _FIRST_NAMES_ES).split()
)

#: Lower-case words allowed inside a name ("Juan de la Cruz", "María del Carmen").
NAME_CONNECTORS: frozenset[str] = frozenset(
    {"de", "del", "la", "los", "las", "y", "van", "von", "der", "den", "di", "da", "du", "bin"}
)

_NOT_NAMES = """
i i'm i've i'd i'll he she they we you it his her their our my your its this that these those
the a an and or but if when where what who why how which there here then so because also
yes no not never please thanks thank hello hi friendly
he's she's they're we're it's that's there's
police officer officers cop cops sheriff deputy department dept division unit bureau office
precinct station city county state council committee board commission chief mayor court
judge community center centre church school university college hospital clinic services
service association coalition alliance project program network union center
street st avenue ave road rd boulevard blvd drive dr lane ln way place square plaza
highway hwy north south east west northeast northwest southeast southwest downtown
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
diciembre lunes martes miércoles jueves viernes sábado domingo
el ella ellos ellas nosotros usted ustedes yo tú mi su sus nuestro nuestra este esta ese
esa eso aquí allí donde cuando como porque pero que quien qué y o no sí gracias hola
policía policías oficial oficiales agente agentes departamento ciudad condado estado
calle avenida parque plaza centro iglesia escuela hospital clínica comité consejo
involved shooting shootings wellness safety training accountability oversight review
response relations liaison conduct misconduct reform affairs internal use force complaint
complaints report reports program patrol community policing public information officer
alcalde alcaldesa presidente presidenta gobernador gobernadora juez jueza fiscal director
directora concejal concejala regidor comisionado comisario jefa mayor's president
governor senator representative chairman chairwoman chair secretary commissioner superintendent
principal council member councilmember
american americans mexican black white latino latina latinx native indigenous asian
somali hmong vietnamese chinese lakota dakota spanish english
god jesus christ lord dios
911 988
minneapolis oakland houston rapid baton rouge pine ridge rosebud lakota
"""

#: Lower-cased words that end or reject a name candidate even when capitalised.
NOT_NAMES: frozenset[str] = frozenset(_NOT_NAMES.split())

#: Public names that are part of civic life and are not redacted (a site can extend this):
#: a street or square named after a person, or a victim whose name the community uses.
PUBLIC_NAMES: frozenset[str] = frozenset(
    {
        "george floyd",
        "martin luther king",
        "rosa parks",
        "breonna taylor",
        "philando castile",
        "alton sterling",
        "oscar grant",
        "césar chávez",
        "cesar chavez",
        "benito juárez",
        "benito juarez",
        "emiliano zapata",
        "daunte wright",
        "tamir rice",
        "sandra bland",
        "botham jean",
        "eric garner",
        "michael brown",
        "freddie gray",
        "tyre nichols",
        "amir locke",
        "jamar clark",
        "justine damond",
        "laquan mcdonald",
        "walter scott",
        "terence crutcher",
        "stephon clark",
        "atatiana jefferson",
        "elijah mcclain",
        "rayshard brooks",
        "ahmaud arbery",
        "trayvon martin",
        "sean bell",
        "amadou diallo",
        "rodney king",
        "adam toledo",
        "andrés guardado",
        "andres guardado",
        "sonya massey",
        "jordan neely",
        "manuel ellis",
        "mario gonzález",
        "mario gonzalez",
        "ma'khia bryant",
        "crazy horse",
        "red cloud",
        "sitting bull",
    }
)

_COMMON_WORDS = """
a about after again against all also always am an and another any are around as ask asked
at away back bad be because been before behind being best better between big both but by
came can can't come could day did didn't do does doesn't doing don't down during each even
ever every everyone first for from gave get gets getting give go goes going gone good got
had hand has have having he her here him his how i if in into is isn't it its just keep
kept knew know last later left let like little look looked made make man many may me might
more most much must my never new next no nobody not nothing now of off on once one only or
other our out over own past people pulled pushed put ran really right said same saw say
says see seemed shall she should showed shot since so some something still stood stop
stopped such sure take taken talk talked tell than that the their them then there these
they thing think this those though threw through to told too took toward tried turned two
under until up us very wait walked want wanted was wasn't watched way we well went were
what when where which while who whom whose why will with without won't would yelled yes
yet you your
named called known whose said says asks
arrested asked came called cuffed drove grabbed hit kicked laughed lied looked punched
refused searched slammed tased threatened ticketed
badge car unit name number station precinct department shift partner friend family
a al algo alguien ante antes aquí así bien cada casi como con contra cuando de del desde
donde dos el ella ellos en entonces era eran es esa ese eso esta está estaba este esto fue
fueron ha había hace hacia hay la las le les lo los más me mi mientras muy nada ni no nos
nunca o otra otro para pero poco por porque que quien se sin sobre solo su sus también tan
te tenía todo todos tu un una uno y ya dijo gritó llegó nos pegó puso quitó vino
"""

#: Ordinary English and Spanish words: a lower-case word after an officer title is read as
#: a name ("officer reyes") only when it is not one of these ("officer said").
COMMON_WORDS: frozenset[str] = frozenset(_COMMON_WORDS.split())

_VERBS = """
act aim approach arrest ask attack bang beat block break bring call carry catch chase check
choke come cover cuff curse cut deny detain drag draw drive drop end enter escort face fire
follow force frisk get give grab hand handcuff harass hit hold hurt ignore jump keep kick
kill kneel knock laugh lead leave lie look make mock move open pat pepper point pull punch
push put question refuse release reply respond run say scream search see shoot shout show
slam smile snatch spray stand start stay step stop strike swear take tase tell threaten
throw tackle touch try turn twist walk want warn watch wave yell
need work live talk meet send help speak listen answer care sit wait
spoke drove knelt caught fought held hid led lost met paid rode sent shook slept sought
struck swore taught thought tore woke wrote broke chose bit bled brought bought drew fell
fled froze hung lay lit meant rang rose sang shut stole stuck swung wept won
llegar gritar pegar golpear empujar
"""

#: Base forms of verbs an officer is said to do: "the officer pointed", "officer walks".
VERBS: frozenset[str] = frozenset(_VERBS.split())
