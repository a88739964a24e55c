"""One helper per payload kind. Call them only after the commit succeeded.

"Me too" tallies reach participants and displays through ``TallyBatcher``: at most one
``tallies`` message per session per interval, however fast the taps come. Facilitators
get each tap at once.
"""

from __future__ import annotations

import threading
from typing import Any

from facilitator.extensions import socketio
from facilitator.live.presence import Presence, author_room, public_room, staff_room
from facilitator.models import Concern, ConcernStatus, ListeningSession


def concern_changed(concern: Concern, was: ConcernStatus | None, counts: dict[str, int]) -> None:
    """Tell everyone who should know that ``concern`` was posted or changed state.

    ``was`` is its status before the change (None for a new post).
    """
    sid = concern.session_id
    socketio.emit("concern", concern.to_dict(), to=staff_room(sid))
    socketio.emit("counts", counts, to=staff_room(sid))
    now_shown = concern.status == ConcernStatus.SHOWN
    if now_shown and was == ConcernStatus.SHOWN:
        socketio.emit("concern_updated", concern.to_public_dict(), to=public_room(sid))
    elif now_shown:
        socketio.emit("concern_shown", concern.to_public_dict(), to=public_room(sid))
    elif was == ConcernStatus.SHOWN:
        socketio.emit("concern_removed", {"id": concern.id}, to=public_room(sid))
    if was is not None and was != concern.status and concern.author_hash is not None:
        socketio.emit("my_concern", _author_view(concern), to=author_room(concern.id))


def _author_view(concern: Concern) -> dict[str, Any]:
    data = concern.to_author_dict()
    data.pop("text")
    return data


def support_changed(concern: Concern, tallies: TallyBatcher) -> None:
    socketio.emit(
        "support",
        {"concern_id": concern.id, "support": concern.support_count},
        to=staff_room(concern.session_id),
    )
    if concern.status == ConcernStatus.SHOWN:
        tallies.add(concern.session_id, concern.id, concern.support_count)


def session_changed(ls: ListeningSession, payload: dict[str, Any]) -> None:
    socketio.emit("session", payload, to=public_room(ls.id))
    socketio.emit("session", payload, to=staff_room(ls.id))


def counts_changed(session_id: int, counts: dict[str, int]) -> None:
    socketio.emit("counts", counts, to=staff_room(session_id))


class TallyBatcher:
    """Collects the newest "me too" count per concern; ``flush`` sends them in one message."""

    def __init__(self, presence: Presence) -> None:
        self._lock = threading.Lock()
        self._pending: dict[int, dict[int, int]] = {}
        self._presence = presence
        self._last_presence: dict[int, int] = {}

    def add(self, session_id: int, concern_id: int, support: int) -> None:
        with self._lock:
            self._pending.setdefault(session_id, {})[concern_id] = support

    def flush(self) -> int:
        """Send what is pending, and changed participant counts to facilitators."""
        with self._lock:
            pending, self._pending = self._pending, {}
        for session_id, tallies in pending.items():
            socketio.emit(
                "tallies",
                {"support": {str(k): v for k, v in tallies.items()}},
                to=public_room(session_id),
            )
        self._flush_presence()
        return len(pending)

    def _flush_presence(self) -> None:
        sessions = set(self._last_presence) | set(self._presence.sessions())
        for session_id in sessions:
            connected = self._presence.participants(session_id)
            if self._last_presence.get(session_id) != connected:
                self._last_presence[session_id] = connected
                socketio.emit("presence", {"connected": connected}, to=staff_room(session_id))
            if connected == 0:
                self._last_presence.pop(session_id, None)
