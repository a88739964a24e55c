"""Reading a post in the server's OS threads takes no green lock.

run.py reads each post (redaction, language, the safety model) in eventlet's OS thread
pool. After monkey patching, ``threading`` locks are green: waited on from such a thread
they raise "greenlet.error: Cannot switch to a different thread", and the post's ack
never comes. Two libraries took one on every call or on first use (threadpoolctl inside
the sentence model, phonenumbers' lazy numbering plans); the start-up warm-up must leave
none. Contention is what turns such a lock into a crash, so a burst test finds it only
sometimes: this test records every acquisition from an OS thread instead.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import eventlet
eventlet.monkey_patch()
import eventlet.semaphore
import eventlet.tpool
import traceback
from eventlet import patcher

real_thread = patcher.original("_thread")
main = real_thread.get_ident()
seen = []
acquire = eventlet.semaphore.Semaphore.acquire

def recording_acquire(self, *args, **kwargs):
    if real_thread.get_ident() != main:
        seen.append("".join(traceback.format_stack(limit=8)))
    return acquire(self, *args, **kwargs)

import safety
from facilitator.services.concerns import read_post
from facilitator.services.language import detect_language

assert safety.warm_up(), "the sentence model is not installed"
detect_language("warming up the language detector", ("en", "es"))  # as run.py does
eventlet.semaphore.Semaphore.acquire = recording_acquire
TEXTS = [
    "Street lights on block {n} have been out for weeks",
    "Call me at +44 20 7946 0{n:03d} or +81 3 1234 {n:04d}",
    "Vivo en el 6200 de la calle Lake, mi numero es 612 555 01{n:02d}",
    "Officer Smith at 123 Main St Minneapolis MN 55401 said it {n} times",
    "I don't see the point of going on, day {n}",
    "mi ig es lupe.rivera{n} y mi correo lupe at gmail dot com",
    "Вчера {n} полиция, +7 495 123 45 67",
    "警察 {n} 电话 +86 10 1234 5678",
]
pool = eventlet.GreenPool()
read = list(pool.imap(
    lambda n: eventlet.tpool.execute(
        read_post, TEXTS[n % len(TEXTS)].format(n=n), 1000, "en", ("en", "es")
    ),
    range(48),
))
assert len(read) == 48
print("\n---\n".join(seen) if seen else "no green lock")
"""


def test_reading_posts_in_os_threads_takes_no_green_lock() -> None:
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-W", "ignore", "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,  # a green lock hit from an OS thread hangs the probe
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "no green lock", result.stdout[-3000:]
