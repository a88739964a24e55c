"""The Redis message queue several server processes share, watched.

python-socketio's ``RedisManager`` logs and drops a live update it cannot publish, and
after an outage waits up to a minute between reconnection attempts. When the queue is
down this process's consoles would simply stop hearing the other processes' phones,
with nothing on screen to say so. So:

- ``WatchedRedisManager`` retries the subscription every second, remembers whether it
  is subscribed, and logs a lost publish once instead of twice per update;
- ``QueueWatch`` pings Redis once per tally interval; :mod:`facilitator.live` tells this
  process's consoles when the state changes (``live_status``), ``/healthz`` reports it to
  the load balancer, and when Redis is back every screen here gets a fresh snapshot, since
  updates published meanwhile are gone.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import redis
import socketio

log = logging.getLogger(__name__)

RETRY_SECONDS = 1.0


class WatchedRedisManager(socketio.RedisManager):
    """A ``RedisManager`` that knows whether it is subscribed and publishing."""

    def __init__(self, url: str, **kwargs: Any) -> None:
        # A refused or unreachable Redis should fail in a second, not hang a handler.
        super().__init__(url, redis_options={"socket_connect_timeout": 1.0}, **kwargs)
        self.subscribed = False
        self.publish_failed = False
        self.started_at: float | None = None  # the listener starts at the first connection

    def initialize(self) -> None:  # pragma: no cover - runs in the server
        self.started_at = time.monotonic()
        super().initialize()

    @property
    def listening(self) -> bool:
        """Subscribed, or not expected to be yet (no client so far, or just started)."""
        started = self.started_at
        return self.subscribed or started is None or time.monotonic() - started < 3.0

    def _publish(self, data: Any) -> Any:  # pragma: no cover - runs in the server
        try:
            if not self.connected:
                self._redis_connect()
            result = self.redis.publish(self.channel, self.json.dumps(data))
        except Exception as exc:  # redis.RedisError and socket errors alike
            self.connected = False
            if not self.publish_failed:
                log.error("live update not published to Redis: %s", type(exc).__name__)
            self.publish_failed = True
            return None
        self.publish_failed = False
        return result

    def _redis_listen_with_retries(self) -> Iterator[Any]:  # pragma: no cover
        while True:
            try:
                self._redis_connect()
                self.pubsub.subscribe(self.channel)
                self.subscribed = True
                yield from self.pubsub.listen()
            except Exception as exc:
                if self.subscribed:
                    log.error("lost the Redis subscription: %s", type(exc).__name__)
                self.subscribed = False
                time.sleep(RETRY_SECONDS)  # green under eventlet's monkey patching

    def local_emit(self, event: str, data: Any, room: str) -> None:
        """Send to this process's clients only, whatever state Redis is in."""
        socketio.Manager.emit(self, event, data, namespace="/", room=room)


class QueueWatch:
    """Whether this process can currently share live updates through Redis."""

    def __init__(self, manager: WatchedRedisManager, url: str) -> None:
        self.manager = manager
        self.healthy = True
        self.checked = False
        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)

    def check(self) -> bool | None:
        """Ping Redis; True or False when the state changed since the last check."""
        try:
            reachable = bool(self._redis.ping())
        except Exception:  # redis.RedisError and socket errors alike
            reachable = False
        self.checked = True
        # A publish that failed meanwhile reconnects by itself on the next one.
        healthy = reachable and self.manager.listening
        if healthy == self.healthy:
            return None
        self.healthy = healthy
        log.warning("message queue %s", "reachable again" if healthy else "unreachable")
        return healthy
