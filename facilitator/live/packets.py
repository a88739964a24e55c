"""Socket.IO packets that turn a malformed event into one the server can answer.

python-socketio parses a packet's JSON before it knows the event, so a malformed frame
would only produce a traceback in the server log and leave the sender waiting for an
acknowledgement that never comes. This packet class decodes such an event as
``invalid_packet`` instead, keeping its ack id (read before the JSON), so one handler
answers with a clear error, or closes the connection when there is no ack to answer.

Events named after the reserved ``connect`` and ``disconnect`` are malformed too: a
client sending ``42["connect",...]`` would otherwise run the connect handler again.

Only Socket.IO packets go through here. Engine.IO's own packets (``2probe``, ``3probe``
during the WebSocket upgrade, pings) keep the standard JSON module: treating them as
Socket.IO events is what once made every browser fail its upgrade probe.
"""

from __future__ import annotations

from typing import Any

from socketio.packet import BINARY_EVENT, EVENT, Packet

INVALID_PACKET_EVENT = "invalid_packet"
# Names the Socket.IO protocol reserves for the library itself; a client may not send them.
RESERVED_EVENTS = frozenset({"connect", "connect_error", "disconnect", "disconnecting"})


class CheckedPacket(Packet):
    """A packet whose event frames are always a well-formed ``[name, *args]`` list."""

    def decode(self, encoded_packet: Any) -> int:
        try:
            attachments = super().decode(encoded_packet)
        except (ValueError, RecursionError):  # bad JSON, or nested beyond Python's limit
            if self.packet_type not in (EVENT, BINARY_EVENT):
                raise
            self.data = self.invalid("not_json")
            return 0
        if self.packet_type in (EVENT, BINARY_EVENT):
            problem = _problem(self.data)
            if problem:
                self.data = self.invalid(problem)
        return attachments

    def invalid(self, problem: str) -> list[Any]:
        """The event the handler sees: what was wrong, and whether an ack can answer it."""
        return [INVALID_PACKET_EVENT, problem, self.id is not None]


def _problem(data: Any) -> str | None:
    if not isinstance(data, list):
        return "not_a_list"
    if not data:
        return "no_event"
    if not isinstance(data[0], str):
        return "event_not_a_string"
    if data[0] in RESERVED_EVENTS or data[0] == INVALID_PACKET_EVENT:
        return "reserved_event"
    return None
