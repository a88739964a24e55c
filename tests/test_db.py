"""The write discipline: SQLite commits go through the offload hook, serialised."""

from __future__ import annotations

import pytest
from flask import Flask

from facilitator.db import OffloadingConnection
from facilitator.extensions import db
from facilitator.services.accounts import create_user


def test_sqlite_commits_run_through_the_offload_hook(app: Flask) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL waits cooperatively; only SQLite commits are offloaded")
    calls = []

    def record(fn, *args):
        calls.append(fn)
        return fn(*args)

    previous = OffloadingConnection.offload
    db.set_offload(record)
    try:
        with app.app_context(), db.writing() as s:
            create_user(s, "someone", "a long enough password")
    finally:
        OffloadingConnection.offload = previous
    assert len(calls) == 1


def test_failed_write_rolls_back_and_releases_the_lock(app: Flask) -> None:
    with app.app_context():
        try:
            with db.writing() as s:
                create_user(s, "someone", "a long enough password")
                raise RuntimeError("boom")
        except RuntimeError:
            pass
        with db.writing() as s:  # would deadlock if the lock were still held
            create_user(s, "someone", "a long enough password")
