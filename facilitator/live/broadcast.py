"""One helper per payload kind. Call them only after the commit succeeded.

Facilitators get every change at once: they are a few sockets. Participants and displays
can be two thousand sockets per session, and every message to them costs one send per
socket, so what they see is batched by ``RoomBatcher``: concern changes at most every
``LIVE_BATCH_INTERVAL`` (a quarter second) and "me too" tallies at most every
``TALLY_INTERVAL`` (a second), however fast the posts, approvals and taps come.
"""

from __future__ import annotations

import threading
from typing import Any

from flask import current_app

from facilitator.extensions import socketio
from facilitator.live.presence import Presence, author_room, public_room, staff_room
from facilitator.models import Concern, ConcernStatus, ListeningSession
from facilitator.services.concerns import moderation_summary


def _batcher() -> RoomBatcher:
    return current_app.extensions["live"].batcher


def concern_changed(concern: Concern, was: ConcernStatus | None, counts: dict[str, Any]) -> None:
    """Tell everyone who should know that ``concern`` was posted or changed state.

    ``was`` is its status before the change (None for a new post); ``counts`` are the
    session's counts after it (``counts_payload``).
    """
    sid = concern.session_id
    socketio.emit("concern", concern.to_dict(), to=staff_room(sid))
    socketio.emit("counts", counts, to=staff_room(sid))
    _batcher().moderation(sid, moderation_summary(counts))
    if concern.status == ConcernStatus.SHOWN:
        _batcher().concern(sid, concern.id, concern.to_public_dict())
    elif was == ConcernStatus.SHOWN:
        _batcher().concern(sid, concern.id, None)
    if was is not None and was != concern.status and concern.author_hash is not None:
        socketio.emit("my_concern", _author_view(concern), to=author_room(concern.id))


def _author_view(concern: Concern) -> dict[str, Any]:
    data = concern.to_author_dict()
    data.pop("text")
    return data


def support_changed(concern: Concern) -> None:
    socketio.emit(
        "support",
        {"concern_id": concern.id, "support": concern.support_count},
        to=staff_room(concern.session_id),
    )
    if concern.status == ConcernStatus.SHOWN:
        _batcher().tally(concern.session_id, concern.id, concern.support_count)


def session_changed(ls: ListeningSession, payload: dict[str, Any]) -> None:
    socketio.emit("session", payload, to=public_room(ls.id))
    socketio.emit("session", payload, to=staff_room(ls.id))


class RoomBatcher:
    """Holds what participants and displays should hear until the next flush.

    For each concern only its latest public state is kept (or None once it left the
    screen), so a concern approved and hidden within one interval is sent once, as removed.
    """

    def __init__(self, presence: Presence) -> None:
        self._lock = threading.Lock()
        self._concerns: dict[int, dict[int, dict[str, Any] | None]] = {}
        self._tallies: dict[int, dict[int, int]] = {}
        self._moderation: dict[int, dict[str, Any]] = {}
        self._presence = presence
        self._last_presence: dict[int, int] = {}

    def concern(self, session_id: int, concern_id: int, public: dict[str, Any] | None) -> None:
        with self._lock:
            changes = self._concerns.setdefault(session_id, {})
            changes.pop(concern_id, None)  # keep the order of the latest change
            changes[concern_id] = public

    def moderation(self, session_id: int, summary: dict[str, Any]) -> None:
        with self._lock:
            self._moderation[session_id] = summary

    def tally(self, session_id: int, concern_id: int, support: int) -> None:
        with self._lock:
            self._tallies.setdefault(session_id, {})[concern_id] = support

    def flush_concerns(self) -> int:
        """Send each session's concern changes and moderation counts as one message."""
        with self._lock:
            pending, self._concerns = self._concerns, {}
            moderation, self._moderation = self._moderation, {}
        for session_id in pending.keys() | moderation.keys():
            changes = pending.get(session_id, {})
            message: dict[str, Any] = {
                "upsert": [c for c in changes.values() if c is not None],
                "remove": [cid for cid, c in changes.items() if c is None],
            }
            if session_id in moderation:
                message["moderation"] = moderation[session_id]
            socketio.emit("concerns", message, to=public_room(session_id))
        return len(pending)

    def flush_tallies(self) -> int:
        """Send pending tallies, and changed participant counts to facilitators."""
        with self._lock:
            pending, self._tallies = self._tallies, {}
        for session_id, tallies in pending.items():
            socketio.emit(
                "tallies",
                {"support": {str(k): v for k, v in tallies.items()}},
                to=public_room(session_id),
            )
        self._flush_presence()
        return len(pending)

    def flush(self) -> None:
        self.flush_concerns()
        self.flush_tallies()

    def _flush_presence(self) -> None:
        sessions = set(self._last_presence) | set(self._presence.sessions())
        for session_id in sessions:
            connected = self._presence.participants(session_id)
            if self._last_presence.get(session_id) != connected:
                self._last_presence[session_id] = connected
                socketio.emit("presence", {"connected": connected}, to=staff_room(session_id))
            if connected == 0:
                self._last_presence.pop(session_id, None)
