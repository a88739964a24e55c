"""Logging that never records where a request came from.

Servers and libraries put client addresses in log lines (eventlet's error lines say
``client=...``). A filter on every handler removes anything shaped like an IP address
before a line is written, so no log file can place a participant in the room.
"""

from __future__ import annotations

import logging
import re
from typing import Any, TextIO

_IPV4 = r"(?:\d{1,3}\.){3}\d{1,3}"
# IPv6, including the IPv4-mapped form ("::ffff:192.168.1.23") a dual-stack socket
# reports. A clock time in a message ("10:15:30") looks the same and goes too: better a
# time too many removed than one address kept.
_IPV6 = r"(?:[0-9a-fA-F]{0,4}:){2,7}(?:" + _IPV4 + r"|[0-9a-fA-F]{0,4})"
# An IPv4 address may carry its port ("client=10.0.0.7:51234", eventlet's WebSocket
# errors); the port goes too. A bracketed IPv6 address with a port loses its address.
_ADDRESS = re.compile(rf"(?<![\w.:])(?:{_IPV6}|{_IPV4}(?::\d{{1,5}})?)(?![\w.:])")


def scrub_addresses(text: str) -> str:
    return _ADDRESS.sub("[address removed]", text)


class NoAddressFilter(logging.Filter):
    """Rewrites each record's message with IP addresses removed."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = scrub_addresses(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


class NoAddressStream:
    """A text stream (``sys.stderr``, ``sys.stdout``) that removes IP addresses from writes.

    Not everything goes through ``logging``: eventlet's WebSocket code writes
    ``server=... client=10.0.0.7:51234 socket shutdown error`` to ``wsgi.errors``, which
    is ``sys.stderr``, and tracebacks of failed greenlets are printed there directly.
    Each write is scrubbed whole; writers format a line before writing it.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(scrub_addresses(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def configure_logging(level: int = logging.INFO) -> None:
    """Log to stderr through the address filter (call once, at server start-up)."""
    handler = logging.StreamHandler()
    # ISO 8601 with a "T" ("2026-12-02T18:55:01"): a bare clock time is shaped like an
    # IPv6 address, and the scrubbed stream would remove every line's time.
    handler.setFormatter(
        logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%Y-%m-%dT%H:%M:%S"
        )
    )
    handler.addFilter(NoAddressFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


class ServerLog:
    """The ``log`` object eventlet's WSGI server writes to, routed through ``logging``.

    Its debug lines ("accepted ('10.0.0.7', 51234)") are dropped outright.
    """

    def __init__(self, name: str = "access") -> None:
        self._log = logging.getLogger(name)

    def info(self, msg: str, *args: object, **_kwargs: object) -> None:
        self._log.info(msg.rstrip("\n"), *args)

    def error(self, msg: str, *args: object, **_kwargs: object) -> None:
        self._log.error(msg.rstrip("\n"), *args)

    def debug(self, msg: str, *args: object, **_kwargs: object) -> None:
        pass

    def write(self, msg: str, *args: object) -> None:
        self.info(msg, *args)


class Outage:
    """One warning when a shared service starts failing, one when it works again.

    A process asks Redis for shared state every second; while Redis is down, one line
    per second would bury everything else in the log.
    """

    def __init__(self, logger: logging.Logger, what: str) -> None:
        self._log = logger
        self._what = what
        self.failing = False

    def failed(self, exc: BaseException) -> None:
        if not self.failing:
            self._log.warning("%s not shared with other processes: %s", self._what, exc)
        self.failing = True

    def worked(self) -> None:
        if self.failing:
            self._log.warning("%s shared with other processes again", self._what)
        self.failing = False
