"""Redaction before anything is shown, and posts held for the safety moderator."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import update

from facilitator.extensions import db
from facilitator.models import ListeningSession, ModerationMode, User
from facilitator.services.accounts import create_user
from tests.conftest import (
    PASSWORD,
    add_member,
    display_socket,
    events,
    login,
    make_session,
    participant_socket,
    post,
    room_changes,
    staff_socket,
)


def test_identifying_details_never_reach_the_room(app: Flask, staff) -> None:
    ls = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    display = display_socket(app, ls.code)
    console = staff_socket(app, staff, ls.id)
    text = "Officer Smith, badge 4521, stopped me. Call 612-555-0147"
    ack = post(participant_socket(app, ls.code), text)
    shown = room_changes(display)[0][0]
    assert "4521" not in shown["text"] and "555-0147" not in shown["text"]
    assert "[phone]" in shown["text"]
    full = [c for c in events(console, "concern") if c["id"] == ack["concern"]["id"]][-1]
    assert full["original_text"] == text  # facilitators see the original
    kinds = {r["kind"] for r in full["redactions"]}
    assert {"phone", "badge"} <= kinds
    # A facilitator keeps the badge number visible and keeps the rest hidden.
    keep = [r for r in full["redactions"] if r["kind"] != "badge"]
    spans = [{k: r[k] for k in ("start", "end", "kind")} for r in keep]
    ack = console.emit("set_redactions", {"concern_id": full["id"], "spans": spans}, callback=True)
    assert ack["ok"]
    assert "4521" in ack["concern"]["text"] and "555-0147" not in ack["concern"]["text"]
    bad = console.emit(
        "set_redactions",
        {"concern_id": full["id"], "spans": [{"start": 5, "end": 999, "kind": "x"}]},
        callback=True,
    )
    assert bad["error"]["code"] == "bad_span"


def test_a_disclosure_is_held_for_the_safety_moderator_only(app: Flask, staff) -> None:
    ls = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    with app.app_context(), db.writing() as s:
        create_user(s, "victim-services", PASSWORD)
        s.execute(
            update(User).where(User.username == "victim-services").values(is_safety_moderator=True)
        )
    add_member(app, ls, "victim-services")
    safety_browser = app.test_client()
    assert login(safety_browser, "victim-services").status_code == 302
    safety_console = staff_socket(app, safety_browser, ls.id)
    console = staff_socket(app, staff, ls.id)
    display = display_socket(app, ls.code)
    for sock in (safety_console, console, display):
        events(sock)

    ack = post(participant_socket(app, ls.code), "I don't want to live anymore")
    assert ack["ok"] and ack["concern"]["status"] == "held" and ack["support_card"] is True
    concern_id = ack["concern"]["id"]
    # Held whatever the mode; the room learns only that one post waits.
    assert room_changes(display)[0] == []
    staff_heard = events(console)
    assert [m["args"][0]["id"] for m in staff_heard if m["name"] == "concern"] == []
    counts = [m["args"][0] for m in staff_heard if m["name"] == "counts"]
    assert counts[-1]["safety_held"] == 1
    seen = events(safety_console, "concern")
    assert [c["id"] for c in seen] == [concern_id] and seen[0]["safety_kinds"] == ["self_harm"]
    # Only a safety moderator sees it on (re)connect, and can act on it.
    refused = console.emit("approve", {"concern_id": concern_id}, callback=True)
    assert refused["error"]["code"] == "safety_only"
    plain = events(staff_socket(app, staff, ls.id), "snapshot")[0]["concerns"]
    assert concern_id not in [c["id"] for c in plain]
    safe = events(staff_socket(app, safety_browser, ls.id), "snapshot")[0]["concerns"]
    assert concern_id in [c["id"] for c in safe]
    hidden = safety_console.emit(
        "hide", {"concern_id": concern_id, "reason": "other"}, callback=True
    )
    assert hidden["ok"]


def test_no_javascript_poster_sees_the_support_message(app: Flask, ls: ListeningSession) -> None:
    browser = app.test_client()

    def card_after_posting(text: str) -> str:
        page = browser.get(f"/j/{ls.code}").get_data(as_text=True)
        key = re.search(r'name="client_key" value="([^"]+)"', page).group(1)
        after = browser.post(
            f"/j/{ls.code}/concerns",
            data={"text": text, "client_key": key},
            follow_redirects=True,
        ).get_data(as_text=True)
        return re.search(r'<div class="support-card" id="support-card"[^>]*>', after).group(0)

    assert "hidden" in card_after_posting("More street lights on Elm, please")
    card = card_after_posting("My husband hits me when he drinks")
    assert "hidden" not in card  # shown at once, without JavaScript
