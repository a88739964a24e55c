"""Participant socket events: connect rules, acks, broadcasts and who receives them."""

from __future__ import annotations

import time

from flask import Flask

from facilitator.extensions import db, socketio
from facilitator.models import ListeningSession, ModerationMode
from facilitator.privacy import new_client_key
from facilitator.services.sessions import transition_session
from tests.conftest import (
    display_socket,
    events,
    make_session,
    participant_socket,
    phone,
    post,
    room_changes,
    staff_socket,
)


def test_participant_connect_gets_snapshot_without_identifiers(
    app: Flask, ls: ListeningSession
) -> None:
    sock = participant_socket(app, ls.code)
    snapshot = events(sock, "snapshot")[0]
    assert snapshot["session"]["code"] == ls.code
    assert snapshot["session"]["current_prompt"]["text"].startswith("What should change")
    assert snapshot["concerns"] == []
    assert "counts" not in snapshot
    shown = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    post(participant_socket(app, shown.code), "On screen at once")
    concerns = events(participant_socket(app, shown.code), "snapshot")[0]["concerns"]
    assert [c["text"] for c in concerns] == ["On screen at once"]
    # Exactly the public fields: nothing that could identify or link the author.
    assert set(concerns[0]) == {
        "id",
        "text",
        "support",
        "pinned",
        "prompt_id",
        "language",
        "created_at",
    }
    assert concerns[0]["created_at"].endswith(":00+00:00")  # to the minute


def test_connect_refused_without_device_cookie_bad_code_or_closed(
    app: Flask, ls: ListeningSession, client
) -> None:
    no_cookie = socketio.test_client(app, auth={"role": "participant", "code": ls.code})
    assert not no_cookie.is_connected()
    assert not socketio.test_client(
        app, flask_test_client=phone(app, ls.code), auth={"role": "participant", "code": "ZZZZZZZ"}
    ).is_connected()
    assert not socketio.test_client(app, auth={"role": "wizard"}).is_connected()
    assert not socketio.test_client(app, auth="nonsense").is_connected()
    assert not socketio.test_client(
        app, auth={"role": "facilitator", "session_id": ls.id}
    ).is_connected()
    closed = make_session(app)
    browser = phone(app, closed.code)
    with app.app_context(), db.writing() as s:
        transition_session(s, s.get(ListeningSession, closed.id), "close", None)
    refused = socketio.test_client(
        app, flask_test_client=browser, auth={"role": "participant", "code": closed.code}
    )
    assert not refused.is_connected()
    # The display of a closed session still connects: the room may look at the result.
    assert display_socket(app, closed.code).is_connected()


def test_post_ack_carries_stored_id_and_staff_sees_it_not_public(
    app: Flask, ls: ListeningSession, staff
) -> None:
    author = participant_socket(app, ls.code)
    other = participant_socket(app, ls.code)
    display = display_socket(app, ls.code)
    console = staff_socket(app, staff, ls.id)
    for sock in (author, other, display, console):
        sock.get_received()
    key = new_client_key()
    ack = post(author, "Officers should learn our names", key=key)
    assert ack["ok"] is True
    assert ack["concern"]["client_key"] == key and ack["concern"]["status"] == "held"
    staff_events = events(console)
    names = [m["name"] for m in staff_events]
    assert "concern" in names and "counts" in names
    held = next(m["args"][0] for m in staff_events if m["name"] == "concern")
    assert (
        held["id"] == ack["concern"]["id"]
        and held["original_text"] == "Officers should learn our names"
    )
    assert "author_hash" not in held
    # A held post's text reaches nobody but the facilitators; the room only learns that
    # one more post waits for review (held posts are never silently dropped).
    for sock in (other, display, author):
        assert events(sock, "concerns") == [
            {
                "upsert": [],
                "remove": [],
                "moderation": {"held": 1, "hidden": 0, "hidden_reasons": {}},
            }
        ]


def test_same_post_three_times_one_row_one_broadcast(
    app: Flask, ls: ListeningSession, staff
) -> None:
    author = participant_socket(app, ls.code)
    console = staff_socket(app, staff, ls.id)
    console.get_received()
    key = new_client_key()
    acks = [post(author, "Street lights", key=key) for _ in range(3)]
    assert len({a["concern"]["id"] for a in acks}) == 1
    assert len(events(console, "concern")) == 1
    snapshot = events(staff_socket(app, staff, ls.id), "snapshot")[0]
    assert len(snapshot["concerns"]) == 1


