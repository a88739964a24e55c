"""Routing of the classes the first rules missed or over-flagged, rules-only and semantic."""

from __future__ import annotations

import pytest

import safety
from safety import detect
from safety.detect import assess
from safety.semantic import semantic_available

needs_model = pytest.mark.skipif(not semantic_available(), reason="embedding model not installed")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("No puedo más, me quiero morir", "self_harm"),  # a despair opener is no negation
        ("No aguanto más, quiero dormir y no despertar", "self_harm"),
        ("what's the point of waking up anymore", "self_harm"),
        ("I'm done with living", "self_harm"),
        ("that lieutenant is a dead man", "threat"),
        ("ese sargento tiene los días contados", "threat"),
        ("the cop who did it won't live to see the trial", "threat"),
        ("my boyfriend choked me and when I called the police they left", "abuse"),
        ("I'm a survivor of a violent marriage", "abuse"),
        ("the next deputy who pulls me over is getting shot", "threat"),
        ("ese sargento va a pagar con sangre", "threat"),
        ("I'll put that deputy in the hospital", "threat"),
        ("ese tipo no va a ver otro amanecer", "threat"),
        ("I won't be around much longer, so it doesn't matter", "self_harm"),
        ("todo sería más fácil si me muero", "self_harm"),
        ("soy víctima de violencia doméstica", "abuse"),
    ],
)
def test_rules_catch_the_missed_shapes(text: str, kind: str) -> None:
    assert assess(text, semantic=False).kinds == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "we will burn sage at the memorial",
        "vamos a quemar copal por él",
        "voy a volar a Minneapolis para la audiencia",
        "I teach suicide prevention to teachers",
        "I was abused by the system, not by a person",
        "we're going to shoot a short film about the vigil",
        "vamos a quemar una bandera en la marcha",
        "si me muero de viejo aquí, que sea en paz",
        "we're going to blow up their inbox until they answer",
        # Reported and quoted speech is not the poster's intent.
        'the deputy told me "I\'ll shoot you", put that in the report',
        "the news said the gunman wrote 'I am going to kill them all'",
        "dicen que el tirador escribió 'los voy a matar'",
        "the suspect sent a suicidal text before the standoff",
    ],
)
def test_rules_do_not_flag_look_alikes(text: str) -> None:
    assert not assess(text, semantic=False).flagged


def test_an_officer_threat_reported_by_a_resident_is_a_public_complaint() -> None:
    # Decision kept from docs/safety.md: the officer's words go on the public record
    # (redacted, reviewed), they are not a disclosure for the safety moderator.
    assert not assess("the officer told me he was going to shoot me").flagged
    assert not assess("el oficial me dijo que me iba a matar").flagged


def test_a_threat_reported_from_a_partner_is_an_abuse_disclosure() -> None:
    assert assess("my husband told me he's going to kill me", semantic=False).kinds == ["abuse"]


def test_calling_the_police_does_not_switch_abuse_detection_off() -> None:
    text = "I called the police because my husband hits me"
    assert assess(text, semantic=False).kinds == ["abuse"]
    # Force by an officer is still a complaint for the public record.
    assert not assess("the officer grabbed me and he hit me", semantic=False).flagged


def test_rules_only_when_the_model_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(detect, "semantic_available", lambda: False)
    result = assess("I keep thinking my family would be better off without me around")
    assert result.semantic is False and result.semantic_kinds == []
    assert assess("I want to die").kinds == ["self_harm"]
    assert safety.semantic_available() in (True, False)  # part of the public API


@needs_model
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("nothing matters anymore, I just want everything to stop for good", "self_harm"),
        ("siento que ya no vale la pena seguir aquí", "self_harm"),
        ("my partner won't let me have any money and checks my phone every night", "abuse"),
        ("mi esposo me encierra y me dice que nadie me va a creer", "abuse"),
    ],
)
def test_semantic_detector_catches_unlisted_wordings(text: str, kind: str) -> None:
    result = assess(text)
    assert result.semantic
    assert result.kinds == [kind]


@needs_model
@pytest.mark.parametrize(
    "text",
    [
        "the wait for the autopsy is killing me",
        "we need more funding for the crisis line",
        "las patrullas pasan a toda velocidad por la escuela",
        "I'm not going to hurt anyone, I want the video",
        "I'm scared they'll shoot my son next",
        "kids are going to die at that crossing",
        "I don't want to live in a city like this",
    ],
)
def test_semantic_detector_leaves_look_alikes(text: str) -> None:
    assert not assess(text).flagged


