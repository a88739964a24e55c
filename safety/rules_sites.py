"""Rules for the other languages of the sites: Somali, Vietnamese, Chinese, Hmong, Arabic.

The sentence encoder of :mod:`embedding` was trained on 16 languages that include
Chinese and Arabic but not Somali, Vietnamese or Hmong, so for those three the semantic
detector sees little more than shared word pieces. These phrase families give every
site language a first-person or intent frame for each class, the same shape as the
English and Spanish rules of :mod:`safety.rules`: "I want to die", "I will kill him",
"my husband hits me", never a violent word alone.

Patterns run on :func:`safety.text.fold` output: Vietnamese loses its tone marks
("tôi muốn chết" is ``toi muon chet``) but keeps ``đ``, which has no decomposition, so
``[dđ]`` stands for it. Chinese has no spaces, so its patterns have no ``\\b``.
Negations that belong inside a phrase ("không muốn chết", "I don't want to die";
Somali "ma rabo inaan noolaado" *is* the disclosure, "I don't want to live") are
written into the pattern rather than left to the English/Spanish negation rule, and so
are the idioms that borrow a phrase: Vietnamese "lâu muốn chết" ("so long I could die"),
Chinese "想死你了" ("missed you to death"), Arabic "بموت من الضحك" ("dying laughing"),
Hmong "tua teeb" ("turn off the light"), Vietnamese "đốt nhang" (incense at a vigil).

Quoted words are skipped for every language by :mod:`safety.detect`; the speech verbs,
relatives and officer words of these languages that the exceptions need live in
:mod:`safety.rules` beside the English and Spanish ones.
"""

from __future__ import annotations

__all__ = ["ABUSE_KIN", "ABUSE_OTHER", "LIFESPAN", "SELF_HARM", "SEXUAL", "SUICIDE_VI", "THREAT"]

Table = list[tuple[str, bool, str | None]]

# Vietnamese "<adjective> muốn chết" is an intensifier ("nóng muốn chết", hot as hell);
# a pronoun or adverb before it ("tôi chỉ muốn chết") is the disclosure. "buồn muốn chết"
# (sad enough to die) is left to the moderator: in these rooms it may be meant.
_VI_IDIOM_BEFORE = "".join(
    f"(?<!{word} )"
    for word in (
        "lau",
        "qua",
        "nong",
        "lanh",
        "met",
        "chan",
        "cuoi",
        "khat",
        "đoi",
        "doi",
        "so",
        "ngai",
        "ron",
        "thom",
        "ngon",
        "on",
        "khong",
        "chang",
    )
)

