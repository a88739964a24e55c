"""Which concerns took a "me too" lately on any server process, shared through Redis.

A "me too" tally goes to every phone and display of the session at most once a second.
With one process the room batcher sends its own taps' counts. With several sharing a
message queue, a tally sent through the queue reaches every phone from every process
that counted a tap: two processes sent each phone up to two tally messages a second
(1.22 a second measured on average with 4,000 phones on two processes).

So with several processes each one records the concerns tapped on it in the sorted
set ``cg:tallies:<session id>`` (member: the concern id; score: Redis's clock when the
tap was recorded), and at its tally flush sends its own screens only, not through the
queue, the counts of every concern tapped on any process since its previous flush. The
read reaches ``overlap`` seconds further back than that flush, so a tap recorded by
another process while this one was reading is not missed; a count sent twice is
harmless, since a tally carries totals, not increments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


class SharedTallies:
    """The tapped concerns of all processes, per session.

    Args:
        client: A ``redis.Redis`` client with ``decode_responses=True``.
        keep: Seconds a recorded tap stays in Redis (far more than a flush interval).
        overlap: Seconds by which each read reaches back before the previous one.
    """

    def __init__(self, client: Any, keep: float = 30.0, overlap: float = 1.0) -> None:
        self._redis = client
        self._keep = keep
        self._overlap = overlap
        self._since: float | None = None

    @classmethod
    def from_url(cls, url: str, timeout: float = 0.5) -> SharedTallies:
        """A client that gives up quickly: a late tally is better than a stalled room."""
        import redis

        return cls(
            redis.Redis.from_url(
                url, decode_responses=True, socket_timeout=timeout, socket_connect_timeout=timeout
            )
        )

    @staticmethod
    def key(session_id: int) -> str:
        return f"cg:tallies:{session_id}"

    def exchange(
        self, tapped_here: Mapping[int, set[int]], sessions: Iterable[int]
    ) -> dict[int, set[int]]:
        """Record this process's tapped concerns; return those of every process.

        Args:
            tapped_here: Session id -> concern ids tapped on this process since the
                last exchange.
            sessions: The sessions with a screen on this process (phones, displays):
                the ones whose tallies this process sends.

        Returns:
            Session id -> concern ids tapped on any process since shortly before the
            previous exchange, for ``sessions``.
        """
        watched = sorted(set(sessions))
        if not watched and not any(tapped_here.values()):
            return {}  # nothing to record and no screen to tell: no round trip
        seconds, micros = self._redis.time()
        now = seconds + micros / 1e6
        since = (self._since if self._since is not None else now) - self._overlap
        pipe = self._redis.pipeline(transaction=False)
        for session_id, ids in tapped_here.items():
            if ids:
                key = self.key(session_id)
                pipe.zadd(key, {str(i): now for i in ids})
                pipe.expire(key, int(self._keep * 2))
        for session_id in watched:
            key = self.key(session_id)
            pipe.zremrangebyscore(key, "-inf", now - self._keep)
            pipe.zrangebyscore(key, since, "+inf")
        results = pipe.execute()
        self._since = now
        found = results[len(results) - 2 * len(watched) :][1::2]
        tapped = {sid: {int(i) for i in ids} for sid, ids in zip(watched, found, strict=True)}
        for session_id, ids in tapped_here.items():
            if session_id in tapped:
                tapped[session_id] |= ids
        return {session_id: ids for session_id, ids in tapped.items() if ids}
