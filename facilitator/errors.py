"""Domain errors: raised by services, turned into HTTP responses or socket acks at the edge."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A request that breaks a rule. ``code`` is for programs, ``message`` for people.

    The message is already translated (services call ``gettext`` lazily through the
    ``message`` argument) and says what was wrong and what to do.
    """

    http_status = 400

    def __init__(self, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = str(message)
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.details}


class NotFound(DomainError):
    http_status = 404


class Conflict(DomainError):
    http_status = 409


class Forbidden(DomainError):
    http_status = 403


class RateLimited(DomainError):
    http_status = 429
