"""Prototype sentences for the semantic safety detector, per class and language.

Each class is a cloud of short first-person sentences that mean the same thing in many
wordings. They are part of the training data of the detector's classifier
(:mod:`safety.train_classifier`), beside the labelled development posts. The ``none`` cloud
holds what listening sessions say that *sounds* like a disclosure but is not one: idioms,
cultural practice, professional work, advocacy, complaints about police force, news
quotes and reports about other people. Written for this package, not copied from any
labelled set; but classes missed on the development sets (the tuning half of the fresh
set included) were added as classes, and some ``none`` sentences paraphrase their
ordinary posts, so development figures overstate what new text gets. Never add
sentences from a check half or a held-out set. Chinese and Arabic sentences, and the
``none`` sentences of the other site languages, come from :mod:`safety.prototypes_sites`.
"""

from __future__ import annotations

from safety.prototypes_sites import SITE_PROTOTYPES

__all__ = ["PROTOTYPES"]

_SELF_HARM = """
I want to die
I don't want to be alive anymore
I am thinking about ending my life
I have a plan to kill myself
there is no point in living anymore
I wish I could go to sleep and never wake up
everyone would be better off if I was gone
I am a burden and my family would be better without me
I can't go on living like this, I want it to be over
I've been hurting myself to cope
I have pills saved up to take them all
nobody would miss me if I disappeared
I keep thinking about jumping
life has no meaning for me since he died and I want to join him
I'm saying goodbye to everyone because I won't be here much longer
I'm tired of living
I tried to kill myself before and I'm thinking about it again
what's the point of waking up tomorrow
I go to the overpass at night and think about jumping
I'm writing goodbye letters to my children
I don't care anymore whether I wake up
I've been giving my things away because I won't need them
the only reason I'm still here is my mother
I'm going to check out for good
I sat in the car with the engine running in the closed garage
I looked up how to do it
he pensado en tirarme del puente
he regalado mis cosas porque ya no las voy a necesitar
lo único que me detiene es mi madre
quiero morirme
ya no quiero vivir
estoy pensando en quitarme la vida
no le veo sentido a seguir viviendo
quisiera dormirme y no despertar nunca
mi familia estaría mejor sin mí
ya no aguanto, quiero que todo termine para siempre
me he estado cortando
tengo pastillas guardadas para tomármelas todas
nadie me extrañaría si me muero
quiero irme con mi hijo, ya no quiero estar aquí
estoy cansada de vivir
"""

_THREAT = """
I am going to kill that officer
I'm going to make him pay with his life
that cop is a dead man
his days are numbered
he won't live much longer, I'll make sure of it
we are going to get him when he leaves the station
I know where he lives and I'm going to pay him a visit
I'm bringing my gun to the next meeting
somebody is going to put a bullet in him
they will find him dead one of these days
I'm going to burn the precinct down with them inside
watch your back, we are coming for you
that officer is going to get what's coming to him
I have something waiting for every cop on that shift
we know where his family lives and where his kids go to school
he won't make it home one of these nights
we'll be waiting for him outside when his shift ends
I've got a gun and nothing left to lose
if the court won't do it, I'll take care of him myself
his family is going to feel the pain we felt
he better start looking over his shoulder
someone is going to end up in a body bag
I know what car he drives and I'm waiting for my chance
ya sé dónde vive ese policía y lo estoy esperando
le vamos a dar una lección con plomo
que se cuide su familia
ese policía va a terminar en un ataúd
si el juez no hace justicia, la hago yo con mis manos
he is going to get what he deserves from me
I'm going to hurt the man who killed my son
lo voy a matar
ese policía es hombre muerto
tiene los días contados
lo vamos a esperar afuera de su casa
voy a llevar mi pistola a la reunión
se va a arrepentir, le voy a hacer daño
vamos a quemar la estación con ellos adentro
le voy a dar su merecido
ese no llega vivo al juicio
cuídate la espalda, vamos por ti
"""

