"""Batched room updates: what phones and displays hear, at most so often.

Facilitators get every change at once: they are a few sockets. Their counts (posts by
state, taps) take three queries, so those go out once per flush of concern changes.
Participants and displays can be two thousand sockets per session, and every message
to them costs one send per socket, so what they see is batched here: concern changes at most every
``LIVE_BATCH_INTERVAL`` (a quarter second) and "me too" tallies at most every
``TALLY_INTERVAL`` (a second), however fast the posts, approvals and taps come.

Concern changes flush on the leading edge: the first change after a quiet spell goes out
at once (an approval reaches every phone in the time of one fan-out), and changes that
arrive soon after a flush wait for the next one, at most ``LIVE_BATCH_INTERVAL``: the
gap is twice the time the flush's sends take (about 35 microseconds per socket), at
least ``LIVE_BATCH_MIN_GAP`` (:meth:`facilitator.live.Live._window`). So a burst spends
at most a third of the server's time on fan-outs, and a lone approval does not wait.

A change the room does not see (a post arriving held for review, a held post hidden)
only changes the public moderation counts ("3 posts wait for review"): it wakes no flush
and goes out with the next one, at the latest with the tallies a second later. In an
approve-first session every arriving post is such a change; waking a fan-out to every
phone for each kept the room flushing back to back, so an approval waited out the
window behind a count.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.extensions import db, socketio
from facilitator.live.presence import Presence, public_room, staff_room
from facilitator.live.tallies import SharedTallies
from facilitator.logs import Outage
from facilitator.models import Concern, ConcernStatus, ListeningSession
from facilitator.services.concerns import concern_counts, moderation_summary

log = logging.getLogger(__name__)


def staff_counts(s: Session, ls: ListeningSession, presence: Presence) -> dict[str, Any]:
    """The facilitators' counts: posts by state, taps, and phones connected now."""
    counts = concern_counts(s, ls)
    counts["connected"] = presence.total(ls.id)
    return counts


class RoomBatcher:
    """Remembers which concerns and sessions changed; ``flush`` tells the rooms.

    Only ids are kept. A flush reads each concern's state from the database as it is
    at that moment, so the rooms always end on the committed state, whatever order the
    handlers that changed it ran in (another greenlet, thread or server process may
    commit between one handler's commit and its broadcast).
    """

    def __init__(
        self,
        app: Flask,
        presence: Presence,
        on_change: Callable[[], None] = lambda: None,
        shared_tallies: SharedTallies | None = None,
    ) -> None:
        self._app = app
        self._shared_tallies = shared_tallies  # several processes: see live/tallies.py
        self._tallies_outage = Outage(log, "tallies")
        self._on_change = on_change  # wakes the flusher for a leading-edge flush
        self._lock = threading.Lock()
        self._concerns: dict[int, dict[int, None]] = {}  # session -> ordered concern ids
        self._tallies: dict[int, set[int]] = {}
        self._moderation: set[int] = set()
        self._counts: set[int] = set()
        self._presence = presence
        self._last_presence: dict[int, int] = {}

    def concern(self, session_id: int, concern_id: int, *, room_sees_it: bool = True) -> None:
        """Note a change; ``room_sees_it`` when the concern is or was on screen."""
        with self._lock:
            if room_sees_it:
                self._concerns.setdefault(session_id, {})[concern_id] = None
            self._moderation.add(session_id)
        if room_sees_it:
            self._on_change()

    def counts(self, session_id: int) -> None:
        """Note that the facilitators' counts changed: they go out with the next flush.

        Facilitators hear each change at once; the counts (three queries) once per
        flush however many posts and approvals came meanwhile.
        """
        with self._lock:
            self._counts.add(session_id)

    def tally(self, session_id: int, concern_id: int) -> None:
        with self._lock:
            self._tallies.setdefault(session_id, set()).add(concern_id)

    def flush_concerns(self) -> int:
        """Send each changed session one ``concerns`` message: current states, counts;
        and the facilitators of each session whose counts changed its ``counts``."""
        with self._lock:
            pending, self._concerns = self._concerns, {}
            moderation, self._moderation = self._moderation, set()
            counts, self._counts = self._counts, set()
        if not pending and not moderation and not counts:
            return 0
        with self._app.app_context():
            s = db.session
            for session_id in sorted(counts):
                ls = s.get(ListeningSession, session_id)
                if ls is not None:
                    counts_now = staff_counts(s, ls, self._presence)
                    socketio.emit("counts", counts_now, to=staff_room(session_id))
            for session_id in sorted(pending.keys() | moderation):
                ids = list(pending.get(session_id, {}))
                rows = {c.id: c for c in s.scalars(select(Concern).where(Concern.id.in_(ids)))}
                shown = [
                    rows[i] for i in ids if i in rows and rows[i].status == ConcernStatus.SHOWN
                ]
                message: dict[str, Any] = {
                    "upsert": [c.to_public_dict() for c in shown],
                    "remove": [i for i in ids if i not in {c.id for c in shown}],
                }
                if session_id in moderation:
                    ls = s.get(ListeningSession, session_id)
                    if ls is not None:
                        message["moderation"] = moderation_summary(s, ls)
                socketio.emit("concerns", message, to=public_room(session_id))
        return len(pending)

    def flush_tallies(self) -> int:
        """Send current "me too" counts of tapped concerns, and participant counts."""
        with self._lock:
            pending, self._tallies = self._tallies, {}
        pending, here_only = self._all_tapped(pending)
        if pending:
            with self._app.app_context():
                for session_id, ids in pending.items():
                    rows = db.session.execute(
                        select(Concern.id, Concern.support_count).where(
                            Concern.id.in_(ids), Concern.status == ConcernStatus.SHOWN
                        )
                    ).all()
                    if rows:
                        socketio.emit(
                            "tallies",
                            {"support": {str(i): n for i, n in sorted(rows)}},
                            to=public_room(session_id),
                            ignore_queue=here_only,
                        )
        self._flush_presence()
        return len(pending)

    def _all_tapped(self, tapped_here: dict[int, set[int]]) -> tuple[dict[int, set[int]], bool]:
        """The concerns whose tallies this process sends, and whether to its screens only.

        One process: its own taps, to the room. Several: every process's taps, each
        process to its own screens (live/tallies.py). If Redis cannot be reached, its
        own taps through the queue, as one process would; one warning until it is back.
        """
        if self._shared_tallies is None:
            return tapped_here, False
        try:
            tapped = self._shared_tallies.exchange(tapped_here, self._presence.audience())
        except Exception as exc:  # redis.RedisError and socket errors alike
            self._tallies_outage.failed(exc)
            return tapped_here, False
        self._tallies_outage.worked()
        return tapped, True

    def flush(self) -> None:
        self.flush_concerns()
        self.flush_tallies()

    def _flush_presence(self) -> None:
        # Sessions with a phone or a console here. With several processes a console's
        # process reports the room's total even when its phones are all elsewhere, so
        # consoles may hear the same number from more than one process.
        watched = self._presence.watched()
        sessions = watched | set(self._last_presence)
        self._presence.refresh(sessions)
        for session_id in sessions:
            connected = self._presence.total(session_id)
            if self._last_presence.get(session_id) != connected:
                socketio.emit("presence", {"connected": connected}, to=staff_room(session_id))
            if session_id in watched:
                self._last_presence[session_id] = connected
            else:
                self._last_presence.pop(session_id, None)