@needs_model
def test_semantic_threat_in_reported_speech_is_not_the_posters() -> None:
    assert not assess("the prosecutor said that officer will get what's coming in court").flagged


def test_warm_up_reports_whether_the_semantic_detector_is_ready() -> None:
    assert safety.warm_up() is semantic_available()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # The other languages of the sites: a first-person or intent frame in each.
        ("tôi không muốn sống nữa", "self_harm"),
        ("chồng tôi say rượu là đánh tôi", "abuse"),
        ("tôi biết nhà hắn ở đâu rồi", "threat"),
        ("我不想活了", "self_harm"),
        ("我丈夫天天打我", "abuse"),
        ("我要杀了那个人", "threat"),
        ("ma rabo inaan noolaado mar dambe", "self_harm"),
        ("ninkaygu habeen walba wuu i garaacaa", "abuse"),
        ("kuv tsis xav nyob lawm", "self_harm"),
        ("kuv tus txiv qaug cawv ces ntaus kuv", "abuse"),
        ("أفكر أن أقتل نفسي", "self_harm"),
        ("زوجي يضربني كل يوم", "abuse"),
        ("سأقتله إذا رأيته", "threat"),
        # Veiled threats with a target, a wish to be killed, relatives and elders harmed.
        ("I'm going to make sure that sergeant never makes it home", "threat"),
        ("keep covering for him and see what happens to your station", "threat"),
        ("ese comandante ya está contando sus días", "threat"),
        ("I'm not suicidal, I just wish a bus would run me over", "self_harm"),
        ("my granddaughter hits me when I won't give her money", "abuse"),
        # Said of an officer, "won't be around much longer" is a threat, not despair.
        ("that deputy better watch it, he won't be around much longer", "threat"),
    ],
)
def test_rules_in_the_site_languages(text: str, kind: str) -> None:
    assert assess(text, semantic=False).kinds == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "cảnh sát đánh tôi ở trạm xe buýt",  # force by an officer: a public complaint
        "警察打我",
        "không muốn chết như con tôi",  # negated
        "chờ lâu quá muốn chết luôn",  # idiom: "dying of waiting"
        "hay que quemar esa ley vieja",  # a document, not a building
        "me violaron mis derechos en la parada",  # rights, not rape
        "I wish someone would hit me up about the next meeting",
    ],
)
def test_site_language_look_alikes_are_not_flagged(text: str) -> None:
    assert not assess(text, semantic=False).flagged


@needs_model
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I found new homes for my cats and wrote notes for everyone, I'm ready", "self_harm"),
        ("I've been cutting my legs where nobody can see", "self_harm"),
        ("si lo sueltan, mis hermanos lo van a estar esperando", "threat"),
        ("my uncle takes my disability money and won't let me use the phone", "abuse"),
    ],
)
def test_semantic_detector_catches_behaviour_and_veiled_wordings(text: str, kind: str) -> None:
    assert assess(text).kinds == [kind]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Vietnamese: suicide in a longer frame, life without meaning, pills, a farewell
        # letter, burning the station, a bullet, controlling, a threat to kill.
        ("em đã nghĩ rất nhiều về chuyện tự tử", "self_harm"),
        ("cuoc song khong con y nghia gi voi toi", "self_harm"),
        ("tối qua tôi định uống hết lọ thuốc", "self_harm"),
        ("tôi đã viết thư tuyệt mệnh cho mẹ", "self_harm"),
        ("tụi tao sẽ đốt cái đồn đó", "threat"),
        ("thằng đó bắn em tao, tao cho nó ăn đạn", "threat"),
        ("chồng tôi không cho tôi ra khỏi nhà", "abuse"),
        ("hắn dọa sẽ giết tôi nếu tôi nói ra", "abuse"),
        # Chinese: better off dead, leaving the world, pills hoarded, die together,
        # burning the station, touched, "would kill me", not allowed to call.
        ("我不如死了算了", "self_harm"),
        ("我打算早点离开这个世界", "self_harm"),
        ("我把安眠药都攒起来了", "self_harm"),
        ("他敢再来我就跟他同归于尽", "threat"),
        ("我们一定要把派出所烧了", "threat"),
        ("我叔叔小时候经常摸我", "abuse"),
        ("他说我敢报警就杀了我", "abuse"),
        ("他不让我打电话给家人", "abuse"),
        # Somali: I'd like to die, nothing to live for, nobody will miss me, I'm killing,
        # I will burn, locked in, sexually abused.
        ("waxaan jeclaan lahaa inaan dhinto", "self_harm"),
        ("ma haysto wax aan u noolahay", "self_harm"),
        ("cidna ima tebi doono", "self_harm"),
        ("waan ku dilayaa haddii aad timaado", "threat"),
        ("waxaan gubi doonaa gurigiisa", "threat"),
        ("ninkayga ayaa qolka igu xira", "abuse"),
        ("ninkaas ayaa i faraxumeeyay", "abuse"),
        # Hmong: don't want to live on, better if I die, hoarded pills, I'll have him
        # killed, I'll burn, not allowed out, threatens to kill me.
        ("kuv tsis xav ua neej nyob lawm", "self_harm"),
        ("kuv tuag mas zoo dua", "self_harm"),
        ("kuv npaj tshuaj cia lawm, hmo no kuv yuav nqos tag", "self_harm"),
        ("kuv yuav muab nws tua", "threat"),
        ("kuv yuav hlawv nws lub tsev", "threat"),
        ("kuv tus txiv tsis pub kuv hu xov tooj", "abuse"),
        ("nws hem hais tias yuav tua kuv", "abuse"),
        # Arabic: tired of life, better without me, the oath form, burning, harassed,
        # not allowed out.
        ("تعبت من الحياة وما بقدر أكمل", "self_harm"),
        ("ولادي أحسن بدوني", "self_harm"),
        ("والله لأقتله", "threat"),
        ("رح أحرق بيته", "threat"),
        ("جاري تحرش فيني", "abuse"),
        ("زوجي ما بيخليني أشتغل", "abuse"),
    ],
)
def test_rules_widen_the_site_languages(text: str, kind: str) -> None:
    assert assess(text, semantic=False).kinds == [kind]


