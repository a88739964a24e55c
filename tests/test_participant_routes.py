"""The participant pages with JavaScript off: join, post, "me too", withdraw, QR code."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from flask import Flask
from sqlalchemy import func, select

from facilitator.extensions import db
from facilitator.models import Concern, ListeningSession, ModerationMode
from facilitator.privacy import DEVICE_COOKIE, new_client_key
from tests.conftest import make_session, participant_socket, phone, post, staff_socket


def form_key(html: str) -> str:
    return re.search(r'name="client_key" value="([^"]+)"', html).group(1)


def test_join_by_code_accepts_what_people_type(client, ls: ListeningSession) -> None:
    typed = f"{ls.code[:3].lower()}-{ls.code[3:].lower()}"
    response = client.post("/join", data={"code": typed})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/j/{ls.code}")
    unknown = client.post("/join", data={"code": "NOPE123"})
    assert unknown.status_code == 404 and b"NOPE123" in unknown.data
    assert client.get(f"/j/{ls.code.lower()}").headers["Location"].endswith(f"/j/{ls.code}")


def test_session_page_sets_an_anonymous_device_cookie(client, ls: ListeningSession) -> None:
    response = client.get(f"/j/{ls.code}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(DEVICE_COOKIE))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    for text in (
        ls.title,
        "Speak from your own experience.",
        "What should change after what happened?",
    ):
        assert text in page
    # Nothing is loaded from another origin.
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_post_without_javascript_is_stored_once_and_shown_as_held(
    client, ls: ListeningSession
) -> None:
    page = client.get(f"/j/{ls.code}").get_data(as_text=True)
    key = form_key(page)
    data = {"text": "We need a youth centre on the east side", "client_key": key}
    for _ in range(3):  # a double tap, then a reload that re-submits the form
        response = client.post(f"/j/{ls.code}/concerns", data=data)
        assert response.status_code == 302
    assert db.session.scalar(select(func.count(Concern.id))) == 1
    page = client.get(f"/j/{ls.code}").get_data(as_text=True)
    assert "We need a youth centre on the east side" in page
    assert "waiting for review" in page


def test_post_error_keeps_what_was_typed(client, ls: ListeningSession) -> None:
    page = client.get(f"/j/{ls.code}").get_data(as_text=True)
    text = "word " * 250  # 1,250 characters
    response = client.post(
        f"/j/{ls.code}/concerns", data={"text": text, "client_key": form_key(page)}
    )
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "1,249" in body and "1,000" in body  # trimmed length, and the limit
    # Kept in the textarea, up to what a post may hold (never an echo of anything sent).
    assert text[:1000] in body and text[:1001] not in body
    assert "Only the first 1,000 characters are kept below." in body
    assert db.session.scalar(select(func.count(Concern.id))) == 0


def test_support_and_withdraw_without_javascript(app: Flask, staff) -> None:
    ls = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    author = phone(app, ls.code)
    page = author.get(f"/j/{ls.code}").get_data(as_text=True)
    author.post(
        f"/j/{ls.code}/concerns", data={"text": "Bus stop lighting", "client_key": form_key(page)}
    )
    concern_id = db.session.scalar(select(Concern.id))
    neighbour = phone(app, ls.code)
    assert neighbour.post(f"/j/{ls.code}/concerns/{concern_id}/support").status_code == 302
    again = neighbour.post(f"/j/{ls.code}/concerns/{concern_id}/support", follow_redirects=True)
    assert "already said" in again.get_data(as_text=True)
    assert db.session.get(Concern, concern_id).support_count == 1
    not_yours = neighbour.post(
        f"/j/{ls.code}/concerns/{concern_id}/withdraw", follow_redirects=True
    )
    assert "Only the phone that posted" in not_yours.get_data(as_text=True)
    author.post(f"/j/{ls.code}/concerns/{concern_id}/withdraw")
    db.session.expire_all()
    assert db.session.get(Concern, concern_id).status.value == "withdrawn"


def test_no_javascript_posts_reach_the_live_console(
    app: Flask, ls: ListeningSession, staff
) -> None:
    console = staff_socket(app, staff, ls.id)
    console.get_received()
    browser = phone(app, ls.code)
    page = browser.get(f"/j/{ls.code}").get_data(as_text=True)
    browser.post(
        f"/j/{ls.code}/concerns",
        data={"text": "Posted without JavaScript", "client_key": form_key(page)},
    )
    concerns = [m["args"][0] for m in console.get_received() if m["name"] == "concern"]
    assert [c["original_text"] for c in concerns] == ["Posted without JavaScript"]


def test_same_key_over_http_and_socket_is_one_post(app: Flask, ls: ListeningSession) -> None:
    browser = phone(app, ls.code)
    key = new_client_key()
    ack = post(participant_socket(app, ls.code, browser), "Both ways", key=key)
    browser.post(f"/j/{ls.code}/concerns", data={"text": "Both ways", "client_key": key})
    assert db.session.scalar(select(func.count(Concern.id))) == 1
    assert ack["ok"]


def test_qr_code_is_svg_of_the_join_url(client, ls: ListeningSession) -> None:
    response = client.get(f"/j/{ls.code}/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    root = ET.fromstring(response.data)  # noqa: S314 - our own server's output
    assert root.tag.endswith("svg")


def test_display_page_shows_only_shown_concerns(app: Flask, client, staff) -> None:
    ls = make_session(app)
    sock = participant_socket(app, ls.code)
    held = post(sock, "Still held for review")["concern"]["id"]
    shown = post(sock, "Approved for the room")["concern"]["id"]
    assert staff_socket(app, staff, ls.id).emit("approve", {"concern_id": shown}, callback=True)[
        "ok"
    ]
    page = client.get(f"/d/{ls.code}").get_data(as_text=True)
    assert "Approved for the room" in page and "Still held for review" not in page
    assert "1 waiting for review" in page  # held posts are counted in public, never dropped
    assert held != shown


def test_oversized_posts_get_a_clear_413_unread_and_nothing_stored(
    app: Flask, ls: ListeningSession
) -> None:
    browser = phone(app, ls.code)
    limit = app.config["PUBLIC_MAX_REQUEST_BYTES"]
    assert limit < 64 * 1024  # small: a post is at most 1,000 characters
    huge = "x" * (2 * 1024 * 1024)
    response = browser.post(
        f"/j/{ls.code}/concerns", data={"text": huge, "client_key": new_client_key()}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "too long to send" in page and "1,000 characters" in page
    assert len(response.data) < 20_000  # the text is not echoed back
    with app.app_context():
        assert db.session.scalar(select(func.count(Concern.id))) == 0
    # Sign-in is public too; a whole post of four-byte characters still fits.
    assert app.test_client().post("/login", data={"username": huge}).status_code == 413
    widest = "😀" * 1000
    ok = browser.post(
        f"/j/{ls.code}/concerns", data={"text": widest, "client_key": new_client_key()}
    )
    assert ok.status_code == 302


def test_a_too_long_post_is_never_echoed_back_beyond_the_limit(
    app: Flask, ls: ListeningSession
) -> None:
    browser = phone(app, ls.code)
    text = "y" * 5000
    response = browser.post(
        f"/j/{ls.code}/concerns", data={"text": text, "client_key": new_client_key()}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "5,000" in page
    draft = re.search(r"<textarea[^>]*>([^<]*)</textarea>", page).group(1)
    assert draft == "y" * 1000


def test_facilitator_forms_have_the_larger_limit(app: Flask, staff, ls: ListeningSession) -> None:
    url = f"/facilitator/sessions/{ls.id}/resources"
    assert staff.post(url, data={"resources": "x" * 100_000}).status_code != 413
    too_big = staff.post(url, data={"resources": "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)})
    assert too_big.status_code == 413
    assert "more than this page accepts" in too_big.get_data(as_text=True)
