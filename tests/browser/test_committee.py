"""After the meeting, in a real browser: the committee agrees on an action item and
publishes it, and a phone that scanned the session's QR code sees the report-back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import Affiliation, Initiative, InitiativeMember, ListeningSession, User
from facilitator.services.accounts import Roles, create_user
from facilitator.services.initiatives import assign_session
from facilitator.services.sessions import SessionDetails, create_session, transition_session
from tests.browser.conftest import phone_context, screenshot, watch_errors
from tests.server_harness import PASSWORD, Server
from tests.themes_helpers import approved_summary_in


def _committee(server: Server, themes: bool = False) -> None:
    """A police and a community member of the session's initiative; the session ends.

    With ``themes``, the session and a second session of the initiative each get an
    approved theme summary first (cameras and lights, in English and in Spanish).
    """
    app = server.app()
    with app.app_context(), db.writing() as s:
        if themes:
            staff = s.scalars(select(User)).first()
            first = s.get(ListeningSession, server.session_id)
            second = create_session(
                s,
                SessionDetails(title="Second session", purpose="", ground_rules="", prompts=["?"]),
                staff,
            )
            assign_session(s, second, s.get(Initiative, server.initiative_id), staff)
            transition_session(s, second, "open", staff)
            approved_summary_in(s, first, staff, FIRST_THEMES)
            approved_summary_in(s, second, staff, SECOND_THEMES)
            transition_session(s, second, "close", staff)
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


FIRST_THEMES = {
    "Body camera video": [
        "release the body camera video of the shooting",
        "we need to see the bodycam footage now",
        "why is the police camera video still secret",
        "show the families the body cam recordings",
        "publish the camera footage so we know the truth",
    ],
    "Street lights": [
        "the street lights on our block have been out for months",
        "it is so dark at night, fix the broken lamps",
        "we need more lighting in the park and on the corners",
        "install lights by the bus stop",
        "dark streets are dangerous, fix the lights",
    ],
}
SECOND_THEMES = {
    "Video de las cámaras": [
        "queremos ver el video de las cámaras corporales",
        "publiquen el video de la policía ya",
        "las familias merecen ver la grabación de la cámara",
        "por qué esconden el video de la cámara",
        "muestren las grabaciones de las cámaras del policía",
    ],
    "Luces de la calle": [
        "las luces de la calle no funcionan y da miedo caminar",
        "pongan más luz en el parque",
        "la calle está muy oscura de noche",
        "arreglen los faroles rotos de mi cuadra",
        "necesitamos alumbrado en la parada del autobús",
    ],
}


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


def test_a_member_links_themes_across_sessions_and_answers_them_publicly(
    browser: Any, server: Server
) -> None:
    _committee(server, themes=True)
    errors: list[str] = []
    community = _member(browser, server, "ms-lee")
    watch_errors(community, errors)
    community.get_by_role("link", name="Themes across sessions").click()
    community.get_by_role("button", name="Look for links again").click()
    community.get_by_text("New link suggestions: 2.").wait_for()
    suggestion = community.locator("li.item-card", has_text="Body camera video")
    assert "Video de las cámaras" in suggestion.inner_text()  # English and Spanish, alike
    suggestion.get_by_role("button", name="Same thing: link them").click()
    community.get_by_text("The themes are linked.").wait_for()
    topic = community.locator(
        "article", has=community.get_by_role("heading", name="Body camera video")
    )
    assert topic.locator("svg.topic-chart rect").count() == 2  # one bar per session
    screenshot(community, "committee-themes-linked")
    topic.get_by_role("link", name="Answer with an action item").click()
    assert community.get_by_label("What will be done").input_value() == "Body camera video"
    ticked = community.locator("input[name=themes]:checked")
    assert ticked.count() == 2  # the linked theme of each session
    community.get_by_label("What will be done").fill("Release body camera video within 30 days")
    community.get_by_label("Owner").select_option(label="Police and community, jointly")
    community.get_by_role("button", name="Propose").click()
    community.get_by_text("Action item proposed.").wait_for()
    item_url = community.url
    community.get_by_label("New status").select_option(label="Accepted")
    community.get_by_label("Why (public once the item is published)").fill("Families asked for it")
    community.get_by_role("button", name="Change the status").click()
    community.get_by_text("It now waits for a member from Police").wait_for()

    police = _member(browser, server, "sgt-ramos")
    watch_errors(police, errors)
    police.goto(item_url)
    police.get_by_label("New status").select_option(label="Accepted")
    police.get_by_label("Why (public once the item is published)").fill("The chief agreed")
    police.get_by_role("button", name="Change the status").click()
    police.get_by_text("Status changed.").wait_for()
    police.get_by_role("button", name="Publish on the report-back").click()
    police.get_by_text("Published: residents see it").wait_for()

    for javascript in (True, False):
        context = phone_context(browser, java_script_enabled=javascript)
        phone = context.new_page()
        if javascript:
            watch_errors(phone, errors)
        phone.goto(f"{server.url}/j/{server.code}")
        heard = phone.locator("section", has=phone.get_by_role("heading", name="What we heard"))
        heard.get_by_role("heading", name="Body camera video").wait_for()
        assert "5 concerns" in heard.inner_text()
        heard.get_by_role("link", name="Release body camera video within 30 days").click()
        assert phone.url.endswith("#item-1")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        screenshot(phone, f"report-back-heard-{'js' if javascript else 'nojs'}")
        context.close()
    assert errors == []
