"""Who is connected to this server process, kept in memory only.

A connection is a role, a session id and, for a participant, the device token read from
its cookie at connect. Nothing here is ever written to disk or the database.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from facilitator.services.concerns import Device


class Role(StrEnum):
    PARTICIPANT = "participant"
    DISPLAY = "display"
    FACILITATOR = "facilitator"


@dataclass(frozen=True)
class Connection:
    role: Role
    session_id: int
    device: Device | None = None
    user_id: int | None = None
    # The facilitator's login nonce at connect: a logout changes it, ending the socket.
    user_nonce: str | None = None


def public_room(session_id: int) -> str:
    """Participants and displays of a session."""
    return f"s{session_id}:public"


def staff_room(session_id: int) -> str:
    """Facilitator consoles of a session."""
    return f"s{session_id}:staff"


def safety_room(session_id: int) -> str:
    """Safety moderators of a session: the only ones who see posts held for safety."""
    return f"s{session_id}:safety"


def author_room(concern_id: int) -> str:
    """The phone(s) holding the device token that wrote this concern."""
    return f"c{concern_id}:author"


class Presence:
    """Connections by Socket.IO sid, and participant counts by session."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_sid: dict[str, Connection] = {}
        self._participants: Counter[int] = Counter()

    def add(self, sid: str, connection: Connection) -> None:
        with self._lock:
            self._by_sid[sid] = connection
            if connection.role == Role.PARTICIPANT:
                self._participants[connection.session_id] += 1

    def remove(self, sid: str) -> Connection | None:
        with self._lock:
            connection = self._by_sid.pop(sid, None)
            if connection is not None and connection.role == Role.PARTICIPANT:
                self._participants[connection.session_id] -= 1
                if self._participants[connection.session_id] <= 0:
                    del self._participants[connection.session_id]
            return connection

    def get(self, sid: str) -> Connection | None:
        return self._by_sid.get(sid)

    def sids_of_user(self, user_id: int) -> list[str]:
        with self._lock:
            return [sid for sid, c in self._by_sid.items() if c.user_id == user_id]

    def sessions(self) -> list[int]:
        with self._lock:
            return list(self._participants)

    def participants(self, session_id: int) -> int:
        return self._participants.get(session_id, 0)
