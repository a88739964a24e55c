"""Tapped concerns shared by server processes through Redis (facilitator/live/tallies.py)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
import redis
from flask import Flask

from facilitator.live.tallies import SharedTallies
from facilitator.models import ModerationMode
from tests.conftest import display_socket, events, make_session, participant_socket, post

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def client() -> Iterator[redis.Redis]:
    connection = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    yield connection
    connection.close()


def _session() -> int:
    return secrets.randbelow(10**9) + 1  # keys of other runs never collide


def test_each_process_hears_the_taps_of_the_others(client: redis.Redis) -> None:
    one, two = SharedTallies(client), SharedTallies(client)
    session = _session()
    assert one.exchange({session: {1, 2}}, [session]) == {session: {1, 2}}
    assert two.exchange({session: {3}}, [session]) == {session: {1, 2, 3}}
    # The next read overlaps the last by a second: recent taps come again (totals, so
    # harmless), and nothing recorded while another process was reading is missed.
    assert one.exchange({}, [session]) == {session: {1, 2, 3}}


def test_a_tap_is_heard_once_its_time_is_past_the_overlap(client: redis.Redis) -> None:
    one, two = SharedTallies(client, overlap=0.0), SharedTallies(client, overlap=0.0)
    session = _session()
    one.exchange({session: {1}}, [session])
    two.exchange({}, [session])
    assert two.exchange({}, [session]) == {}


def test_only_the_sessions_with_screens_here_are_read(client: redis.Redis) -> None:
    one, two = SharedTallies(client), SharedTallies(client)
    here, elsewhere = _session(), _session()
    one.exchange({elsewhere: {7}}, [elsewhere])
    assert two.exchange({}, [here]) == {}


class CountingRedis:
    """A real client that counts the commands and pipelines sent through it."""

    def __init__(self, client: redis.Redis) -> None:
        self._client = client
        self.sent = 0

    def time(self):
        self.sent += 1
        return self._client.time()

    def pipeline(self, **kwargs):
        self.sent += 1
        return self._client.pipeline(**kwargs)


def test_a_process_with_no_taps_and_no_screens_asks_redis_nothing(client: redis.Redis) -> None:
    counting = CountingRedis(client)
    idle = SharedTallies(counting)
    assert idle.exchange({}, []) == {}
    assert idle.exchange({_session(): set()}, []) == {}
    assert counting.sent == 0
    session = _session()
    assert idle.exchange({session: {4}}, []) == {}  # recorded for the others, none here
    assert counting.sent == 2  # its clock, then one pipeline
    assert SharedTallies(client).exchange({}, [session]) == {session: {4}}


def test_old_taps_are_removed(client: redis.Redis) -> None:
    one = SharedTallies(client, keep=0.0)
    session = _session()
    one.exchange({session: {1}}, [session])
    one.exchange({}, [session])
    assert client.exists(SharedTallies.key(session)) == 0  # an empty sorted set is gone


def test_without_redis_a_process_still_sends_its_own_taps(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    """Redis unreachable: the room hears this process's taps as with one process."""
    batcher = app.extensions["live"].batcher
    batcher._shared_tallies = SharedTallies.from_url("redis://127.0.0.1:9/0", timeout=0.2)
    ls = make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY)
    concern_id = post(participant_socket(app, ls.code))["concern"]["id"]
    display = display_socket(app, ls.code)
    events(display)
    for _ in range(2):
        fan = participant_socket(app, ls.code)
        assert fan.emit("support", {"concern_id": concern_id}, callback=True)["ok"]
        assert events(display, "tallies")[-1]["support"][str(concern_id)] >= 1
    warnings = [r for r in caplog.records if "tallies not shared" in r.getMessage()]
    assert len(warnings) == 1  # once until Redis is back, not at every flush
