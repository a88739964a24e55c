"""Issue 8, items 10-20: what a first real use (a facilitator, three phones) ran into."""

from __future__ import annotations

import csv
import io
import json
import re
import time

from flask import Flask
from sqlalchemy import select, update

from analysis.io import parse_concerns
from facilitator.extensions import db
from facilitator.models import Concern, ListeningSession, ModerationAction, ModerationMode, User
from facilitator.privacy import new_client_key
from facilitator.services.accounts import create_user
from facilitator.services.language import detect_language
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


def _safety_moderator(
    app: Flask, ls: ListeningSession, username: str = "victim-services"
) -> object:
    """A safety moderator who is a member of the session's initiative, signed in."""
    with app.app_context(), db.writing() as s:
        create_user(s, username, PASSWORD, display_name="Maria (victim services)")
        s.execute(update(User).where(User.username == username).values(is_safety_moderator=True))
    add_member(app, ls, username)
    browser = app.test_client()
    assert login(browser, username).status_code == 302
    return browser


def _page_json(page: str, element_id: str) -> dict:
    found = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S
    )
    assert found, element_id
    return json.loads(found.group(1))


# ---- 10. A concern entered on someone's behalf while paused is never lost -------------


def test_staff_can_enter_a_concern_while_posting_is_paused(
    app: Flask, ls: ListeningSession, staff
) -> None:
    console = staff_socket(app, staff, ls.id)
    assert console.emit("set_status", {"action": "pause"}, callback=True)["ok"]
    phone = participant_socket(app, ls.code)
    assert post(phone)["error"]["code"] == "session_paused"  # a pause stops phones
    ack = console.emit(
        "post_on_behalf",
        {"client_key": new_client_key(), "text": "No bus after 9pm"},
        callback=True,
    )
    assert ack["ok"] and ack["concern"]["on_behalf"] and ack["concern"]["status"] == "shown"


def test_a_closed_session_tells_staff_plainly_and_keeps_nothing_half_done(
    app: Flask, ls: ListeningSession, staff
) -> None:
    console = staff_socket(app, staff, ls.id)
    assert console.emit("set_status", {"action": "close"}, callback=True)["ok"]
    ack = console.emit(
        "post_on_behalf",
        {"client_key": new_client_key(), "text": "No bus after 9pm"},
        callback=True,
    )
    message = ack["error"]["message"]
    assert ack["error"]["code"] == "session_closed"
    assert "Yours is kept" not in message and "reopen" in message.lower()


def test_an_on_behalf_resend_after_closing_gets_its_concern_and_nothing_is_read_twice(
    app: Flask, ls: ListeningSession, staff, monkeypatch
) -> None:
    from facilitator.commands import moderation

    read: list[str] = []
    real = moderation.read_text
    monkeypatch.setattr(
        moderation, "read_text", lambda data: read.append(data["text"]) or real(data)
    )
    console = staff_socket(app, staff, ls.id)
    payload = {"client_key": new_client_key(), "text": "No bus after 9pm"}
    first = console.emit("post_on_behalf", payload, callback=True)
    assert console.emit("set_status", {"action": "close"}, callback=True)["ok"]
    again = console.emit("post_on_behalf", payload, callback=True)  # the ack was lost
    assert again["ok"] and again["concern"]["id"] == first["concern"]["id"]
    refused = console.emit(
        "post_on_behalf", {"client_key": new_client_key(), "text": "Late"}, callback=True
    )
    assert refused["error"]["code"] == "session_closed"
    assert read == ["No bus after 9pm"]  # neither the resend nor the refused post was read


# ---- 11. No default hide reason; a hidden post can be restored --------------------------


def test_hide_needs_a_chosen_public_reason_and_can_be_undone(
    app: Flask, ls: ListeningSession, staff
) -> None:
    author = participant_socket(app, ls.code)
    concern_id = post(author)["concern"]["id"]
    console = staff_socket(app, staff, ls.id)
    for reason in (None, "", "resolved_privately"):
        refused = console.emit("hide", {"concern_id": concern_id, "reason": reason}, callback=True)
        assert refused["error"]["code"] == "bad_reason"
    assert console.emit("hide", {"concern_id": concern_id, "reason": "off_topic"}, callback=True)[
        "ok"
    ]
    restored = console.emit("restore", {"concern_id": concern_id}, callback=True)
    assert restored["concern"]["status"] == "held" and restored["concern"]["hide_reason"] is None
    told = events(author, "my_concern")[-1]
    assert told["status"] == "held" and told["hide_reason"] is None
    again = console.emit("restore", {"concern_id": concern_id}, callback=True)
    assert again["error"]["code"] == "concern_not_hidden"


