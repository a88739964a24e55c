"""The real server process (run.py on eventlet) driven by python-socketio clients."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import struct
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import requests
import socketio
import websocket
from sqlalchemy import func, select

from facilitator.db import make_engine
from facilitator.models import Concern
from tests.server_harness import (
    Client,
    Server,
    display,
    facilitator,
    free_port,
    participant,
)

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


def test_a_burst_of_posts_from_many_phones_is_stored_and_acknowledged(server: Server) -> None:
    # Each post is read (safety model, redaction) in the server's OS threads at once;
    # nothing on that path may wait on a lock only the event loop can release.
    phones = [participant(server).connect() for _ in range(12)]
    for phone in phones:
        phone.wait_for("snapshot")
    texts = [f"Street lights on block {n} have been out for weeks" for n in range(36)]
    acks: list[Any] = []

    def post_three(phone: Client, mine: list[str]) -> None:
        for text in mine:
            acks.append(phone.call("post", {"client_key": secrets.token_urlsafe(16), "text": text}))

    workers = [
        threading.Thread(target=post_three, args=(phone, texts[n::12]))
        for n, phone in enumerate(phones)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert len(acks) == 36 and all(a["ok"] for a in acks), [a for a in acks if not a["ok"]]
    assert stored_rows(server) == (36, 36)
    for phone in phones:
        phone.close()
    assert "Traceback" not in server.log()


def test_other_origins_and_oversized_messages_are_refused(server: Server) -> None:
    stranger = participant(server)
    with pytest.raises(socketio.exceptions.ConnectionError):
        stranger.connect(transports=["polling"], origin="http://evil.example")
    stranger.close()
    phone = participant(server).connect()
    phone.wait_for("snapshot")
    phone.sio.emit("post", {"client_key": secrets.token_urlsafe(16), "text": "x" * 40_000})
    deadline = time.monotonic() + 10
    while phone.sio.connected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not phone.sio.connected  # over 16 KiB: the connection is closed
    phone.close()
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


def test_the_default_client_upgrades_to_websocket(server: Server) -> None:
    # Polling first, then the upgrade probe ("2probe"/"3probe"), as browsers do.
    phone = participant(server).connect(transports=["polling", "websocket"])
    phone.wait_for("snapshot")
    deadline = time.monotonic() + 10
    while phone.sio.transport() != "websocket" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert phone.sio.transport() == "websocket"
    ack = phone.call("post", {"client_key": secrets.token_urlsafe(16), "text": "After upgrade"})
    assert ack["ok"]
    phone.close()


def raw_participant(server: Server, cookie: str | None = None) -> websocket.WebSocket:
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket",
        cookie=cookie or server.device_cookie(),
        origin=server.url,
        timeout=10,
    )
    assert ws.recv().startswith("0{")
    ws.send("40" + json.dumps({"role": "participant", "code": server.code}))
    frames = [ws.recv(), ws.recv()]
    assert any(f.startswith("40{") for f in frames)
    return ws


def wait_closed(ws: websocket.WebSocket, timeout: float = 10) -> bool:
    """True once the server ended the Socket.IO session or closed the socket."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            frame = ws.recv()
        except (websocket.WebSocketConnectionClosedException, ConnectionError):
            return True
        if frame in ("", "41") or frame.startswith("1"):
            return True
    return False


def test_reserved_event_names_change_no_presence(server: Server) -> None:
    staff = facilitator(server).connect()
    staff.wait_for("snapshot")
    ws = raw_participant(server)
    auth = json.dumps({"role": "participant", "code": server.code})
    for n in range(50):  # with an ack id: each gets an error, the socket stays
        ws.send(f'42{n}["connect",{auth}]' if n % 2 else f'42{n}["disconnect"]')
        reply = ws.recv()
        while not reply.startswith(f"43{n}["):  # skip any broadcast that came first
            reply = ws.recv()
        assert json.loads(reply[len(f"43{n}") :])[0]["error"]["code"] == "reserved_event"
    late = facilitator(server).connect()
    assert late.wait_for("snapshot")["counts"]["connected"] == 1
    assert len(late.events("snapshot")) == 1
    ws.send(f'42["connect",{auth}]')  # no ack id to answer: the server hangs up
    assert wait_closed(ws)
    ws.close()
    staff.wait_for("presence", lambda p: p["connected"] == 0)
    for client in (staff, late):
        client.close()


def test_malformed_packets_are_answered_or_hung_up(server: Server) -> None:
    ws = raw_participant(server)
    try:
        cases = {
            '421{"post":1}': "bad_payload",  # an object, not an array
            "422[]": "bad_payload",  # no event name
            '423[{"a":1},{}]': "bad_payload",  # an object as the event name
            "424" + "[" * 5000 + "]" * 5000: "bad_payload",  # nested deeper than Python parses
            '425["connect_error",{}]': "reserved_event",
        }
        for frame, code in cases.items():
            ws.send(frame)
            reply = ws.recv()
            ack_id = frame[2]
            assert reply.startswith(f"43{ack_id}["), reply
            assert json.loads(reply[3:])[0]["error"]["code"] == code
        ws.send('42{"post":1}')  # malformed and no ack id to answer: the server hangs up
        assert wait_closed(ws)
    finally:
        ws.close()
    assert stored_rows(server) == (0, 0)


