"""Shared fixtures: a fresh app and database per test, logged-in clients, socket clients.

Set TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1/test) to run the whole suite
against PostgreSQL instead of a temporary SQLite file.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text

from facilitator import create_app
from facilitator.config import TestingConfig
from facilitator.extensions import db, socketio
from facilitator.models import Initiative, InitiativeMember, ListeningSession, ModerationMode, User
from facilitator.privacy import new_client_key
from facilitator.services.accounts import create_user
from facilitator.services.sessions import SessionDetails, create_session, transition_session

PASSWORD = "correct horse battery staple"


def database_url(tmp_path: Any) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path}/test.db"


def reset_database(url: str) -> None:
    """Leave an empty database: no tables, no Alembic version (PostgreSQL is shared)."""
    if not url.startswith("postgres"):
        return
    from facilitator.db import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def app(tmp_path: Any) -> Iterator[Flask]:
    url = database_url(tmp_path)
    reset_database(url)

    class Config(TestingConfig):
        DATABASE_URL = url

    os.environ["INSTANCE_PATH"] = str(tmp_path / "instance")
    app = create_app(Config)
    engine = db.engine  # a test may build another app; this one's engine is ours to close
    db.create_all()
    yield app
    app.extensions["live"].stop()
    db.session.remove()
    assert engine is not None
    engine.dispose()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Any]:
    """The real server (run.py on eventlet) on loopback, with an admin and an open session."""
    from tests.server_harness import Server

    url = database_url(tmp_path)
    reset_database(url)
    srv = Server(instance=tmp_path / "instance", database_url=url)
    srv.instance.mkdir()
    srv.prepare()
    srv.start()
    yield srv
    srv.stop()
    # A client socket the test left open warns here, in the test that left it, rather than
    # in whichever later test the garbage collector happens to run in.
    gc.collect()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def admin(app: Flask) -> User:
    with app.app_context(), db.writing() as s:
        return create_user(s, "facilitator", PASSWORD, is_admin=True)


def login(client: FlaskClient, username: str = "facilitator", password: str = PASSWORD) -> Any:
    return client.post("/login", data={"username": username, "password": password})


@pytest.fixture
def staff(client: FlaskClient, admin: User) -> FlaskClient:
    """A Flask test client signed in as a facilitator."""
    response = login(client)
    assert response.status_code == 302, response.data
    return client


def make_session(
    app: Flask,
    *,
    status: str | None = "open",
    mode: ModerationMode = ModerationMode.APPROVE_FIRST,
    prompts: tuple[str, ...] = ("What should change after what happened?",),
    by: User | None = None,
) -> ListeningSession:
    with app.app_context(), db.writing() as s:
        ls = create_session(
            s,
            SessionDetails(
                title="Listening session",
                purpose="Hear what the neighbourhood needs.",
                ground_rules="Speak from your own experience.",
                prompts=list(prompts),
                moderation_mode=mode,
            ),
            by,
        )
        if status == "open":
            transition_session(s, ls, "open", by)
        initiative = Initiative(title="Test initiative")
        s.add(initiative)
        s.flush()
        ls.initiative_id = initiative.id
        if by is not None:
            s.add(InitiativeMember(initiative_id=initiative.id, user_id=by.id))
        return ls


def add_member(app: Flask, ls: ListeningSession, username: str) -> None:
    """Make an account a member of the session's initiative (so it may open the console)."""
    with app.app_context(), db.writing() as s:
        user = s.scalar(select(User).where(User.username == username))
        s.add(InitiativeMember(initiative_id=ls.initiative_id, user_id=user.id))


@pytest.fixture
def ls(app: Flask, admin: User) -> ListeningSession:
    return make_session(app, by=admin)


def phone(app: Flask, code: str) -> FlaskClient:
    """A participant's browser: has visited the join page, so it holds a device cookie."""
    browser = app.test_client()
    response = browser.get(f"/j/{code}")
    assert response.status_code == 200
    return browser


def participant_socket(app: Flask, code: str, browser: FlaskClient | None = None) -> Any:
    browser = browser or phone(app, code)
    sock = socketio.test_client(
        app, flask_test_client=browser, auth={"role": "participant", "code": code}
    )
    assert sock.is_connected()
    return sock


def display_socket(app: Flask, code: str) -> Any:
    sock = socketio.test_client(app, auth={"role": "display", "code": code})
    assert sock.is_connected()
    return sock


def staff_socket(app: Flask, staff: FlaskClient, session_id: int) -> Any:
    sock = socketio.test_client(
        app, flask_test_client=staff, auth={"role": "facilitator", "session_id": session_id}
    )
    assert sock.is_connected()
    return sock


def events(sock: Any, name: str | None = None) -> list[Any]:
    """Drain a socket test client's received messages; optionally keep one event's data.

    First the batched room updates go out, as the ticker would send them by now.
    """
    sock.app.extensions["live"].batcher.flush()
    received = sock.get_received()
    if name is None:
        return received
    return [m["args"][0] for m in received if m["name"] == name]


def room_changes(sock: Any) -> tuple[list[dict[str, Any]], list[int]]:
    """The concerns a room was sent, in order: (upserted ConcernPublic dicts, removed ids)."""
    upserts: list[dict[str, Any]] = []
    removed: list[int] = []
    for batch in events(sock, "concerns"):
        upserts.extend(batch["upsert"])
        removed.extend(batch["remove"])
    return upserts, removed


def post(
    sock: Any,
    text: str = "Officers should introduce themselves.",
    key: str | None = None,
    **extra: Any,
) -> Any:
    return sock.emit(
        "post", {"client_key": key or new_client_key(), "text": text, **extra}, callback=True
    )
