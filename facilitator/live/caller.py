"""Who is calling a socket handler, and what they sent: the checks every handler starts with."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import request
from flask_babel import gettext as _
from flask_socketio import ConnectionRefusedError

from facilitator.errors import DomainError
from facilitator.extensions import db
from facilitator.live import get_live
from facilitator.live.presence import Connection, Role
from facilitator.models import ListeningSession, User
from facilitator.services.initiatives import check_can_moderate


def refuse(code: str, message: str) -> ConnectionRefusedError:
    """A refused connection; the client's ``connect_error`` has ``.data = {code, message}``."""
    return ConnectionRefusedError(message, {"code": code, "message": message})


def current_connection(*roles: Role) -> Connection:
    """The caller's connection, refusing callers of any other role."""
    connection = get_live().presence.get(request.sid)
    if connection is None or (roles and connection.role not in roles):
        raise DomainError("not_allowed", _("You are not allowed to do that."))
    return connection


def expect_dict(data: Any) -> dict[str, Any]:
    """The event's payload, if it is a JSON object."""
    if not isinstance(data, dict):
        raise DomainError(
            "bad_payload", _("The message was not understood: expected a JSON object.")
        )
    return data


def one_payload(handler: Callable[[Any], dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """Wrap an event handler so that extra arguments get ``bad_payload``, not a TypeError.

    Every event carries at most one payload object (and the ack); a client that sends
    ``emit("post", {...}, "more")`` is told so.
    """

    @functools.wraps(handler)
    def handle(*args: Any) -> dict[str, Any]:
        if len(args) > 1:
            raise DomainError(
                "bad_payload", _("The message was not understood: send one JSON object.")
            )
        return handler(*args)

    return handle


def facilitator_caller() -> tuple[ListeningSession, User]:
    """The calling facilitator's session and account, checked on every action.

    Participants and displays get ``not_allowed``; a signed-out account ``login_required``.
    (The same checks as the console's handlers in ``facilitator.sessions.events``.)
    """
    connection = current_connection(Role.FACILITATOR)
    user = db.session.get(User, connection.user_id)
    if user is None or not user.is_active or user.session_nonce != connection.user_nonce:
        raise DomainError("login_required", _("Please sign in again."))
    ls = db.session.get(ListeningSession, connection.session_id)
    if ls is None:
        raise DomainError("not_allowed", _("You are not allowed to do that."))
    check_can_moderate(db.session, user, ls)
    return ls, user
