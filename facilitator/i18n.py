"""Languages: which one a request is answered in, the participant's switch, the catalogues.

The order a language is chosen in: an explicit ``?lang=`` link, then the ``cg_lang``
cookie that link set, then the browser's Accept-Language, then English. Catalogues are
plain ``.po`` files in ``translations/``; their compiled ``.mo`` files are build output
(not committed) and are made at start-up when missing or older than the ``.po``.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, Response, current_app, redirect, request, url_for
from flask_babel import get_locale

from facilitator.extensions import babel

log = logging.getLogger(__name__)

LANG_COOKIE = "cg_lang"
LANG_COOKIE_MAX_AGE = 60 * 60 * 24 * 365
# Each language named in itself, so someone who cannot read the current page still
# recognises their own. Add one line here when a catalogue is added.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def compile_catalogues(directory: Path) -> list[Path]:
    """Write ``messages.mo`` next to each ``.po`` that is newer than it (or has none).

    Fuzzy entries are left out, so an unchecked translation falls back to English.
    Returns the files written. The write goes through a temporary file and a rename,
    so several server processes starting together never read a half-written file.
    """
    written: list[Path] = []
    for po_path in sorted(directory.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parent.parent.name)
        fd, tmp_name = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                write_mo(handle, catalog)
            os.replace(tmp_name, mo_path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        written.append(mo_path)
    return written


def _known(code: str | None) -> str | None:
    return code if code in current_app.config["LANGUAGES"] else None


def ui_language(requested: object = None) -> str:
    """The language the caller's screen is shown in: ``requested`` if it is one of ours.

    A phone says which language its page is in; without that, the request's locale.
    """
    if isinstance(requested, str) and _known(requested):
        return requested
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def select_locale() -> str | None:
    """``?lang``, then the ``cg_lang`` cookie, then Accept-Language; None means English."""
    if not request:
        return None
    return (
        _known(request.args.get("lang"))
        or _known(request.cookies.get(LANG_COOKIE))
        or request.accept_languages.best_match(current_app.config["LANGUAGES"])
    )


def _remember_choice() -> Response | None:
    """A ``?lang=xx`` link: keep the choice in a cookie and go back to the same page."""
    code = _known(request.args.get("lang"))
    if code is None or request.method not in {"GET", "HEAD"} or request.endpoint is None:
        return None
    view_args = request.view_args or {}
    # url_for, not request.path: a path like //other.example must not become a redirect.
    response = redirect(url_for(request.endpoint, **view_args, **_query(view_args)))
    response.set_cookie(
        LANG_COOKIE,
        code,
        max_age=LANG_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )
    return response


def _query(view_args: dict[str, Any]) -> dict[str, list[str]]:
    """This request's query string without ``lang`` (nor names the URL path already has)."""
    return {
        name: values
        for name, values in request.args.to_dict(flat=False).items()
        if name != "lang" and name not in view_args
    }


def language_links() -> list[dict[str, Any]]:
    """One link per language back to this page, for the language switch in the headers."""
    current = str(get_locale() or "en")
    endpoint = request.endpoint
    view_args = dict(request.view_args or {})
    args = _query(view_args)
    rule = request.url_rule
    if endpoint is None or rule is None or "GET" not in (rule.methods or ()):
        # A page shown after a failed POST (a post re-rendered with its error): the
        # link leads to a page reached by GET. For a participant, the session's page
        # or else the join page; for a facilitator, the list of sessions.
        join_code = view_args.get("code")
        if request.blueprint != "participant":
            endpoint, view_args, args = "sessions.index", {}, {}
        elif join_code:
            endpoint, view_args, args = "participant.session", {"code": join_code}, {}
        else:
            endpoint, view_args, args = "participant.join", {}, {}
    return [
        {
            "code": code,
            "name": LANGUAGE_NAMES.get(code, code),
            "url": url_for(endpoint, **view_args, **args, lang=code),
            "current": code == current,
        }
        for code in current_app.config["LANGUAGES"]
    ]


def init_app(app: Flask, translations: Path) -> None:
    """Compile the catalogues if needed and attach Flask-Babel with our locale selector."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(translations))
    try:
        compile_catalogues(translations)
    except OSError:
        # A read-only checkout without compiled catalogues: the app still runs, in
        # English. Loud in the log, because residents who need Spanish would notice first.
        log.exception("could not compile the translation catalogues in %s", translations)
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(_remember_choice)
    app.context_processor(lambda: {"language_links": language_links})
