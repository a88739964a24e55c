"""Facilitator console events: moderation, merge, prompts, status, posts on behalf."""

from __future__ import annotations

from flask import Flask

from facilitator.extensions import socketio
from facilitator.models import ListeningSession
from facilitator.privacy import new_client_key
from tests.conftest import (
    display_socket,
    events,
    participant_socket,
    post,
    room_changes,
    staff_socket,
)


def test_facilitator_connect_needs_login(app: Flask, ls: ListeningSession, client) -> None:
    anonymous = socketio.test_client(
        app, flask_test_client=client, auth={"role": "facilitator", "session_id": ls.id}
    )
    assert not anonymous.is_connected()


def test_facilitator_snapshot_has_everything_and_counts(
    app: Flask, ls: ListeningSession, staff
) -> None:
    participant_socket(app, ls.code)
    post(participant_socket(app, ls.code), "Held concern")
    snapshot = events(staff_socket(app, staff, ls.id), "snapshot")[0]
    assert [c["original_text"] for c in snapshot["concerns"]] == ["Held concern"]
    assert snapshot["counts"]["held"] == 1 and snapshot["counts"]["connected"] == 2


def test_hide_reaches_author_with_reason_and_leaves_display(
    app: Flask, ls: ListeningSession, staff
) -> None:
    author = participant_socket(app, ls.code)
    concern_id = post(author)["concern"]["id"]
    console = staff_socket(app, staff, ls.id)
    display = display_socket(app, ls.code)
    assert console.emit("approve", {"concern_id": concern_id}, callback=True)["ok"]
    assert [c["id"] for c in room_changes(display)[0]] == [concern_id]
    bad = console.emit("hide", {"concern_id": concern_id, "reason": "dislike"}, callback=True)
    assert bad["error"]["code"] == "bad_reason"
    ack = console.emit(
        "hide", {"concern_id": concern_id, "reason": "personal_information"}, callback=True
    )
    assert ack["concern"]["status"] == "hidden"
    assert room_changes(display) == ([], [concern_id])
    assert events(author, "my_concern")[-1]["hide_reason"] == "personal_information"


def test_edit_merge_and_counts(app: Flask, ls: ListeningSession, staff) -> None:
    console = staff_socket(app, staff, ls.id)
    a = post(participant_socket(app, ls.code), "Street lights on Elm are out")["concern"]["id"]
    b = post(participant_socket(app, ls.code), "Elm street is dark")["concern"]["id"]
    for concern_id in (a, b):
        console.emit("approve", {"concern_id": concern_id}, callback=True)
    display = display_socket(app, ls.code)
    display.get_received()
    edited = console.emit(
        "edit", {"concern_id": a, "text": "Street lights on Elm Street are out"}, callback=True
    )
    assert edited["concern"]["original_text"] == "Street lights on Elm are out"
    assert (
        edited["concern"]["text"] == "Street lights on Elm Street are out"
        and edited["concern"]["edited"]
    )
    merged = console.emit("merge", {"target_id": a, "concern_ids": [b]}, callback=True)
    assert (
        merged["ok"]
        and merged["concern"]["support"] == 0  # nobody tapped "me too"; authors never count
        and merged["concern"]["merged_ids"] == [b]
    )
    upserted, removed = room_changes(display)
    assert removed == [b]
    assert [(c["id"], c["support"], c["text"]) for c in upserted] == [
        (a, 0, "Street lights on Elm Street are out")
    ]
    counts = events(console, "counts")[-1]
    assert counts["shown"] == 1 and counts["merged"] == 1
    bad = console.emit("merge", {"target_id": a, "concern_ids": "b"}, callback=True)
    assert bad["error"]["code"] == "bad_payload"


def test_switch_prompt_reaches_everyone(app: Flask, ls: ListeningSession, staff) -> None:
    console = staff_socket(app, staff, ls.id)
    phone = participant_socket(app, ls.code)
    phone.get_received()
    ack = console.emit("set_prompt", {"text": "What would rebuild trust?"}, callback=True)
    assert ack["session"]["current_prompt"]["text"] == "What would rebuild trust?"
    assert events(phone, "session")[-1]["current_prompt"]["text"] == "What would rebuild trust?"
    first = ack["session"]["prompts"][0]["id"]
    assert (
        console.emit("set_prompt", {"prompt_id": first}, callback=True)["session"][
            "current_prompt"
        ]["id"]
        == first
    )
    assert (
        console.emit("set_prompt", {"prompt_id": 99999}, callback=True)["error"]["code"]
        == "prompt_not_found"
    )
    assert (
        console.emit("set_prompt", {"text": "  "}, callback=True)["error"]["code"] == "text_empty"
    )


