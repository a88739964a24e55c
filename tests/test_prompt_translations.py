"""Prompts in two languages: the edit form, the display, the participant page, payloads."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import ListeningSession
from tests.conftest import display_socket, events, make_session

FORM = {
    "title": "Eastside listening session",
    "purpose": "",
    "ground_rules": "",
    "moderation_mode": "show_immediately",
}
PROMPTS = "What should change after what happened?\nWhat would help you feel safe?"
PROMPTS_ES = "¿Qué debería cambiar después de lo que pasó?\n-"


def edit(staff: FlaskClient, ls: ListeningSession, prompts: str, prompts_es: str) -> str:
    response = staff.post(
        f"/facilitator/sessions/{ls.id}/edit",
        data={**FORM, "prompts": prompts, "prompts_es": prompts_es},
    )
    assert response.status_code in (200, 302)
    return response.get_data(as_text=True)


def reload(ls: ListeningSession) -> ListeningSession:
    db.session.expire_all()
    return db.session.get(ListeningSession, ls.id)


def test_spanish_prompts_are_matched_line_by_line(staff: FlaskClient, ls: ListeningSession) -> None:
    edit(staff, ls, PROMPTS, PROMPTS_ES)
    ls = reload(ls)
    assert [(p.text, p.text_es) for p in ls.prompts] == [
        ("What should change after what happened?", "¿Qué debería cambiar después de lo que pasó?"),
        ("What would help you feel safe?", None),  # "-": no Spanish version
    ]
    assert ls.current_prompt.to_dict()["text_es"] == "¿Qué debería cambiar después de lo que pasó?"
    # The form comes back as the facilitator wrote it, dash included.
    form = staff.get(f"/facilitator/sessions/{ls.id}/edit").get_data(as_text=True)
    assert re.search(
        r'<textarea[^>]*lang="es"[^>]*>\s*¿Qué debería cambiar[^<]*\n-</textarea>', form
    )


def test_a_missing_spanish_line_is_refused_not_guessed(
    staff: FlaskClient, ls: ListeningSession
) -> None:
    page = edit(staff, ls, PROMPTS, "¿Qué debería cambiar después de lo que pasó?")
    assert "Prompts: 2. Spanish lines: 1." in page
    assert "¿Qué debería cambiar después de lo que pasó?" in page  # what was typed is kept
    assert all(p.text_es is None for p in reload(ls).prompts)


def test_create_with_spanish_prompts(staff: FlaskClient) -> None:
    response = staff.post(
        "/facilitator/sessions/new", data={**FORM, "prompts": PROMPTS, "prompts_es": PROMPTS_ES}
    )
    assert response.status_code == 302
    ls = db.session.scalar(select(ListeningSession))
    assert [p.text_es for p in ls.prompts] == ["¿Qué debería cambiar después de lo que pasó?", None]


def test_display_shows_the_prompt_in_both_languages(
    app: Flask, client: FlaskClient, staff: FlaskClient, ls: ListeningSession
) -> None:
    edit(staff, ls, PROMPTS, PROMPTS_ES)
    page = client.get(f"/d/{ls.code}").get_data(as_text=True)
    heading = re.search(r'<h1 class="display-prompt" id="d-prompt">(.*?)</h1>', page, re.S).group(1)
    assert heading.startswith("What should change after what happened?")
    assert re.search(
        r'<span class="display-prompt-second" id="d-prompt-es" lang="es">'
        r"¿Qué debería cambiar después de lo que pasó\?</span>",
        heading,
    )
    # Live screens get both versions too.
    snapshot = events(display_socket(app, ls.code), "snapshot")[0]
    assert snapshot["session"]["current_prompt"]["text_es"] == (
        "¿Qué debería cambiar después de lo que pasó?"
    )


def test_display_without_a_translation_shows_one_language(
    client: FlaskClient, ls: ListeningSession
) -> None:
    page = client.get(f"/d/{ls.code}").get_data(as_text=True)
    assert "What should change after what happened?" in page
    assert "d-prompt-es" not in page


def test_participant_sees_the_prompt_in_their_language(
    app: Flask, staff: FlaskClient, ls: ListeningSession
) -> None:
    edit(staff, ls, PROMPTS, PROMPTS_ES)
    prompt = re.compile(r'<p class="prompt-text" id="prompt-text">([^<]*)</p>')
    browser = app.test_client()
    english = browser.get(f"/j/{ls.code}").get_data(as_text=True)
    assert prompt.search(english).group(1) == "What should change after what happened?"
    spanish = browser.get(f"/j/{ls.code}", headers={"Accept-Language": "es"})
    assert prompt.search(spanish.get_data(as_text=True)).group(1) == (
        "¿Qué debería cambiar después de lo que pasó?"
    )


def test_a_prompt_without_spanish_falls_back_to_english(app: Flask) -> None:
    ls = make_session(app, prompts=("Only in English?",))
    page = app.test_client().get(f"/j/{ls.code}?lang=es", follow_redirects=True)
    assert "Only in English?" in page.get_data(as_text=True)
