"""Prototype sentences in the other languages of the sites, per class.

Chinese and Arabic are among the 16 languages the sentence encoder was trained on, so
their prototypes join the English and Spanish clouds by meaning. Somali, Vietnamese and
Hmong are not: the encoder reads them by shared word pieces only, so a post in one of
them lands near any sentence of its own language whatever it means ("Chúng tôi cần",
"we need", came out nearest to "tôi muốn chết"). Measured on the development sets, their
class sentences added no recall and cost precision (flagged P 0.948 with them, 0.986
without, R 0.950 both), so for those three languages only the ``none`` sentences are
used, and the phrase rules of :mod:`safety.rules_sites` screen them. Their class
sentences stay below, written and checked, for a model that reads those languages.
"""

from __future__ import annotations

__all__ = ["SITE_PROTOTYPES"]

_ZH = {
    "self_harm": """
我不想活了
我想自杀
我真的撑不下去了，想结束这一切
家人没有我会过得更好
我把东西都送人了，以后用不着了
我常常想从桥上跳下去
""",
    "threat": """
我要杀了那个警察
我知道他住在哪里，他活不了多久了
他会付出代价的，等着瞧
我们要把警察局烧了
""",
    "abuse": """
我丈夫喝醉了就打我
他不让我出门，还拿走了我的护照
他威胁我如果报警就让我回不了美国
我的继父对我性侵
我害怕回家，因为他会打我
""",
    "none": """
等得我快急死了
警察打死了我的儿子，我们要正义
那个警察推了我妈妈
我们点蜡烛悼念死去的人
我很生气，但我要的是问责
我担心警察会开枪打我的孩子
社区需要心理健康服务而不是警察
我们需要中文翻译
请不要向我们的孩子开枪
""",
}

_AR = {
    "self_harm": """
لا أريد أن أعيش بعد الآن
أفكر في الانتحار
أريد أن أنهي حياتي
عائلتي ستكون أفضل بدوني
""",
    "threat": """
سأقتل ذلك الشرطي
أعرف أين يسكن وسيدفع الثمن
أيامه معدودة
سنحرق مركز الشرطة
""",
    "abuse": """
زوجي يضربني
زوجي يأخذ راتبي ويهددني بأخذ الأطفال
لا يسمح لي بالخروج من البيت
أخاف أن أعود إلى البيت بسببه
""",
    "none": """
الانتظار يقتلني
الشرطة قتلت ابني ونريد العدالة
الشرطي ضربني في المظاهرة
أنا غاضب ولا أنام منذ الحادثة
نريد محاسبة الضابط
أخاف أن تطلق الشرطة النار على ابني
نحتاج إلى مترجم عربي في الاجتماعات
أريد أن أعيش بأمان مع أولادي في هذا الحي
شكرا لأنكم تسمعوننا
""",
}

_VI = {
    "self_harm": """
tôi không muốn sống nữa
tôi muốn chết
tôi muốn tự tử
gia đình tôi sẽ tốt hơn nếu không có tôi
tôi đã cho hết đồ đạc của mình vì không cần nữa
""",
    "threat": """
tôi sẽ giết tên cảnh sát đó
tôi biết nhà hắn ở đâu, hắn sẽ phải trả giá
hắn sẽ không sống lâu nữa đâu
chúng tôi sẽ đốt đồn cảnh sát
""",
    "abuse": """
chồng tôi đánh tôi
chồng tôi không cho tôi ra khỏi nhà và lấy hết tiền
anh ta đe dọa giết tôi nếu tôi bỏ đi
tôi sợ về nhà vì anh ta
""",
    "none": """
chờ lâu quá mệt muốn chết
cảnh sát đã bắn chết con trai tôi
cảnh sát xô mẹ tôi ngã
chúng tôi muốn công lý cho gia đình
tôi sợ cảnh sát sẽ bắn con tôi
tôi rất tức giận nhưng tôi muốn họ chịu trách nhiệm
cảm ơn mọi người đã lắng nghe
chúng tôi cần thông dịch viên tiếng Việt
xin đừng bắn con chúng tôi
khi nào đến lượt chúng tôi nói
""",
}

_SO = {
    "self_harm": """
ma rabo inaan noolaado
waxaan rabaa inaan is dilo
qoyskaygu way ka fiicnaan lahaayeen la'aantay
waan daalay, noloshu macno iima leh
""",
    "threat": """
waan dili doonaa askarigaas
gurigiisa waan aqaan, wuu arki doonaa
maalmihiisu way tirsan yihiin
saldhigga booliska waan gubi doonaa
""",
    "abuse": """
ninkaygu wuu i garaacaa
ninkaygu lacagta oo dhan wuu iga qaataa, guriga iima oggola inaan ka baxo
wuxuu igu handadaa inuu carruurta iga qaadi doono
waan ka baqayaa inaan guriga ku noqdo isaga dartiis
""",
    "none": """
booliisku wiilkayga ayay dileen, cadaalad ayaan rabnaa
askariga ayaa hooyaday riixay
sugitaanka waan ka daalay
waan xanaaqsanahay laakiin xisaabtan ayaan rabnaa
waxaan ka baqayaa in booliisku toogtaan wiilkayga
mahadsanidiin inaad na dhageysateen
waxaan u baahanahay turjubaan
fadlan ha toogtaan carruurteena
goormee ayaan hadli karnaa
""",
}

_HMN = {
    "self_harm": """
kuv tsis xav nyob lawm
kuv xav tua kuv tus kheej
kuv tsev neeg yuav zoo dua yog tsis muaj kuv
kuv xav tuag
""",
    "threat": """
kuv yuav tua tus tub ceev xwm ntawd
kuv paub nws nyob qhov twg, koj tos saib
nws yuav tsis nyob ntev lawm
""",
    "abuse": """
kuv tus txiv ntaus kuv
kuv tus txiv tsis pub kuv tawm hauv tsev
nws hem tias yuav tua kuv yog kuv khiav
kuv ntshai rov qab mus tsev vim nws
""",
    "none": """
tub ceev xwm tua kuv tus tub, peb xav tau kev ncaj ncees
tub ceev xwm thawb kuv niam
tos ntev heev lawm
kuv npau taws heev tab sis kuv xav kom lawv lav ris
ua tsaug uas nej mloog peb
peb xav tau ib tug neeg txhais lus
thov tsis txhob tua peb cov menyuam
thaum twg peb thiaj tau hais lus
""",
}

#: Languages the encoder reads by meaning (see the module docstring).
_BY_MEANING = (_ZH, _AR)

#: Sentences by class, merged into :data:`PROTOTYPES`: every class in Chinese and
#: Arabic, only the ``none`` cloud in Vietnamese, Somali and Hmong.
SITE_PROTOTYPES: dict[str, list[str]] = {
    kind: [
        line.strip()
        for table in ((_ZH, _AR, _VI, _SO, _HMN) if kind == "none" else _BY_MEANING)
        for line in table[kind].strip().splitlines()
        if line.strip()
    ]
    for kind in ("self_harm", "threat", "abuse", "none")
}
