"""Whether this process can serve: its database answers and, with several processes, the
shared message queue is reachable. Says nothing about sessions or who is connected."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from facilitator.extensions import db, limiter
from facilitator.health import bp
from facilitator.live import get_live


@bp.route("/healthz")
@limiter.exempt
def healthz() -> tuple[dict[str, Any], int]:
    try:
        db.session.execute(text("SELECT 1"))
        database = True
    except Exception:  # any driver error: this process cannot serve
        database = False
    finally:
        db.session.rollback()
    live = get_live()
    if live.queue is not None:
        live.ensure_ticker()  # from now on the queue is checked every tally interval
        if not live.queue.checked:
            live.check_queue()
    queue = live.healthy
    ok = database and queue
    body = {"ok": ok, "database": "ok" if database else "unreachable"}
    if live.queue is not None:
        body["message_queue"] = "ok" if queue else "unreachable"
    return body, 200 if ok else 503
