"""The write discipline and SQLite's durability settings."""

from __future__ import annotations

import contextlib
import threading

import pytest
from flask import Flask
from sqlalchemy import text

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
