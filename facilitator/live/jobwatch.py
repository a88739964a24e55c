"""Push a theme job's progress from the database to this process's consoles.

On the embedded path the worker is a separate process with no Socket.IO server of its
own, so the web process reads the job row (twice a second, while it runs) and announces
each change. With Redis the worker emits through the message queue itself and this
watcher is not started.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask

from facilitator.extensions import db, socketio
from facilitator.live import broadcast
from facilitator.theme_models import ThemeRun

log = logging.getLogger(__name__)

_watched: set[int] = set()
_lock = threading.Lock()


def watch(app: Flask, run_id: int, interval: float = 0.5) -> None:
    """Watch ``run_id`` until it ends (once per process, however often it is asked)."""
    with _lock:
        if run_id in _watched:
            return
        _watched.add(run_id)
    socketio.start_background_task(_loop, app, run_id, interval)


def _loop(app: Flask, run_id: int, interval: float) -> None:
    last: tuple[object, ...] | None = None
    try:
        while True:
            with app.app_context():
                try:
                    run = db.session.get(ThemeRun, run_id)
                    if run is None:
                        return
                    state = (run.status, run.stage, round(run.progress, 2), run.error)
                    if state != last:
                        last = state
                        broadcast.theme_job(run)
                        if not run.status.active:
                            broadcast.theme_run_changed(run)
                    if not run.status.active:
                        return
                finally:
                    db.session.remove()
            socketio.sleep(interval)
    except Exception:  # the consoles fall back to their snapshot on reload
        log.exception("watching theme run %s failed", run_id)
    finally:
        with _lock:
            _watched.discard(run_id)