# Each entry: (pattern, negatable by the English/Spanish negation rule, unless).
_SELF_HARM: Table = [
    # Vietnamese: want to die, suicide, don't want to live, end my life, want to
    # disappear, nobody needs me, jump off the bridge, hurt myself, life has no meaning,
    # swallow all the pills, a farewell letter.
    (
        rf"{_VI_IDIOM_BEFORE}\bmuon (?:chet|tu sat|ket thuc)\b",
        False,
        r"\s*(?:luon|cuoc hop|buoi|som|nhanh|vu|viec)\b",
    ),
    (r"\b(?:toi|em|minh|tui) (?:\w+ ){0,4}(?:tu sat|tu lam hai|tu hai)\b", False, None),
    (r"\bkhong (?:con )?muon song\b", False, None),
    (r"\bket thuc (?:cuoc (?:doi|song)|mang song) (?:cua )?(?:toi|minh|em)\b", False, None),
    (r"\b(?:chi )?muon bien mat\b", False, None),
    (r"\bkhong (?:ai|con ai) can (?:toi|em|minh)\b", False, None),
    (r"\bnhay (?:xuong |tu )?(?:cau|song|lau)\b", False, None),
    (
        r"\b(?:cuoc )?song (?:khong con|chang con|cung chang con|cung khong con) (?:y nghia|gi)",
        False,
        None,
    ),
    (r"\buong (?:het|ca|nguyen) (?:\w+ ){0,2}thuoc\b", False, None),
    (r"\bthu (?:tuyet menh|tu biet|tu gia)\b", False, None),
    # Chinese: want to die, suicide, can't go on living, end it all, jump, cut my wrists,
    # better off dead, leave this world, hoard or swallow the pills.
    (r"(?<!不)想死(?!你|您|我了|人了)", False, None),
    (r"自杀|自殺|轻生|輕生|不想活|活不下去|撑不下去|撐不下去|一了百了", False, None),
    (r"结束(?:我的)?生命|結束(?:我的)?生命|想(?:从|從)?.{0,4}跳下去|割腕|自残|自殘", False, None),
    (r"没有我.{0,4}(?:更好|会更好)|沒有我.{0,4}(?:更好|會更好)", False, None),
    (r"不如死了|死了算了|(?:还|還)不如死|活着(?:没|沒)意思|活著沒意思", False, None),
    (
        r"(?:想|要|准备|準備|打算)(?:怎么|怎麼|早点|早點)?(?:离开|離開)(?:这个|這個)世界",
        False,
        None,
    ),
    (
        r"(?:药|藥)(?:都|全)?(?:存|攒|攢)(?:起来|起來)|(?:吞|吃)(?:光|完)?(?:所有|全部|一整瓶|整瓶)的?"
        r"(?:药|藥|安眠药|安眠藥)",
        False,
        None,
    ),
    # Somali: kill myself, I don't want to live (on), I want to die, take my life,
    # better off without me, nothing to live for, nobody will miss me.
    (r"\b(?:is ?dil(?:o|i|ayaa)|naftayda (?:ka |iska )?(?:qaado|dilo))\b", False, None),
    (r"\bma (?:rabo|doonayo) (?:inaan|in aan) (?:sii )?noolaado\b", False, None),
    (
        r"\b(?:rabaa|doonayaa|jeclaan lahaa|jeclahay) (?:inaan|in aan) (?:dhinto|dhimado)\b",
        False,
        None,
    ),
    (r"\bka fiicnaan (?:lahaayeen|lahaa|lahaan)\b[^.!?\n]{0,12}\bla'?aantay\b", False, None),
    (
        r"\bma (?:jiro|haysto|lihi) (?:wax|sabab|qof) (?:aan )?(?:u )?(?:noolahay|noolaado)\b",
        False,
        None,
    ),
    (r"\b(?:qofna|cidna) ima (?:tebi|xusuusan|xasuusan) (?:doono|doonaan)\b", False, None),
    # Hmong: don't want to live, want to die, kill myself, want to disappear, nobody
    # would miss me, better if I were dead, hoarded pills swallowed.
    (r"\btsis xav (?:ua neej )?nyob (?:lawm|ntxiv|hauv ntiaj teb)\b", False, None),
    (r"\b(?:kuv )?xav tuag\b", False, None),
    (r"\btua kuv tus kheej\b", False, None),
    (r"\bxav ploj mus\b", False, None),
    (r"\btsis muaj leej twg (?:nco|xav) (?:txog|txug) kuv\b", False, None),
    (r"\bkuv tuag (?:lawm |mus |pov tseg )?(?:ces |mas )?(?:yuav )?zoo dua\b", False, None),
    (
        r"\b(?:khaws|sau|npaj) tshuaj\b[^.!?\n]{0,40}\b(?:noj|nqos) (?:tag|tas|huv tib si)\b",
        False,
        None,
    ),
    # Arabic: kill myself, commit suicide, end my life, I don't want to live, I want to
    # die (not "dying laughing" or "I'd die for you"), tired of life, better without me.
    (r"أقتل نفسي|اقتل نفسي|انتحر|أنتحر|أنهي حياتي|انهي حياتي", False, None),
    (r"(?:ما بدي|لا أريد أن|لا اريد ان|مش عايز) (?:أعيش|اعيش)", False, None),
    (
        r"(?:بدي|أريد أن|اريد ان|عايز|نفسي) (?:أموت|اموت)",
        False,
        r"\s*(?:من|م|فيك|فيكي|فيه|فيها|عليك|عليه|عليها)(?:\s|$)",
    ),
    (r"تعبت من (?:الحياة|الحياه|العيشة|العيشه|هالحياة)", False, None),
    (r"(?:أحسن|احسن|أفضل|افضل) (?:بدوني|بلاي|من غيري)", False, None),
]

