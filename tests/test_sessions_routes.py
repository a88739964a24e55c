"""Facilitator pages: create, edit, console, poster, open/pause/close over HTTP."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import ListeningSession, SessionStatus
from facilitator.privacy import CODE_ALPHABET, CODE_LENGTH
from facilitator.services.export import safe_cell


def test_create_session_with_prompts_and_unguessable_code(staff) -> None:
    response = staff.post(
        "/facilitator/sessions/new",
        data={
            "title": "  Eastside listening session ",
            "purpose": "Hear what people need after the shooting on 5th.",
            "ground_rules": "One voice at a time.",
            "prompts": "What happened to you?\n\n  What should change?  \n",
            "moderation_mode": "approve_first",
        },
    )
    assert response.status_code == 302
    ls = db.session.scalar(select(ListeningSession))
    assert ls.title == "Eastside listening session"
    assert [p.text for p in ls.prompts] == ["What happened to you?", "What should change?"]
    assert ls.current_prompt.text == "What happened to you?"
    assert ls.status == SessionStatus.DRAFT
    assert len(ls.code) == CODE_LENGTH and set(ls.code) <= set(CODE_ALPHABET)
    assert len(CODE_ALPHABET) ** CODE_LENGTH >= 2**30
    assert not set("01OIL") & set(CODE_ALPHABET)


def test_create_refuses_missing_prompt_and_keeps_the_form(staff) -> None:
    response = staff.post(
        "/facilitator/sessions/new",
        data={
            "title": "No prompt",
            "purpose": "p",
            "prompts": "   \n  ",
            "moderation_mode": "approve_first",
        },
    )
    assert response.status_code == 200
    assert b"No prompt" in response.data
    assert db.session.scalar(select(ListeningSession)) is None


def test_edit_keeps_existing_prompt_ids(staff, ls: ListeningSession) -> None:
    original_id = ls.prompts[0].id
    response = staff.post(
        f"/facilitator/sessions/{ls.id}/edit",
        data={
            "title": "Renamed",
            "purpose": "",
            "ground_rules": "",
            "prompts": "A new first question\nWhat should change after what happened?",
            "moderation_mode": "show_immediately",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    ls = db.session.get(ListeningSession, ls.id)
    assert ls.title == "Renamed" and ls.moderation_mode.value == "show_immediately"
    assert {p.text: p.id for p in ls.prompts}[
        "What should change after what happened?"
    ] == original_id


def test_complaint_channel_is_shown_on_every_phone(staff, client, ls: ListeningSession) -> None:
    generic = "ask a facilitator for the official complaint channel"
    assert generic in client.get(f"/j/{ls.code}").get_data(as_text=True)
    edit = f"/facilitator/sessions/{ls.id}/edit"
    form = {
        "title": ls.title,
        "prompts": "What should change?",
        "moderation_mode": "approve_first",
        "complaint_channel": " Civilian Review Board <b>\n555-0100, 100 Main St ",
    }
    assert staff.post(edit, data=form).status_code == 302
    db.session.expire_all()
    assert db.session.get(ListeningSession, ls.id).complaint_channel == (
        "Civilian Review Board <b>\n555-0100, 100 Main St"
    )
    assert "Civilian Review Board &lt;b&gt;" in staff.get(edit).get_data(as_text=True)
    page = client.get(f"/j/{ls.code}").get_data(as_text=True)
    assert generic not in page
    assert (
        '<p class="pre" id="complaint-channel">Civilian Review Board &lt;b&gt;\n'
        "555-0100, 100 Main St</p>" in page
    )
    # Too long is refused with a clear message, and the saved text stays.
    refused = staff.post(edit, data={**form, "complaint_channel": "x" * 1001})
    assert refused.status_code == 200
    assert "1000" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(ListeningSession, ls.id).complaint_channel.startswith("Civilian")
    # Line breaks count as one character each, as people see them, not as CR LF.
    crlf = "Room 4\r\n" * 140  # 1,120 characters sent, 840 seen
    assert staff.post(edit, data={**form, "complaint_channel": crlf}).status_code == 302
    db.session.expire_all()
    assert db.session.get(ListeningSession, ls.id).complaint_channel.count("\n") == 139
    # Emptied: the generic advice again.
    assert staff.post(edit, data={**form, "complaint_channel": "  "}).status_code == 302
    assert generic in client.get(f"/j/{ls.code}").get_data(as_text=True)


def test_open_pause_resume_close_over_http(staff, ls: ListeningSession) -> None:
    url = f"/facilitator/sessions/{ls.id}/status"
    for action, status in (("pause", "paused"), ("resume", "open"), ("close", "closed")):
        assert staff.post(url, data={"action": action}).status_code == 302
        db.session.expire_all()
        assert db.session.get(ListeningSession, ls.id).status.value == status
    page = staff.post(url, data={"action": "pause"}, follow_redirects=True).get_data(as_text=True)
    assert "cannot" in page  # a closed session cannot pause: said plainly
    assert staff.post(url, data={"action": "explode"}, follow_redirects=True).status_code == 200


def test_console_and_poster_render(staff, ls: ListeningSession) -> None:
    console = staff.get(f"/facilitator/sessions/{ls.id}").get_data(as_text=True)
    assert ls.code in console
    poster = staff.get(f"/facilitator/sessions/{ls.id}/poster").get_data(as_text=True)
    assert f"{ls.code[:3]}-{ls.code[3:]}" in poster and f"/j/{ls.code}/qr.svg" in poster
    assert "after the session, the same code shows what the organisers heard" in poster
    assert staff.get("/facilitator/sessions/99999").status_code == 404


def test_summary_and_moderation_log(app, staff, ls: ListeningSession) -> None:
    from tests.conftest import participant_socket, post, staff_socket

    console = staff_socket(app, staff, ls.id)
    concern_id = post(participant_socket(app, ls.code), "Call me on 555-0100")["concern"]["id"]
    console.emit(
        "hide", {"concern_id": concern_id, "reason": "personal_information"}, callback=True
    )
    page = staff.get(f"/facilitator/sessions/{ls.id}/log").get_data(as_text=True)
    assert "Contains personal information" in page and f"#{concern_id}" in page
    assert "facilitator" in page  # who
    assert "555-0100" not in page  # the log never repeats what was posted


def test_local_support_resources_with_last_verified_dates(app, staff, ls: ListeningSession) -> None:
    url = f"/facilitator/sessions/{ls.id}/resources"
    bad = staff.post(url, data={"resources": "Crisis line | 225-555-0190 | last week"})
    assert bad.status_code == 200 and "Line 1" in bad.get_data(as_text=True)
    assert "last week" in bad.get_data(as_text=True)  # what was typed is kept
    lines = (
        "Eastside Victim Services | 225-555-0190 | 2026-11-20 | Spanish spoken\n"
        "\n"
        "Old line | 555-0100 | 2020-01-01"
    )
    assert staff.post(url, data={"resources": lines}).status_code == 302
    page = staff.get(url).get_data(as_text=True)
    assert "2026-11-20" in page and "check it again" in page  # the 2020 one is stale
    participant = app.test_client().get(f"/j/{ls.code}").get_data(as_text=True)
    assert "Eastside Victim Services" in participant and 'href="tel:2255550190"' in participant


def test_export_is_redacted_formula_safe_and_keeps_every_script(app, staff) -> None:
    import csv
    import io

    from facilitator.models import ModerationMode
    from tests.conftest import make_session, participant_socket, post

    ls = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    phone = participant_socket(app, ls.code)
    post(phone, '=HYPERLINK("http://evil") call 612-555-0147')
    post(phone, "Mitákuye oyás\u030ciŋ · Tiếng Việt · 中文 · العربية")
    post(phone, "I want to kill myself")  # held for the safety moderator: not exported
    response = staff.get(f"/facilitator/sessions/{ls.id}/export.csv")
    assert response.mimetype == "text/csv"
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [r["text"] for r in rows] == [
        '\'=HYPERLINK("http://evil") call [phone]',
        "Mitákuye oyášiŋ · Tiếng Việt · 中文 · العربية",
    ]
    assert "555-0147" not in body and "kill myself" not in body


@pytest.mark.parametrize(
    "text",
    [
        "\uff1dHYPERLINK(1)",  # full-width equals sign
        "\u200b=HYPERLINK(1)",  # zero-width space first
        "\u2060\ufeff+1+1",  # word joiner and BOM first
        "\uff0b1",  # full-width plus
        "\ufe63 1",  # small hyphen-minus
        "\uff20SUM(1)",  # full-width commercial at
        "\u00a0-1",  # no-break space first
    ],
)
def test_export_sees_formulas_behind_lookalikes_and_invisible_characters(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert safe_cell("Ｈｅｌｌｏ") == "Ｈｅｌｌｏ"  # full-width letters are not formulas
