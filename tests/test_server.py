"""The real server process (run.py on eventlet) driven by python-socketio clients."""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import struct
import time
from pathlib import Path

import pytest
import requests
import socketio
import websocket
from sqlalchemy import func, select

from facilitator.db import make_engine
from facilitator.models import Concern
from tests.server_harness import Server, display, facilitator, participant

pytestmark = pytest.mark.server


def stored_rows(server: Server) -> tuple[int, int]:
    engine = make_engine(server.database_url)
    with engine.connect() as conn:
        rows = conn.scalar(select(func.count(Concern.id)))
        keys = conn.scalar(select(func.count(func.distinct(Concern.client_key))))
    engine.dispose()
    return rows, keys


def test_post_moderate_and_display_over_a_real_server(server: Server) -> None:
    staff = facilitator(server).connect()
    screen = display(server).connect()
    phone = participant(server).connect()
    neighbour = participant(server).connect()
    for client in (staff, screen, phone, neighbour):
        client.wait_for("snapshot")

    key = secrets.token_urlsafe(16)
    acks = [
        phone.call("post", {"client_key": key, "text": "Hold these sessions every month"})
        for _ in range(3)
    ]
    assert all(a["ok"] for a in acks) and len({a["concern"]["id"] for a in acks}) == 1
    concern_id = acks[0]["concern"]["id"]
    staff.wait_for("concern", lambda c: c["id"] == concern_id and c["status"] == "held")
    assert stored_rows(server) == (1, 1)

    assert staff.call("approve", {"concern_id": concern_id})["ok"]
    shown = screen.wait_shown(concern_id)
    assert shown["text"] == "Hold these sessions every month" and set(shown) >= {
        "support",
        "pinned",
    }
    neighbour.wait_shown(concern_id)
    phone.wait_for("my_concern", lambda c: c["id"] == concern_id and c["status"] == "shown")

    assert neighbour.call("support", {"concern_id": concern_id})["ok"]
    staff.wait_for("support", lambda s: s["support"] == 1)
    tally = screen.wait_for("tallies", timeout=5)
    assert tally["support"][str(concern_id)] == 1

    refused = phone.call("approve", {"concern_id": concern_id})
    assert refused["error"]["code"] == "not_allowed"
    for client in (staff, screen, phone, neighbour):
        client.close()


def test_restart_mid_session_loses_and_duplicates_nothing(server: Server) -> None:
    staff = facilitator(server).connect()
    screen = display(server).connect()
    phone = participant(server).connect()
    outbox: dict[str, str] = {}

    def send_outbox() -> dict[str, int]:
        stored = {}
        for key, text in outbox.items():
            ack = phone.call("post", {"client_key": key, "text": text})
            assert ack["ok"], ack
            stored[key] = ack["concern"]["id"]
        return stored

    outbox[secrets.token_urlsafe(16)] = "Before the restart"
    before = send_outbox()
    first_id = next(iter(before.values()))
    assert staff.call("approve", {"concern_id": first_id})["ok"]
    screen.wait_shown(first_id)

    server.kill()
    # While the server is down the phone keeps writing; its outbox holds the posts.
    outbox[secrets.token_urlsafe(16)] = "Written while the server was down"
    snapshots = {c: len(c.events("snapshot")) for c in (staff, screen, phone)}
    server.start()
    for client, seen in snapshots.items():  # every screen resyncs from the database
        client.wait_for(
            "snapshot", lambda _s, c=client, n=seen: len(c.events("snapshot")) > n, timeout=20
        )
        client.wait_connected()

    after = send_outbox()  # resend everything not known to be stored, and the old one again
    assert after[next(iter(before))] == first_id
    assert stored_rows(server) == (2, 2)
    # The resync snapshot held what was stored before; the resent post arrived live.
    resynced = staff.events("snapshot")[-1]
    assert [c["original_text"] for c in resynced["concerns"]] == ["Before the restart"]
    staff.wait_for("concern", lambda c: c["original_text"] == "Written while the server was down")
    assert [c["id"] for c in screen.events("snapshot")[-1]["concerns"]] == [first_id]
    for client in (staff, screen, phone):
        client.close()


def test_long_polling_works_when_websockets_are_blocked(server: Server) -> None:
    phone = participant(server).connect(transports=["polling"])
    phone.wait_for("snapshot")
    ack = phone.call("post", {"client_key": secrets.token_urlsafe(16), "text": "Polling only"})
    assert ack["ok"] and ack["concern"]["status"] == "held"
    assert phone.sio.transport() == "polling"
    phone.close()


def test_other_origins_and_oversized_messages_are_refused(server: Server) -> None:
    with pytest.raises(socketio.exceptions.ConnectionError):
        participant(server).connect(transports=["polling"], origin="http://evil.example")
    phone = participant(server).connect()
    phone.wait_for("snapshot")
    phone.sio.emit("post", {"client_key": secrets.token_urlsafe(16), "text": "x" * 40_000})
    deadline = time.monotonic() + 10
    while phone.sio.connected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not phone.sio.connected  # over 16 KiB: the connection is closed
    assert stored_rows(server) == (0, 0)


