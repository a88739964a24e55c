"""Languages: complete catalogues, compiled at start-up, and the participant's choice."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

from facilitator import ROOT
from facilitator.config import Config
from facilitator.i18n import LANG_COOKIE, LANGUAGE_NAMES, compile_catalogues
from facilitator.models import ListeningSession

TRANSLATIONS = ROOT / "translations"
# Every language the app offers needs a complete catalogue; English is the msgids.
TRANSLATED = [code for code in Config.LANGUAGES if code != Config.BABEL_DEFAULT_LOCALE]
# Every %-directive, "%%" included: templates format each message (new-style gettext),
# so a translation must keep exactly the placeholders of its English original.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdif%]")
HOW_TO_UPDATE = (
    "run: pybabel extract -F babel.cfg -o translations/messages.pot --no-location "
    "--sort-output . && pybabel update -i translations/messages.pot -d translations "
    "--ignore-obsolete, then translate (README, Languages)"
)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """Every msgid in the code and templates now, extracted as the README says."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(pot), str(ROOT)]
    )
    with pot.open("rb") as handle:
        return {m.id: {str(loc[0]) for loc in m.locations} for m in read_po(handle) if m.id}


def test_committed_template_lists_every_message(extracted: dict[str, set[str]]) -> None:
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        committed = {m.id for m in read_po(handle) if m.id}
    missing = {msgid: sorted(where) for msgid, where in extracted.items() if msgid not in committed}
    assert not missing, f"messages.pot is out of date; {HOW_TO_UPDATE}: {missing}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(
    extracted: dict[str, set[str]], language: str
) -> None:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    problems = []
    for msgid, where in sorted(extracted.items()):
        message = catalog.get(msgid)
        if message is None or not message.string or not message.string.strip():
            problems.append(f"untranslated: {msgid!r} ({', '.join(sorted(where))})")
        elif message.fuzzy:
            problems.append(f"fuzzy (not used until checked): {msgid!r}")
        elif sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(message.string)):
            problems.append(f"placeholders differ: {msgid!r} -> {message.string!r}")
    assert not problems, f"{language}: {HOW_TO_UPDATE}\n" + "\n".join(problems)


def test_every_language_is_named_in_itself() -> None:
    assert set(Config.LANGUAGES) <= set(LANGUAGE_NAMES)