def test_bad_payloads_get_specific_errors(app: Flask, ls: ListeningSession) -> None:
    sock = participant_socket(app, ls.code)
    cases = [
        ("post", "just a string", "bad_payload"),
        ("post", ["a", "list"], "bad_payload"),
        ("post", {"client_key": new_client_key(), "text": "   "}, "text_empty"),
        ("post", {"client_key": new_client_key(), "text": "y" * 1001}, "text_too_long"),
        ("post", {"client_key": "x", "text": "hello"}, "bad_payload"),
        (
            "post",
            {"client_key": new_client_key(), "text": "hi", "prompt_id": 99999},
            "prompt_not_found",
        ),
        ("support", {"concern_id": "abc"}, "bad_payload"),
        ("support", {"concern_id": 424242}, "concern_not_found"),
        ("withdraw", {"concern_id": 424242}, "concern_not_found"),
        ("approve", {"concern_id": 1}, "not_allowed"),
        ("set_status", {"action": "close"}, "not_allowed"),
    ]
    for event, data, code in cases:
        ack = sock.emit(event, data, callback=True)
        assert ack["ok"] is False, (event, data)
        assert ack["error"]["code"] == code, (event, data, ack)
        assert ack["error"]["message"]
    too_long = sock.emit(
        "post", {"client_key": new_client_key(), "text": "y" * 1001}, callback=True
    )
    assert "1,001" in too_long["error"]["message"] and "1,000" in too_long["error"]["message"]


def test_paused_session_refuses_new_posts_clearly(app: Flask, ls: ListeningSession, staff) -> None:
    sock = participant_socket(app, ls.code)
    console = staff_socket(app, staff, ls.id)
    assert console.emit("set_status", {"action": "pause"}, callback=True)["ok"]
    session_updates = events(sock, "session")
    assert session_updates[-1]["status"] == "paused"
    ack = post(sock)
    assert ack["error"]["code"] == "session_paused"


def test_me_too_reaches_staff_at_once_and_room_as_batched_tallies(app: Flask, staff) -> None:
    ls = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    author = participant_socket(app, ls.code)
    concern_id = post(author)["concern"]["id"]
    console = staff_socket(app, staff, ls.id)
    display = display_socket(app, ls.code)
    fans = [participant_socket(app, ls.code) for _ in range(5)]
    for sock in (console, display, *fans):
        events(sock)  # drain, after the post's own batch went out
    for fan in fans:
        ack = fan.emit("support", {"concern_id": concern_id}, callback=True)
        assert ack["ok"], ack
    # Nothing per tap reaches the display or phones: one batched tally per flush.
    assert display.get_received() == [] and fans[0].get_received() == []
    staff_got = [m["args"][0]["support"] for m in console.get_received() if m["name"] == "support"]
    assert staff_got == [1, 2, 3, 4, 5]  # facilitators: every tap, at once
    assert events(display, "tallies") == [{"support": {str(concern_id): 5}}]
    assert events(fans[0], "tallies") == [{"support": {str(concern_id): 5}}]
    assert events(display, "tallies") == []  # nothing new, nothing sent
    again = fans[0].emit("support", {"concern_id": concern_id}, callback=True)
    assert again["error"]["code"] == "already_supported"


def test_author_hears_their_post_state_and_can_withdraw(
    app: Flask, ls: ListeningSession, staff
) -> None:
    browser = phone(app, ls.code)
    author = participant_socket(app, ls.code, browser)
    concern_id = post(author, "Please hold these sessions monthly")["concern"]["id"]
    console = staff_socket(app, staff, ls.id)
    author.get_received()
    assert console.emit("hide", {"concern_id": concern_id, "reason": "off_topic"}, callback=True)[
        "ok"
    ]
    update = events(author, "my_concern")
    assert update == [
        {
            "id": concern_id,
            "client_key": update[0]["client_key"],
            "status": "hidden",
            "hide_reason": "off_topic",
        }
    ]
    # After a reload (a new socket on the same phone), "mine" finds the post again.
    again = participant_socket(app, ls.code, browser)
    mine = again.emit("mine", {}, callback=True)
    assert [c["id"] for c in mine["concerns"]] == [concern_id]
    stranger = participant_socket(app, ls.code)
    assert stranger.emit("mine", {}, callback=True)["concerns"] == []
    assert (
        stranger.emit("withdraw", {"concern_id": concern_id}, callback=True)["error"]["code"]
        == "not_yours"
    )
    assert again.emit("withdraw", {"concern_id": concern_id}, callback=True)["ok"]
    statuses = [c["status"] for c in events(console, "concern")]
    assert statuses[-1] == "withdrawn"