# "tự tử" (suicide) and "từ từ" (slowly) both fold to ``tu tu``: :mod:`safety.rules` reads
# the tone marks of the NFC text for these and skips "từ từ". Typed without marks, the
# phrase stays a screen: "toi muon tu tu" is asked about.
_SUICIDE_VI: Table = [
    (rf"{_VI_IDIOM_BEFORE}\bmuon tu tu\b", False, None),
    (r"\b(?:toi|em|minh|tui) (?:\w+ ){0,4}tu tu\b", False, None),
    (r"\b(?:nghi|[dđ]inh|tinh|co y|tung|thu) (?:\w+ ){0,4}(?:tu tu|tu sat)\b", False, None),
]

_THREAT: Table = [
    # Vietnamese: I will kill / shoot / burn / stab, I know where he lives, will pay the
    # price, make him eat a bullet. "xử lý" is "deal with", "đốt nhang" incense at a vigil,
    # "bắn tin" "send word".
    (
        r"\b(?:toi|tao|tui|chung tao|bon tao|tui tao) (?:\w+ ){0,2}se (?:giet|ban|xu|[dđ]ot|chem"
        r"|[dđ]am)\b",
        False,
        r"\s*(?:ly|nhang|huong|nen|vang ma|giay|tin|mot|het)\b",
    ),
    (r"\bbiet nha (?:no|han|ong ta|thang do|hắn) o (?:[dđ]au|cho nao)\b", False, None),
    (r"\bse phai tra gia\b", False, None),
    (r"\bcho (?:no|han|may|thang do|tui no|chung no) an (?:[dđ]an|[dđ]ao)\b", False, None),
    # Chinese: I'll kill him / make him pay / die together with him / burn the station,
    # I know where he lives. "杀鸡给猴看" is a proverb, "杀价" haggling.
    (
        r"(?:我要|我会|我會|我们要|我們要|我就|我一定要|我一定会|我一定會|我迟早|我遲早|我早晚)"
        r"(?:要|去|会|會)?(?:杀|殺|弄死|干掉|幹掉|砍死|捅死)",
        False,
        r"(?:鸡|雞|鱼|魚|价|價|时间|時間)",
    ),
    (r"我知道他(?:住)?(?:在)?(?:哪|那)(?:儿|兒|里|裡)?(?:住)?", False, None),
    (r"(?:让|讓)他(?:付出代价|付出代價|好看)|等着瞧|等著瞧|血债血还|血債血還", False, None),
    (r"我.{0,12}同(?:归于尽|歸於盡)", False, None),
    (
        r"我.{0,10}(?:把|将|將)(?:那个|那個)?(?:警察局|派出所|警局|分局)(?:给|給)?(?:烧|燒|炸)"
        r"|我.{0,6}(?:要|去|会|會)(?:烧|燒|炸)(?:了|掉)?(?:警察局|派出所|警局)",
        False,
        None,
    ),
    # Somali: I will kill (you), I'm going to kill, I will burn / blow up / shoot, he will
    # see what happens to him, I know his house.
    (r"\b(?:waan|waxaan) (?:\w+ )?dili doonaa\b", False, None),
    (r"\b(?:waan|waxaan) (?:ku |kaa |idin |iyaga )?dilayaa\b", False, None),
    (r"\b(?:waan|waxaan) (?:\w+ )?(?:gubi|qarxin|toogan|toogan doono) doonaa\b", False, None),
    (r"\bwaxa ku dhici doona\b", False, None),
    (r"\bgurigiisa (?:waan|waa) (?:aqaan|garanayaa)\b", False, None),
    # Hmong: I will kill (not "tua teeb", turn off the light), I'll have him killed, I'll
    # burn (not "hlawv xyab/ntawv", incense and spirit money), you wait and see, I know
    # where he lives.
    (
        r"\bkuv (?:\w+ )?yuav tua\b",
        False,
        r"\s*(?:teeb|lub teeb|hluav taws|fais fab|xov tooj|tv|nkoj|tsheb)\b",
    ),
    (
        r"\bkuv (?:\w+ )?yuav muab (?!(?:ntawv|xyab|nyiaj ntawv|hluav taws)\b)"
        r"[^.!?\n]{0,40}?\b(?:tua|hlawv)\b",
        False,
        r"\s*(?:teeb|hluav taws)\b",
    ),
    (r"\bkuv (?:\w+ )?yuav hlawv (?!(?:xyab|ntawv|nyiaj ntawv|tshuaj)\b)", False, None),
    (r"\bkoj tos saib\b", False, None),
    (r"\bkuv paub (?:nws|lawv) (?:lub tsev|nyob qhov twg)\b", False, None),
    # Arabic: I'll kill him (also the oath form "والله لأقتله"), I'll burn it, he will pay
    # the price, I know where he lives. Burning incense ("بخور") is prayer.
    (
        r"(?:راح|رح|سوف|ح) ?(?:أقتله|اقتله|أقتلهم|اقتلهم)|سأقتله|سأقتلهم|لأقتله|لأقتلهم|لأذبحه",
        False,
        None,
    ),
    (r"(?:راح|رح|سوف|ح) ?(?:أحرق|احرق|أفجر|افجر)|سأحرق|سأفجر", False, r"\s*(?:بخور|البخور|شمع)"),
    (r"(?:راح|رح|سوف|س)\s?يدفع الثمن|سيدفع الثمن", False, None),
    (r"(?:أعرف|اعرف|بعرف) (?:وين|أين|فين) (?:ساكن|يسكن|بيته)", False, None),
]