def test_console_offers_no_default_reason(staff, ls: ListeningSession) -> None:
    page = staff.get(f"/facilitator/sessions/{ls.id}").get_data(as_text=True)
    strings = _page_json(page, "i18n")
    assert "choose_reason" in strings and "confirm_hide" in strings
    assert "resolved_privately" not in strings["hide_reasons"]


# ---- 12. Posts held for safety: who can read them, and private outcomes -----------------


def test_console_names_the_safety_moderator_or_says_nobody_is(
    app: Flask, ls: ListeningSession, staff
) -> None:
    page = staff.get(f"/facilitator/sessions/{ls.id}").get_data(as_text=True)
    data = _page_json(page, "cg-data")
    assert data["safety_moderators"] == [] and data["is_safety_moderator"] is False
    assert "Accounts" in _page_json(page, "i18n")["safety_nobody"]
    _safety_moderator(app, ls)
    page = staff.get(f"/facilitator/sessions/{ls.id}").get_data(as_text=True)
    assert _page_json(page, "cg-data")["safety_moderators"] == ["Maria (victim services)"]


def test_safety_moderator_resolves_privately_or_refers_to_support(app: Flask, staff) -> None:
    ls = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    safety = staff_socket(app, _safety_moderator(app, ls), ls.id)
    console = staff_socket(app, staff, ls.id)
    display = display_socket(app, ls.code)
    author = participant_socket(app, ls.code)
    first = post(author, "I don't want to live anymore")["concern"]["id"]
    second = post(author, "I want to kill myself")["concern"]["id"]
    counts = events(console, "counts")[-1]
    assert counts["safety_held"] == 2 and counts["held"] == 0  # one definition each
    refused = console.emit(
        "resolve", {"concern_id": first, "outcome": "resolved_privately"}, callback=True
    )
    assert refused["error"]["code"] == "safety_only"
    bad = safety.emit("resolve", {"concern_id": first, "outcome": "abusive"}, callback=True)
    assert bad["error"]["code"] == "bad_outcome"
    one = safety.emit(
        "resolve", {"concern_id": first, "outcome": "resolved_privately"}, callback=True
    )
    two = safety.emit(
        "resolve", {"concern_id": second, "outcome": "referred_to_support"}, callback=True
    )
    assert one["concern"]["status"] == two["concern"]["status"] == "resolved"
    # The author is told it was read, not the outcome; the room counts no public reason.
    assert events(author, "my_concern")[-1]["hide_reason"] is None
    summary = events(display_socket(app, ls.code), "snapshot")[0]["moderation"]
    assert summary == {"held": 0, "hidden": 0, "hidden_reasons": {}}
    assert room_changes(display)[0] == []
    counts = events(console, "counts")[-1]
    assert counts["resolved"] == 2 and counts["hidden"] == 0 and counts["safety_held"] == 0
    # Still out of the other facilitators' sight, and out of the export.
    plain = events(staff_socket(app, staff, ls.id), "snapshot")[0]["concerns"]
    assert plain == []
    assert "kill myself" not in staff.get(f"/facilitator/sessions/{ls.id}/export.csv").get_data(
        as_text=True
    )
    with app.app_context():
        log = db.session.execute(
            select(ModerationAction.action, ModerationAction.detail).where(
                ModerationAction.concern_id.in_([first, second])
            )
        ).all()
    assert sorted(log) == [
        ("resolve", "referred_to_support"),
        ("resolve", "resolved_privately"),
    ]
    page = staff.get(f"/facilitator/sessions/{ls.id}/log").get_data(as_text=True)
    assert "Referred to support" in page and "kill myself" not in page


# ---- 13. One definition per count ------------------------------------------------------


