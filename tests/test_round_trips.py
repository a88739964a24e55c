"""What the room's busiest events cost in database round trips, on PostgreSQL.

Under eventlet every statement waits for the event loop to come round before its answer
is read, so with a thousand phones each round trip costs a loop turn, and a handler's
latency is its round trips times the loop's. These are ceilings on the measured counts
(statements, BEGIN, COMMIT and ROLLBACK): a new lazy load or an extra transaction in one
of these paths fails here, before it shows as seconds in benchmarks/live_load.py.
SQLite runs statements in-process, where a statement is not a round trip.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from sqlalchemy import event

from facilitator.extensions import db
from facilitator.models import ListeningSession
from tests.conftest import events, participant_socket, post, staff_socket


@pytest.fixture
def postgres_only(app: Flask) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("round trips: PostgreSQL only")


@contextmanager
def round_trips() -> Iterator[list[str]]:
    """Record every statement and transaction command sent to the database meanwhile."""
    sent: list[str] = []
    engine = db.engine

    def statement(_conn, _cursor, sql, _params, _context, _many) -> None:
        sent.append(sql.split("\n")[0][:60])

    listeners = [
        ("before_cursor_execute", statement),
        ("begin", lambda _conn: sent.append("BEGIN")),
        ("commit", lambda _conn: sent.append("COMMIT")),
        ("rollback", lambda _conn: sent.append("ROLLBACK")),
    ]
    for name, fn in listeners:
        event.listen(engine, name, fn)
    try:
        yield sent
    finally:
        for name, fn in listeners:
            event.remove(engine, name, fn)


def test_post_support_and_approve_stay_within_their_round_trips(
    app: Flask, ls: ListeningSession, staff, postgres_only
) -> None:
    console = staff_socket(app, staff, ls.id)
    author, neighbour = participant_socket(app, ls.code), participant_socket(app, ls.code)
    events(console)
    with round_trips() as sent:
        ack = post(author, "The lights on Elm Street are out")
    assert ack["ok"], ack
    # session, key resent?, key again in the write, prompt, savepoint, insert, release,
    # with BEGIN and COMMIT
    assert len(sent) <= 9, sent
    with round_trips() as sent:
        approved = console.emit("approve", {"concern_id": ack["concern"]["id"]}, callback=True)
    assert approved["ok"], approved
    # account, session, concern with its merged ones, update, audit; BEGIN, COMMIT
    assert len(sent) <= 8, sent
    with round_trips() as sent:
        tapped = neighbour.emit("support", {"concern_id": ack["concern"]["id"]}, callback=True)
    assert tapped["ok"], tapped
    # session; increment (finds the head, locks it); the group; the tap; BEGIN, COMMIT
    assert len(sent) <= 6, sent
    # The facilitators' counts went out once with the flush, not once per event.
    assert len(events(console, "counts")) == 1
