"""The retention job: purge due sessions' raw posts, on a schedule inside the server.

The rule and what is deleted are in ``services/retention.py`` and docs/privacy.md.
This module runs it: one write transaction per session (a failure leaves that session
as it was, and the others go on), one log line per purged session with counts only
(the session id and how many rows; never a post's text or id), and a background task
started by ``run.py`` that checks every ``RETENTION_CHECK_SECONDS``. The task uses
``socketio.start_background_task`` and ``socketio.sleep``, so it runs under any async
mode. Every server process runs it; the per-session claim in ``purge_session`` makes
exactly one of them do each purge, and makes a second run change nothing.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask

from facilitator import offload
from facilitator.extensions import db, socketio
from facilitator.models import ListeningSession, utcnow
from facilitator.services import retention as service

log = logging.getLogger(__name__)


def configure(app: Flask) -> None:
    """Check the retention settings at start-up; a bad value stops the app with a reason."""
    app.config["RETENTION_DAYS"] = service.check_days(app.config.get("RETENTION_DAYS", 90))
    raw = app.config.get("RETENTION_CHECK_SECONDS", 3600)
    try:
        seconds = float(raw)
    except (TypeError, ValueError):
        seconds = -1.0
    if not seconds > 0 or seconds != seconds:  # also refuses NaN
        raise ValueError(
            f"RETENTION_CHECK_SECONDS must be a number of seconds above 0 (it is {raw!r})."
        )
    app.config["RETENTION_CHECK_SECONDS"] = seconds


@dataclass(frozen=True)
class Due:
    """A session due for purging, as ``--dry-run`` reports it (counts only)."""

    counts: service.PurgeCounts
    approved_at: datetime | None


def due(now: datetime, days: int) -> list[Due]:
    """What a purge at ``now`` would delete, per session; changes nothing."""
    s = db.session
    try:
        return [
            Due(service.planned_counts(s, ls), service.approved_at(s, ls))
            for ls in service.due_sessions(s, now, days)
        ]
    finally:
        s.rollback()


def purge_due_sessions(
    now: datetime | None = None, days: int | None = None
) -> list[service.PurgeCounts]:
    """Purge every due session, each in its own transaction; return what was purged.

    Needs an app context. ``days`` defaults to the app's ``RETENTION_DAYS``.
    """
    from flask import current_app

    now = now or utcnow()
    days = current_app.config["RETENTION_DAYS"] if days is None else days
    ids = [ls.id for ls in service.due_sessions(db.session, now, days)]
    db.session.rollback()  # end the read; each purge is a write transaction of its own
    purged = []
    for session_id in ids:
        try:
            with db.writing() as s:
                ls = s.get(ListeningSession, session_id)
                counts = service.purge_session(s, ls, now) if ls is not None else None
        except Exception:  # one session's failure must not keep the others' posts
            log.exception("retention: purging session %s failed; it is left as it was", session_id)
            continue
        if counts is None:  # another process purged it first
            continue
        purged.append(counts)
        log.info(
            "retention: session %d purged: %d posts, %d me-too rows, %d theme members, "
            "%d moderation log references cleared",
            counts.session_id,
            counts.posts,
            counts.me_too,
            counts.theme_members,
            counts.log_references,
        )
    if purged:
        _truncate_sqlite_wal()
    return purged


def _truncate_sqlite_wal() -> None:
    """Copy SQLite's WAL into the file and empty it: older copies of the purged pages
    (with the posts' text) would otherwise stay in the WAL until it is reused."""
    engine = db.engine
    assert engine is not None
    path = engine.url.database
    if engine.dialect.name != "sqlite" or not path or path == ":memory:":
        return
    try:
        busy = offload.run_in_thread(_checkpoint_truncate, path)
    except Exception:
        log.exception("retention: emptying the SQLite WAL failed; it is reused later")
        return
    if busy:
        log.warning("retention: the SQLite WAL is in use; it is emptied at a later purge")


def _checkpoint_truncate(path: str) -> int:
    connection = sqlite3.connect(path, timeout=30)
    try:
        return int(connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0])
    finally:
        connection.close()


def start_schedule(
    app: Flask,
    spawn: Callable[..., Any] = socketio.start_background_task,
    sleep: Callable[[float], Any] = socketio.sleep,
) -> None:
    """Check at once, then every ``RETENTION_CHECK_SECONDS``, for as long as the server runs."""
    interval = app.config["RETENTION_CHECK_SECONDS"]

    def loop() -> None:
        while True:
            with app.app_context():
                try:
                    purge_due_sessions()
                except Exception:  # the next check tries again
                    log.exception("retention: the check failed")
                finally:
                    db.session.remove()
            sleep(interval)

    log.info(
        "retention: posts are purged %d days after approval; checked every %g s",
        app.config["RETENTION_DAYS"],
        interval,
    )
    spawn(loop)
