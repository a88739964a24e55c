"""Two server processes behind nginx (deploy/), sharing PostgreSQL and Redis."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests

from facilitator import ROOT
from facilitator.live.presence import SharedCounts
from tests.server_harness import Client, Server, facilitator, free_port

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(
        not os.environ.get("TEST_DATABASE_URL"),
        reason="several processes sharing a database need PostgreSQL",
    ),
]

REDIS_URL = "redis://127.0.0.1:6379/11"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_site(port: int, upstreams: list[int]) -> str:
    """deploy/commonground.nginx with this test's ports (loopback only)."""
    site = (ROOT / "deploy" / "commonground.nginx").read_text()
    site = re.sub(r"(?m)^    server 127\.0\.0\.1:\d+;\n", "", site)
    servers = "".join(f"    server 127.0.0.1:{p};\n" for p in upstreams)
    site = site.replace("    keepalive 64;", servers + "    keepalive 64;")
    return site.replace("listen 80;", f"listen 127.0.0.1:{port};")


@pytest.fixture
def nginx_pair(tmp_path: Path, server: Server) -> Iterator[tuple[Server, list[int], Path]]:
    """deploy/launch.sh with two processes, and nginx in front; yields the nginx address."""
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (apt-get install nginx)")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    client.delete(SharedCounts.key(server.session_id))
    server.stop()  # the fixture's own process; launch.sh starts the two
    ports = [free_port(), free_port()]
    front = free_port()
    public = f"http://127.0.0.1:{front}"
    env = {
        **os.environ,
        "INSTANCE_PATH": str(server.instance),
        "DATABASE_URL": server.database_url,
        "REDIS_URL": REDIS_URL,
        "PUBLIC_URL": public,
        # Pub/sub channels span all of a Redis server's databases: one of our own.
        "SOCKETIO_CHANNEL": f"cg-test-{secrets.token_hex(4)}",
    }
    log = (tmp_path / "launch.log").open("wb")
    launcher = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [
            shutil.which("bash") or "/bin/bash",
            str(ROOT / "deploy" / "launch.sh"),
            "2",
            str(ports[0]),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    # launch.sh picks consecutive ports; use what it was given.
    ports = [ports[0], ports[0] + 1]
    conf = tmp_path / "nginx"
    conf.mkdir()
    (conf / "site.conf").write_text(nginx_site(front, ports))
    user = "user root;\n" if os.geteuid() == 0 else ""
    (conf / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {conf}/nginx.pid;\n"
        f"error_log {conf}/error.log warn;\nevents {{ worker_connections 1024; }}\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {conf}/body;\n"
        f"  proxy_temp_path {conf}/proxy;\n  fastcgi_temp_path {conf}/fastcgi;\n"
        f"  uwsgi_temp_path {conf}/uwsgi;\n  scgi_temp_path {conf}/scgi;\n"
        f"  include {conf}/site.conf;\n}}\n"
    )
    proxy = subprocess.Popen(  # noqa: S603 - nginx with our own configuration
        [NGINX, "-p", str(conf), "-c", str(conf / "nginx.conf"), "-e", str(conf / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert launcher.poll() is None, (tmp_path / "launch.log").read_text()
            assert proxy.poll() is None, (conf / "error.log").read_text()
            if b"processes up" in (tmp_path / "launch.log").read_bytes():
                break
            time.sleep(0.2)
        else:
            raise AssertionError((tmp_path / "launch.log").read_text())
        front_server = Server(
            instance=server.instance, database_url=server.database_url, port=front
        )
        front_server.code, front_server.session_id = server.code, server.session_id
        yield front_server, ports, conf
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
        os.killpg(launcher.pid, signal.SIGTERM)
        launcher.wait(timeout=20)
        log.close()


def routed_phone(front: Server, transports: list[str]) -> Client:
    """A phone through nginx with its own routing key, as the participant page has."""
    phone = Client(front, {"role": "participant", "code": front.code}, front.device_cookie())
    key = secrets.token_hex(8)
    headers = {"Cookie": phone.cookie, "Origin": front.url}
    phone.sio.connect(
        f"{front.url}?r={key}",
        auth=phone.auth,
        headers=headers,
        transports=transports,
        wait_timeout=10,
    )
    return phone


def test_an_approval_on_one_process_reaches_phones_on_both(nginx_pair) -> None:
    front, ports, conf = nginx_pair
    assert requests.get(front.url + "/healthz", timeout=5).json()["ok"] is True
    counts = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    phones: list[Client] = []
    # Phones on polling then WebSocket (the upgrade goes through nginx too), until both
    # processes report a phone of this session in Redis.
    deadline = time.monotonic() + 60
    while len(counts.hgetall(SharedCounts.key(front.session_id))) < 2:
        assert time.monotonic() < deadline and len(phones) < 24, "all phones on one process"
        phone = routed_phone(front, ["polling", "websocket"] if phones else ["polling"])
        phone.wait_for("snapshot")
        phones.append(phone)
        time.sleep(1.2)  # a tally interval: each process publishes its count
    staff = facilitator(front).connect()
    # Every phone counted, whichever process it is on.
    if staff.wait_for("snapshot")["counts"]["connected"] != len(phones):
        staff.wait_for("presence", lambda p: p["connected"] == len(phones), timeout=15)
    ack = phones[0].call("post", {"client_key": secrets.token_urlsafe(16), "text": "Via nginx"})
    assert ack["ok"]
    concern_id = ack["concern"]["id"]
    assert staff.call("approve", {"concern_id": concern_id})["ok"]
    for phone in phones:  # on either process
        phone.wait_shown(concern_id)
    assert phones[0].sio.transport() == "polling"  # polls stayed on their process
    _me_too_on_both_processes(phones[0], phones[-1], staff, phones)
    for client in (*phones, staff):
        client.close()
    # Nothing in nginx's logs names a client.
    logs = "".join(p.read_text(errors="replace") for p in conf.glob("*.log"))
    assert "127.0.0.1" not in logs.replace(f"127.0.0.1:{ports[0]}", "").replace(
        f"127.0.0.1:{ports[1]}", ""
    )


def _me_too_on_both_processes(a: Client, b: Client, staff: Client, phones: list[Client]) -> None:
    """Taps on both processes: every phone hears each count, at most once a second.

    ``a`` and ``b`` are on different processes; each taps the other's posts in turn.
    Each process used to send its own taps' tallies through the queue to every phone,
    so with both tapping a phone heard about two tally messages a second.
    """
    posts = {}
    for author in (a, b):
        for n in range(3):
            ack = author.call("post", {"client_key": secrets.token_urlsafe(16), "text": f"T{n}"})
            assert staff.call("approve", {"concern_id": ack["concern"]["id"]})["ok"]
            posts.setdefault(author, []).append(ack["concern"]["id"])
    for phone in phones:
        for concern_id in (*posts[a], *posts[b]):
            phone.wait_shown(concern_id)
    before = [len(phone.events("tallies")) for phone in phones]
    started = time.monotonic()
    for tapped_a, tapped_b in zip(posts[a], posts[b], strict=True):
        assert b.call("support", {"concern_id": tapped_a})["ok"]
        time.sleep(0.25)
        assert a.call("support", {"concern_id": tapped_b})["ok"]
        time.sleep(0.25)
    for phone in phones:
        for concern_id in (*posts[a], *posts[b]):
            phone.wait_for(
                "tallies", lambda t, c=concern_id: t["support"].get(str(c)) == 1, timeout=10
            )
    elapsed = time.monotonic() - started
    for phone, earlier in zip(phones, before, strict=True):
        assert len(phone.events("tallies")) - earlier <= elapsed + 1
