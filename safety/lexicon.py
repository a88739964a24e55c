"""Curated word lists for name detection (English and Spanish).

The lists are small on purpose: precision matters more than coverage for the
"Firstname Lastname" rule, so first names that are also common words, months, places or
virtues (Will, May, June, Grace, Hope, Bill, Rose, Paz, Luz, Dolores, Socorro, Guadalupe)
are left out. Cue-based detection ("Officer Okafor", "mi hijo Mateo") finds names from
any culture; this list only widens the net for a name without a cue.
"""

from __future__ import annotations

__all__ = [
    "FIRST_NAMES",
    "NAME_CONNECTORS",
    "NOT_NAMES",
    "PUBLIC_NAMES",
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

#: Lower-case words allowed inside a name ("Juan de la Cruz", "María del Carmen").
NAME_CONNECTORS: frozenset[str] = frozenset({"de", "del", "la", "los", "las", "y", "van", "von"})

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
        "crazy horse",
        "red cloud",
        "sitting bull",
    }
)
