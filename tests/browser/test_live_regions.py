"""Screen readers hear what changes on their own: new concerns and session status."""

from __future__ import annotations

import secrets
from typing import Any

from tests.browser.conftest import phone_context
from tests.server_harness import Server, facilitator, participant


def live_text(page: Any, selector: str, expected: str) -> None:
    """Wait until the live region at ``selector`` says ``expected``; check it is live."""
    region = page.locator(selector)
    assert (region.get_attribute("aria-live") == "polite") or (
        region.get_attribute("role") == "status"
    ), f"{selector} is not a live region"
    page.wait_for_function(
        "([s, text]) => document.querySelector(s).textContent.includes(text)",
        arg=[selector, expected],
        timeout=15_000,
    )


def test_new_concerns_and_status_changes_are_announced(browser: Any, server: Server) -> None:
    console = browser.new_context(viewport={"width": 1280, "height": 900})
    name, value = server.staff_cookie().split("=", 1)
    console.add_cookies([{"name": name, "value": value, "url": server.url}])
    desk = console.new_page()
    desk.goto(f"{server.url}/facilitator/sessions/{server.session_id}")
    desk.locator("#c-empty").wait_for()
    phone = phone_context(browser).new_page()
    phone.goto(f"{server.url}/j/{server.code}")
    phone.locator("#mine-empty").wait_for()
    desk.wait_for_function("() => document.getElementById('conn').hidden")

    other = participant(server).connect()
    staff = facilitator(server).connect()
    try:
        text = "The streetlights on our block have been out since spring."
        ack = other.call("post", {"client_key": secrets.token_hex(16), "text": text})
        # The console hears of a post waiting for review...
        live_text(desk, "#c-announce", "New concern waiting for review: " + text)
        # ...and the phones hear of it once it is on the screen.
        assert staff.call("approve", {"concern_id": ack["concern"]["id"]})["ok"]
        live_text(phone, "#announce", text)
        # A status change made at another facilitator's laptop reaches both.
        assert staff.call("set_status", {"action": "pause"})["ok"]
        live_text(desk, "#c-announce", "Session status: Paused")
        live_text(phone, "#status-banner", "Posting is paused")
    finally:
        other.close()
        staff.close()
        console.close()