@pytest.mark.parametrize(
    "text",
    [
        # Idioms: "so long / so hot I could die", "missed you to death", "dying laughing".
        "đói muốn chết mà chưa có đồ ăn",
        "ngồi chờ lâu muốn chết",
        "想死你了，好久不见",
        "بموت من الضحك",
        "بدي أموت من الضحك عليهم",
        # "từ từ" (slowly) folds like "tự tử" (suicide); "xử lý" is "deal with";
        # incense at a vigil; "turn off the light"; spirit money burned at a funeral.
        "tôi sẽ nói từ từ cho mọi người hiểu",
        "chúng tôi sẽ xử lý chuyện này với hội đồng",
        "tối nay tôi sẽ đốt nhang cho con tôi",
        "kuv yuav tua teeb thaum peb tawm",
        "kuv yuav muab ntawv hlawv rau kuv niam",
        "رح أحرق بخور على روح ابني",
        # A prognosis, not a threat: "the doctor says he won't live long".
        "bác sĩ nói ba tôi bị ung thư, không sống được lâu",
        "医生说我爷爷活不了多久了",
        "kws kho mob hais tias kuv yawg yuav tsis nyob ntev",
        "the doctor says my grandpa won't make it past the week",
        # Someone else's words reported, not the poster's intent.
        "cảnh sát nói là tao sẽ giết mày rồi cười",
        "警察说我要杀了你，然后走了",
        "booliiska ayaa yiri waan ku dili doonaa",
        "tub ceev xwm hais tias kuv yuav tua koj",
        "الشرطي قال راح أقتلهم كلهم",
        # Force by an officer stays a complaint; grief, fear, anger, force against others.
        "booliiska ayaa guriga igu xiray saddex saacadood",
        "tub ceev xwm tsis pub kuv hu xov tooj",
        "con trai tôi bị cảnh sát đánh, tôi rất tức",
        "我很怕警察会来抓我儿子",
        "isdilka dhalinyarada waa dhibaato weyn",
        "kuv niam tuag lawm, kuv tu siab heev",
        "ابني قتلته الشرطة وما في عدالة",
    ],
)
def test_site_language_idioms_prognoses_and_reports_are_not_flagged(text: str) -> None:
    assert not assess(text, semantic=False).flagged


def test_a_site_language_threat_reported_from_a_partner_is_abuse() -> None:
    assert assess("chồng tôi nói là tao sẽ giết mày", semantic=False).kinds == ["abuse"]
    assert assess("我老公说我要杀了你", semantic=False).kinds == ["abuse"]


