"""Who is connected to this server process, kept in memory only.

A connection is a role, a session id and, for a participant, the device token read from
its cookie at connect. Nothing here is ever written to disk or the database.

When several server processes share a Redis message queue, each also publishes how many
participants it has per session (:class:`SharedCounts`), so every console sees the
room's total. Only those numbers go to Redis: no sid, token or address.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from facilitator.services.concerns import Device

log = logging.getLogger(__name__)


class Role(StrEnum):
    PARTICIPANT = "participant"
    DISPLAY = "display"
    FACILITATOR = "facilitator"


@dataclass(frozen=True)
class Connection:
    role: Role
    session_id: int
    device: Device | None = None
    user_id: int | None = None
    # The facilitator's login nonce at connect: a logout changes it, ending the socket.
    user_nonce: str | None = None


def public_room(session_id: int) -> str:
    """Participants and displays of a session."""
    return f"s{session_id}:public"


def staff_room(session_id: int) -> str:
    """Facilitator consoles of a session."""
    return f"s{session_id}:staff"


def safety_room(session_id: int) -> str:
    """Safety moderators of a session: the only ones who see posts held for safety."""
    return f"s{session_id}:safety"


def author_room(concern_id: int) -> str:
    """The phone(s) holding the device token that wrote this concern."""
    return f"c{concern_id}:author"


class SharedCounts:
    """Participant counts per session, summed over the server processes sharing Redis.

    Each process writes its own count into the hash ``cg:presence:<session id>``, field
    = a random id of the process, value = ``"<count>:<unix time>"``, at every presence
    flush (about once a second). Counts not refreshed within ``stale_after`` seconds
    belong to a process that stopped; they are left out and removed.

    Args:
        client: A ``redis.Redis`` client (or anything with the same hash commands).
        stale_after: Seconds after which another process's count is ignored.
    """

    def __init__(self, client: Any, stale_after: float = 10.0) -> None:
        self._redis = client
        self._stale_after = stale_after
        self.process = secrets.token_hex(8)

    @classmethod
    def from_url(cls, url: str) -> SharedCounts:
        import redis

        return cls(redis.Redis.from_url(url, decode_responses=True))

    @staticmethod
    def key(session_id: int) -> str:
        return f"cg:presence:{session_id}"

    def publish(self, counts: Mapping[int, int]) -> None:
        """Record this process's count for each session (0 removes it)."""
        now = time.time()
        pipe = self._redis.pipeline(transaction=False)
        for session_id, count in counts.items():
            key = self.key(session_id)
            if count > 0:
                pipe.hset(key, self.process, f"{count}:{now:.3f}")
                pipe.expire(key, int(self._stale_after * 3))
            else:
                pipe.hdel(key, self.process)
        pipe.execute()

    def others(self, session_id: int) -> int:
        """Participants of this session connected to the other live processes."""
        key = self.key(session_id)
        now = time.time()
        total, stale = 0, []
        for process, value in self._redis.hgetall(key).items():
            if process == self.process:
                continue
            count, _sep, at = str(value).partition(":")
            try:
                fresh = now - float(at) <= self._stale_after
                number = int(count)
            except ValueError:
                fresh, number = False, 0
            if fresh:
                total += number
            else:
                stale.append(process)
        if stale:
            self._redis.hdel(key, *stale)
        return total


class Presence:
    """Connections by Socket.IO sid, and participant counts by session.

    Args:
        shared: Counts of the other server processes, when several share a message
            queue; ``None`` for a single process.
    """

    def __init__(self, shared: SharedCounts | None = None) -> None:
        self._lock = threading.Lock()
        self._by_sid: dict[str, Connection] = {}
        self._participants: Counter[int] = Counter()
        self.shared = shared

    def add(self, sid: str, connection: Connection) -> None:
        with self._lock:
            self._by_sid[sid] = connection
            if connection.role == Role.PARTICIPANT:
                self._participants[connection.session_id] += 1

    def remove(self, sid: str) -> Connection | None:
        with self._lock:
            connection = self._by_sid.pop(sid, None)
            if connection is not None and connection.role == Role.PARTICIPANT:
                self._participants[connection.session_id] -= 1
                if self._participants[connection.session_id] <= 0:
                    del self._participants[connection.session_id]
            return connection

    def get(self, sid: str) -> Connection | None:
        return self._by_sid.get(sid)

    def sids_of_user(self, user_id: int) -> list[str]:
        with self._lock:
            return [sid for sid, c in self._by_sid.items() if c.user_id == user_id]

    def sessions(self) -> list[int]:
        with self._lock:
            return list(self._participants)

    def participants(self, session_id: int) -> int:
        """Participants of this session connected to this process."""
        return self._participants.get(session_id, 0)

    def total(self, session_id: int) -> int:
        """Participants of this session connected to any server process.

        If Redis cannot be reached, this process's own count is the best answer left;
        a console must still connect.
        """
        local = self.participants(session_id)
        if self.shared is None:
            return local
        try:
            return local + self.shared.others(session_id)
        except Exception as exc:  # redis.RedisError and socket errors alike
            log.warning("could not read other processes' participant counts: %s", exc)
            return local

    def publish(self, session_ids: set[int]) -> None:
        """Tell the other processes this process's counts (no-op for a single process)."""
        if self.shared is None or not session_ids:
            return
        try:
            self.shared.publish({sid: self.participants(sid) for sid in session_ids})
        except Exception as exc:  # as above: counts are informative, never fatal
            log.warning("could not publish participant counts: %s", exc)
