"""Cleaning and checking free text typed by people.

One rule decides what counts as blank (:func:`is_invisible`): posts, prompts and session
texts are checked with it here, and the CSV export uses it to see a formula behind
invisible leading characters.
"""

from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext as _

from facilitator.errors import DomainError

# C0/C1 control characters other than tab and newline; they only ever arrive by accident
# or malice and would corrupt a projector line or an export.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Categories that draw nothing by themselves: controls, format characters (zero-width
# space and joiners, bidi controls such as RLO, the BOM, tag characters), separators
# and spaces, combining marks (nothing to combine with when they stand alone) and
# surrogates. Not unassigned code points: to this Python they include the newest emoji.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Mc", "Me"})
# Letters and symbols that fonts draw as blank: Hangul fillers (choseong, jungseong,
# compatibility and half-width), the braille blank, and Khmer's inherent vowels.
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5")


def is_invisible(char: str) -> bool:
    """Whether ``char`` shows nothing on its own (a space, a control, a bare mark...)."""
    return char in _BLANK_GLYPHS or unicodedata.category(char) in _INVISIBLE_CATEGORIES


def strip_invisible_start(text: str) -> str:
    """``text`` without the invisible characters it starts with."""
    for index, char in enumerate(text):
        if not is_invisible(char):
            return text[index:]
    return ""


def clean_text(raw: object, max_chars: int, *, field: str = "text") -> str:
    """NFC-normalise and trim ``raw``; raise a clear error if it is empty or too long.

    Text made only of characters that show nothing (zero-width spaces, bidi controls,
    Hangul fillers, a braille blank, bare combining marks) is empty too: it would be a
    blank card on the projector. Length counts code points after normalisation, which
    is what people see as characters for every script we expect (Lakota, Vietnamese
    and Somali included).
    """
    if not isinstance(raw, str):
        raise DomainError("bad_payload", _("The %(field)s must be text.", field=field))
    if any("\ud800" <= char <= "\udfff" for char in raw):
        # A lone UTF-16 surrogate (JSON allows "\ud800"): it cannot be stored as UTF-8.
        raise DomainError(
            "text_invalid",
            _("Your text has a broken character that cannot be stored. Please retype it."),
        )
    text = unicodedata.normalize("NFC", raw)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not strip_invisible_start(text):
        raise DomainError("text_empty", _("Please write something before sending."))
    if len(text) > max_chars:
        raise DomainError(
            "text_too_long",
            _(
                "Your text is %(length)s characters; the limit is %(limit)s. Please shorten it.",
                length=f"{len(text):,}",
                limit=f"{max_chars:,}",
            ),
            length=len(text),
            limit=max_chars,
        )
    return text
