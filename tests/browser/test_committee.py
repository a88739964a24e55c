"""After the meeting, in a real browser: the committee agrees on an action item and
publishes it, and a phone that scanned the session's QR code sees the report-back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from facilitator.extensions import db
from facilitator.models import Affiliation, InitiativeMember, ListeningSession
from facilitator.services.accounts import Roles, create_user
from facilitator.services.sessions import transition_session
from tests.browser.conftest import phone_context, screenshot, watch_errors
from tests.server_harness import PASSWORD, Server


def _committee(server: Server) -> None:
    """A police and a community member of the session's initiative; the session ends."""
    app = server.app()
    with app.app_context(), db.writing() as s:
        for name, side in (("sgt-ramos", Affiliation.POLICE), ("ms-lee", Affiliation.COMMUNITY)):
            user = create_user(
                s,
                name,
                PASSWORD,
                roles=Roles(is_facilitator=False, is_committee_member=True, affiliation=side),
            )
            s.add(InitiativeMember(initiative_id=server.initiative_id, user_id=user.id))
        ls = s.get(ListeningSession, server.session_id)
        transition_session(s, ls, "close", None)
    db.session.remove()
    db.engine.dispose()


def _member(browser: Any, server: Server, username: str) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(server.url + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{server.url}/committee/{server.initiative_id}/")
    return page


def test_joint_item_accepted_by_both_sides_published_and_seen_on_a_phone(
    browser: Any, server: Server
) -> None:
    _committee(server)
    errors: list[str] = []
    police = _member(browser, server, "sgt-ramos")
    watch_errors(police, errors)
    police.get_by_role("link", name="New action item").click()
    police.get_by_label("What will be done").fill("Release body camera video within 30 days")
    police.get_by_label("You said: what residents said").fill(
        "Many people asked when the video of the shooting would be released."
    )
    police.get_by_label("One quote (optional)").fill("Officer Smith said we would never see it")
    police.get_by_label("Response").select_option(label="Change a policy")
    police.get_by_label("Owner").select_option(label="Police and community, jointly")
    due = (datetime.now(UTC).date() + timedelta(days=45)).isoformat()
    police.get_by_label("Due date").fill(due)
    police.get_by_role("button", name="Propose").click()
    police.get_by_text("Action item proposed.").wait_for()
    item_url = police.url

    police.get_by_label("New status").select_option(label="Accepted")
    police.get_by_label("Why (public once the item is published)").fill("We can change it by June")
    police.get_by_role("button", name="Change the status").click()
    police.get_by_text("It now waits for a member from Community partner").wait_for()
    police.get_by_role("button", name="Publish on the report-back").click()
    police.get_by_text("accepted it").wait_for()  # a joint item is not public yet

    community = _member(browser, server, "ms-lee")
    watch_errors(community, errors)
    community.get_by_text("waiting for a sign-off from Community partner").wait_for()
    community.goto(item_url)
    community.get_by_label("New status").select_option(label="Accepted")
    community.get_by_label("Why (public once the item is published)").fill("Agreed with the family")
    community.get_by_role("button", name="Change the status").click()
    community.get_by_text("Status changed.").wait_for()
    community.get_by_role("button", name="Publish on the report-back").click()
    community.get_by_text("Published: residents see it").wait_for()
    screenshot(community, "committee-item")

    for javascript in (True, False):
        context = phone_context(browser, java_script_enabled=javascript)
        phone = context.new_page()
        if javascript:
            watch_errors(phone, errors)
        phone.goto(f"{server.url}/j/{server.code}")
        phone.get_by_role("heading", name="What we heard").wait_for()
        card = phone.locator("article.item-card")
        assert "Release body camera video within 30 days" in card.inner_text()
        assert "Accepted" in card.inner_text()
        assert "Smith" not in card.inner_text()  # the quote was redacted
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        screenshot(phone, f"report-back-{'js' if javascript else 'nojs'}")
        phone.get_by_role("button", name="Partly").click()
        phone.get_by_text("Your answer is counted").wait_for()
        context.close()
    community.reload()
    community.get_by_text("Partly: 2").wait_for()
    assert errors == []
