"""Fresh snapshots for every screen on this process, sent locally.

Used when the shared message queue comes back after an outage: whatever the other
processes published meanwhile never arrived here, so each console, phone and display
replaces its state from the database, as after a reconnect.
"""

from __future__ import annotations

from flask import Flask

from facilitator.extensions import db, socketio
from facilitator.live import get_live
from facilitator.live.payloads import snapshot
from facilitator.live.presence import Role
from facilitator.models import ListeningSession, User


def resync_screens(app: Flask) -> None:
    """Send each connection on this process the snapshot its role would get at connect."""
    with app.app_context():
        live = get_live()
        manager = live.queue.manager if live.queue else None
        cache: dict[tuple[int, Role, bool], dict] = {}
        for sid, connection in live.presence.connections():
            ls = db.session.get(ListeningSession, connection.session_id)
            if ls is None:
                continue
            safety = False
            if connection.role == Role.FACILITATOR and connection.user_id is not None:
                user = db.session.get(User, connection.user_id)
                safety = bool(user and user.is_safety_moderator)
            key = (ls.id, connection.role, safety)
            if key not in cache:
                cache[key] = snapshot(ls, connection.role, safety=safety)
            if manager is not None:
                manager.local_emit("snapshot", cache[key], room=sid)
            else:
                socketio.emit("snapshot", cache[key], to=sid)
        db.session.remove()