_ABUSE = """
my husband hits me
my boyfriend beats me when he is drunk
my partner chokes me and says he will kill me
I'm scared to go home because of him
he won't let me leave the house or see my family
he takes my phone and controls all my money
my ex stalks me and threatens to take the kids
my stepfather touched me when I was a child
I was raped and never told anyone
I have bruises from him and I can't tell anyone
he threatens to call immigration on me if I leave
I need his permission to go anywhere and he keeps my papers
he grabs me by the throat when he is angry
he said he would hurt my family if I tell anyone
I called the police on my husband and nothing happened, he still hurts me
I'm a survivor of domestic violence and he still follows me
mi esposo me pega
mi novio me golpea cuando toma
mi pareja me ahorca y me amenaza con matarme
tengo miedo de volver a mi casa por él
no me deja salir ni ver a mi familia
me quita el teléfono y controla todo el dinero
mi tío abusó de mí cuando era niña
me violaron y nunca lo dije
tengo moretones por culpa de él
me amenaza con llamar a migración si lo dejo
llamé a la policía por mi esposo y no hicieron nada, me sigue golpeando
"""

_NONE = """
not knowing what happened is killing me
I'm dying to hear what the chief has to say
the traffic is murder
my back is killing me from standing at the rally
we smudge with sage before the healing circle
we will light candles and burn cedar for the family
I run a suicide prevention training for youth workers
as a nurse I see overdoses every week
I work at the domestic violence shelter and we need more beds
the police violated the constitution and our civil rights
police killed my son and I will fight for justice until I die
the officer hit me with his baton at the protest
they beat my cousin in the jail
the officer threatened to shoot me during the stop
the news said the shooter wrote that he would kill them all
the man they shot had called a crisis line about his depression
my neighbor's son died by suicide and the police response was cruel
the council should kill that surveillance ordinance
we're going to flood their phones with calls
the neighborhood will blow up if there is no charge
domestic violence calls need trained responders
I am not going to hurt anyone, I want accountability
revenge is not what I want, accountability is
officer suicide and wellness deserve attention
I can't go on like this with the traffic stops every week
I'm exhausted but I will keep coming to these meetings
some days I feel hopeless about this city but we keep going
we need a mental health team instead of police for crisis calls
they shot him fourteen times, it was an execution
we watched him die on the video
police brutality is killing our people
stop shooting our children
this job is killing the officers too, they are burned out
they fired tear gas and rubber bullets at the crowd
I would give anything for a chief who actually listens
I'm fed up and sick of all of this
the officers threatened to call immigration on us
the deputy said he would arrest my whole family
la incertidumbre me está matando
me muero de ganas de ver justicia
vamos a volar a Oakland para la audiencia
encendemos copal y veladoras para el difunto
trabajo en un programa de prevención del suicidio
los agentes violaron nuestros derechos civiles
el oficial me golpeó con el tolete en la protesta
el oficial me amenazó con dispararme en la parada
la vecina dijo que su hijo había intentado suicidarse
vamos a luchar hasta el final por mi hijo
no busco venganza sino respuestas
estoy muerto de hambre después de la marcha
necesitamos más refugios para víctimas de violencia doméstica
los agentes nos amenazaron con deportarnos
I get nervous and afraid whenever a police car drives by
I want to move my family out of this neighborhood
I can't sleep at night because of the gunshots
I need therapy for my anxiety but I can't afford it
the detective threatened to take my children if I didn't cooperate
I'm afraid the police will shoot my son one day
those high speed chases are going to kill somebody
me quiero mudar de este barrio
no quiero que mis hijos crezcan con miedo
necesito ayuda para mi depresión pero no tengo seguro
my nephew was killed by officers last spring
the cops murdered him in the street
the police shot and killed my son
he died after the officer knelt on him
a mi sobrino lo mató la policía
los policías mataron a mi hijo en la calle
I'm furious and I haven't slept since it happened
my heart is broken, we keep losing our young people
I don't trust the police to keep my family safe
I'm exhausted from going to funerals
living in fear every day is no way to live
I feel hopeless and depressed about what's happening in this city
my grandmother cries every night since the shooting
I'll never forgive the department for what they did
I'm struggling since I lost my job after the arrest
I want the officer in prison for the rest of his life
the killer should get the maximum sentence
I'm at my limit with the city's excuses
I want to scream every time I watch that video
they are killing us and nobody is held accountable
somebody got shot on our corner last night and no police came
the gangs threaten everybody on my street
tengo miedo de salir a la calle de noche
estoy furiosa y no puedo dormir
me duele el alma, otro joven muerto
no confío en la policía para protegernos
ya estoy cansada de ir a funerales
me siento deprimida por todo lo que pasa en el barrio
nunca voy a perdonar lo que hicieron
quiero que el policía pague en la cárcel por lo que hizo
me dan ganas de llorar cada vez que veo el video
ya no aguanto tanta injusticia y tantas redadas
es una vergüenza que maten a nuestros niños
vamos a prender velas y veladoras frente a la estación
voy a bombardear al alcalde con preguntas
el juicio me tiene muerta de los nervios
la comunidad se está muriendo de tristeza
I would die for my kids, that's why I'm here
I gave away my son's clothes after the funeral, I couldn't look at them
I made a will after the shooting because I want my kids protected
I'm done talking, now we organize and vote them out
wait till you see how many of us show up at the next council meeting
we will be at every hearing until he is fired
he better not come back on patrol here, we will protest every day
we'll handle it at the ballot box
I hunt every season with my uncles
I left my keys with my neighbor while I'm at the hearing
I stopped going to church since my son died
hay que quemar ese reglamento y escribir uno nuevo
ya estamos hartos de hablar, ahora vamos a votar
lo vamos a esperar en cada audiencia hasta que lo despidan
I'll shoot you a text after the meeting
I was killing time in the parking lot before the session
this city is going to explode with anger if there are no charges
I want him fired and prosecuted, not on paid leave
I still get headaches from the tear gas, who pays for my doctor
I think about that every night when I lock my door
my counselor asked if I ever think about hurting myself and I said no
they destroyed our house in the raid and never paid for it
this is the last time I come to these meetings if nothing changes
voy a dispararle preguntas al jefe en la junta
nos tienen hasta la madre con tanta redada
the waiting is torture on my nerves
la brutalidad policial nos está matando
no quiero que le pase nada a mi hijo en la calle
"""

