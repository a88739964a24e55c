"""The projector in Spanish, or in English and Spanish at once (?show=es, ?show=both)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from facilitator.db import make_engine
from facilitator.models import ListeningSession
from tests.browser.conftest import screenshot, watch_errors
from tests.server_harness import Server, facilitator


def test_display_shows_both_languages_live(browser: Any, server: Server) -> None:
    engine = make_engine(server.database_url)
    with engine.begin() as conn:
        conn.execute(
            update(ListeningSession)
            .where(ListeningSession.id == server.session_id)
            .values(title_es="Prueba en vivo")
        )
    engine.dispose()
    page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    errors: list[str] = []
    watch_errors(page, errors)
    page.goto(f"{server.url}/d/{server.code}?show=both")
    page.locator("#conn").wait_for(state="hidden")
    console = facilitator(server).connect()
    assert console.call("set_status", {"action": "pause"})["ok"]
    banner = page.locator("#d-status")
    banner.wait_for()
    page.wait_for_function("document.querySelector('#d-status .display-second') !== null")
    text = banner.inner_text()
    assert "Posting is paused" in text and "El envío de mensajes está en pausa" in text
    assert "Prueba en vivo" in page.locator("#d-title").inner_text()
    screenshot(page, "display-both-languages")
    spanish = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    spanish.goto(f"{server.url}/d/{server.code}?show=es")
    assert spanish.locator("#d-title").inner_text() == "Prueba en vivo"
    assert "Posting is paused" not in spanish.locator("#d-status").inner_text()
    console.close()
    assert errors == []