def test_connected_counts_phones_not_tabs_or_screens(server: Server) -> None:
    staff = facilitator(server).connect()
    staff.wait_for("snapshot")
    cookie = server.device_cookie()
    tabs = [
        Client(server, {"role": "participant", "code": server.code}, cookie).connect()
        for _ in range(2)
    ]
    screen = display(server).connect()
    other = participant(server).connect()
    for client in (*tabs, screen, other):
        client.wait_for("snapshot")
    staff.wait_for("presence", lambda p: p["connected"] == 2)
    second_console = facilitator(server).connect()
    assert second_console.wait_for("snapshot")["counts"]["connected"] == 2
    tabs[0].close()
    time.sleep(1.5)  # one tally interval: still one tab of that phone open
    assert staff.events("presence")[-1]["connected"] == 2
    tabs[1].close()
    staff.wait_for("presence", lambda p: p["connected"] == 1)
    for client in (staff, second_console, screen, other):
        client.close()


def _room_with_a_4s_window(server: Server, **env: str) -> tuple[Client, Client, Client]:
    """Restart with concern flushes at most every 4 s; connect a console, a phone, a display."""
    server.stop()
    server.extra_env = {
        "LIVE_BATCH_INTERVAL": "4",
        "LIVE_BATCH_MIN_GAP": "4",
        "POST_RATE_LIMIT": "100/minute",
        **env,
    }
    server.start()
    clients = (
        facilitator(server).connect(),
        participant(server).connect(),
        display(server).connect(),
    )
    for client in clients:
        client.wait_for("snapshot")
    return clients


def _post_four(phone: Client) -> list[int]:
    return [
        phone.call("post", {"client_key": secrets.token_urlsafe(16), "text": f"Post {n}"})[
            "concern"
        ]["id"]
        for n in range(4)
    ]


def test_room_updates_flush_on_the_leading_edge_and_coalesce_bursts(server: Server) -> None:
    staff, phone, screen = _room_with_a_4s_window(server)
    ids = _post_four(phone)
    screen.wait_for("concerns", lambda b: b.get("moderation", {}).get("held") == 4)
    time.sleep(4.5)  # a quiet room: nothing flushed for a whole interval
    before = len(screen.events("concerns"))
    assert staff.call("approve", {"concern_id": ids[0]})["ok"]
    # Out at once, long before the 4 s interval would end.
    screen.wait_shown(ids[0], timeout=2)
    for concern_id in ids[1:]:  # a burst right after a flush waits for the next one, together
        assert staff.call("approve", {"concern_id": concern_id})["ok"]
    batch = screen.wait_for(
        "concerns", lambda b: {c["id"] for c in b["upsert"]} >= set(ids[1:]), timeout=15
    )
    assert {c["id"] for c in batch["upsert"]} == set(ids[1:])
    shown = [b for b in screen.events("concerns")[before:] if b["upsert"] and b["upsert"][0]["id"]]
    assert len([b for b in shown if any(c["id"] in ids for c in b["upsert"])]) == 2
    for client in (staff, phone, screen):
        client.close()


def test_posts_held_for_review_do_not_hold_back_the_next_approval(server: Server) -> None:
    # In an approve-first room every post changes only the public counts ("4 wait for
    # review"): those go out with the tallies, and the approval after them is not kept
    # waiting for a 4 s window that the counts would have opened.
    staff, phone, screen = _room_with_a_4s_window(server, TALLY_INTERVAL="1")
    time.sleep(4.5)  # past the window the ticker starts with: a quiet room
    ids = _post_four(phone)
    assert staff.call("approve", {"concern_id": ids[0]})["ok"]
    screen.wait_shown(ids[0], timeout=2)  # at once, not after the 4 s window
    screen.wait_for("concerns", lambda b: b.get("moderation", {}).get("held") == 3)
    # A held post alone still reaches the room's counts, with the next tallies (1 s).
    phone.call("post", {"client_key": secrets.token_urlsafe(16), "text": "Post 4"})
    screen.wait_for("concerns", lambda b: b.get("moderation", {}).get("held") == 4, timeout=3)
    for client in (staff, phone, screen):
        client.close()


def test_an_unreachable_message_queue_is_shown_and_recovered(
    tmp_path: Path, server: Server
) -> None:
    """A Redis URL that refuses connections, then a Redis on that port (loopback only)."""
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    server.stop()
    server.extra_env = {"SOCKETIO_MESSAGE_QUEUE": f"redis://127.0.0.1:{port}/11"}
    server.start()
    # Checked on the load balancer's first request, before any client connected.
    assert requests.get(server.url + "/healthz", timeout=5).status_code == 503
    staff = facilitator(server).connect()
    staff.wait_for("live_status", lambda d: d["queue_ok"] is False)
    assert requests.get(server.url + "/healthz", timeout=5).status_code == 503
    assert requests.get(server.url + "/healthz", timeout=5).json() == {
        "ok": False,
        "database": "ok",
        "message_queue": "unreachable",
    }
    redis = subprocess.Popen(  # noqa: S603 - a fixed command on loopback
        [
            redis_server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        staff.wait_for("live_status", lambda d: d["queue_ok"] is True, timeout=20)
        staff.wait_for("snapshot", timeout=5)  # what was missed meanwhile: resynced
        assert requests.get(server.url + "/healthz", timeout=5).json()["ok"] is True
        phone = participant(server).connect()
        phone.wait_for("snapshot")
        ack = phone.call("post", {"client_key": secrets.token_urlsafe(16), "text": "Back"})
        staff.wait_for("concern", lambda c: c["id"] == ack["concern"]["id"])
        phone.close()
    finally:
        staff.close()
        server.stop()
        redis.terminate()
        redis.wait(timeout=10)


def test_a_phone_that_vanishes_leaves_the_count(server: Server) -> None:
    staff = facilitator(server).connect()
    staff.wait_for("snapshot")
    ws = raw_participant(server)  # then silent: it never answers the server's pings
    staff.wait_for("presence", lambda p: p["connected"] == 1)
    # Heartbeat 5 s + 4 s, then one tally interval: gone within about 10 s.
    staff.wait_for("presence", lambda p: p["connected"] == 0, timeout=20)
    ws.close()
    staff.close()
