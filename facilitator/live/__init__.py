"""The live layer: Socket.IO connections, rooms, broadcasts and batched room updates."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app

from facilitator.extensions import socketio
from facilitator.live.batcher import RoomBatcher
from facilitator.live.presence import Presence, SharedCounts, staff_room
from facilitator.live.queue import QueueWatch, WatchedRedisManager
from facilitator.live.tallies import SharedTallies

log = logging.getLogger(__name__)

SEND_SECONDS = 35e-6  # one queued message sent on one socket (see Live._window)


@dataclass
class Live:
    """Per-app live state: who is connected and what the rooms have yet to hear."""

    app: Flask
    interval: float  # the longest a concern change waits for its room
    min_gap: float  # the shortest time between two concern flushes
    tally_interval: float  # "me too" tallies to rooms, participant counts to facilitators
    presence: Presence = field(default_factory=Presence)
    batcher: RoomBatcher = field(init=False)
    _ticker_started: bool = False
    _stopping: bool = False
    _ticker_lock: threading.Lock = field(default_factory=threading.Lock)
    _changed: threading.Event = field(default_factory=threading.Event)
    # The shared Redis queue, when several processes use one (None: a single process).
    queue: QueueWatch | None = None
    # Sends every screen on this process a fresh snapshot (set by create_app:
    # live/resync.py needs the payloads, which need this module).
    resync: Callable[[], None] = lambda: None
    # Tapped concerns shared by the processes (None: a single process; live/tallies.py).
    tallies: SharedTallies | None = None

    def __post_init__(self) -> None:
        self.batcher = RoomBatcher(
            self.app, self.presence, on_change=self._changed.set, shared_tallies=self.tallies
        )

    def ensure_ticker(self) -> None:
        """Start the periodic flush the first time anyone connects."""
        if self._ticker_started:
            return
        with self._ticker_lock:
            if self._ticker_started:
                return
            self._ticker_started = True
            socketio.start_background_task(self._tick)

    def stop(self) -> None:
        """Let the ticker end after its current sleep (tests; a clean shutdown)."""
        self._stopping = True
        self._changed.set()

    def _window(self) -> float:
        """How long after a flush the next one waits.

        A flush only queues one packet per socket; the sends happen afterwards, in each
        socket's writer, and cost about 35 microseconds each (measured: 35 ms for a bare
        fan-out to 1,000 sockets). The window is twice the sends a fan-out will cause,
        so fan-outs use at most a third of the process, between ``min_gap`` and
        ``interval``; ``interval`` itself while any socket is on long-polling, where
        each message also ends a poll and costs a whole HTTP round.
        """
        sockets, polling = _sockets()
        if polling:
            return self.interval
        return min(self.interval, max(self.min_gap, 2 * SEND_SECONDS * sockets))

    def _tick(self) -> None:
        # Concern changes: flushed as soon as they come when the last flush is at least
        # one window old, else when that window ends (see live/batcher.py). Tallies,
        # presence and moderation counts that woke no flush: every tally interval.
        last_tallies = last_concerns = time.monotonic()
        while not self._stopping:
            wait = last_tallies + self.tally_interval - time.monotonic()
            changed = self._changed.wait(max(0.0, wait))
            self._changed.clear()
            try:
                if changed:
                    rest = last_concerns + self._window() - time.monotonic()
                    if rest > 0:
                        socketio.sleep(rest)  # coalesce what else arrives meanwhile
                    self._changed.clear()
                    self.batcher.flush_concerns()
                    last_concerns = time.monotonic()
                if time.monotonic() - last_tallies >= self.tally_interval:
                    last_tallies = time.monotonic()
                    if self.batcher.flush_concerns():  # counts that woke no flush
                        last_concerns = time.monotonic()
                    self.batcher.flush_tallies()
                    self.check_queue()
            except Exception:  # keep ticking: one failed emit must not stop the room
                log.exception("room flush failed")

    @property
    def healthy(self) -> bool:
        """False while this process cannot share live updates with the others."""
        return self.queue is None or self.queue.healthy

    def check_queue(self) -> None:
        """Ping the shared queue; tell this process's consoles if its state changed."""
        if self.queue is None:
            return
        changed = self.queue.check()
        if changed is None:
            return
        # Only this process's consoles, sent locally: through Redis it would not arrive.
        for session_id in self.presence.watched():
            self.queue.manager.local_emit(
                "live_status", {"queue_ok": changed}, room=staff_room(session_id)
            )
        if changed:  # what was published meanwhile is lost: every screen here resyncs
            self.resync()


def _sockets() -> tuple[int, bool]:
    """This process's Engine.IO sockets, and whether any is on long-polling."""
    eio = getattr(socketio.server, "eio", None)
    sockets = list(getattr(eio, "sockets", {}).values()) if eio is not None else []
    return len(sockets), any(not getattr(sock, "upgraded", True) for sock in sockets)


def init_app(app: Flask) -> None:
    queue = app.config.get("SOCKETIO_MESSAGE_QUEUE")
    # Several processes share a Redis queue: each console should see the whole room.
    redis_queue = bool(queue and queue.startswith("redis"))
    shared = SharedCounts.from_url(queue) if redis_queue else None
    manager = socketio.server.manager if socketio.server else None
    app.extensions["live"] = Live(
        app=app,
        interval=app.config["LIVE_BATCH_INTERVAL"],
        min_gap=app.config["LIVE_BATCH_MIN_GAP"],
        tally_interval=app.config["TALLY_INTERVAL"],
        presence=Presence(shared),
        queue=QueueWatch(manager, queue) if isinstance(manager, WatchedRedisManager) else None,
        tallies=SharedTallies.from_url(queue) if redis_queue else None,
    )


def get_live() -> Live:
    """This app's live state (presence and the room batcher)."""
    return current_app.extensions["live"]