def test_rate_limit_is_per_device_not_per_room(app: Flask, ls: ListeningSession) -> None:
    app.config["POST_RATE_LIMIT"] = "2/minute"
    busy = participant_socket(app, ls.code)
    assert post(busy)["ok"] and post(busy)["ok"]
    limited = post(busy)
    assert limited["error"]["code"] == "rate_limited"
    # Everyone else in the room (same venue IP in real life) is unaffected.
    assert post(participant_socket(app, ls.code))["ok"]


def test_display_sees_approved_concerns_pinned_first(
    app: Flask, ls: ListeningSession, staff
) -> None:
    author = participant_socket(app, ls.code)
    first = post(author, "first")["concern"]["id"]
    second = post(author, "second")["concern"]["id"]
    console = staff_socket(app, staff, ls.id)
    display = display_socket(app, ls.code)
    display.get_received()
    for concern_id in (first, second):
        assert console.emit("approve", {"concern_id": concern_id}, callback=True)["ok"]
    assert [c["id"] for c in room_changes(display)[0]] == [first, second]
    assert console.emit("pin", {"concern_id": second, "pinned": True}, callback=True)["ok"]
    assert room_changes(display)[0][0]["pinned"] is True
    snapshot = events(display_socket(app, ls.code), "snapshot")[0]
    assert [c["id"] for c in snapshot["concerns"]] == [second, first]
    assert set(snapshot["concerns"][0]) == {
        "id",
        "text",
        "support",
        "pinned",
        "prompt_id",
        "language",
        "created_at",
    }


def test_ticker_sends_tallies_by_itself(app: Flask, staff) -> None:
    live = app.extensions["live"]
    live.interval = live.tally_interval = 0.05
    ls = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    concern_id = post(participant_socket(app, ls.code))["concern"]["id"]
    display = display_socket(app, ls.code)
    assert participant_socket(app, ls.code).emit(
        "support", {"concern_id": concern_id}, callback=True
    )["ok"]
    deadline = time.monotonic() + 5
    tallies: list = []
    while time.monotonic() < deadline and not tallies:
        time.sleep(0.05)
        # get_received, not events(): events() would flush by hand, and the point here
        # is that the ticker flushes by itself.
        tallies = [m["args"][0] for m in display.get_received() if m["name"] == "tallies"]
    assert tallies == [{"support": {str(concern_id): 1}}]


def test_odd_payloads_get_specific_errors_not_server_error(
    app: Flask, ls: ListeningSession
) -> None:
    sock = participant_socket(app, ls.code)
    ack = post(sock, "An honest post")
    assert ack["ok"] is True
    own = {"id": ack["concern"]["id"], "client_key": ack["concern"]["client_key"]}
    cases = [
        # JSON can carry a lone surrogate; UTF-8 (and so the database) cannot.
        ("post", ({"client_key": new_client_key(), "text": "broken \ud800"},), "text_invalid"),
        ("post", ({"client_key": new_client_key(), "text": "\u200b\u202e\u3164"},), "text_empty"),
        ("post", ({"client_key": new_client_key(), "text": "hi"}, "extra"), "bad_payload"),
        (
            "post",
            ({"client_key": new_client_key(), "text": "hi", "prompt_id": 2**63},),
            "bad_payload",
        ),
        ("support", ({"concern_id": 2**63},), "bad_payload"),
        ("support", ({"concern_id": 2**64 + 1}, {"more": 1}), "bad_payload"),
        ("withdraw", ({"concern_id": 2**63},), "bad_payload"),
        ("mine", ({}, []), "bad_payload"),
    ]
    for event, args, code in cases:
        ack = sock.emit(event, *args, callback=True)
        assert ack["ok"] is False, (event, args)
        assert ack["error"]["code"] == code, (event, args, ack)
    # Ids no row can have are skipped, the phone's real post still found.
    mine = sock.emit(
        "mine", {"concerns": [{"id": 2**63, "client_key": "x" * 22}, own]}, callback=True
    )
    assert mine["ok"] is True and [c["id"] for c in mine["concerns"]] == [own["id"]]


def test_join_codes_that_cannot_exist_are_not_found(app: Flask, ls: ListeningSession) -> None:
    browser = phone(app, ls.code)
    for code in ["\ud800BCDEFG", "x" * 500, "ABC", 12345]:
        refused = socketio.test_client(
            app, flask_test_client=browser, auth={"role": "participant", "code": code}
        )
        assert not refused.is_connected(), code
