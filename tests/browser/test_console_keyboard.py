"""The facilitator console from the keyboard alone: sign in, approve, hide with a reason, pin.

Only key presses drive the page (Tab, Shift+Tab, Enter, Space, arrow keys and typing);
the test reads the page to know where the focus is, and never clicks.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select

from facilitator.db import make_engine
from facilitator.models import Concern
from tests.browser.a11y import focus_is_visible
from tests.browser.conftest import screenshot
from tests.server_harness import PASSWORD, Server, participant


def focused(page: Any, selector: str) -> bool:
    return page.evaluate(
        "s => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page: Any, selector: str, *, backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until the focus is on ``selector``; its focus must show."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if focused(page, selector):
            assert focus_is_visible(page), f"no visible focus indicator on {selector}"
            return
        page.keyboard.press(key)
    raise AssertionError(f"{limit} presses of {key} never reached {selector}")


def concern_row(server: Server, concern_id: int) -> Concern:
    engine = make_engine(server.database_url)
    with engine.connect() as conn:
        row = conn.execute(select(Concern).where(Concern.id == concern_id)).one()
    engine.dispose()
    return row


def test_moderating_with_the_keyboard_only(browser: Any, server: Server) -> None:
    phone = participant(server).connect()
    ids = [
        phone.call("post", {"client_key": secrets.token_hex(16), "text": text})["concern"]["id"]
        for text in (
            "Tell us when the body camera footage will be released.",
            "Spam spam spam, buy now.",
            "Officers should learn the names of the elders on our street.",
        )
    ]
    phone.close()
    first, spam, third = ids

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{server.url}/login?next=/facilitator/sessions/{server.session_id}")
    tab_to(page, "input[name=username]")
    page.keyboard.type("facilitator")
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/facilitator/sessions/{server.session_id}")
    for concern_id in ids:
        page.locator(f"#c-list li[data-id='{concern_id}']").wait_for()

    # Approve the first post: it leaves the "Waiting" list, and the focus stays in the
    # list, on the next post's Approve button, ready for the next decision.
    tab_to(page, f"li[data-id='{first}'] [data-act=approve]")
    page.keyboard.press("Enter")
    page.locator(f"#c-list li[data-id='{first}']").wait_for(state="detached")
    assert focused(page, "#c-list [data-act=approve]")
    # Over WebSocket the broadcast that removes the post and the ack that says "Done."
    # are separate frames: the first may be handled before the second arrives.
    page.wait_for_function("() => document.getElementById('c-message').innerText === 'Done.'")

    # Hide the spam, choosing its reason with the arrow keys on the closed <select>.
    # No reason is chosen beforehand: the author and the room see it.
    reason = f"#reason-{spam}"
    tab_to(page, reason)
    options = page.eval_on_selector(reason, "s => Array.from(s.options, o => o.value)")
    assert "spam" in options and page.eval_on_selector(reason, "s => s.value") == ""
    start = options.index(page.eval_on_selector(reason, "s => s.value"))
    for _ in range(options.index("spam") - start):
        page.keyboard.press("ArrowDown")
    assert page.eval_on_selector(reason, "s => s.value") == "spam"
    tab_to(page, f"li[data-id='{spam}'] [data-act=hide]")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.keyboard.press("Space")
    page.locator(f"#c-list li[data-id='{spam}']").wait_for(state="detached")
    assert "Spam or advertising" in asked[0]  # the confirmation names the reason

    # Pin the approved post: back (Shift+Tab) to the filters, list "Shown", then Pin.
    tab_to(page, "[data-filter=shown]", backwards=True)
    page.keyboard.press("Space")
    assert page.get_attribute("[data-filter=shown]", "aria-pressed") == "true"
    tab_to(page, f"li[data-id='{first}'] [data-act=pin]")
    page.keyboard.press("Enter")
    page.locator(f"li[data-id='{first}'] [data-act=unpin]").wait_for()
    screenshot(page, "console-keyboard")

    assert concern_row(server, first).status == "shown"
    assert concern_row(server, first).pinned
    assert concern_row(server, spam).status == "hidden"
    assert concern_row(server, spam).hide_reason == "spam"
    assert concern_row(server, third).status == "held"
