"""Themes in a real browser: Find themes with its progress, rename and merge, approve,
and "What we heard" on the projector; axe finds no violations on the new pages."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from facilitator.db import make_engine
from facilitator.models import Concern, ConcernStatus
from facilitator.privacy import new_client_key
from tests.browser.a11y import assert_accessible, small_targets
from tests.browser.conftest import screenshot, watch_errors
from tests.server_harness import PASSWORD, Server

TEXTS = [
    ("The streetlights on our block have been out for months", 6),
    ("Dark streets at night because the lights are broken", 3),
    ("Please fix the broken street lights near the park", 4),
    ("Police took an hour to come when we called for help", 5),
    ("Slow response times when we call the police", 2),
    ("Nobody came for an hour after my neighbour called", 3),
    ("Officers never say their names when they stop us", 1),
]


def sign_in(browser: Any, server: Server) -> Any:
    # bypass_csp: axe-core is injected as a script; the pages themselves need none inline.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(server.url + "/login")
    page.fill("input[name=username]", "facilitator")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{server.url}/facilitator/sessions/{server.session_id}")
    return page


def add_shown(server: Server) -> None:
    engine = make_engine(server.database_url)
    with Session(engine) as s, s.begin():
        for text, support in TEXTS:
            s.add(
                Concern(
                    session_id=server.session_id,
                    client_key=new_client_key(),
                    text=text,
                    status=ConcernStatus.SHOWN,
                    support_count=support,
                    redactions=[],
                    safety_kinds=[],
                )
            )
    engine.dispose()


def test_find_review_approve_and_project(browser: Any, server: Server) -> None:
    add_shown(server)
    errors: list[str] = []
    console = sign_in(browser, server)
    watch_errors(console, errors)
    display = browser.new_context(
        viewport={"width": 1280, "height": 720}, bypass_csp=True
    ).new_page()
    watch_errors(display, errors)
    display.goto(f"{server.url}/d/{server.code}")

    console.get_by_role("button", name="Find themes").click()
    # The worker process loads the model first (about a second): the bar shows meanwhile.
    console.locator("#t-progress").wait_for(state="visible", timeout=5_000)
    screenshot(console, "themes-progress")
    # The progress bar appears with a stage, then the run ends.
    console.locator("#t-message").get_by_text("Themes found.").wait_for(timeout=120_000)
    screenshot(console, "themes-console")
    console.get_by_role("link", name="Review the themes").click()
    console.get_by_role("heading", name="Run 1").wait_for()
    assert_accessible(console, "themes page")
    assert small_targets(console) == []
    screenshot(console, "themes-run")

    # A member links to its concern on the console.
    console.locator("article.theme a[href*='#concern-']").first.click()
    console.locator(".console-list li.linked").wait_for()
    console.go_back()
    console.get_by_role("heading", name="Run 1").wait_for()

    themes = console.locator("article.theme:not(#theme-other)")
    count = themes.count()
    assert count >= 1
    first = themes.first

    # Another facilitator's edit does not wipe a half-typed rename: the page waits.
    first.get_by_label("Name").fill("Half typed")
    other = sign_in(browser, server)
    watch_errors(other, errors)
    other.goto(console.url)
    last = other.locator("article.theme:not(#theme-other)").last
    last.get_by_label("Name").fill("Renamed elsewhere")
    last.get_by_role("button", name="Save name and summary").click()
    other.get_by_role("heading", name="Renamed elsewhere").wait_for()
    console.locator("#t-message").get_by_text("Another facilitator changed").wait_for()
    assert first.get_by_label("Name").input_value() == "Half typed"
    other.close()
    first.get_by_label("Name").fill("Street lights")
    first.get_by_role("button", name="Save name and summary").click()
    console.get_by_role("heading", name="Street lights").wait_for()
    if count > 1:
        console.locator("article.theme:not(#theme-other)").first.get_by_role(
            "button", name="Merge"
        ).click()
        console.wait_for_function(
            f"document.querySelectorAll('article.theme:not(#theme-other)').length === {count - 1}"
        )
    console.get_by_role("button", name="Approve this summary").click()
    console.get_by_role("link", name="Printable summary").wait_for()

    console.get_by_role("button", name="Show “What we heard” on the projector").click()
    display.get_by_role("heading", name="What we heard").wait_for()
    display.get_by_text("Street lights", exact=True).wait_for()
    assert_accessible(display, "display, What we heard")
    screenshot(display, "themes-display")
    console.get_by_role("link", name="Printable summary").click()
    console.get_by_role("heading", name="What we heard: Live test").wait_for()
    assert_accessible(console, "printable summary")
    screenshot(console, "themes-print")
    assert errors == []
