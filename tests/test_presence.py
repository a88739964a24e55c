"""Participant counts shared by several server processes through Redis."""

from __future__ import annotations

import logging
import os

import pytest

from facilitator.live.presence import Connection, Presence, Role, SharedCounts

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_client():
    import redis

    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    try:
        client.ping()
    except redis.RedisError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI must start Redis on 127.0.0.1:6379", pytrace=False)
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    for key in client.scan_iter("cg:presence:*"):
        client.delete(key)
    return client


def join(presence: Presence, sid: str, session_id: int, role: Role = Role.PARTICIPANT) -> None:
    presence.add(sid, Connection(role=role, session_id=session_id))


def test_each_process_sees_the_whole_room(redis_client) -> None:
    first, second = (Presence(SharedCounts.from_url(REDIS_URL)) for _ in range(2))
    join(first, "a1", 7)
    join(first, "a2", 7)
    join(second, "b1", 7)
    join(second, "b2", 8)
    join(first, "console", 8, Role.FACILITATOR)  # a console here, its phones elsewhere
    assert first.watched() == {7, 8} and second.watched() == {7, 8}
    for presence in (first, second, first):
        presence.refresh(presence.watched())
    assert first.participants(7) == 2 and first.total(7) == 3 and first.total(8) == 1
    assert second.total(7) == 3 and second.total(8) == 1
    # A phone leaves the second process: the first sees it at its next refresh.
    second.remove("b1")
    second.refresh({7, 8})
    assert first.total(7) == 3  # totals are read once per flush, not on every call
    first.refresh({7, 8})
    assert first.total(7) == 2
    # Only numbers are stored, one field per process with phones in the session.
    assert set(redis_client.hgetall(SharedCounts.key(7))) == {first.shared.process}
    assert [v.split(":")[0] for v in redis_client.hgetall(SharedCounts.key(8)).values()] == ["1"]


def test_a_stopped_process_stops_counting(redis_client) -> None:
    alive = Presence(SharedCounts(redis_client, stale_after=10.0))
    join(alive, "a1", 9)
    seconds, _micros = redis_client.time()
    # A process that died 30 s ago (by Redis's clock) left its count behind.
    redis_client.hset(SharedCounts.key(9), "gone", f"40:{seconds - 30}")
    redis_client.hset(SharedCounts.key(9), "recent", f"2:{seconds - 1}")
    redis_client.hset(SharedCounts.key(9), "broken", "not a count")
    alive.refresh({9})
    assert alive.total(9) == 3
    assert set(redis_client.hgetall(SharedCounts.key(9))) == {alive.shared.process, "recent"}


def test_without_redis_the_local_count_is_still_given(caplog: pytest.LogCaptureFixture) -> None:
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    presence = Presence(SharedCounts.from_url("redis://127.0.0.1:9/0"))
    join(presence, "a1", 3)
    with caplog.at_level(logging.WARNING):
        presence.refresh({3})
        presence.refresh({3})
    assert presence.total(3) == 1
    assert caplog.text.count("not shared with other processes") == 1


def test_a_single_process_needs_no_redis() -> None:
    presence = Presence()
    join(presence, "a1", 4)
    presence.refresh({4})
    assert presence.total(4) == presence.participants(4) == 1
