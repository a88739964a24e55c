"""Participant counts shared by several server processes through Redis."""

from __future__ import annotations

import os
import time

import pytest

from facilitator.live.presence import Connection, Presence, Role, SharedCounts

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_url() -> str:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI must start Redis on 127.0.0.1:6379", pytrace=False)
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    for key in client.scan_iter("cg:presence:*"):
        client.delete(key)
    return REDIS_URL


def join(presence: Presence, sid: str, session_id: int) -> None:
    presence.add(sid, Connection(role=Role.PARTICIPANT, session_id=session_id))


def test_each_process_sees_the_whole_room(redis_url: str) -> None:
    import redis

    first, second = (Presence(SharedCounts.from_url(redis_url)) for _ in range(2))
    join(first, "a1", 7)
    join(first, "a2", 7)
    join(second, "b1", 7)
    join(second, "b2", 8)
    for presence in (first, second):
        presence.publish(set(presence.sessions()))
    assert first.participants(7) == 2 and first.total(7) == 3
    assert second.total(7) == 3 and second.total(8) == 1
    # A phone leaves the second process: the first sees it at the next publish.
    second.remove("b1")
    second.publish({7, 8})
    assert first.total(7) == 2
    # Only numbers are stored, one field per process.
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    assert set(client.hgetall(SharedCounts.key(7))) == {first.shared.process}
    assert all(v.split(":")[0].isdigit() for v in client.hgetall(SharedCounts.key(8)).values())


def test_a_stopped_process_stops_counting(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url, decode_responses=True)
    alive = Presence(SharedCounts(client, stale_after=10.0))
    join(alive, "a1", 9)
    alive.publish({9})
    # A process that died 30 s ago left its count behind.
    client.hset(SharedCounts.key(9), "gone", f"40:{time.time() - 30:.3f}")
    client.hset(SharedCounts.key(9), "broken", "not a count")
    assert alive.total(9) == 1
    assert set(client.hgetall(SharedCounts.key(9))) == {alive.shared.process}


def test_without_redis_the_local_count_is_still_given(caplog: pytest.LogCaptureFixture) -> None:
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    presence = Presence(SharedCounts.from_url("redis://127.0.0.1:9/0"))
    join(presence, "a1", 3)
    presence.publish({3})
    assert presence.total(3) == 1
    assert "participant counts" in caplog.text


def test_a_single_process_needs_no_redis() -> None:
    presence = Presence()
    join(presence, "a1", 4)
    presence.publish({4})
    assert presence.total(4) == presence.participants(4) == 1
