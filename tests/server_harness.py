"""Start the real server (run.py on eventlet) in a subprocess, and talk to it as clients do."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import socketio

from facilitator import ROOT, create_app
from facilitator.extensions import db
from facilitator.migrate import upgrade_database
from facilitator.privacy import new_device_token
from facilitator.services.accounts import create_user
from facilitator.services.initiatives import InitiativeDetails, assign_session, create_initiative
from facilitator.services.sessions import SessionDetails, create_session, transition_session

PASSWORD = "correct horse battery staple"

# Debian's Chromium, for the browser tests and the page-weight benchmark. Without the
# background-networking flags Chromium keeps trying to reach Google's hosts.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """One ``run.py`` process on loopback, with a prepared admin and open session."""

    instance: Path
    database_url: str
    port: int = field(default_factory=free_port)
    extra_env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    code: str = ""
    session_id: int = 0
    initiative_id: int = 0
    log_path: Path | None = None

    @property
    def secret(self) -> str:
        """The server's secret key (generated into the instance folder by ``prepare``)."""
        return (self.instance / "secret_key").read_text().strip()

    def app(self) -> Any:
        """An app on the server's database, for a test to prepare rows as a person would
        have with the pages (close the engine with ``db.engine.dispose()`` after)."""
        os.environ["INSTANCE_PATH"] = str(self.instance)
        return create_app({"DATABASE_URL": self.database_url})

    def device_cookie(self) -> str:
        """A device cookie as the participant page would set it."""
        return f"cg_device={new_device_token(self.secret)}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def prepare(self) -> None:
        """Migrate the database and create an admin and an open session."""
        os.environ["INSTANCE_PATH"] = str(self.instance)
        app = create_app({"DATABASE_URL": self.database_url})
        upgrade_database(app)
        with app.app_context(), db.writing() as s:
            user = create_user(s, "facilitator", PASSWORD, is_admin=True)
            ls = create_session(
                s,
                SessionDetails(
                    title="Live test", purpose="", ground_rules="", prompts=["What now?"]
                ),
                user,
            )
            transition_session(s, ls, "open", user)
            initiative = create_initiative(s, InitiativeDetails(title="Test initiative"), user)
            assign_session(s, ls, initiative, user)
            self.code, self.session_id = ls.code, ls.id
            self.initiative_id = initiative.id
        db.session.remove()
        db.engine.dispose()

    def start(self) -> None:
        env = {**os.environ, "INSTANCE_PATH": str(self.instance), "DATABASE_URL": self.database_url}
        env.update(self.extra_env)
        self.log_path = self.instance / f"server-{self.port}.log"
        command = [sys.executable, str(ROOT / "run.py"), "--host", "127.0.0.1"]
        with self.log_path.open("ab") as log:  # the child keeps its own copy of the handle
            self.process = subprocess.Popen(  # noqa: S603 - our own run.py, fixed arguments
                [*command, "--port", str(self.port), "--no-qr"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        # Start-up migrates and warms the sentence model and the detectors: seconds on a
        # quiet machine, tens of seconds on a busy one.
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log()}")
            try:
                if requests.get(self.url + "/join", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start: {self.log()}")

    def kill(self) -> None:
        """Stop the server the hard way, as a crash or a pulled plug would."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return (
            self.log_path.read_text(errors="replace")
            if self.log_path and self.log_path.exists()
            else ""
        )

    def staff_cookie(self) -> str:
        """Sign in through the real login form (with its CSRF token); return the cookie."""
        with requests.Session() as http:
            page = http.get(self.url + "/login", timeout=5).text
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
            response = http.post(
                self.url + "/login",
                data={"username": "facilitator", "password": PASSWORD, "csrf_token": token},
                allow_redirects=False,
                timeout=5,
            )
            assert response.status_code == 302, response.text
            return f"session={http.cookies['session']}"


class Client:
    """A python-socketio client that records every event it receives."""

    def __init__(
        self, server: Server, auth: dict[str, Any], cookie: str = "", **options: Any
    ) -> None:
        self.server = server
        self.auth = auth
        self.cookie = cookie
        self.received: list[tuple[str, Any]] = []
        self._http: list[requests.Session] = []
        self.sio = socketio.Client(reconnection_delay=0.2, reconnection_delay_max=1, **options)
        self.sio.on("*", self._record)
        self.sio.on("disconnect", self._dropped)

    def _record(self, event: str, data: Any = None) -> None:
        self.received.append((event, data))

    def _dropped(self, *reason: Any) -> None:
        # The connection is gone; a reconnection would replace Engine.IO's WebSocket and
        # leave this one, which the server may have closed, with its socket open.
        ws = getattr(self.sio.eio, "ws", None)
        if ws is not None:
            ws.shutdown()

    def connect(self, transports: list[str] | None = None, origin: str | None = None) -> Client:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        transports = transports or ["websocket"]
        if origin or transports == ["polling"]:
            # websocket-client sends the server's own origin by itself; requests sends none.
            headers["Origin"] = origin or self.server.url
        if transports == ["polling"]:
            self.sio.eio.http_factory = self._new_http
        self.sio.connect(
            self.server.url,
            auth=self.auth,
            headers=headers,
            transports=transports,
            wait_timeout=10,
        )
        return self

    def call(self, event: str, data: Any) -> Any:
        return self.sio.call(event, data, timeout=10)

    def events(self, name: str) -> list[Any]:
        return [data for event, data in self.received if event == name]

    def wait_for(self, name: str, predicate: Any = lambda data: True, timeout: float = 10) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for data in self.events(name):
                if predicate(data):
                    return data
            time.sleep(0.02)
        raise AssertionError(
            f"no {name!r} event matched within {timeout}s; got {self.received[-5:]}"
        )

    def wait_shown(self, concern_id: int, timeout: float = 10) -> dict[str, Any]:
        """Wait until a batched ``concerns`` message puts this concern on screen."""
        batch = self.wait_for(
            "concerns", lambda b: any(c["id"] == concern_id for c in b["upsert"]), timeout
        )
        return next(c for c in batch["upsert"] if c["id"] == concern_id)

    def wait_connected(self, timeout: float = 20) -> None:
        """Wait for a (re)connection to finish: the snapshot may arrive just before it."""
        deadline = time.monotonic() + timeout
        while "/" not in self.sio.namespaces and time.monotonic() < deadline:
            time.sleep(0.02)
        assert "/" in self.sio.namespaces, "did not reconnect"

    def _new_http(self) -> requests.Session:
        """Long-polling's requests session, made by Engine.IO through this factory.

        Engine.IO drops its session on every disconnect and failed connect without closing
        it (a refused origin, a server that closed the connection), and a pooled socket
        then warns when it is collected; the client closes every one it made. Only for
        polling-only clients: with a factory (or a session object) a WebSocket connect
        moves the Cookie header out of the shared headers, and reconnecting then fails.
        """
        http = requests.Session()
        self._http.append(http)
        return http

    def close(self) -> None:
        # Without a factory, Engine.IO's own session: take it before disconnect forgets it.
        http = self.sio.eio.http
        # shutdown() also stops a reconnection in progress: a connection the server closed
        # starts one, and it would connect again after the test and leave a socket open.
        self.sio.shutdown()
        if self.sio.connected:  # a reconnection that finished while it was being stopped
            self.sio.disconnect()
        # A connection the server closed (or refused) leaves the client's own sockets open.
        ws = getattr(self.sio.eio, "ws", None)
        if ws is not None:
            ws.close()  # does nothing once the peer has closed: shutdown() closes the socket
            ws.shutdown()
        for session in {id(h): h for h in [*self._http, http] if h is not None}.values():
            session.close()


def participant(server: Server, **options: Any) -> Client:
    cookie = server.device_cookie()
    return Client(server, {"role": "participant", "code": server.code}, cookie, **options)


def display(server: Server) -> Client:
    return Client(server, {"role": "display", "code": server.code})


def facilitator(server: Server) -> Client:
    return Client(
        server, {"role": "facilitator", "session_id": server.session_id}, server.staff_cookie()
    )