def test_catalogues_compile_when_missing_or_older_than_the_po(tmp_path: Path) -> None:
    # A fresh clone: the .po is there, the .mo (build output, ignored by git) is not.
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "messages.po"
    shutil.copy(TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po", po)
    mo = folder / "messages.mo"

    assert compile_catalogues(tmp_path) == [mo]
    with mo.open("rb") as handle:
        assert read_mo(handle).get("Quick exit").string == "Salida rápida"
    assert compile_catalogues(tmp_path) == []  # up to date: left alone

    later = mo.stat().st_mtime + 10
    os.utime(po, (later, later))  # the .po was edited (or pulled) after compiling
    assert compile_catalogues(tmp_path) == [mo]
    assert {p.name for p in folder.iterdir()} == {"messages.po", "messages.mo"}  # no temp file


def test_app_reads_the_repository_catalogues(app: Flask) -> None:
    assert app.config["BABEL_TRANSLATION_DIRECTORIES"] == str(TRANSLATIONS)
    assert (TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.mo").exists()


def html_lang(page: str) -> str:
    return re.search(r'<html lang="([^"]+)"', page).group(1)


def test_browser_language_is_the_default(client: FlaskClient) -> None:
    english = client.get("/join").get_data(as_text=True)
    assert html_lang(english) == "en" and "Join a listening session" in english
    spanish = client.get("/join", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    page = spanish.get_data(as_text=True)
    assert html_lang(page) == "es"
    for text in ("Entrar a una sesión de escucha", "Salida rápida", "Ayuda y seguridad"):
        assert text in page
    assert "Join a listening session" not in page


def test_lang_link_switches_the_participant_page_and_the_cookie_keeps_it(
    client: FlaskClient, ls: ListeningSession
) -> None:
    english_browser = {"Accept-Language": "en-US,en;q=0.9"}
    response = client.get(f"/j/{ls.code}?lang=es", headers=english_browser)
    # Back to the same page, without the parameter, the choice kept for a year.
    assert response.status_code == 302
    assert response.headers["Location"] == f"/j/{ls.code}"
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(LANG_COOKIE))
    assert cookie.startswith(f"{LANG_COOKIE}=es;")
    assert "Max-Age=31536000" in cookie and "SameSite=Lax" in cookie and "HttpOnly" in cookie

    page = client.get(f"/j/{ls.code}", headers=english_browser).get_data(as_text=True)
    assert html_lang(page) == "es"
    for text in ("Sus mensajes", "Pregunta actual", "Su preocupación", "Enviar", "Salida rápida"):
        assert text in page
    assert "Your posts" not in page
    # The strings handed to participant.js are Spanish too.
    strings = json.loads(
        re.search(r'<script type="application/json" id="i18n">(.*?)</script>', page).group(1)
    )
    assert strings["me_too"] == "Yo también"
    assert strings["offline"].startswith("Guardado en este teléfono")

    back = client.get(f"/j/{ls.code}?lang=en", headers=english_browser)
    assert back.headers["Location"] == f"/j/{ls.code}"
    page = client.get(f"/j/{ls.code}", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert html_lang(page) == "en" and "Your posts" in page  # the choice beats the browser


def test_switch_keeps_the_rest_of_the_address(client: FlaskClient, ls: ListeningSession) -> None:
    response = client.get(f"/j/{ls.code}?code=other&x=1&lang=es")
    assert response.headers["Location"] == f"/j/{ls.code}?x=1"
    page = client.get(f"/j/{ls.code}?x=1").get_data(as_text=True)
    assert f'href="/j/{ls.code}?x=1&amp;lang=en"' in page


def test_unknown_language_is_ignored(client: FlaskClient) -> None:
    response = client.get("/join?lang=xx")
    assert response.status_code == 200 and html_lang(response.get_data(as_text=True)) == "en"
    assert not any(h.startswith(LANG_COOKIE) for h in response.headers.getlist("Set-Cookie"))


def test_language_switch_is_on_every_participant_screen(
    client: FlaskClient, ls: ListeningSession
) -> None:
    join = client.get("/join", headers={"Accept-Language": "es"}).get_data(as_text=True)
    session = client.get(f"/j/{ls.code}").get_data(as_text=True)
    # A post refused by the server re-renders the page; its links must lead to a GET page.
    refused = client.post(f"/j/{ls.code}/concerns", data={"text": " ", "client_key": "x" * 22})
    assert refused.status_code == 400
    for page, path, current in (
        (join, "/join", "es"),
        (session, f"/j/{ls.code}", "en"),
        (refused.get_data(as_text=True), f"/j/{ls.code}", "en"),
    ):
        nav = re.search(r'<nav class="lang-switch" aria-label="[^"]+">.*?</nav>', page, re.S)
        assert nav, "no language switch"
        links = re.findall(
            r'<a href="([^"]+)" lang="(\w+)" hreflang="(\w+)"( aria-current="true")?>([^<]+)</a>',
            nav.group(0),
        )
        assert [(href, lang, hreflang, name) for href, lang, hreflang, _c, name in links] == [
            (f"{path}?lang=en", "en", "en", "English"),
            (f"{path}?lang=es", "es", "es", "Español"),
        ]
        assert [lang for _h, lang, _l, marked, _n in links if marked] == [current]


def switch_links(page: str) -> list[tuple[str, str, bool]]:
    """(href, lang, marked current) of each link in the page's language switch."""
    nav = re.search(r'<nav class="lang-switch" aria-label="[^"]+">.*?</nav>', page, re.S)
    assert nav, "no language switch"
    return [
        (href, lang, bool(marked))
        for href, lang, marked in re.findall(
            r'<a href="([^"]+)" lang="(\w+)" hreflang="\w+"( aria-current="true")?>',
            nav.group(0),
        )
    ]


def test_language_switch_is_on_facilitator_pages(staff: FlaskClient, ls: ListeningSession) -> None:
    base = "/facilitator"
    for path in (f"{base}/", f"{base}/sessions/{ls.id}", f"{base}/sessions/new"):
        page = staff.get(f"{path}?lang=es", follow_redirects=True)
        assert page.status_code == 200, path
        assert switch_links(page.get_data(as_text=True)) == [
            (f"{path}?lang=en", "en", False),
            (f"{path}?lang=es", "es", True),
        ]


def test_language_switch_after_a_facilitator_post_leads_to_a_get_page(app: Flask) -> None:
    from facilitator.i18n import language_links

    with app.test_request_context("/facilitator/sessions/1/status", method="POST"):
        app.preprocess_request()
        assert [link["url"] for link in language_links()] == [
            "/facilitator/?lang=en",
            "/facilitator/?lang=es",
        ]


def test_quick_exit_forgets_the_language_choice(client: FlaskClient) -> None:
    client.get("/join?lang=es")
    response = client.get("/bye")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(LANG_COOKIE))
    assert "Max-Age=0" in cookie or "expires=Thu, 01 Jan 1970" in cookie
