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
written into the pattern rather than left to the English/Spanish negation rule.
"""

from __future__ import annotations

__all__ = ["ABUSE_KIN", "ABUSE_OTHER", "SELF_HARM", "THREAT"]

Table = list[tuple[str, bool, str | None]]

# Each entry: (pattern, negatable by the English/Spanish negation rule, unless).
_SELF_HARM: Table = [
    # Vietnamese: want to die, suicide, don't want to live, end my life, want to
    # disappear, nobody needs me, jump off the bridge, hurt myself.
    (r"(?<!khong )(?<!chang )\bmuon (?:chet|tu tu|tu sat|ket thuc)\b", False, r"\s*luon\b"),
    (r"\b(?:toi|em|minh) (?:\w+ ){0,3}(?:tu tu|tu sat|tu lam hai|tu hai)\b", False, None),
    (r"\bkhong (?:con )?muon song\b", False, None),
    (r"\bket thuc (?:cuoc (?:doi|song)|mang song) (?:cua )?(?:toi|minh|em)\b", False, None),
    (r"\b(?:chi )?muon bien mat\b", False, None),
    (r"\bkhong (?:ai|con ai) can (?:toi|em|minh)\b", False, None),
    (r"\bnhay (?:xuong |tu )?(?:cau|song|lau)\b", False, None),
    # Chinese: want to die, suicide, can't go on living, end it all, jump, cut my wrists.
    (r"(?<!不)想死|自杀|自殺|轻生|輕生|不想活|活不下去|撑不下去|撐不下去|一了百了", False, None),
    (r"结束(?:我的)?生命|結束(?:我的)?生命|想(?:从|從)?.{0,4}跳下去|割腕|自残|自殘", False, None),
    (r"没有我.{0,4}(?:更好|会更好)|沒有我.{0,4}(?:更好|會更好)", False, None),
    # Somali: kill myself, I don't want to live (on), I want to die, take my life,
    # better off without me.
    (r"\b(?:is dilo|isdilo|is dili|naftayda (?:ka |iska )?(?:qaado|dilo))\b", False, None),
    (r"\bma (?:rabo|doonayo) (?:inaan|in aan) (?:sii )?noolaado\b", False, None),
    (r"\b(?:waxaan rabaa|waan rabaa) (?:inaan|in aan) dhinto\b", False, None),
    (r"\bka fiicnaan (?:lahaayeen|lahaa|lahaan)\b[^.!?\n]{0,12}\bla'?aantay\b", False, None),
    # Hmong: don't want to live, want to die, kill myself, want to disappear, nobody
    # would miss me.
    (r"\btsis xav nyob (?:lawm|ntxiv|hauv ntiaj teb)\b", False, None),
    (r"\b(?:kuv )?xav tuag\b", False, None),
    (r"\btua kuv tus kheej\b", False, None),
    (r"\bxav ploj mus\b", False, None),
    (r"\btsis muaj leej twg (?:nco|xav) (?:txog|txug) kuv\b", False, None),
    # Arabic: kill myself, commit suicide, end my life, I don't want to live, I want to die.
    (r"أقتل نفسي|اقتل نفسي|انتحر|أنتحر|أنهي حياتي|انهي حياتي", False, None),
    (r"(?:ما بدي|لا أريد أن|لا اريد ان|مش عايز) (?:أعيش|اعيش)", False, None),
    (r"(?:بدي|أريد أن|اريد ان|عايز) (?:أموت|اموت)", False, None),
]

_THREAT: Table = [
    # Vietnamese: I will kill, won't live long, I know where he lives, will pay the price.
    (r"\b(?:toi|tao|chung tao|bon tao) (?:\w+ ){0,2}se (?:giet|ban|xu)\b", False, None),
    (r"\b(?:se )?khong song (?:lau|duoc lau)\b", False, None),
    (r"\bbiet nha (?:no|han|ong ta|thang do|hắn) o (?:[dđ]au|cho nao)\b", False, None),
    (r"\bse phai tra gia\b", False, None),
    # Chinese: I'll kill him, he won't live long, I know where he lives, make him pay.
    (r"(?:我要|我会|我會|我们要|我們要)(?:杀|殺|弄死|干掉|幹掉)", False, None),
    (r"活不了多久|活不长|活不長", False, None),
    (r"我知道他(?:住)?(?:在)?(?:哪|那)(?:儿|兒|里|裡)?(?:住)?", False, None),
    (r"(?:让|讓)他(?:付出代价|付出代價|好看)|等着瞧|等著瞧", False, None),
    # Somali: I will kill him, he will see what happens to him, I know his house.
    (r"\b(?:waan|waxaan) (?:\w+ )?dili doonaa\b", False, None),
    (r"\bwaxa ku dhici doona\b", False, None),
    (r"\bgurigiisa (?:waan|waa) (?:aqaan|garanayaa)\b", False, None),
    # Hmong: I will kill, won't live long, you wait and see, I know where he lives.
    (r"\bkuv (?:\w+ )?yuav tua\b", False, None),
    (r"\byuav tsis (?:nyob|ciaj) ntev\b", False, None),
    (r"\bkoj tos saib\b", False, None),
    (r"\bkuv paub (?:nws|lawv) (?:lub tsev|nyob qhov twg)\b", False, None),
    # Arabic: I'll kill him, he will pay the price, I know where he lives.
    (r"(?:راح|رح|سوف|ح) ?(?:أقتله|اقتله|أقتلهم|اقتلهم)|سأقتله|سأقتلهم", False, None),
    (r"(?:راح|رح|سوف|س)\s?يدفع الثمن|سيدفع الثمن", False, None),
    (r"(?:أعرف|اعرف|بعرف) (?:وين|أين|فين) (?:ساكن|يسكن|بيته)", False, None),
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
    (r"\b(?:[dđ]anh|hiep dam|cuong hiep|xam hai|de doa giet) (?:toi|em)\b", False, None),
    (r"打我|强奸|強姦|性侵|威胁.{0,4}(?:杀|殺)(?:了)?我|不让我(?:出门|見|见)", False, None),
    (r"\bi (?:garaac\w*|kufsaday|kufsadeen|handad\w*)\b", False, None),
    (r"\b(?:ntaus|yuam|hem) kuv\b|\bua phem rau kuv\b", False, None),
    (r"يضربني|اغتصبني|يهددني|يتحرش بي|بيضربني", False, None),
]

# fold() drops the hamza carried by an alif, waw or ya (it decomposes like an accent), so
# "سأقتله" is matched as "ساقتله"; the patterns are written with it and folded here.
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ئ": "ي"})


def _folded(table: Table) -> Table:
    return [(pattern.translate(_ARABIC_FOLD), neg, unless) for pattern, neg, unless in table]


#: Phrase tables per class, in the ``(pattern, negatable, unless)`` shape of
#: :mod:`safety.rules`.
SELF_HARM: Table = _folded(_SELF_HARM)
THREAT: Table = _folded(_THREAT)
ABUSE_KIN: Table = _folded(_ABUSE_KIN)
ABUSE_OTHER: Table = _folded(_ABUSE_OTHER)
