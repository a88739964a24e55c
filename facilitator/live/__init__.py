"""The live layer: Socket.IO connections, rooms, broadcasts and batched tallies."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from flask import Flask, current_app

from facilitator.extensions import socketio
from facilitator.live.broadcast import TallyBatcher
from facilitator.live.presence import Presence

log = logging.getLogger(__name__)


@dataclass
class Live:
    """Per-app live state: who is connected and which tallies are waiting."""

    interval: float
    presence: Presence = field(default_factory=Presence)
    tallies: TallyBatcher = field(init=False)
    _ticker_started: bool = False
    _stopping: bool = False
    _ticker_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.tallies = TallyBatcher(self.presence)

    def ensure_ticker(self) -> None:
        """Start the once-per-interval flush the first time anyone connects."""
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

    def _tick(self) -> None:
        while not self._stopping:
            socketio.sleep(self.interval)
            try:
                self.tallies.flush()
            except Exception:  # keep ticking: one failed emit must not stop all tallies
                log.exception("tally flush failed")


def init_app(app: Flask) -> None:
    app.extensions["live"] = Live(interval=app.config["TALLY_INTERVAL"])


def get_live() -> Live:
    return current_app.extensions["live"]


from facilitator.live import events  # noqa: E402,F401 - registers the handlers
