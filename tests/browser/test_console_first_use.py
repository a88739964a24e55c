"""Console flows from the first real use (issue 8): a merge leaves no box ticked, an
entry made while posting is paused is added and says it is shown, a post held for
safety is announced with who can read it, and a closed session can be reopened."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import update

from facilitator.db import make_engine
from facilitator.models import User
from tests.browser.conftest import screenshot, watch_errors
from tests.server_harness import PASSWORD, Server, participant


def _console(browser: Any, server: Server) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{server.url}/login?next=/facilitator/sessions/{server.session_id}")
    page.fill("input[name=username]", "facilitator")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/facilitator/sessions/{server.session_id}")
    return page


def test_console_first_use_flows(browser: Any, server: Server) -> None:
    phone = participant(server).connect()
    ids = [
        phone.call("post", {"client_key": secrets.token_hex(16), "text": text})["concern"]["id"]
        for text in (
            "Street lights on Elm are out",
            "Elm street is dark at night",
            "I don't want to live anymore",
        )
    ]
    phone.close()
    a, b, safety = ids
    page = _console(browser, server)
    errors: list[str] = []
    watch_errors(page, errors)
    page.locator(f"#c-list li[data-id='{a}']").wait_for()

    # Waiting matches its card; the post held for safety is announced, with the fix.
    assert page.locator("[data-count=held]").inner_text() == "2"
    assert page.locator("[data-fcount=held]").inner_text() == "(2)"
    note = page.locator("#safety-note")
    note.wait_for()
    assert "nobody who can open this session is one" in note.inner_text()
    assert "under Accounts" in note.inner_text()
    assert page.locator(f"li[data-id='{safety}']").count() == 0

    # Hide without a reason: refused in words, nothing sent.
    page.click(f"li[data-id='{a}'] [data-act=hide]")
    assert "Choose a reason" in page.locator("#c-message").inner_text()

    # Merge: afterwards no checkbox stays ticked, the kept post's included.
    page.check(f"#sel-{a}")
    page.check(f"#sel-{b}")
    page.select_option("#merge-target", str(a))
    page.click("#merge-button")
    page.locator(f"#c-list li[data-id='{b}']").wait_for(state="detached")
    # The merged post may leave the list (its broadcast) before the merge's ack clears
    # the selection: wait for what a person sees once both have arrived.
    page.locator("#bulk").wait_for(state="hidden", timeout=10_000)
    page.wait_for_function(
        "() => document.querySelectorAll('#c-list input[type=checkbox]:checked').length === 0",
        timeout=10_000,
    )

    # Pause, then enter a concern for someone: it is added, and the console says it is
    # shown without approval.
    page.click("[data-status=pause]")
    page.locator("[data-status=resume]").wait_for()
    page.fill("#behalf-text", "No bus after 9pm on Elm")
    page.click("#behalf-form button[type=submit]")
    page.get_by_text("needs no approval").wait_for()
    assert page.locator("#behalf-text").input_value() == ""

    # Close, then reopen after a confirmation.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-status=close]")
    page.locator("[data-status=reopen]").wait_for()
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.click("[data-status=reopen]")
    page.locator("[data-status=pause]").wait_for()
    assert "Reopen" in asked[0]
    screenshot(page, "console-first-use")
    assert errors == []


def test_safety_moderator_resolves_privately(browser: Any, server: Server) -> None:
    engine = make_engine(server.database_url)
    with engine.begin() as conn:
        conn.execute(
            update(User).where(User.username == "facilitator").values(is_safety_moderator=True)
        )
    engine.dispose()
    phone = participant(server).connect()
    concern_id = phone.call(
        "post", {"client_key": secrets.token_hex(16), "text": "I want to kill myself"}
    )["concern"]["id"]
    phone.close()
    page = _console(browser, server)
    note = page.locator("#safety-note")
    note.wait_for()
    assert "wait for you" in note.inner_text()
    assert page.locator("[data-fcount=held]").inner_text() == "(0)"
    page.click("[data-filter=safety]")
    item = page.locator(f"#c-list li[data-id='{concern_id}']")
    item.wait_for()
    assert page.locator("[data-fcount=safety]").inner_text() == "(1)"
    item.get_by_role("button", name="Resolved privately").click()
    item.wait_for(state="detached")
    page.goto(f"{server.url}/facilitator/sessions/{server.session_id}/log")
    body = page.locator("main").inner_text()
    assert "Resolved privately" in body and "kill myself" not in body
