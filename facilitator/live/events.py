"""Connect, disconnect and errors for every Socket.IO client, whatever its role.

Authentication happens here, at connect: ``login_required`` and ``before_request`` do
not run for socket events. A refused connection raises ``ConnectionRefusedError`` with
a code and message the client shows.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import disconnect, join_room

from facilitator.errors import DomainError
from facilitator.extensions import db, socketio
from facilitator.live import get_live
from facilitator.live.caller import refuse
from facilitator.live.packets import INVALID_PACKET_EVENT
from facilitator.live.payloads import snapshot
from facilitator.live.presence import Connection, Role, public_room, safety_room, staff_room
from facilitator.models import SessionStatus
from facilitator.privacy import Device
from facilitator.security import device_token_from_cookie
from facilitator.services.initiatives import check_can_moderate
from facilitator.services.sessions import find_session_by_code, get_session

log = logging.getLogger(__name__)


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
            check_can_moderate(s, current_user, ls)
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
    if role == Role.FACILITATOR and live.queue is not None and not live.queue.healthy:
        # Sent locally: through the unreachable queue it would not arrive. The snapshot
        # above did not either; it comes again once the queue is back (live/resync.py).
        live.queue.manager.local_emit("live_status", {"queue_ok": False}, room=request.sid)


@socketio.on("disconnect")
def on_disconnect(*_args: Any) -> None:
    get_live().presence.remove(request.sid)


@socketio.on_error_default
def on_error(error: Exception) -> dict[str, Any]:
    """Every handler's failure becomes an error ack; nothing half-done is kept.

    A failure while connecting refuses the connection: Flask-SocketIO would otherwise
    take the returned ack for a yes and accept a client that got no snapshot.
    """
    db.session.rollback()
    connecting = request.event["message"] == "connect"
    if connecting:
        get_live().presence.remove(request.sid)
    if isinstance(error, DomainError):
        if connecting:
            raise refuse(error.code, error.message) from error
        return {"ok": False, "error": error.to_dict()}
    # Never log the payload: it may hold a resident's words.
    log.exception("socket handler failed: %s", type(error).__name__)
    message = _("Something went wrong. Please try again.")
    if connecting:
        raise refuse("server_error", message) from error
    return {"ok": False, "error": {"code": "server_error", "message": message}}


@socketio.on(INVALID_PACKET_EVENT)
def on_invalid_packet(problem: str = "", can_answer: bool = True, *_args: Any) -> dict[str, Any]:
    """A malformed event (see :mod:`facilitator.live.packets`): answer it, never ignore it."""
    if not can_answer:  # no ack id to answer: the sender would wait forever, so hang up
        disconnect()
        return {}
    if problem == "reserved_event":
        raise DomainError("reserved_event", _("Clients may not send that event."))
    if problem == "not_json":
        raise DomainError("bad_payload", _("The message was not understood: it is not valid JSON."))
    raise DomainError(
        "bad_payload", _("The message was not understood: expected an event name and data.")
    )


@socketio.on("*")
def on_unknown_event(event: str, *_args: Any) -> dict[str, Any]:
    raise DomainError(
        "unknown_event", _("The server does not know the event %(event)s.", event=str(event)[:40])
    )
