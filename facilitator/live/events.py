"""Connect, disconnect and errors for every Socket.IO client, whatever its role.

Authentication happens here, at connect: ``login_required`` and ``before_request`` do
not run for socket events. A refused connection raises ``ConnectionRefusedError`` with
a code and message the client shows.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room

from facilitator.errors import DomainError
from facilitator.extensions import db, socketio
from facilitator.live import get_live
from facilitator.live.presence import Connection, Role, public_room, safety_room, staff_room
from facilitator.live.tolerant_json import INVALID_JSON_EVENT
from facilitator.models import ListeningSession, SessionStatus
from facilitator.security import device_token_from_cookie
from facilitator.services.concerns import (
    Device,
    all_concerns,
    concern_counts,
    moderation_summary,
    shown_concerns,
)
from facilitator.services.sessions import find_session_by_code, get_session

log = logging.getLogger(__name__)


def refuse(code: str, message: str) -> ConnectionRefusedError:
    # The client's connect_error has .message, and .data = {"code", "message"}.
    return ConnectionRefusedError(message, {"code": code, "message": message})


@socketio.on("connect")
def on_connect(auth: Any = None) -> None:
    if not isinstance(auth, dict) or auth.get("role") not in {r.value for r in Role}:
        raise refuse("bad_auth", _("Connect as a participant, display or facilitator."))
    role = Role(auth["role"])
    s = db.session
    try:
        if role == Role.FACILITATOR:
            if not current_user.is_authenticated:
                raise refuse("login_required", _("Please sign in again."))
            ls = get_session(s, auth.get("session_id"))
            connection = Connection(
                role, ls.id, user_id=current_user.id, user_nonce=current_user.session_nonce
            )
        else:
            ls = find_session_by_code(s, auth.get("code"))
            device = None
            if role == Role.PARTICIPANT:
                if ls.status == SessionStatus.CLOSED:
                    raise refuse("session_closed", _("This session has ended."))
                token = device_token_from_cookie()
                if token is None:
                    raise refuse("no_device", _("Please reload the page to join."))
                device = Device(token, current_app.config["SECRET_KEY"])
            connection = Connection(role, ls.id, device=device)
    except DomainError as exc:
        raise refuse(exc.code, exc.message) from exc

    live = get_live()
    live.presence.add(request.sid, connection)
    live.ensure_ticker()
    join_room(staff_room(ls.id) if role == Role.FACILITATOR else public_room(ls.id))
    safety = role == Role.FACILITATOR and current_user.is_safety_moderator
    if safety:
        join_room(safety_room(ls.id))
    socketio.emit("snapshot", snapshot(ls, role, safety=safety), to=request.sid)


def snapshot(ls: ListeningSession, role: Role, *, safety: bool = False) -> dict[str, Any]:
    """The whole state a screen needs; clients replace theirs with it on every (re)connect.

    ``safety``: the facilitator is a safety moderator and sees posts held for safety.
    """
    s = db.session
    data: dict[str, Any] = {"session": session_payload(ls)}
    if role == Role.FACILITATOR:
        data["concerns"] = [
            c.to_dict() for c in all_concerns(s, ls) if safety or not c.held_for_safety
        ]
        data["counts"] = counts_payload(ls)
    else:
        data["concerns"] = [c.to_public_dict() for c in shown_concerns(s, ls)]
        data["moderation"] = moderation_summary(s, ls)
    return data


def session_payload(ls: ListeningSession) -> dict[str, Any]:
    data = ls.to_dict()
    data["join_url"] = join_url(ls.code)
    data["display_url"] = url_for("display.show", code=ls.code, _external=False)
    return data


def join_url(code: str) -> str:
    """The URL phones open, on the configured public origin when there is one."""
    public = current_app.config.get("PUBLIC_URL")
    path = url_for("participant.session", code=code)
    return (
        public.rstrip("/") + path
        if public
        else url_for("participant.session", code=code, _external=True)
    )


def counts_payload(ls: ListeningSession) -> dict[str, Any]:
    counts = concern_counts(db.session, ls)
    counts["connected"] = get_live().presence.total(ls.id)
    return counts


@socketio.on("disconnect")
def on_disconnect(*_args: Any) -> None:
    get_live().presence.remove(request.sid)


@socketio.on_error_default
def on_error(error: Exception) -> dict[str, Any]:
    """Every handler's failure becomes an error ack; nothing half-done is kept."""
    db.session.rollback()
    if isinstance(error, DomainError):
        return {"ok": False, "error": error.to_dict()}
    # Never log the payload: it may hold a resident's words.
    log.exception("socket handler failed: %s", type(error).__name__)
    return {
        "ok": False,
        "error": {"code": "server_error", "message": _("Something went wrong. Please try again.")},
    }


@socketio.on(INVALID_JSON_EVENT)
def on_invalid_json(*_args: Any) -> dict[str, Any]:
    raise DomainError("bad_payload", _("The message was not understood: it is not valid JSON."))


@socketio.on("*")
def on_unknown_event(event: str, *_args: Any) -> dict[str, Any]:
    raise DomainError(
        "unknown_event", _("The server does not know the event %(event)s.", event=str(event)[:40])
    )


def current_connection(*roles: Role) -> Connection:
    """The caller's connection, refusing callers of any other role."""
    connection = get_live().presence.get(request.sid)
    if connection is None or (roles and connection.role not in roles):
        raise DomainError("not_allowed", _("You are not allowed to do that."))
    return connection


def expect_dict(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise DomainError(
            "bad_payload", _("The message was not understood: expected a JSON object.")
        )
    return data