def test_a_prompt_added_live_can_carry_its_spanish_version(
    app: Flask, ls: ListeningSession, staff
) -> None:
    console = staff_socket(app, staff, ls.id)
    phone = participant_socket(app, ls.code)
    phone.get_received()
    ack = console.emit(
        "set_prompt",
        {"text": "What would rebuild trust?", "text_es": " ¿Qué reconstruiría la confianza? "},
        callback=True,
    )
    current = ack["session"]["current_prompt"]
    assert current["text_es"] == "¿Qué reconstruiría la confianza?"
    assert events(phone, "session")[-1]["current_prompt"]["text_es"] == current["text_es"]
    # Typing the same question again without Spanish keeps the Spanish version.
    again = console.emit(
        "set_prompt", {"text": "What would rebuild trust?", "text_es": ""}, callback=True
    )
    assert again["session"]["current_prompt"]["text_es"] == current["text_es"]
    # Empty Spanish means none; Spanish that is not text, or too long, is refused.
    plain = console.emit("set_prompt", {"text": "Anything else?", "text_es": "  "}, callback=True)
    assert plain["session"]["current_prompt"]["text_es"] is None
    assert (
        console.emit("set_prompt", {"text": "Q?", "text_es": 5}, callback=True)["error"]["code"]
        == "bad_payload"
    )
    too_long = console.emit("set_prompt", {"text": "Q?", "text_es": "x" * 2000}, callback=True)
    assert too_long["error"]["code"] == "text_too_long"
    assert len(ack["session"]["prompts"]) + 1 == len(plain["session"]["prompts"])
    # The failed attempts added nothing; new Spanish replaces the old; one line each.
    replaced = console.emit(
        "set_prompt",
        {"text": "What would rebuild\ntrust?", "text_es": "¿Qué reconstruiría\n la confianza?"},
        callback=True,
    )["session"]
    assert len(replaced["prompts"]) == len(plain["session"]["prompts"])
    assert replaced["current_prompt"]["id"] == current["id"]
    assert replaced["current_prompt"]["text_es"] == "¿Qué reconstruiría la confianza?"


def test_post_on_behalf_is_marked_and_shown(app: Flask, ls: ListeningSession, staff) -> None:
    console = staff_socket(app, staff, ls.id)
    display = display_socket(app, ls.code)
    display.get_received()
    ack = console.emit(
        "post_on_behalf",
        {"client_key": new_client_key(), "text": "From an elder without a phone"},
        callback=True,
    )
    assert ack["concern"]["on_behalf"] is True and ack["concern"]["status"] == "shown"
    assert room_changes(display)[0][0]["text"] == "From an elder without a phone"


def test_closing_the_session_tells_phones(app: Flask, ls: ListeningSession, staff) -> None:
    console = staff_socket(app, staff, ls.id)
    phone = participant_socket(app, ls.code)
    phone.get_received()
    assert (
        console.emit("set_status", {"action": "close"}, callback=True)["session"]["status"]
        == "closed"
    )
    assert events(phone, "session")[-1]["status"] == "closed"
    assert post(phone)["error"]["code"] == "session_closed"
    assert (
        console.emit("set_status", {"action": "pause"}, callback=True)["error"]["code"]
        == "bad_transition"
    )


def test_room_is_told_how_many_posts_are_held_or_hidden_and_why(
    app: Flask, ls: ListeningSession, staff
) -> None:
    console = staff_socket(app, staff, ls.id)
    sock = participant_socket(app, ls.code)
    ids = [post(sock, f"concern {i}")["concern"]["id"] for i in range(3)]
    console.emit("hide", {"concern_id": ids[0], "reason": "off_topic"}, callback=True)
    console.emit("hide", {"concern_id": ids[1], "reason": "personal_information"}, callback=True)
    display = display_socket(app, ls.code)
    snapshot = events(display, "snapshot")[0]
    assert snapshot["moderation"] == {
        "held": 1,
        "hidden": 2,
        "hidden_reasons": {"off_topic": 1, "personal_information": 1},
    }
    console.emit("approve", {"concern_id": ids[2]}, callback=True)
    latest = events(display, "concerns")[-1]["moderation"]
    assert latest["held"] == 0 and latest["hidden"] == 2


