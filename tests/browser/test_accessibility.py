"""WCAG 2.2 AA on every page, in a real browser: axe-core, 24 px targets, 320 px reflow.

One server for the whole module, filled once with concerns in every state, so each page
is checked as people see it during a session rather than empty. Every page also leaves a
screenshot in $SCREENSHOT_DIR.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from facilitator import create_app
from facilitator.db import make_engine
from facilitator.extensions import db
from facilitator.migrate import upgrade_database
from facilitator.models import Affiliation, Concern, InitiativeMember, User
from facilitator.services.accounts import Roles, create_user
from facilitator.services.action_items import (
    ItemDetails,
    change_status,
    create_item,
    publish_item,
)
from facilitator.services.initiatives import InitiativeDetails, assign_session, create_initiative
from facilitator.services.sessions import SessionDetails, create_session, transition_session
from tests.browser.a11y import (
    assert_accessible,
    axe_path,
    horizontal_overflow,
    require_axe,
    small_targets,
    too_wide,
)
from tests.browser.conftest import phone_context, screenshot
from tests.conftest import database_url, reset_database
from tests.server_harness import Client, Server, facilitator, participant
from tests.themes_helpers import approved_summary_in

LAPTOP = {"width": 1280, "height": 900}


@dataclass
class Site:
    server: Server
    empty_code: str  # an open session nobody has posted in yet
    committee: str  # the committee workspace of an initiative with a published item
    my_phone: Any  # the browser context of a phone with posts of its own
    staff_cookie: str


def _cookie(server: Server, header: str) -> dict[str, Any]:
    name, value = header.split("=", 1)
    return {"name": name, "value": value, "url": server.url}


# The ended session's approved themes: two shown on the report-back, one folded away.
REPORTED_THEMES = {
    "Street lighting": [f"the street lights on my block are out ({n})" for n in range(6)],
    "Body camera footage": [f"release the body camera video ({n})" for n in range(5)],
    "Parking": ["there is nowhere to park near the centre"],
}


def _another_open_session(server: Server) -> tuple[str, str]:
    """An empty open session, and an initiative with an ended session and a public item.

    Returns the open session's code and the initiative's committee path.
    """
    os.environ["INSTANCE_PATH"] = str(server.instance)
    app = create_app({"DATABASE_URL": server.database_url})
    with app.app_context(), db.writing() as s:
        user = s.scalars(select(User)).first()
        ls = create_session(
            s,
            SessionDetails(
                title="Quiet session", purpose="", ground_rules="", prompts=["What now?"]
            ),
            user,
        )
        transition_session(s, ls, "open", user)
        # An initiative with a member and a session, for the administration pages.
        initiative = create_initiative(s, InitiativeDetails(title="Rapid City 2027"), user)
        assign_session(s, ls, initiative, user)
        member = create_user(
            s,
            "sgt-ramos",
            "correct horse battery staple",
            roles=Roles(
                is_facilitator=False, is_committee_member=True, affiliation=Affiliation.POLICE
            ),
            by=user,
        )
        s.add(InitiativeMember(initiative_id=initiative.id, user_id=member.id))
        # A session that has ended, with a published action item: the report-back.
        ended = create_session(
            s,
            SessionDetails(title="Ended session", purpose="", ground_rules="", prompts=["?"]),
            user,
        )
        assign_session(s, ended, initiative, user)
        transition_session(s, ended, "open", user)
        approved_summary_in(s, ended, user, REPORTED_THEMES)
        transition_session(s, ended, "close", user)
        today = datetime.now(UTC).date()
        item = create_item(
            s,
            initiative,
            ItemDetails(
                title="Street lights on Elm fixed",
                response_type="resource",
                owner_role="police",
                summary="Residents said Elm Street is dark at night.",
                quote="It is so dark I fell on the corner",
                due_on=today + timedelta(days=30),
                we_did="Twelve lights were replaced.",
            ),
            member,
            today,
        )
        change_status(s, item, "accepted", member, why="The city agreed", progress=30)
        publish_item(s, item, member, today)
        code, committee = ls.code, f"/committee/{initiative.id}/"
    db.session.remove()
    db.engine.dispose()
    return code, committee


def _post(client: Client, text: str) -> int:
    ack = client.call("post", {"client_key": secrets.token_hex(16), "text": text})
    assert ack["ok"], ack
    return ack["concern"]["id"]


def _concern_id(server: Server, text: str) -> int:
    engine = make_engine(server.database_url)
    with engine.connect() as conn:
        concern_id = conn.scalar(select(Concern.id).where(Concern.text == text))
    engine.dispose()
    return concern_id


@pytest.fixture(scope="module")
def site(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    tmp = tmp_path_factory.mktemp("a11y")
    url = database_url(tmp)
    reset_database(url)
    server = Server(instance=tmp / "instance", database_url=url)
    server.instance.mkdir()
    server.prepare()
    empty_code, committee = _another_open_session(server)
    server.start()
    other = participant(server).connect()
    staff = facilitator(server).connect()
    # My own posts go through the phone's page, so its outbox and "Your posts" know them.
    me = phone_context(browser, bypass_csp=True)
    try:
        pinned = _post(other, "Officers should introduce themselves by name at every stop.")
        shown = _post(other, "Nobody told us when the body camera video would be released.")
        hidden = _post(other, "Buy cheap watches here!!!")
        _post(other, "The crossing by the school needs a guard at pick-up time.")
        phone = me.new_page()
        phone.goto(f"{server.url}/j/{server.code}")
        mine = [
            "Please hold these sessions every month, not once a year.",
            "I was afraid to call after what happened to my cousin.",
        ]
        for text in mine:
            phone.fill("#text", text)
            phone.click("#post-button")
            phone.locator("#mine li").filter(has_text=text).get_by_text(
                "waiting for review"
            ).wait_for()
        phone.close()
        for concern_id in (pinned, shown, _concern_id(server, mine[0])):
            assert staff.call("approve", {"concern_id": concern_id})["ok"]
        assert staff.call("pin", {"concern_id": pinned, "pinned": True})["ok"]
        assert staff.call("hide", {"concern_id": hidden, "reason": "spam"})["ok"]
        yield Site(server, empty_code, committee, me, server.staff_cookie())
    finally:
        me.close()
        for client in (other, staff):
            client.close()
        server.stop()


def _phone(browser: Any, site: Site, mine: bool = False, width: int = 360) -> Any:
    context = site.my_phone if mine else phone_context(browser, bypass_csp=True)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 740})
    return page


def _laptop(browser: Any, site: Site, staff: bool = True, width: int = 1280) -> Any:
    context = browser.new_context(viewport={**LAPTOP, "width": width}, bypass_csp=True)
    if staff:
        context.add_cookies([_cookie(site.server, site.staff_cookie)])
    return context.new_page()


def _open_join_error(page: Any, site: Site) -> None:
    page.goto(site.server.url + "/join")
    page.fill("#code", "ZZZ-ZZZZ")
    page.locator(".join-form button[type=submit]").click()
    page.locator("#code-error").wait_for()


def _open_console(page: Any, site: Site) -> None:
    page.goto(f"{site.server.url}/facilitator/sessions/{site.server.session_id}")
    page.locator("#conn").get_by_text("Connecting").wait_for(state="hidden")
    page.locator("[data-filter=all]").click()  # every state, with all of its controls
    page.locator("#c-list .c-item").nth(3).wait_for()


def _open_participant(page: Any, site: Site) -> None:
    page.goto(f"{site.server.url}/j/{site.server.code}")
    page.locator("#mine li.status-shown").wait_for()
    page.locator("#concerns .concern").nth(2).wait_for()


def _open_empty(page: Any, site: Site) -> None:
    page.goto(f"{site.server.url}/j/{site.empty_code}")
    page.locator("#mine-empty").wait_for()
    page.locator("#conn").wait_for(state="hidden")


def _open_display(page: Any, site: Site) -> None:
    page.goto(f"{site.server.url}/d/{site.server.code}")
    page.locator("#d-list .display-item").nth(2).wait_for()


def _report(site: Site) -> str:
    return "/i/" + site.committee.strip("/").rsplit("/", 1)[1]


def _open_report(page: Any, site: Site) -> None:
    page.goto(site.server.url + _report(site))
    page.get_by_role("link", name="Ended session").click()
    page.get_by_role("heading", name="What we are doing").wait_for()
    # The heading is there once the HTML is parsed; sizes are measured with the styles
    # (seen under load: the targets measured unstyled).
    page.wait_for_load_state("load")


def _goto(path: str | Callable[[Site], str]) -> Callable[[Any, Site], None]:
    def open_page(page: Any, site: Site) -> None:
        page.goto(site.server.url + (path(site) if callable(path) else path))
        page.wait_for_load_state("load")

    return open_page


def _session(suffix: str) -> Callable[[Site], str]:
    return lambda site: f"/facilitator/sessions/{site.server.session_id}{suffix}"


# name -> (device: phone or laptop, who: participant/staff/anonymous, how to open it)
PAGES: dict[str, tuple[str, str, Callable[[Any, Site], None]]] = {
    "join": ("phone", "anonymous", _goto("/join")),
    "join-error": ("phone", "anonymous", _open_join_error),
    "participant-empty": ("phone", "anonymous", _open_empty),
    "participant-with-posts": ("phone", "me", _open_participant),
    "bye": ("phone", "anonymous", _goto("/bye")),
    "error-404": ("phone", "anonymous", _goto("/no-such-page")),
    "display": ("laptop", "anonymous", _open_display),
    "console": ("laptop", "staff", _open_console),
    "poster": ("laptop", "staff", _goto(_session("/poster"))),
    "sessions-index": ("laptop", "staff", _goto("/facilitator/")),
    "session-edit": ("laptop", "staff", _goto(_session("/edit"))),
    "session-new": ("laptop", "staff", _goto("/facilitator/sessions/new")),
    "log": ("laptop", "staff", _goto(_session("/log"))),
    "resources": ("laptop", "staff", _goto(_session("/resources"))),
    "login": ("laptop", "anonymous", _goto("/login")),
    "admin-accounts": ("laptop", "staff", _goto("/admin/accounts")),
    "admin-account-new": ("laptop", "staff", _goto("/admin/accounts/new")),
    "admin-account-edit": ("laptop", "staff", _goto("/admin/accounts/1")),
    "admin-initiatives": ("laptop", "staff", _goto("/admin/initiatives")),
    "admin-initiative-edit": ("laptop", "staff", _goto("/admin/initiatives/1")),
    "admin-initiative-new": ("laptop", "staff", _goto("/admin/initiatives/new")),
    "admin-audit": ("laptop", "staff", _goto("/admin/audit")),
    "committee-index": ("laptop", "staff", _goto("/committee/")),
    "committee-workspace": ("laptop", "staff", _goto(lambda site: site.committee)),
    "committee-item": ("laptop", "staff", _goto(lambda site: site.committee + "items/1")),
    "committee-item-new": ("laptop", "staff", _goto(lambda site: site.committee + "items/new")),
    "committee-report": ("laptop", "staff", _goto(lambda site: site.committee + "report")),
    "committee-themes": ("laptop", "staff", _goto(lambda site: site.committee + "themes")),
    "committee-import": ("laptop", "staff", _goto(lambda site: site.committee + "items/import")),
    "report-initiative": ("phone", "anonymous", _goto(lambda site: _report(site))),
    "report-session": ("phone", "anonymous", _open_report),
}
# A projector page is built for one 16:9 screen, not a phone: it is exempt from reflow
# (WCAG 1.4.10 exempts content that needs a two-dimensional layout), as is the printable
# poster's fixed A4 layout only if it overflows; it should not, so it stays checked.
NO_REFLOW = {"display"}


def _open(browser: Any, site: Site, name: str, width: int | None = None) -> Any:
    device, who, open_page = PAGES[name]
    if device == "phone":
        page = _phone(browser, site, who == "me", width or 360)
    else:
        page = _laptop(browser, site, staff=who == "staff", width=width or 1280)
    open_page(page, site)
    return page


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_violations(browser: Any, site: Site, name: str) -> None:
    require_axe()
    page = _open(browser, site, name)
    screenshot(page, f"page-{name}")
    try:
        assert_accessible(page, name)
    finally:
        page.close()
        if page.context is not site.my_phone:
            page.context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_targets_are_at_least_24px(browser: Any, site: Site, name: str) -> None:
    page = _open(browser, site, name)
    try:
        small = small_targets(page)
        assert not small, f"targets under 24x24 px on {name}:\n" + "\n".join(small)
        if name in {"participant-with-posts", "console"}:
            # The controls that appear on demand too: open every <details>.
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            small = small_targets(page)
            assert not small, f"targets under 24x24 px on {name}:\n" + "\n".join(small)
    finally:
        page.close()
        if page.context is not site.my_phone:
            page.context.close()


@pytest.mark.parametrize("name", [n for n in PAGES if n not in NO_REFLOW])
def test_reflows_at_320px(browser: Any, site: Site, name: str) -> None:
    page = _open(browser, site, name, width=320)
    try:
        if name in {"participant-with-posts", "console"}:
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        overflow = horizontal_overflow(page)
        assert overflow == 0, f"{name} scrolls {overflow} px sideways at 320 px: {too_wide(page)}"
        if name.startswith("participant") or name == "join":
            screenshot(page, f"page-{name}-320px")
    finally:
        page.close()
        if page.context is not site.my_phone:
            page.context.close()


def test_first_setup_page(browser: Any, tmp_path: Path) -> None:
    """/setup only exists before the first account: its own server, on SQLite."""
    server = Server(instance=tmp_path / "instance", database_url=f"sqlite:///{tmp_path}/s.db")
    server.instance.mkdir()
    os.environ["INSTANCE_PATH"] = str(server.instance)
    upgrade_database(create_app({"DATABASE_URL": server.database_url}))
    db.session.remove()
    db.engine.dispose()
    server.start()
    try:
        for width in (1280, 320):
            context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
            page = context.new_page()
            page.goto(server.url + "/setup")
            page.locator("h1").wait_for()
            if width == 1280:
                screenshot(page, "page-setup")
                if axe_path() is not None:
                    assert_accessible(page, "setup")
            assert small_targets(page) == []
            assert horizontal_overflow(page) == 0
            context.close()
    finally:
        server.stop()