# "He won't live long": a threat said of an officer, a prognosis said of a sick or old
# relative. :mod:`safety.rules` skips these when the sentence speaks of illness.
_LIFESPAN: Table = [
    (r"\b(?:se )?khong song (?:lau|duoc lau)\b", False, None),
    (r"活不了多久|活不长|活不長", False, None),
    (r"\byuav tsis (?:nyob|ciaj) ntev\b", False, None),
]

# A partner or relative named as the one who harms: never an officer.
_ABUSE_KIN: Table = [
    # Vietnamese: my husband / boyfriend / father / stepfather hits me.
    (
        r"\b(?:chong|vo|ban trai|bo|cha|me|bo duong|cha duong|anh|chu) (?:toi|em|minh|cua toi)"
        r"(?: \w+){0,6} (?:[dđ]anh|hanh ha|bop co|de doa) (?:toi|em|minh)\b",
        False,
        None,
    ),
    # Chinese: my husband / boyfriend / father hits me, domestic violence.
    (r"(?:老公|丈夫|男朋友|男友|前夫|爸爸|继父|繼父|我爸).{0,10}打我|家暴|家庭暴力", False, None),
    # Somali: my husband hits me, beats me.
    (r"\b(?:ninkaygu|ninkayga|saygayga|aabahay)\b[^.!?\n]{0,30}\bi garaac\w*", False, None),
    # Hmong: my husband hits me.
    (r"\bkuv (?:tus )?(?:txiv|hluas nraug|txiv ntxawm)\b[^.!?\n]{0,30}\bntaus kuv\b", False, None),
    # Arabic: my husband hits me.
    (r"(?:زوجي|جوزي|أبوي|ابوي|أبي)[^.!?\n]{0,20}(?:يضربني|ضربني|بيضربني)", False, None),
]

