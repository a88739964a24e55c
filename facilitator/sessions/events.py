"""Socket.IO events from a facilitator's console. Participants and displays are refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app
from flask_babel import gettext as _

from facilitator.errors import DomainError
from facilitator.extensions import db, socketio
from facilitator.live import broadcast
from facilitator.live.events import counts_payload, current_connection, expect_dict, session_payload
from facilitator.live.presence import Role
from facilitator.models import Concern, ListeningSession, User
from facilitator.services.concerns import (
    approve_concern,
    edit_concern,
    get_concern,
    hide_concern,
    merge_concerns,
    pin_concern,
    post_concern,
    set_redactions,
)
from facilitator.sessions.actions import apply_prompt, apply_transition


def _facilitator() -> tuple[ListeningSession, User]:
    """The caller's session and account, if the account is still signed in and active."""
    connection = current_connection(Role.FACILITATOR)
    user = db.session.get(User, connection.user_id)
    if user is None or not user.is_active or user.session_nonce != connection.user_nonce:
        raise DomainError("login_required", _("Please sign in again."))
    ls = db.session.get(ListeningSession, connection.session_id)
    assert ls is not None
    return ls, user


def _moderate(
    data: Any, action: Callable[[Any, Concern, dict[str, Any], User], Concern]
) -> dict[str, Any]:
    payload = expect_dict(data)
    ls, user = _facilitator()
    with db.writing() as s:
        concern = get_concern(s, ls, payload.get("concern_id"))
        was = concern.status
        action(s, concern, payload, user)
    broadcast.concern_changed(concern, was, counts_payload(ls))
    return {"ok": True, "concern": concern.to_dict()}


@socketio.on("approve")
def on_approve(data: Any = None) -> dict[str, Any]:
    return _moderate(data, lambda s, c, p, u: approve_concern(s, c, u))


@socketio.on("hide")
def on_hide(data: Any = None) -> dict[str, Any]:
    return _moderate(data, lambda s, c, p, u: hide_concern(s, c, p.get("reason"), u))


@socketio.on("pin")
def on_pin(data: Any = None) -> dict[str, Any]:
    return _moderate(data, lambda s, c, p, u: pin_concern(s, c, p.get("pinned"), u))


@socketio.on("edit")
def on_edit(data: Any = None) -> dict[str, Any]:
    max_chars = current_app.config["CONCERN_MAX_CHARS"]
    return _moderate(data, lambda s, c, p, u: edit_concern(s, c, p.get("text"), u, max_chars))


@socketio.on("set_redactions")
def on_set_redactions(data: Any = None) -> dict[str, Any]:
    """Which parts of a post stay hidden wherever it is shown (a facilitator's review)."""
    return _moderate(data, lambda s, c, p, u: set_redactions(s, c, p.get("spans"), u))


@socketio.on("merge")
def on_merge(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    ls, user = _facilitator()
    with db.writing() as s:
        merge = merge_concerns(s, ls, payload.get("target_id"), payload.get("concern_ids"), user)
    counts = counts_payload(ls)
    for source, was in merge.sources:
        broadcast.concern_changed(source, was, counts)
    broadcast.concern_changed(merge.target, merge.target_was, counts)
    return {
        "ok": True,
        "concern": merge.target.to_dict(),
        "merged_ids": [source.id for source, _was in merge.sources],
    }


@socketio.on("set_prompt")
def on_set_prompt(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    ls, user = _facilitator()
    apply_prompt(
        ls,
        user,
        prompt_id=payload.get("prompt_id"),
        text=payload.get("text"),
        text_es=payload.get("text_es"),
    )
    return {"ok": True, "session": session_payload(ls)}


@socketio.on("set_status")
def on_set_status(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    ls, user = _facilitator()
    apply_transition(ls, payload.get("action"), user)
    return {"ok": True, "session": session_payload(ls)}


@socketio.on("post_on_behalf")
def on_post_on_behalf(data: Any = None) -> dict[str, Any]:
    """A facilitator types in a concern for someone without a phone; marked as such."""
    payload = expect_dict(data)
    ls, user = _facilitator()
    with db.writing() as s:
        concern, created = post_concern(
            s,
            ls,
            client_key=payload.get("client_key"),
            text=payload.get("text"),
            prompt_id=payload.get("prompt_id"),
            on_behalf_of_room_by=user,
            max_chars=current_app.config["CONCERN_MAX_CHARS"],
        )
    if created:
        broadcast.concern_changed(concern, None, counts_payload(ls))
    return {"ok": True, "concern": concern.to_dict()}
