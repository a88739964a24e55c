"""Socket.IO events a participant's phone sends. Every one is acknowledged."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_socketio import join_room

from facilitator.commands.participant import submit_post, submit_support, submit_withdraw
from facilitator.extensions import db, socketio
from facilitator.live.caller import current_connection, expect_dict, one_payload
from facilitator.live.presence import Connection, Role, author_room
from facilitator.models import ListeningSession
from facilitator.privacy import Device
from facilitator.services.concerns import my_concerns


def _participant() -> tuple[Connection, Device, ListeningSession]:
    connection = current_connection(Role.PARTICIPANT)
    assert connection.device is not None  # participants always connect with one
    ls = db.session.get(ListeningSession, connection.session_id)
    assert ls is not None  # sessions are never deleted while phones are connected
    return connection, connection.device, ls


@socketio.on("post")
@one_payload
def on_post(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    _, device, ls = _participant()
    concern, _created = submit_post(ls, device, payload)
    join_room(author_room(concern.id))
    return {
        "ok": True,
        "concern": {
            "id": concern.id,
            "client_key": concern.client_key,
            "status": concern.status.value,
        },
        # The post may be about harm: the phone shows where real help is, at once.
        "support_card": concern.safety_hold,
    }


@socketio.on("support")
@one_payload
def on_support(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    _, device, ls = _participant()
    concern = submit_support(ls, device, payload.get("concern_id"))
    return {"ok": True, "concern_id": concern.id, "support": concern.support_count}


@socketio.on("withdraw")
@one_payload
def on_withdraw(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    _, device, ls = _participant()
    concern = submit_withdraw(ls, device, payload.get("concern_id"))
    return {"ok": True, "concern_id": concern.id}


@socketio.on("mine")
@one_payload
def on_mine(data: Any = None) -> dict[str, Any]:
    """The states of this phone's own posts; also subscribes it to their changes."""
    payload = expect_dict(data if data is not None else {})
    _, device, ls = _participant()
    claimed = payload.get("concerns")
    concerns = my_concerns(db.session, ls, device, claimed if isinstance(claimed, list) else None)
    for concern in concerns:
        join_room(author_room(concern.id), sid=request.sid)
    return {"ok": True, "concerns": [c.to_author_dict() for c in concerns]}
