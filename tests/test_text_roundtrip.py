"""Text in any script comes back exactly as it was written, wherever it is shown."""

from __future__ import annotations

import html
import json
import re
import unicodedata

import pytest
from flask import Flask
from flask.testing import FlaskClient

from facilitator.models import ModerationMode
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

# Real sentences a resident might write, none holding anything redaction should hide.
TEXTS = {
    # ȟ š č ŋ ǧ and the modifier-letter apostrophe (ʼ, U+02BC) of Lakota orthography.
    "lakota": "Mitákuye oyásʼiŋ. Lakȟótiyapi wóglakapi čha, šúŋka ǧí, íŋyaŋ.",
    "vietnamese": "Chúng tôi cần cảnh sát nói tiếng Việt ở đồn khu phố.",
    "somali": "Waxaan rabnaa in booliisku ay dhageystaan dadka, ma'aha inay cabsi galiyaan.",
    "chinese": "我们希望警察在社区会议上提供中文翻译，也尊重老人。",
    # Right to left, with a right-to-left mark (U+200F) that must not be stripped.
    "arabic": "نريد أن تتحدث الشرطة مع الجيران باحترام\u200f.",
    "emoji": "Más luz en el parque 🙏🏽 por favor; la familia 👨‍👩‍👧 quiere caminar.",
}


def concern_texts(page: str, list_id: str) -> list[str]:
    items = re.search(rf'<(?:ul|ol) class="[^"]*" id="{list_id}">(.*?)</(?:ul|ol)>', page, re.S)
    found = re.findall(r'<p class="concern-text"[^>]*>(.*?)</p>', items.group(1), re.S)
    return [html.unescape(text) for text in found]


def json_block(page: str, block_id: str) -> object:
    match = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', page)
    return json.loads(match.group(1))


@pytest.mark.parametrize("name", list(TEXTS))
def test_post_comes_back_unchanged_everywhere(app: Flask, staff: FlaskClient, name: str) -> None:
    text = TEXTS[name]
    assert unicodedata.is_normalized("NFC", text)  # what phones send; stored as NFC
    ls = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    author = phone(app, ls.code)
    page = author.get(f"/j/{ls.code}").get_data(as_text=True)
    key = re.search(r'name="client_key" value="([^"]+)"', page).group(1)

    # Posting without JavaScript (a plain form).
    response = author.post(f"/j/{ls.code}/concerns", data={"text": text, "client_key": key})
    assert response.status_code == 302

    # The author's page: their own list, the room's list, and the data for participant.js.
    page = author.get(f"/j/{ls.code}").get_data(as_text=True)
    assert concern_texts(page, "mine") == [text]
    assert concern_texts(page, "concerns") == [text]
    assert [m["text"] for m in json_block(page, "cg-data")["mine"]] == [text]

    # The projector, both as rendered and over its socket.
    display = app.test_client().get(f"/d/{ls.code}").get_data(as_text=True)
    assert concern_texts(display, "d-list") == [text]
    assert [c["text"] for c in events(display_socket(app, ls.code), "snapshot")[0]["concerns"]] == [
        text
    ]

    # The facilitator's snapshot: shown as posted, nothing redacted, no safety hold.
    console = events(staff_socket(app, staff, ls.id), "snapshot")[0]
    (concern,) = console["concerns"]
    assert concern["text"] == concern["original_text"] == text
    assert concern["redactions"] == [] and concern["safety_kinds"] == []
    assert concern["status"] == "shown"


def test_socket_posts_reach_the_room_unchanged(app: Flask) -> None:
    ls = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    room = display_socket(app, ls.code)
    events(room)
    sock = participant_socket(app, ls.code)
    for text in TEXTS.values():
        ack = post(sock, text)
        assert ack["ok"], ack
    upserts, removed = room_changes(room)
    assert [c["text"] for c in upserts] == list(TEXTS.values()) and removed == []
