"""Cleaning and checking free text typed by people."""

from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext as _

from facilitator.errors import DomainError

# C0/C1 control characters other than tab and newline; they only ever arrive by accident
# or malice and would corrupt a projector line or an export.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(raw: object, max_chars: int, *, field: str = "text") -> str:
    """NFC-normalise and trim ``raw``; raise a clear error if it is empty or too long.

    Length counts code points after normalisation, which is what people see as
    characters for every script we expect (Lakota, Vietnamese and Somali included).
    """
    if not isinstance(raw, str):
        raise DomainError("bad_payload", _("The %(field)s must be text.", field=field))
    text = unicodedata.normalize("NFC", raw)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
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
