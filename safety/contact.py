"""Finders for contact details: phone numbers, email addresses and social-media handles.

Phone numbers come from Google's ``phonenumbers`` library (its ``PhoneNumberMatcher``
knows the numbering plans of every country, so ``+52 55 1234 5678`` and
``(612) 555-0147`` are found by one maintained rule set, and toll-free hotlines are told
apart by their number type). Own rules remain only where the library cannot help:
7-digit local numbers and the old Mexican mobile prefix (``+52 1 ...``), which it does not
treat as valid, and numbers typed the way people type them on a phone (digit by digit,
or in words: "six one two five five five ..."). Handles have no library: they are
``@name`` tokens or a value after a platform cue ("my ig is lupe.rivera22").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

from safety.text import Span

__all__ = ["emails", "handles", "load_numbering_plans", "phones"]

# US first (the sites), then Mexico and Spain for numbers written without "+52"/"+34".
_REGIONS = ("US", "MX", "ES")
_NOT_PERSONAL = frozenset(
    {
        PhoneNumberType.TOLL_FREE,  # hotlines: 1-800-799-7233 stays readable
        PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.SHARED_COST,
        PhoneNumberType.UAN,
    }
)
_TOLL_FREE_US = frozenset({"800", "833", "844", "855", "866", "877", "888"})
_YEAR = re.compile(r"(?:19|20)\d\d")

# The library rejects these as invalid, but people write them.
_LOCAL7 = re.compile(r"(?<![\w+#$€£.,/:-])\d{3}[-.]\d{4}(?!\w|[.,/:-]\d)")
_MX_LEGACY = re.compile(r"(?<![\w+])\+52[\s.-]?1(?:[\s.-]?\d{2,4}){3,4}(?!\w|[.,-]\d)")
# Digits set apart one or two at a time, as a phone keyboard invites: "6 1 2 5 5 5 0 1 9 8".
_DIGIT_RUN = re.compile(r"(?<![\w.,/-])\d{1,2}(?:[ .-]\d{1,2}){6,13}(?![\w.,/-]|[ .-]\d)")
_NUMBER_WORDS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5",
    "seis": "6", "siete": "7", "ocho": "8", "nueve": "9",
}  # fmt: skip
_WORD_DIGIT = r"(?:" + "|".join(_NUMBER_WORDS) + r"|\d)"
_WORD_RUN = re.compile(
    rf"(?i)(?<!\w){_WORD_DIGIT}(?:[\s,.-]+{_WORD_DIGIT}){{6,13}}(?!\w)",
)


def load_numbering_plans() -> None:
    """Load every country's numbering plan now (about 1.5 MiB, 0.13 s).

    The library loads a plan the first time a number needs it, under a ``threading``
    lock. The web server reads posts in OS threads under eventlet, where that lock is
    green and must not be waited on from such a thread ("greenlet.error: Cannot switch
    to a different thread"); loaded at start-up, the lock is never taken again.
    """
    phonenumbers.PhoneMetadata.load_all()


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def phones(text: str) -> Iterator[Span]:
    """Phone numbers, personal ones only (hotlines, 911, 988 and short codes are kept)."""
    for region in _REGIONS:
        for match in PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
            if phonenumbers.number_type(match.number) in _NOT_PERSONAL:
                continue
            raw = match.raw_string
            groups = re.split(r"[ .-]", raw)
            if sum(1 for g in groups if _YEAR.fullmatch(g)) >= 2:  # "2019 2020 2021"
                continue
            yield Span(match.start, match.end, "phone", raw)
    for pattern in (_LOCAL7, _MX_LEGACY, _DIGIT_RUN):
        for match in pattern.finditer(text):
            if pattern is not _LOCAL7 and not 7 <= len(_digits(match.group())) <= 13:
                continue
            yield Span(match.start(), match.end(), "phone", match.group())
    for match in _WORD_RUN.finditer(text):
        tokens = re.findall(r"\w+", match.group().lower())
        digits = "".join(_NUMBER_WORDS.get(t, t) for t in tokens)
        if len(digits) not in (7, 10, 11) or sum(t.isdigit() for t in tokens) == len(tokens):
            continue
        if digits[:3] in _TOLL_FREE_US or digits[1:4] in _TOLL_FREE_US:
            continue
        yield Span(match.start(), match.end(), "phone", match.group())


# --- email -------------------------------------------------------------------------------
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_AT = r"(?:\s*@\s*|\s*[(\[]\s*(?:at|arroba)\s*[)\]]\s*|\s+(?:at|arroba)\s+)"
_DOT = r"(?:\.|\s\.\s|\s*[(\[]\s*(?:dot|punto)\s*[)\]]\s*|\s+(?:dot|punto)\s+)"
_LOCAL_PART = r"[\w+-]+(?:(?:\.|_|\s+(?:dot|punto)\s+)[\w+-]+){0,3}"
_TLD = r"(?:com|net|org|edu|gov|mx|es|us|io|co|info|me)"
# Spoken or half-spoken: "tanya dot brooks at gmail dot com", "dre.williams at yahoo.com",
# "rosa_m arroba hotmail punto com", "marcus.j(at)protonmail(dot)com". The top-level
# domain must be a known one, so "meet at city hall dot" is not an email.
_SPOKEN_EMAIL = re.compile(
    rf"(?i)(?<![\w.]){_LOCAL_PART}{_AT}[\w-]+(?:{_DOT}[\w-]+)?{_DOT}{_TLD}\b",
)
_EMAIL_PLATFORMS = re.compile(r"(?i)\b(?:gmail|yahoo|hotmail|outlook|icloud|aol|proton)")


def emails(text: str) -> Iterator[Span]:
    """Email addresses, typed or spoken."""
    for match in _EMAIL.finditer(text):
        value = match.group().rstrip(".")
        yield Span(match.start(), match.start() + len(value), "email", value)
    for match in _SPOKEN_EMAIL.finditer(text):
        value = match.group()
        # With an unknown provider, a local part of several words ("we met at the center
        # dot org") is prose; "jdoe at lakota dot org" is still an address.
        if (
            "@" not in value
            and "(" not in value
            and not _EMAIL_PLATFORMS.search(value)
            and " " in value.split(" at ")[0].split(" arroba ")[0]
        ):
            continue
        yield Span(match.start(), match.end(), "email", value)


# --- handles -------------------------------------------------------------------------------
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
_PLATFORM_CUE = re.compile(
    r"(?i)(?:\b(?:ig|insta|instagram|tiktok|tik tok|twitter|x|snap|snapchat|sc|facebook|fb"
    r"|threads|youtube|yt|handle|username|user name|usuario|cuenta|perfil|page|página"
    r"|wechat|weixin|telegram)\b|微信号?|微信號)"
    r"\s*(?:is|es|:|：|=|-|是)?\s*(?:(?:is|es|me\s+at|me\s+on|me|at|on)\s+)?"
    r"(?P<value>(?=[\w.]*[_.\d])[A-Za-z][\w.]{2,29})(?![\w@])"
)


def handles(text: str) -> Iterator[Span]:
    """Social-media handles: ``@name``, or a name with ``_``/``.``/digits after a platform."""
    for match in _HANDLE.finditer(text):
        value = match.group().rstrip(".")
        yield Span(match.start(), match.start() + len(value), "handle", value)
    for match in _PLATFORM_CUE.finditer(text):
        value = match.group("value").rstrip(".")
        start = match.start("value")
        yield Span(start, start + len(value), "handle", value)