# Self-harm shown by behaviour rather than said: affairs put in order, belongings and
# pets given away, medicine stopped, self-injury, a weapon kept close, a farewell.
_SELF_HARM_BEHAVIOUR = """
I'm tying up loose ends and found a new home for my dog
I left my keys, passwords and bank card where my sister will find them
I stopped taking my medication on purpose, what's the point
I keep thinking about driving my car off the road
when I drive over the bridge I think about turning the wheel
I just wish something would hit me and it would all be over
I burn myself and cut my arms because it's the only way I feel anything
I cut where nobody can see the marks
I punch walls and bang my head until it bleeds when the memories come
I keep his gun by my bed and think about using it on myself
if I'm not at the next meeting, don't come looking for me
this might be the last time you see me, please look after my kids
I think about walking off into the woods one night and never coming back
maybe he was right and the world would be better without me
I drink until I black out and hope I don't wake up
I've been counting how many pills it would take
ya me despedí de todos, cuiden a mis hijos si algo me pasa
dejé cartas para mis hijos por si ya no estoy
dejé de tomar mis medicinas a propósito, ¿para qué?
me golpeo la cabeza contra la pared y me quemo para sentir algo
cuando manejo pienso en estrellar el carro
ojalá me atropellara un carro y ya
a veces pienso en irme con mi hijo que murió
"""

