"""CPU-heavy work off the event loop, through a hook the server start-up provides.

Password hashing (Argon2id) takes tens of milliseconds of CPU. On an event-loop server
(eventlet) it would stop every other connection meanwhile, so the server start-up hands
the app a "run this in an OS thread" function (``run.py`` passes eventlet's thread pool,
at the lowest CPU priority).
The app never names an async library itself; with threads (tests, ``flask run``) each
request already has its own thread and the default simply calls the function.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app

T = TypeVar("T")


def _call(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)


class Offload:
    """Runs heavy work through the hook, at most one job per CPU at a time.

    The limit keeps a burst (a password spray) from filling the machine with hashing
    threads: the rest wait their turn without using CPU. ``threading`` is the green
    version under eventlet's monkey patching, so waiting does not block the loop.
    """

    def __init__(self, run_in_thread: Callable[..., Any], parallel: int) -> None:
        self._run = run_in_thread
        self._slots = threading.BoundedSemaphore(parallel)

    def __call__(self, fn: Callable[..., T], *args: Any) -> T:
        with self._slots:
            return self._run(fn, *args)


def init_app(app: Flask, run_in_thread: Callable[..., Any] | None = None) -> None:
    """Use ``run_in_thread(fn, *args)`` (returns ``fn(*args)``) for this app's heavy work."""
    app.extensions["offload"] = Offload(run_in_thread or _call, os.cpu_count() or 1)


def run_in_thread(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, computed where it cannot stall other connections."""
    return current_app.extensions["offload"](fn, *args)
