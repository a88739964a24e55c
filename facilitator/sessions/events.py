"""Socket.IO events from a facilitator's console. Participants and displays are refused."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from facilitator.commands import moderation
from facilitator.commands import sessions as session_commands
from facilitator.errors import DomainError
from facilitator.extensions import db, socketio
from facilitator.live.caller import current_connection, expect_dict, one_payload
from facilitator.live.payloads import session_payload
from facilitator.live.presence import Role
from facilitator.models import ListeningSession, User
from facilitator.services.initiatives import check_can_moderate


def _facilitator() -> tuple[ListeningSession, User]:
    """The caller's session and account, if the account is still signed in and active."""
    connection = current_connection(Role.FACILITATOR)
    user = db.session.get(User, connection.user_id)
    if user is None or not user.is_active or user.session_nonce != connection.user_nonce:
        raise DomainError("login_required", _("Please sign in again."))
    ls = db.session.get(ListeningSession, connection.session_id)
    assert ls is not None
    # Roles and memberships can change while a console is open: check on every action.
    check_can_moderate(db.session, user, ls)
    return ls, user


def _moderate(data: Any, step: moderation.Step) -> dict[str, Any]:
    payload = expect_dict(data)
    ls, user = _facilitator()
    concern = moderation.moderate(ls, user, payload, step)
    return {"ok": True, "concern": concern.to_dict()}


@socketio.on("approve")
@one_payload
def on_approve(data: Any = None) -> dict[str, Any]:
    return _moderate(data, moderation.approve)


@socketio.on("hide")
@one_payload
def on_hide(data: Any = None) -> dict[str, Any]:
    return _moderate(data, moderation.hide)


@socketio.on("restore")
def on_restore(data: Any = None) -> dict[str, Any]:
    """A hidden (or privately resolved) post goes back to the queue for review."""
    return _moderate(data, moderation.restore)


@socketio.on("resolve")
def on_resolve(data: Any = None) -> dict[str, Any]:
    """The safety moderator's private outcome for a post held for safety."""
    return _moderate(data, moderation.resolve)


@socketio.on("pin")
@one_payload
def on_pin(data: Any = None) -> dict[str, Any]:
    return _moderate(data, moderation.pin)


@socketio.on("edit")
@one_payload
def on_edit(data: Any = None) -> dict[str, Any]:
    return _moderate(data, moderation.edit)


@socketio.on("set_redactions")
@one_payload
def on_set_redactions(data: Any = None) -> dict[str, Any]:
    """Which parts of a post stay hidden wherever it is shown (a facilitator's review)."""
    return _moderate(data, moderation.set_redactions)


@socketio.on("merge")
@one_payload
def on_merge(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    ls, user = _facilitator()
    merge = moderation.merge(ls, user, payload.get("target_id"), payload.get("concern_ids"))
    return {
        "ok": True,
        "concern": merge.target.to_dict(),
        "merged_ids": [source.id for source, _was in merge.sources],
    }


@socketio.on("set_prompt")
@one_payload
def on_set_prompt(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    ls, user = _facilitator()
    session_commands.set_prompt(
        ls,
        user,
        prompt_id=payload.get("prompt_id"),
        text=payload.get("text"),
        text_es=payload.get("text_es"),
    )
    return {"ok": True, "session": session_payload(ls)}


@socketio.on("set_status")
@one_payload
def on_set_status(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    ls, user = _facilitator()
    session_commands.transition(ls, payload.get("action"), user)
    return {"ok": True, "session": session_payload(ls)}


@socketio.on("post_on_behalf")
@one_payload
def on_post_on_behalf(data: Any = None) -> dict[str, Any]:
    """A facilitator types in a concern for someone without a phone; marked as such."""
    payload = expect_dict(data)
    ls, user = _facilitator()
    concern, _created = moderation.post_on_behalf(ls, user, payload)
    return {"ok": True, "concern": concern.to_dict()}
