"""The participant page on a small phone (360 x 740): the box to write in is on the first
screen, the sticky bar is small, and the disclosures look like something to tap."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from facilitator.db import make_engine
from facilitator.models import Concern, ListeningSession
from tests.browser.conftest import phone_context, screenshot
from tests.server_harness import Server

# As long as a real session's framing was at the first use.
PURPOSE = (
    "After the shooting on Elm Street in March, the police department and Eastside "
    "Victim Services want to hear what you need. What you write is grouped into themes "
    "and answered in public at the next meeting."
)
RULES = "Speak from your own experience.\nNo names of officers or neighbours.\nBe kind."


def _realistic(server: Server) -> None:
    engine = make_engine(server.database_url)
    with engine.begin() as conn:
        conn.execute(
            update(ListeningSession)
            .where(ListeningSession.id == server.session_id)
            .values(
                title="Listening session: Eastside, after March 14",
                purpose=PURPOSE,
                ground_rules=RULES,
            )
        )
    engine.dispose()


def test_the_text_box_is_on_the_first_screen_of_a_small_phone(browser: Any, server: Server) -> None:
    _realistic(server)
    phone = phone_context(browser).new_page()
    phone.goto(f"{server.url}/j/{server.code}")
    box = phone.locator("#text").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 740, box
    bar = phone.locator(".participant-bar").bounding_box()
    assert bar is not None and bar["height"] <= 740 * 0.1, bar
    screenshot(phone, "phone-first-screen")


def test_disclosures_show_that_they_open(browser: Any, server: Server) -> None:
    _realistic(server)
    phone = phone_context(browser).new_page()
    phone.goto(f"{server.url}/j/{server.code}")
    for summary in phone.locator("details.panel > summary").all():
        marker = summary.evaluate("s => getComputedStyle(s, '::before').content")
        assert marker not in ("none", "normal", ""), marker
        border = summary.evaluate("s => getComputedStyle(s).borderTopStyle")
        assert border != "none"
    first = phone.locator("details.panel").first
    closed = first.locator("summary").evaluate("s => getComputedStyle(s, '::before').transform")
    first.locator("summary").click()
    opened = first.locator("summary").evaluate("s => getComputedStyle(s, '::before').transform")
    assert first.get_attribute("open") is not None and opened != closed


def test_a_short_post_from_a_spanish_phone_is_stored_as_spanish(
    browser: Any, server: Server
) -> None:
    phone = phone_context(browser).new_page()
    phone.goto(f"{server.url}/j/{server.code}?lang=es")
    phone.fill("#text", "Sí, más luz")  # too short for the detector: the page's language
    phone.click("#post-button")
    phone.locator("#mine .mine-item.status-held").first.wait_for()
    engine = make_engine(server.database_url)
    with engine.connect() as conn:
        language = conn.execute(select(Concern.language)).scalar_one()
    engine.dispose()
    assert language == "es"