def test_access_log_has_no_client_address(server: Server) -> None:
    phone = participant(server).connect(transports=["polling"])
    phone.wait_for("snapshot")
    phone.close()
    server.stop()
    log = server.log()
    assert '"GET /join HTTP/1.1" 200' in log
    assert "127.0.0.1', " not in log and "client=127.0.0.1" not in log
    for line in log.splitlines():
        if "GET /" in line or "POST /" in line:
            assert "127.0.0.1" not in line, line


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"),
    reason="two processes sharing a database need PostgreSQL",
)
def test_two_processes_share_live_events_through_redis(tmp_path: Path, server: Server) -> None:
    redis_url = "redis://127.0.0.1:6379/15"
    server.stop()
    server.extra_env = {"SOCKETIO_MESSAGE_QUEUE": redis_url, "RATELIMIT_STORAGE_URI": redis_url}
    server.start()
    second = Server(
        instance=server.instance, database_url=server.database_url, extra_env=server.extra_env
    )
    second.code, second.session_id = server.code, server.session_id
    second.start()
    try:
        staff = facilitator(second).connect()
        staff.wait_for("snapshot")
        phone = participant(server).connect()
        phone.wait_for("snapshot")
        ack = phone.call(
            "post", {"client_key": secrets.token_urlsafe(16), "text": "Across processes"}
        )
        staff.wait_for("concern", lambda c: c["id"] == ack["concern"]["id"])
        # One phone on each process: every console counts both.
        other_phone = participant(second).connect()
        other_phone.wait_for("snapshot")
        staff.wait_for("presence", lambda p: p["connected"] == 2)
        late = facilitator(server).connect()
        assert late.wait_for("snapshot")["counts"]["connected"] == 2
        other_phone.close()
        staff.wait_for("presence", lambda p: p["connected"] == 1)
        for client in (late, staff, phone):
            client.close()
    finally:
        second.stop()


def test_malformed_frames_get_clear_errors_and_change_nothing(server: Server) -> None:
    """Raw Socket.IO frames, as a buggy or hostile client might send them."""
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket",
        cookie=server.device_cookie(),
        origin=server.url,
        timeout=10,
    )
    try:
        assert ws.recv().startswith("0{")
        ws.send("40" + json.dumps({"role": "participant", "code": server.code}))
        frames = [ws.recv(), ws.recv()]
        assert any(f.startswith("40{") for f in frames)
        cases = {
            '421["post",{not json': "bad_payload",
            '422["post"]': "bad_payload",
            '423["post",5]': "bad_payload",
            '424["nosuchevent",{}]': "unknown_event",
            '425["approve",{"concern_id":1}]': "not_allowed",
        }
        for frame, code in cases.items():
            ws.send(frame)
            reply = ws.recv()
            ack_id = frame[2]
            assert reply.startswith(f"43{ack_id}["), reply
            assert json.loads(reply[3:])[0]["error"]["code"] == code
    finally:
        ws.close()
    assert stored_rows(server) == (0, 0)


def test_socketio_responses_carry_the_security_headers(server: Server) -> None:
    base = f"{server.url}/socket.io/?EIO=4&transport=polling"
    responses = [
        requests.get(base, headers={"Origin": server.url}, timeout=5),  # the handshake
        requests.get(base + "&sid=nosuchsession", headers={"Origin": server.url}, timeout=5),
        requests.get(f"{server.url}/socket.io/?EIO=1&transport=polling", timeout=5),
    ]
    assert responses[0].status_code == 200 and responses[1].status_code == 400
    for response in responses:
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
    # Pages keep their own, fuller policy.
    page = requests.get(server.url + "/join", timeout=5)
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_no_client_address_reaches_any_output(server: Server) -> None:
    """Odd frames and abrupt closes make eventlet write errors outside logging."""
    client_ports = []
    for frame in ["hello", "", "4hello", "hello"]:
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket",
            origin=server.url,
            timeout=10,
        )
        client_ports.append(ws.sock.getsockname()[1])
        ws.recv()
        ws.send(frame)
        time.sleep(0.2)
        ws.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        ws.sock.close()  # a reset, as a phone leaving the Wi-Fi
    phone = participant(server).connect(transports=["polling"])
    phone.wait_for("snapshot")
    phone.close()
    time.sleep(0.5)
    server.stop()
    output = server.log()  # the server's stdout and stderr, everything it wrote
    assert "Traceback" in output or "access:" in output  # it did write about them
    assert "client=127" not in output
    for port in client_ports:
        assert f":{port}" not in output
    # Only the server's own addresses, in the start-up lines for the facilitator (its
    # port, and the database's on PostgreSQL).
    own = {str(server.port), *re.findall(r"127\.0\.0\.1:(\d+)", server.database_url)}
    assert set(re.findall(r"127\.0\.0\.1:(\d+)", output)) <= own


def test_an_oversized_post_is_refused_unread_by_the_real_server(server: Server) -> None:
    with requests.Session() as http:
        http.get(f"{server.url}/j/{server.code}", timeout=5)
        body = b"client_key=" + b"k" * 22 + b"&text=" + b"x" * (16 * 1024 * 1024)
        started = time.monotonic()
        response = http.post(
            f"{server.url}/j/{server.code}/concerns",
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            timeout=30,
        )
    assert response.status_code == 413
    assert len(response.content) < 20_000 and "Too long to send" in response.text
    assert time.monotonic() - started < 10
    assert requests.get(server.url + "/join", timeout=5).status_code == 200
    assert stored_rows(server) == (0, 0)
