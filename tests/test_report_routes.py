"""The public report-back: the same join link after a session ends, an initiative page,
its Atom feed, and "did this answer your concern?" once per device."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import (
    ActionItem,
    Affiliation,
    InitiativeMember,
    ItemFeedback,
    ListeningSession,
)
from facilitator.services import action_items as items
from facilitator.services.accounts import Roles, create_user
from facilitator.services.action_items import ItemDetails
from facilitator.services.reports import feedback_tallies
from facilitator.services.sessions import transition_session
from tests.conftest import PASSWORD, make_session


@pytest.fixture
def reported(app: Flask, admin) -> dict[str, object]:
    """A closed session in an initiative with one published and one unpublished item."""
    ls = make_session(app, by=admin)
    today = datetime.now(UTC).date()
    with app.app_context(), db.writing() as s:
        session = s.get(ListeningSession, ls.id)
        transition_session(s, session, "close", admin)
        member = create_user(
            s,
            "police",
            PASSWORD,
            roles=Roles(
                is_facilitator=False, is_committee_member=True, affiliation=Affiliation.POLICE
            ),
        )
        s.add(InitiativeMember(initiative_id=session.initiative_id, user_id=member.id))
        s.flush()
        initiative = session.initiative
        public = items.create_item(
            s,
            initiative,
            ItemDetails(
                title="Street lights on Elm fixed",
                title_es="Arreglar las luces de la calle Elm",
                response_type="resource",
                owner_role="police",
                summary="Residents said Elm Street is dark at night.",
                due_on=today + timedelta(days=30),
                we_did="Twelve lights were replaced.",
            ),
            member,
            today,
        )
        items.change_status(s, public, "accepted", member, why="The city agreed")
        items.publish_item(s, public, member, today)
        items.create_item(
            s,
            initiative,
            ItemDetails(title="Not public yet", response_type="explain", owner_role="police"),
            member,
            today,
        )
        return {"code": ls.code, "initiative": initiative.id, "item": public.id}


def test_the_join_link_of_a_closed_session_shows_the_report_back(app, reported) -> None:
    browser = app.test_client()
    page = browser.get(f"/j/{reported['code']}").get_data(as_text=True)
    assert "What we heard" in page and "What we are doing" in page
    assert "Street lights on Elm fixed" in page and "Twelve lights were replaced." in page
    assert "Not public yet" not in page
    assert "Accepted" in page and "The city agreed" in page
    assert '<progress max="100" value="0"' in page
    assert "<script" not in page.split("</main>")[0].split("<main")[-1]
    spanish = app.test_client()
    spanish.set_cookie("cg_lang", "es")
    assert "Arreglar las luces de la calle Elm" in spanish.get(f"/j/{reported['code']}").get_data(
        as_text=True
    )


def test_the_initiative_page_and_its_atom_feed(app, reported) -> None:
    browser = app.test_client()
    page = browser.get(f"/i/{reported['initiative']}").get_data(as_text=True)
    assert "Listening session" in page and "Street lights on Elm fixed" in page
    assert 'type="application/atom+xml"' in page
    feed = browser.get(f"/i/{reported['initiative']}/feed.atom")
    assert feed.mimetype == "application/atom+xml"
    root = ET.fromstring(feed.data)  # noqa: S314 - our own server's feed, in a test
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert titles == ["Street lights on Elm fixed (Accepted, 0%)"]
    assert browser.get("/i/999").status_code == 404


def test_an_initiative_with_nothing_public_is_not_found(app, admin) -> None:
    ls = make_session(app, by=admin)
    with app.app_context():
        initiative_id = db.session.get(ListeningSession, ls.id).initiative_id
    assert app.test_client().get(f"/i/{initiative_id}").status_code == 404


def test_a_resident_answers_once_per_device_without_any_account(app, reported) -> None:
    browser = app.test_client()
    browser.get(f"/j/{reported['code']}")  # gets the device cookie
    url = f"/i/{reported['initiative']}/items/{reported['item']}/feedback"
    first = browser.post(url, data={"answer": "partly", "back": f"/j/{reported['code']}"})
    assert first.status_code == 302 and first.location.endswith(f"#item-{reported['item']}")
    again = browser.post(url, data={"answer": "yes"}, follow_redirects=True)
    assert "already answered" in again.get_data(as_text=True)
    bad = browser.post(url, data={"answer": "maybe"}, follow_redirects=True)
    assert "Choose yes, partly or no." in bad.get_data(as_text=True)
    other = app.test_client()
    other.get(f"/j/{reported['code']}")
    other.post(url, data={"answer": "no"})
    with app.app_context():
        answers = db.session.scalars(select(ItemFeedback.answer)).all()
        hashes = db.session.scalars(select(ItemFeedback.device_hash)).all()
        item = db.session.get(ActionItem, reported["item"])
        assert feedback_tallies(db.session, item) == {"yes": 0, "partly": 1, "no": 1}
    assert sorted(a.value for a in answers) == ["no", "partly"]
    assert len(set(hashes)) == 2
    # An unpublished item takes no answers.
    with app.app_context():
        hidden = db.session.scalar(select(ActionItem).where(ActionItem.title == "Not public yet"))
    assert (
        browser.post(
            f"/i/{reported['initiative']}/items/{hidden.id}/feedback", data={"answer": "yes"}
        ).status_code
        == 404
    )