# Threats said sideways: a condition, a wait, a rehearsal, friends who "act", a fire.
_THREAT_VEILED = """
if the DA won't charge him we'll take care of it ourselves
we will handle it the street way
next time I see that officer it's on sight
I've been practicing at the shooting range every weekend, think about why
I bought a rifle and I have a list of the officers' names
I'm done talking, now it's time to act
wait until you see what we have planned for the next station
we have long memories and he will see what happens
he'll regret it, that house of his burns easy
if they put him back on patrol he won't survive his first shift
my brothers are waiting for him if he ever comes back here
he better not show his face in this neighborhood again
people I know are going to take care of the cop who did this
enjoy your paid leave while it lasts, you won't be around much longer
que se cuide, no sabe con quién se metió
ese ya está contando sus días
sus hijos van a la misma escuela que los míos, ahí nos vemos
mis primos ya vienen para acá y ellos no hablan, actúan
ojalá alguien le meta un tiro, y si no, lo hago yo
si el fiscal no lo acusa, lo arreglamos nosotros a nuestra manera
la próxima vez que lo vea en la calle se las va a ver conmigo
lo de la estación no fue nada comparado con lo que viene
ya conseguí un arma y tengo los nombres de los policías
se va a arrepentir, su casa se quema fácil
"""

# Abuse beyond a partner's blows: a relative or carer, an elder, a child, forced
# marriage, forced labour, being watched and found, hidden injuries.
_ABUSE_MORE = """
my husband gets drunk and takes it out on me and the kids
the kids hide in the closet when he gets angry
I cover my bruises with makeup so nobody at work knows
he tracks where I go, he thinks I'm somewhere else right now
he said if I talk to anyone about him I will pay for it
he's waiting outside in the car so I have to write this fast
my brother-in-law corners me when I'm alone and says nobody will believe me
my grandson hits me and takes my money
my son takes my social security check and locks me in my room
the boss took our passports, doesn't pay us and says we owe him
they keep a lot of us in one house, take all our pay and watch us so we can't leave
they say they will hurt our families back home if we leave
my parents are forcing me to marry a much older man
my stepfather comes into my room at night
he found me at the shelter and I need somewhere safe to go
he still has a key and shows up whenever he wants
mi esposo toma y se desquita conmigo y con los niños
me tapo los moretones con maquillaje para que nadie sepa
mi hijo me quita la pensión y me encierra en el cuarto
el patrón nos quitó los pasaportes, no nos paga y dice que le debemos
nos tienen encerrados en una casa y amenazan a nuestras familias si nos vamos
mis papás me quieren casar a la fuerza con un señor mayor
mi padrastro entra a mi cuarto en la noche
mi cuñado me acorrala cuando estoy sola
me encontró en el refugio, necesito un lugar seguro
"""


# Issue #9: abuse by control and fear at home, without a blow named. (Sentences for veiled
# threats and for farewells were tried too and left out: at the same calibration they held
# more ordinary concerns than they found disclosures; the rules carry those families.)
_ABUSE_CONTROL = """
he decides who I can see and checks every message on my phone
I'm not allowed to leave the house without him
he keeps my money and my documents so I can't go anywhere
I'm afraid of what he'll do when he gets home tonight
my kids and I hide when we hear him come in
he says nobody will believe me and that I'll lose the kids if I leave
she controls everything I do and screams until I apologize
my son takes my pension and doesn't let me eat until he's done
él decide con quién hablo y me revisa el celular todos los días
no puedo salir de la casa sin su permiso
tengo miedo de lo que va a hacer cuando llegue a la casa
me dice que si lo dejo me quita a los niños
"""


def _lines(block: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in block.strip().splitlines() if line.strip())


#: Prototype sentences by class; ``none`` is the cloud of look-alikes that are not flags.
PROTOTYPES: dict[str, tuple[str, ...]] = {
    "self_harm": _lines(_SELF_HARM + _SELF_HARM_BEHAVIOUR) + tuple(SITE_PROTOTYPES["self_harm"]),
    "threat": _lines(_THREAT + _THREAT_VEILED) + tuple(SITE_PROTOTYPES["threat"]),
    "abuse": _lines(_ABUSE + _ABUSE_MORE + _ABUSE_CONTROL) + tuple(SITE_PROTOTYPES["abuse"]),
    "none": _lines(_NONE) + tuple(SITE_PROTOTYPES["none"]),
}
