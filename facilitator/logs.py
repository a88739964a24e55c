"""Logging that never records where a request came from.

Servers and libraries put client addresses in log lines (eventlet's error lines say
``client=...``). A filter on every handler removes anything shaped like an IP address
before a line is written, so no log file can place a participant in the room.
"""

from __future__ import annotations

import logging
import re

_IPV4 = r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])"
_IPV6 = r"(?<![\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?![\w:])"
_ADDRESS = re.compile(rf"{_IPV4}|{_IPV6}")


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


def configure_logging(level: int = logging.INFO) -> None:
    """Log to stderr through the address filter (call once, at server start-up)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
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
