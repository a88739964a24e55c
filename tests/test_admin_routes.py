"""Administration in the app: accounts and roles, deactivation, reset links, initiatives."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import (
    Affiliation,
    AuditEvent,
    Initiative,
    InitiativeMember,
    ListeningSession,
    User,
)
from facilitator.services.accounts import Roles, create_user
from tests.conftest import PASSWORD, login, make_session

NEW_PASSWORD = "a brand new passphrase here"


def _new_account(staff: FlaskClient, username: str, **fields: object) -> object:
    data = {"username": username, "password": PASSWORD, "is_facilitator": "y", **fields}
    return staff.post("/admin/accounts/new", data=data)


def _user(app: Flask, username: str) -> User:
    with app.app_context():
        return db.session.scalar(select(User).where(User.username == username))


def _audit(app: Flask) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(AuditEvent.action, AuditEvent.detail).order_by(AuditEvent.id)
        ).all()
        return [(a, d) for a, d in rows]


def test_admin_creates_a_committee_member_with_an_affiliation(app: Flask, staff) -> None:
    response = _new_account(
        staff,
        "sgt-ramos",
        is_facilitator="",
        is_committee_member="y",
        affiliation="police",
        display_name="Sgt. Ramos",
    )
    assert response.status_code == 302
    user = _user(app, "sgt-ramos")
    assert user.is_committee_member and not user.is_facilitator
    assert user.affiliation == Affiliation.POLICE
    assert ("account_created", "committee_member, affiliation=police") in _audit(app)
    page = staff.get("/admin/accounts").get_data(as_text=True)
    assert "sgt-ramos" in page and "Committee member" in page and "Police" in page


def test_bad_roles_are_refused_with_a_clear_message_and_nothing_stored(app: Flask, staff) -> None:
    no_affiliation = _new_account(staff, "member", is_facilitator="", is_committee_member="y")
    assert no_affiliation.status_code == 200
    assert "speaks for police" in no_affiliation.get_data(as_text=True)
    police_safety = _new_account(
        staff, "officer", is_safety_moderator="y", is_committee_member="y", affiliation="police"
    )
    assert "never police" in police_safety.get_data(as_text=True)
    no_role = _new_account(staff, "nobody", is_facilitator="")
    assert "at least one role" in no_role.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(User.username)).all() == ["facilitator"]


def test_only_administrators_reach_the_admin_pages(app: Flask, staff) -> None:
    _new_account(staff, "helper")
    other = app.test_client()
    assert login(other, "helper").status_code == 302
    for url in ("/admin/accounts", "/admin/initiatives", "/admin/audit", "/admin/accounts/new"):
        assert other.get(url).status_code == 403
    assert app.test_client().get("/admin/accounts").status_code == 302  # to the sign-in page


def test_deactivating_signs_the_account_out_everywhere(app: Flask, staff) -> None:
    _new_account(staff, "leaving")
    user = _user(app, "leaving")
    browser = app.test_client()
    assert login(browser, "leaving").status_code == 302
    assert browser.get("/facilitator/").status_code == 200
    assert staff.post(f"/admin/accounts/{user.id}/deactivate").status_code == 302
    assert browser.get("/facilitator/").status_code == 302  # signed out
    assert login(app.test_client(), "leaving").status_code == 200  # and cannot sign in
    assert ("account_deactivated", "") in _audit(app)
    me = _user(app, "facilitator")
    staff.post(f"/admin/accounts/{me.id}/deactivate")
    assert _user(app, "facilitator").is_active_account  # never oneself


def test_the_last_administrator_cannot_lose_the_role(app: Flask, staff) -> None:
    me = _user(app, "facilitator")
    page = staff.post(f"/admin/accounts/{me.id}", data={"is_facilitator": "y"})
    assert "only administrator" in page.get_data(as_text=True)
    assert _user(app, "facilitator").is_admin


def test_a_reset_link_works_once_and_signs_the_account_out(app: Flask, staff) -> None:
    _new_account(staff, "forgetful")
    user = _user(app, "forgetful")
    browser = app.test_client()
    login(browser, "forgetful")
    page = staff.post(f"/admin/accounts/{user.id}/reset").get_data(as_text=True)
    link = re.search(r"http://localhost(/reset/[A-Za-z0-9_-]+)", page).group(1)
    with app.app_context():
        stored = db.session.scalars(select(AuditEvent.detail)).all()
    assert all(link.rsplit("/", 1)[1] not in d for d in stored)  # the token is never stored
    fresh = app.test_client()
    assert fresh.get(link).status_code == 200
    short = fresh.post(link, data={"password": "short", "confirm": "short"})
    assert "at least 12" in short.get_data(as_text=True)
    done = fresh.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    assert browser.get("/facilitator/").status_code == 302  # the old sign-in ended
    assert login(app.test_client(), "forgetful", NEW_PASSWORD).status_code == 302
    again = app.test_client().get(link)
    assert again.status_code == 404 and "already used" in again.get_data(as_text=True)
    assert app.test_client().get("/reset/not-a-real-token-at-all-xx").status_code == 404


def test_setup_can_create_the_safety_moderator(app: Flask) -> None:
    client = app.test_client()
    response = client.post(
        "/setup",
        data={
            "username": "admin",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "safety_username": "victim-services",
            "safety_password": PASSWORD,
        },
    )
    assert response.status_code == 302
    safety = _user(app, "victim-services")
    assert safety.is_safety_moderator and not safety.is_facilitator and not safety.is_admin


def test_initiatives_scope_sessions_to_their_members(app: Flask, staff) -> None:
    admin = _user(app, "facilitator")
    mine = make_session(app, by=admin)
    theirs = make_session(app, by=admin)
    with app.app_context(), db.writing() as s:
        create_user(s, "ana", PASSWORD, roles=Roles())
        ana = s.scalar(select(User).where(User.username == "ana"))
        s.add(InitiativeMember(initiative_id=mine.initiative_id, user_id=ana.id))
    ana_browser = app.test_client()
    login(ana_browser, "ana")
    listing = ana_browser.get("/facilitator/").get_data(as_text=True)
    assert f"/facilitator/sessions/{mine.id}" in listing
    assert f"/facilitator/sessions/{theirs.id}" not in listing
    assert ana_browser.get(f"/facilitator/sessions/{mine.id}").status_code == 200
    for url in ("", "/edit", "/log", "/poster", "/export.csv", "/resources"):
        assert ana_browser.get(f"/facilitator/sessions/{theirs.id}{url}").status_code == 403
    sock = app.extensions["socketio"].test_client(
        app, flask_test_client=ana_browser, auth={"role": "facilitator", "session_id": theirs.id}
    )
    assert not sock.is_connected()
    # An administrator sees every session.
    assert staff.get(f"/facilitator/sessions/{theirs.id}").status_code == 200


def test_admin_manages_members_and_sessions_of_an_initiative(app: Flask, staff) -> None:
    assert (
        staff.post("/admin/initiatives/new", data={"title": "Rapid City 2027"}).status_code == 302
    )
    with app.app_context():
        initiative = db.session.scalar(
            select(Initiative).where(Initiative.title == "Rapid City 2027")
        )
    _new_account(staff, "ana")
    ana = _user(app, "ana")
    base = f"/admin/initiatives/{initiative.id}"
    assert staff.post(f"{base}/members", data={"add": ana.id}).status_code == 302
    again = staff.post(f"{base}/members", data={"add": ana.id}, follow_redirects=True)
    assert "already a member" in again.get_data(as_text=True)
    ls = make_session(app)
    assert staff.post(f"{base}/sessions", data={"session_id": ls.id}).status_code == 302
    with app.app_context():
        assert db.session.get(ListeningSession, ls.id).initiative_id == initiative.id
    ana_browser = app.test_client()
    login(ana_browser, "ana")
    assert ana_browser.get(f"/facilitator/sessions/{ls.id}").status_code == 200
    assert staff.post(f"{base}/members", data={"remove": ana.id}).status_code == 302
    assert ana_browser.get(f"/facilitator/sessions/{ls.id}").status_code == 403
    actions = [a for a, _d in _audit(app)]
    assert {"initiative_created", "member_added", "member_removed", "session_assigned"} <= set(
        actions
    )
    page = staff.get("/admin/audit").get_data(as_text=True)
    assert "Member removed" in page and "Initiative created" in page


def test_a_new_session_goes_into_the_chosen_or_a_new_initiative(app: Flask, staff) -> None:
    form = {
        "title": "Eastside",
        "prompts": "What should change?",
        "moderation_mode": "approve_first",
    }
    assert (
        staff.post("/facilitator/sessions/new", data={**form, "initiative": "0"}).status_code == 302
    )
    with app.app_context():
        first = db.session.scalar(
            select(ListeningSession).where(ListeningSession.title == "Eastside")
        )
        assert first.initiative.title == "Eastside"  # named after the session
    again = {**form, "title": "Westside", "initiative": str(first.initiative_id)}
    assert staff.post("/facilitator/sessions/new", data=again).status_code == 302
    with app.app_context():
        second = db.session.scalar(
            select(ListeningSession).where(ListeningSession.title == "Westside")
        )
        assert second.initiative_id == first.initiative_id