# Issue #9: meaning without a keyword. Examples written for these tests.
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Veiled threats: the target's routine known, a regret promised, justice in hand.
        ("we know where that lieutenant goes to church on Sundays", "threat"),
        ("I've got the detective's home address now", "threat"),
        ("I've been sitting outside his house every night this week", "threat"),
        ("the deputy who lied is gonna regret it, believe me", "threat"),
        ("if the court does nothing we'll deal with him ourselves", "threat"),
        ("his days of laughing at us are over, I'll see to that.", "threat"),
        ("tell that sergeant to enjoy his last Christmas", "threat"),
        ("that captain better hope I never run into him", "threat"),
        ("the guard who did it won't be breathing much longer", "threat"),
        ("whoever pulled the trigger won't see another summer", "threat"),
        ("ya sabemos dónde trabaja ese comandante", "threat"),
        ("ese agente se va a acordar de mí", "threat"),
        ("a ese tipo le queda poco, ya verás", "threat"),
        ("I'm going to go find that deputy myself", "threat"),
        ("we'll pay the sergeant a visit at his house", "threat"),
        ("I'll be waiting by the gym for the guy who filmed us", "threat"),
        ("we already have a plan for the officers on that shift", "threat"),
        ("we know who you are now, see you soon", "threat"),
        ("I will end that lieutenant's life", "threat"),
        ("the next one who shoves my mom is leaving in a body bag", "threat"),
        ("I'll make every single one of them pay", "threat"),
        ("that deputy's daughter goes to the school on 5th, just saying", "threat"),
        ("ya sabemos quién eres, nos vemos pronto", "threat"),
        ("si lo vuelve a hacer, sale de ahí en una bolsa", "threat"),
        ("le voy a meter dos balazos a ese tipo", "threat"),
        ("les vamos a caer en su casa el sábado", "threat"),
        # Abuse by control, isolation and fear at home.
        ("my girlfriend won't let me see my friends anymore", "abuse"),
        ("I have to ask for his permission to visit my own mother", "abuse"),
        ("my daughter-in-law keeps my social security check", "abuse"),
        ("he says he'll have me deported if I ever talk", "abuse"),
        ("I'm always walking on eggshells around my husband", "abuse"),
        ("I hide the bruises under my scarf", "abuse"),
        ("mi marido no me deja trabajar fuera de la casa", "abuse"),
        ("mi pareja me tiene prohibido salir sola", "abuse"),
        ("mi yerno se queda con mi pensión cada mes", "abuse"),
        ("my son says the babysitter slaps him when he spills", "abuse"),
        ("a man from church keeps sending my niece dirty pictures", "abuse"),
        ("the aide leaves her in soiled sheets all weekend", "abuse"),
        ("I have a split lip from my husband", "abuse"),
        ("mi novio me quebró la nariz el mes pasado", "abuse"),
        ("mi sobrino le quita su pensión a mi tía", "abuse"),
        # Self-harm by farewell, burden, giving away and no future.
        ("I'm nothing but a burden on my family", "self_harm"),
        ("I can't see myself being alive next year", "self_harm"),
        ("I gave away my records and my bike, I won't need them", "self_harm"),
        ("tell my son I love him, in case I'm not around tomorrow", "self_harm"),
        ("dejé una carta para cada uno por si ya no estoy", "self_harm"),
        ("siento que soy una carga para mis hijos", "self_harm"),
        ("regalé todas mis herramientas, ya no las voy a necesitar", "self_harm"),
        ("I started cutting again last week", "self_harm"),
        ("I've got my pills stashed for when I'm ready", "self_harm"),
        ("I'm not gonna be around for the next meeting, take care everyone", "self_harm"),
    ],
)
def test_meaning_families_are_flagged(text: str, kind: str) -> None:
    assert assess(text, semantic=False).kinds == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "I know where the station is, I'm filing a complaint there Monday",
        "the mayor is going to regret this budget at the ballot box",
        "the officer won't be walking a beat here again if the board does its job",
        "the judge said the killer won't see daylight for twenty years",
        "the hospice nurse says my aunt won't see another summer",
        "the hospice nurse says she won't be around much longer",
        "my son checks my phone because I can't work the apps",
        "we gave away old coats at the church drive",
        "I don't see the city fixing the lights by spring",
        "after my surgery I felt like a burden for a while, but I'm better now",
        "the officer wouldn't let me call my lawyer",
        "I'm putting her down for a nap before the meeting",
        "I'll be waiting for the bus after the session",
        "we have a plan for the youth center budget",
        "they should put our kids' school safety first, just saying",
        "I'll go see the council member myself about the lights",
        "no me veo votando por ese alcalde",
        "sé dónde queda la comisaría y voy a poner mi queja",
        "el periódico dice que el sospechoso sabía dónde vivía la víctima",
    ],
)
def test_meaning_families_keep_their_look_alikes_unflagged(text: str) -> None:
    assert not assess(text, semantic=False).flagged