def test_posted_never_drops_when_a_resident_withdraws(
    app: Flask, ls: ListeningSession, staff
) -> None:
    author = participant_socket(app, ls.code)
    concern_id = post(author)["concern"]["id"]
    console = staff_socket(app, staff, ls.id)
    assert events(console, "snapshot")[0]["counts"]["posted"] == 1
    assert author.emit("withdraw", {"concern_id": concern_id}, callback=True)["ok"]
    counts = events(console, "counts")[-1]
    assert counts["posted"] == 1 and counts["withdrawn"] == 1 and counts["held"] == 0


# ---- 14. "Me too" is taps by others, everywhere ---------------------------------------


def test_me_too_counts_taps_by_others_in_app_export_and_analysis(app: Flask, staff) -> None:
    ls = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    author = participant_socket(app, ls.code)
    concern_id = post(author, "Street lights on Elm are out")["concern"]["id"]
    display = display_socket(app, ls.code)
    assert events(display, "snapshot")[0]["concerns"][0]["support"] == 0
    console = staff_socket(app, staff, ls.id)
    assert events(console, "snapshot")[0]["counts"]["me_too"] == 0
    assert (
        participant_socket(app, ls.code).emit("support", {"concern_id": concern_id}, callback=True)[
            "support"
        ]
        == 1
    )
    body = staff.get(f"/facilitator/sessions/{ls.id}/export.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert "support" not in rows[0] and rows[0]["me_too"] == "1"
    assert [c.support for c in parse_concerns(body.lstrip("\ufeff"), "csv")] == [1]


# ---- 15. Plain, translated words; reopening a closed session ---------------------------


def test_log_and_session_list_use_plain_translated_words(
    app: Flask, ls: ListeningSession, staff
) -> None:
    console = staff_socket(app, staff, ls.id)
    concern_id = post(participant_socket(app, ls.code))["concern"]["id"]
    console.emit("approve", {"concern_id": concern_id}, callback=True)
    console.emit("set_prompt", {"text": "What would help now?"}, callback=True)
    console.emit(
        "post_on_behalf", {"client_key": new_client_key(), "text": "More buses"}, callback=True
    )
    page = staff.get(f"/facilitator/sessions/{ls.id}/log").get_data(as_text=True)
    cells = re.findall(r"<td>([^<]*)</td>", page)
    for code in ("approve", "set_prompt", "post_on_behalf", "open"):
        assert code not in cells
    assert "Approved" in cells and "Question changed" in cells and "What would help now?" in cells
    listing = staff.get("/facilitator/?lang=es", follow_redirects=True).get_data(as_text=True)
    assert "<td>Abierta</td>" in listing and "<td>open</td>" not in listing


def test_a_closed_session_can_be_reopened(app: Flask, ls: ListeningSession, staff) -> None:
    console = staff_socket(app, staff, ls.id)
    assert console.emit("set_status", {"action": "close"}, callback=True)["ok"]
    ack = console.emit("set_status", {"action": "reopen"}, callback=True)
    assert ack["ok"] and ack["session"]["status"] == "open"
    assert post(participant_socket(app, ls.code))["ok"]
    wrong = console.emit("set_status", {"action": "reopen"}, callback=True)
    assert wrong["error"]["code"] == "bad_transition"
    assert "the session is open" in wrong["error"]["message"]
    page = staff.get(f"/facilitator/sessions/{ls.id}").get_data(as_text=True)
    assert 'data-status="reopen"' in page and "confirm_reopen" in page


# ---- 16. The language of each post is detected and stored -------------------------------


def test_language_is_detected_stored_and_exported(app: Flask, staff) -> None:
    ls = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    phone = participant_socket(app, ls.code)
    post(phone, "Necesitamos más patrullas que hablen español en el barrio")
    post(phone, "Officers should introduce themselves and explain the stop")
    post(phone, "sí", ui_language="es")  # too short to tell: the phone's language
    post(phone, "ok")  # too short, and the phone said nothing: the request's (English)
    with app.app_context():
        languages = db.session.scalars(select(Concern.language).order_by(Concern.id)).all()
    assert languages == ["es", "en", "es", "en"]
    body = staff.get(f"/facilitator/sessions/{ls.id}/export.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [r["language"] for r in rows] == ["es", "en", "es", "en"]


def test_language_detection_stays_fast_and_within_the_sites_languages() -> None:
    languages = ("en", "es")
    detect_language("warm-up: the model loads once", languages)
    texts = ["La policía no vino cuando llamamos", "Nobody came when we called"] * 100
    start = time.perf_counter()
    found = [detect_language(t, languages, fallback="en") for t in texts]
    per_post = (time.perf_counter() - start) / len(texts)
    assert set(found) == {"es", "en"}
    assert per_post < 0.005, f"{per_post * 1000:.2f} ms per post"
    assert detect_language("Ich möchte mehr Licht auf der Straße", languages) in languages
    assert detect_language("ok", languages, fallback="fr") is None


# ---- 20. Smaller things ----------------------------------------------------------------


def test_short_password_error_says_what_to_do(client) -> None:
    short = client.post("/setup", data={"username": "ana", "password": "short", "confirm": "short"})
    page = short.get_data(as_text=True)
    assert "Use at least 12 characters" in page
    assert "Field must be between" not in page


def test_on_behalf_post_in_approve_first_mode_says_it_is_shown(staff, ls: ListeningSession) -> None:
    page = staff.get(f"/facilitator/sessions/{ls.id}").get_data(as_text=True)
    assert ls.moderation_mode == ModerationMode.APPROVE_FIRST
    assert "without waiting for approval" in page
    assert "needs no approval" in _page_json(page, "i18n")["added_shown"]


# ---- 17. Every text a facilitator writes has a Spanish version; the display too -------

SPANISH_FORM = {
    "title": "Eastside listening session",
    "title_es": "Sesión de escucha del Eastside",
    "purpose": "We want to hear what you need.",
    "purpose_es": "Queremos escuchar lo que usted necesita.",
    "ground_rules": "Speak from your own experience.",
    "ground_rules_es": "Hable desde su propia experiencia.",
    "complaint_channel": "Office of Police Accountability, 612-555-0100",
    "complaint_channel_es": "Oficina de Responsabilidad Policial, 612-555-0100",
    "prompts": "What should change?",
    "prompts_es": "¿Qué debería cambiar?",
    "moderation_mode": "approve_first",
}


def test_spanish_phones_see_every_text_in_spanish(app: Flask, staff, ls: ListeningSession) -> None:
    assert staff.post(f"/facilitator/sessions/{ls.id}/edit", data=SPANISH_FORM).status_code == 302
    form = staff.get(f"/facilitator/sessions/{ls.id}/edit").get_data(as_text=True)
    assert "Sesión de escucha del Eastside" in form  # kept for the next edit
    phone = app.test_client()
    spanish = phone.get(f"/j/{ls.code}?lang=es", follow_redirects=True).get_data(as_text=True)
    for text in (
        "Sesión de escucha del Eastside",
        "Queremos escuchar",
        "Hable desde su propia",
        "Oficina de Responsabilidad Policial",
    ):
        assert text in spanish, text
    english = app.test_client().get(f"/j/{ls.code}").get_data(as_text=True)
    assert "Eastside listening session" in english and "Queremos" not in english
    snapshot = events(participant_socket(app, ls.code), "snapshot")[0]["session"]
    assert snapshot["title_es"] == "Sesión de escucha del Eastside"
    assert snapshot["ground_rules_es"] == "Hable desde su propia experiencia."


def test_display_in_spanish_or_both_languages(app: Flask, staff, ls: ListeningSession) -> None:
    staff.post(f"/facilitator/sessions/{ls.id}/edit", data=SPANISH_FORM)
    console = staff_socket(app, staff, ls.id)
    console.emit("set_prompt", {"text": "What should change?"}, callback=True)
    console.emit("set_status", {"action": "pause"}, callback=True)
    client = app.test_client()
    english = client.get(f"/d/{ls.code}?show=en").get_data(as_text=True)
    assert "Posting is paused" in english and "El envío" not in english
    spanish = client.get(f"/d/{ls.code}?show=es").get_data(as_text=True)
    assert '<html lang="es"' in spanish
    assert "Sesión de escucha del Eastside" in spanish and "Posting is paused" not in spanish
    assert "¿Qué debería cambiar?" in spanish
    both = client.get(f"/d/{ls.code}?show=both").get_data(as_text=True)
    assert "Posting is paused" in both and "Sesión de escucha del Eastside" in both
    second = _page_json(both, "i18n")["second"]
    assert second["status_msgs"]["paused"] != "Posting is paused"
    assert second["held"] != "%(n)s waiting for review"
    assert 'id="d-moderation-second"' in both