def test_rooms_end_on_the_committed_state_whatever_order_broadcasts_ran(
    app: Flask, ls: ListeningSession, staff
) -> None:
    console = staff_socket(app, staff, ls.id)
    concern_id = post(participant_socket(app, ls.code), "Approve, then hide")["concern"]["id"]
    display = display_socket(app, ls.code)
    events(display)
    batcher = app.extensions["live"].batcher
    console.emit("approve", {"concern_id": concern_id}, callback=True)
    console.emit("hide", {"concern_id": concern_id, "reason": "off_topic"}, callback=True)
    # The approve handler's broadcast arrives late, after the hide's (another greenlet,
    # thread or process ran in between): the room must still end with it removed.
    batcher.concern(ls.id, concern_id)
    assert room_changes(display) == ([], [concern_id])
    batcher.tally(ls.id, concern_id)  # a stale tap on a post no longer shown
    assert events(display, "tallies") == []


def test_merging_five_concerns_sends_the_console_one_counts_message(
    app: Flask, ls: ListeningSession, staff
) -> None:
    console = staff_socket(app, staff, ls.id)
    ids = [
        post(participant_socket(app, ls.code), f"The bus stop on Elm is dark, {n}")["concern"]["id"]
        for n in range(6)
    ]
    events(console)
    merged = console.emit("merge", {"target_id": ids[0], "concern_ids": ids[1:]}, callback=True)
    assert merged["ok"] and merged["merged_ids"] == ids[1:]
    received = events(console)
    assert [m["name"] for m in received].count("counts") == 1
    assert {m["args"][0]["id"] for m in received if m["name"] == "concern"} == set(ids)


def test_facilitator_connect_with_impossible_ids_is_refused(
    app: Flask, ls: ListeningSession, staff
) -> None:
    for session_id in [2**63, 2**64, -1, 0, "1", None, [1]]:
        sock = socketio.test_client(
            app, flask_test_client=staff, auth={"role": "facilitator", "session_id": session_id}
        )
        assert not sock.is_connected(), session_id
    assert app.extensions["live"].presence.watched() == set()


def test_any_unexpected_error_while_connecting_refuses_the_connection(
    app: Flask, ls: ListeningSession, staff, monkeypatch, caplog
) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("snapshot failed")

    monkeypatch.setattr("facilitator.live.events.snapshot", broken)
    sock = socketio.test_client(
        app, flask_test_client=staff, auth={"role": "facilitator", "session_id": ls.id}
    )
    assert not sock.is_connected()
    assert app.extensions["live"].presence.watched() == set()
    assert "RuntimeError" in caplog.text


def test_odd_console_payloads_get_specific_errors(app: Flask, ls: ListeningSession, staff) -> None:
    sock = staff_socket(app, staff, ls.id)
    target = post(participant_socket(app, ls.code))["concern"]["id"]
    events(sock)
    cases = [
        ("set_status", ({"action": ["open"]},), "bad_action"),
        ("set_status", ({"action": {"open": 1}},), "bad_action"),
        ("set_status", ({"action": "pause"}, "extra"), "bad_payload"),
        ("approve", ({"concern_id": 2**63},), "bad_payload"),
        ("merge", ({"target_id": 2**63, "concern_ids": [1]},), "bad_payload"),
        ("merge", ({"target_id": target, "concern_ids": [2**63]},), "bad_payload"),
        ("set_prompt", ({"prompt_id": 2**63},), "bad_payload"),
        ("set_prompt", ({"text": "\u200b\u2800"},), "text_empty"),
        ("edit", ({"concern_id": 1, "text": "x"}, 2), "bad_payload"),
    ]
    for event, args, code in cases:
        ack = sock.emit(event, *args, callback=True)
        assert ack["ok"] is False, (event, args)
        assert ack["error"]["code"] == code, (event, args, ack)
