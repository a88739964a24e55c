"""Prototype sentences for the semantic safety detector, per class, English and Spanish.

Each class is a cloud of short first-person sentences that mean the same thing in many
wordings; a post is compared with every one and takes its nearest. The ``none`` cloud
holds what listening sessions say that *sounds* like a disclosure but is not one: idioms,
cultural practice, professional work, advocacy, complaints about police force, news
quotes and reports about other people. Written for this package; they are deliberately
not the sentences of any labelled set, so calibration on those sets is not a lookup.
"""

from __future__ import annotations

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
the waiting is torture on my nerves
la brutalidad policial nos está matando
no quiero que le pase nada a mi hijo en la calle
"""


def _lines(block: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in block.strip().splitlines() if line.strip())


#: Prototype sentences by class; ``none`` is the cloud of look-alikes that are not flags.
PROTOTYPES: dict[str, tuple[str, ...]] = {
    "self_harm": _lines(_SELF_HARM),
    "threat": _lines(_THREAT),
    "abuse": _lines(_ABUSE),
    "none": _lines(_NONE),
}