# The poster as the one harmed, no relative named: an officer's force stays a complaint.
_ABUSE_OTHER: Table = [
    # Vietnamese: hits me, threatens to kill me, won't let me go out / work / see anyone.
    (r"\b(?:[dđ]anh|de doa giet) (?:toi|em)\b", False, None),
    (r"\b(?:de |ham )?doa (?:la |rang )?(?:se )?(?:giet|[dđ]anh|chem) (?:toi|em)\b", False, None),
    (
        r"\bkhong cho (?:toi|em) (?:[dđ]i lam|ra khoi nha|ra ngoai|[dđ]i [dđ]au|gap (?:ai|ban be"
        r"|gia [dđ]inh|con)|goi [dđ]ien|lien lac)",
        False,
        None,
    ),
    # Chinese: hits me, threatens to kill me, "would kill me", won't let me go out or call.
    (r"打我|威胁.{0,4}(?:杀|殺)(?:了)?我|威脅.{0,4}(?:杀|殺)(?:了)?我", False, None),
    (r"(?:就|会|會|要)(?:杀|殺|弄死)(?:了)?我(?!们|們)", False, None),
    (r"不(?:让|讓)我(?:出门|出門|出去|見|见|打电话|打電話|工作|上班|离开|離開)", False, None),
    # Somali: hits me, threatens me, locks me in, won't let me go out.
    (r"\bi (?:garaac\w*|handad\w*)\b", False, None),
    (
        r"\bigu (?:xira|xiray|xidha|xidhay|xiraa)\b"
        r"|\bima (?:ogola|oggola|ogolaado) (?:inaan|in aan)\b",
        False,
        None,
    ),
    # Hmong: hits / threatens me, threatens to kill me, won't let me go out or call.
    (r"\b(?:ntaus|yuam|hem) kuv\b|\bua phem rau kuv\b", False, None),
    (r"\bhem (?:tias |hais tias )?(?:yuav )?(?:tua|ntaus) kuv\b", False, None),
    (
        r"\btsis pub kuv (?:tawm|mus qhov twg|hu xov tooj|siv xov tooj|ntsib|mus ua hauj lwm)\b",
        False,
        None,
    ),
    # Arabic: hits me, threatens me, won't let me go out / work / see my family.
    (r"يضربني|يهددني|بيضربني", False, None),
    (
        r"(?:ما|مش) (?:يخليني|بيخليني|يسمحلي|يسمح لي|بيسمحلي) (?:أطلع|اطلع|أشتغل|اشتغل|أشوف|اشوف"
        r"|أحكي|احكي|أروح|اروح)",
        False,
        None,
    ),
]

# Sexual violence, whoever did it (an officer's too, as :mod:`safety.detect` treats it).
_SEXUAL: Table = [
    (r"\b(?:hiep dam|cuong hiep|xam hai) (?:toi|em)\b|\bsam so (?:toi|em)\b", False, None),
    (
        r"强奸|強姦|性侵|猥亵|猥褻|性骚扰我|性騷擾我|非礼我|非禮我|摸我(?!的头|的頭|头|頭)",
        False,
        None,
    ),
    (r"\bi (?:kufsaday|kufsadeen|faraxumee\w*|farxumee\w*)\b", False, None),
    (r"\byuam kuv (?:pw|nrog|ua tsis zoo)\b", False, None),
    (r"اغتصبني|يتحرش بي|(?:تحرش|اتحرش|يتحرش|بيتحرش) (?:فيني|بي)", False, None),
]

# fold() drops the hamza carried by an alif, waw or ya (it decomposes like an accent), so
# "سأقتله" is matched as "ساقتله"; the patterns are written with it and folded here.
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ئ": "ي"})


def _folded(table: Table) -> Table:
    return [
        (pattern.translate(_ARABIC_FOLD), neg, unless.translate(_ARABIC_FOLD) if unless else None)
        for pattern, neg, unless in table
    ]


#: Phrase tables per class, in the ``(pattern, negatable, unless)`` shape of
#: :mod:`safety.rules`.
SELF_HARM: Table = _folded(_SELF_HARM)
SUICIDE_VI: Table = _SUICIDE_VI
THREAT: Table = _folded(_THREAT)
LIFESPAN: Table = _folded(_LIFESPAN)
ABUSE_KIN: Table = _folded(_ABUSE_KIN)
ABUSE_OTHER: Table = _folded(_ABUSE_OTHER)
SEXUAL: Table = _folded(_SEXUAL)
