"""Which of the site's languages a post is written in.

py3langid (a maintained fork of langid.py) is restricted to the site's languages, so a
post is never labelled with a language nobody at the site speaks. Very short posts
("sí", "ok") say too little to tell: they take the language the phone is shown in.
The model loads once per process, on the first post (about 1.5 s); after that a post
takes well under a millisecond.
"""

from __future__ import annotations

import functools
import unicodedata

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Fewer letters than this, or a less certain guess, and the phone's language is used.
MIN_LETTERS = 12
MIN_CONFIDENCE = 0.9


@functools.cache
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def detect_language(
    text: str, languages: tuple[str, ...], fallback: str | None = None
) -> str | None:
    """The language of ``text`` among ``languages``, else ``fallback`` when unsure.

    ``fallback`` outside ``languages`` counts as none.
    """
    fallback = fallback if fallback in languages else None
    if len(languages) == 1:
        return languages[0]
    letters = sum(1 for ch in text if unicodedata.category(ch).startswith("L"))
    if letters < MIN_LETTERS:
        return fallback
    language, confidence = _identifier(tuple(sorted(languages))).classify(text)
    if confidence < MIN_CONFIDENCE:
        return fallback or str(language)
    return str(language)
