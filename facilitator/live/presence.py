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
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from facilitator.logs import Outage
from facilitator.privacy import Device

log = logging.getLogger(__name__)


def _phone(sid: str, connection: Connection) -> str:
    """What makes two sockets one phone: the device token (kept in memory only)."""
    return connection.device.token if connection.device is not None else sid


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
    = a random id of the process, value = ``"<count>:<time>"``, at every presence flush
    (about once a second). Times are Redis's own clock, so processes on hosts whose
    clocks differ still agree. Counts not refreshed within ``stale_after`` seconds
    belong to a process that stopped; they are left out and removed.

    Args:
        client: A ``redis.Redis`` client with ``decode_responses=True``.
        stale_after: Seconds after which another process's count is ignored.
    """

    def __init__(self, client: Any, stale_after: float = 10.0) -> None:
        self._redis = client
        self._stale_after = stale_after
        self.process = secrets.token_hex(8)

    @classmethod
    def from_url(cls, url: str, timeout: float = 0.5) -> SharedCounts:
        """A client that gives up quickly: counts are informative, never worth a stall."""
        import redis

        return cls(
            redis.Redis.from_url(
                url,
                decode_responses=True,
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
            )
        )

    @staticmethod
    def key(session_id: int) -> str:
        return f"cg:presence:{session_id}"

    def _now(self) -> float:
        seconds, micros = self._redis.time()
        return seconds + micros / 1e6

    def publish(self, counts: Mapping[int, int]) -> None:
        """Record this process's count for each session (0 removes it)."""
        now = self._now()
        pipe = self._redis.pipeline(transaction=False)
        for session_id, count in counts.items():
            key = self.key(session_id)
            if count > 0:
                pipe.hset(key, self.process, f"{count}:{now:.3f}")
                pipe.expire(key, int(self._stale_after * 3))
            else:
                pipe.hdel(key, self.process)
        pipe.execute()

    def others(self, session_ids: Iterable[int]) -> dict[int, int]:
        """Participants per session connected to the other live processes."""
        ids = sorted(session_ids)
        pipe = self._redis.pipeline(transaction=False)
        pipe.time()
        for session_id in ids:
            pipe.hgetall(self.key(session_id))
        (seconds, micros), *entries = pipe.execute()
        now = seconds + micros / 1e6
        totals: dict[int, int] = {}
        stale: dict[int, list[str]] = {}
        for session_id, values in zip(ids, entries, strict=True):
            totals[session_id] = 0
            for process, value in values.items():
                if process == self.process:
                    continue
                count, _sep, at = str(value).partition(":")
                try:
                    fresh = now - float(at) <= self._stale_after
                    number = int(count)
                except ValueError:
                    fresh, number = False, 0
                if fresh:
                    totals[session_id] += number
                else:
                    stale.setdefault(session_id, []).append(process)
        if stale:
            pipe = self._redis.pipeline(transaction=False)
            for session_id, processes in stale.items():
                pipe.hdel(self.key(session_id), *processes)
            pipe.execute()
        return totals


class Presence:
    """Connections by Socket.IO sid, and participant counts by session.

    Args:
        shared: Counts of the other server processes, when several share a message
            queue; ``None`` for a single process.
    """

    def __init__(self, shared: SharedCounts | None = None) -> None:
        self._lock = threading.Lock()
        self._by_sid: dict[str, Connection] = {}
        # Per session, sockets per phone: two tabs of one phone are one participant.
        self._phones: dict[int, Counter[str]] = {}
        self.shared = shared
        # Other processes' counts as read at the last refresh; reading them on every
        # post would put a Redis round trip on the hot path.
        self._others: dict[int, int] = {}
        self._outage = Outage(log, "participant counts")

    def add(self, sid: str, connection: Connection) -> None:
        with self._lock:
            self._remove(sid)  # a second connect on one socket must not count twice
            self._by_sid[sid] = connection
            if connection.role == Role.PARTICIPANT:
                phones = self._phones.setdefault(connection.session_id, Counter())
                phones[_phone(sid, connection)] += 1

    def remove(self, sid: str) -> Connection | None:
        with self._lock:
            return self._remove(sid)

    def _remove(self, sid: str) -> Connection | None:
        connection = self._by_sid.pop(sid, None)
        if connection is not None and connection.role == Role.PARTICIPANT:
            phones = self._phones.get(connection.session_id, Counter())
            phones[_phone(sid, connection)] -= 1
            phones += Counter()  # drops phones with no tab left
            if phones:
                self._phones[connection.session_id] = phones
            else:
                self._phones.pop(connection.session_id, None)
        return connection

    def connections(self) -> list[tuple[str, Connection]]:
        """Every connection on this process, by sid."""
        with self._lock:
            return list(self._by_sid.items())

    def get(self, sid: str) -> Connection | None:
        return self._by_sid.get(sid)

    def sids_of_user(self, user_id: int) -> list[str]:
        with self._lock:
            return [sid for sid, c in self._by_sid.items() if c.user_id == user_id]

    def participants(self, session_id: int) -> int:
        """Phones (not sockets: a second tab is the same phone) of this session here."""
        return len(self._phones.get(session_id, ()))

    def watched(self) -> set[int]:
        """Sessions with a phone or a console on this process."""
        return self._sessions_with(Role.PARTICIPANT, Role.FACILITATOR)

    def audience(self) -> set[int]:
        """Sessions with a phone or a display on this process: who hears the room."""
        return self._sessions_with(Role.PARTICIPANT, Role.DISPLAY)

    def _sessions_with(self, *roles: Role) -> set[int]:
        with self._lock:
            return {c.session_id for c in self._by_sid.values() if c.role in roles}

    def total(self, session_id: int) -> int:
        """Participants of this session on every process (others as of the last refresh)."""
        return self.participants(session_id) + self._others.get(session_id, 0)

    def refresh(self, session_ids: set[int]) -> None:
        """Publish this process's counts and read the others' (no-op for one process).

        If Redis cannot be reached, totals fall back to this process's own counts and
        one warning is logged until it can be reached again.
        """
        if self.shared is None or not session_ids:
            return
        try:
            self.shared.publish({sid: self.participants(sid) for sid in session_ids})
            self._others = self.shared.others(session_ids)
        except Exception as exc:  # redis.RedisError and socket errors alike
            self._others = {}
            self._outage.failed(exc)
        else:
            self._outage.worked()
