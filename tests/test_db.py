"""The write discipline, SQLite's durability settings, and pooled PostgreSQL connections."""

from __future__ import annotations

import contextlib
import threading

import pytest
from flask import Flask
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

import facilitator.db as database
from facilitator.db import checkpoint_sqlite
from facilitator.extensions import db
from facilitator.services.accounts import create_user


@pytest.fixture
def sqlite_only() -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings")


def test_sqlite_runs_in_wal_mode_without_syncing_each_commit(app: Flask, sqlite_only) -> None:
    with db.engine.connect() as conn:
        assert conn.scalar(text("PRAGMA journal_mode")) == "wal"
        assert conn.scalar(text("PRAGMA synchronous")) == 1  # NORMAL
        assert conn.scalar(text("PRAGMA foreign_keys")) == 1


def test_checkpointer_takes_over_checkpoints_in_a_thread(app: Flask, sqlite_only) -> None:
    ran = threading.Event()
    results = []

    def run_in_thread(fn, *args):
        results.append(fn(*args))
        ran.set()
        raise SystemExit  # end the loop after one round

    def spawn(loop):
        threading.Thread(target=lambda: _swallow(loop), daemon=True).start()

    with app.app_context(), db.writing() as s:
        create_user(s, "someone", "a long enough password")
    db.start_checkpointer(spawn=spawn, sleep=lambda _s: None, run_in_thread=run_in_thread)
    assert ran.wait(5)
    busy, _log_frames, _checkpointed = results[0]
    assert busy == 0
    with db.engine.connect() as conn:
        assert conn.scalar(text("PRAGMA wal_autocheckpoint")) == 0
    assert checkpoint_sqlite(db.engine.url.database)[0] == 0


def _swallow(loop) -> None:
    with contextlib.suppress(SystemExit):
        loop()


def test_failed_write_rolls_back_and_releases_the_lock(app: Flask) -> None:
    with app.app_context():
        with pytest.raises(RuntimeError), db.writing() as s:
            create_user(s, "someone", "a long enough password")
            raise RuntimeError("boom")
        with db.writing() as s:  # would deadlock if the lock were still held
            create_user(s, "someone", "a long enough password")


def test_a_failed_write_leaves_no_half_of_it(app: Flask, ls) -> None:
    """A savepoint inside a write (a "me too") must not commit on its own when it is
    released: if the write fails afterwards, none of it may remain."""
    from sqlalchemy import func, select

    from facilitator.models import Concern, ListeningSession, Support
    from facilitator.privacy import Device, new_client_key, new_device_token
    from facilitator.services.concerns import (
        approve_concern,
        post_concern,
        read_post,
        support_concern,
    )

    with app.test_request_context():
        with db.writing() as s:
            session = s.get(ListeningSession, ls.id)
            concern, _ = post_concern(
                s,
                session,
                client_key=new_client_key(),
                text=read_post("x"),
                device=Device(new_device_token("k"), "k"),
            )
            approve_concern(s, concern, None)
        with pytest.raises(RuntimeError), db.writing() as s:
            support_concern(
                s, s.get(ListeningSession, ls.id), concern.id, Device(new_device_token("k"), "k")
            )
            raise RuntimeError("the broadcast step failed")
        s = db.session
        assert s.scalar(select(func.count(Support.id))) == 0
        assert s.get(Concern, concern.id).support_count == 0


@pytest.fixture
def postgres_only() -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL connections")


def _backend_pid(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(text("SELECT pg_backend_pid()"))


def _terminate(pid: int) -> None:
    with db.engine.connect() as conn:
        assert conn.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})


def test_an_idle_pooled_connection_that_died_is_replaced_unseen(
    app: Flask, postgres_only, monkeypatch
) -> None:
    monkeypatch.setattr(database, "PING_AFTER_IDLE", 0.0)  # every pooled connection is "idle"
    engine = database.make_engine(str(db.engine.url.render_as_string(hide_password=False)))
    try:
        dead = _backend_pid(engine)
        _terminate(dead)  # as a database restart would
        assert _backend_pid(engine) != dead  # tested at checkout, discarded, replaced
    finally:
        engine.dispose()


def test_a_busy_connection_is_not_tested_and_one_failure_renews_the_pool(
    app: Flask, postgres_only
) -> None:
    """The price of testing only idle connections: one statement fails, then all is well."""
    engine = database.make_engine(str(db.engine.url.render_as_string(hide_password=False)))
    try:
        dead = _backend_pid(engine)
        _terminate(dead)
        with pytest.raises(DBAPIError) as failed, engine.connect() as conn:
            conn.scalar(text("SELECT 1"))
        assert failed.value.connection_invalidated
        assert _backend_pid(engine) != dead
    finally:
        engine.dispose()
