"""What a facilitator does to the room's concerns, from the console."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app

from facilitator.commands.reading import read_text
from facilitator.extensions import db
from facilitator.live import broadcast
from facilitator.models import Concern, ListeningSession, User
from facilitator.services import concerns as service
from facilitator.services.concerns import Merge

# A moderation step: (database session, the concern, the event's payload, who) -> concern.
Step = Callable[[Any, Concern, dict[str, Any], User], Concern]


def moderate(ls: ListeningSession, user: User, payload: dict[str, Any], step: Step) -> Concern:
    """Apply one moderation step to the concern ``payload["concern_id"]`` and announce it."""
    with db.writing() as s:
        concern = service.get_concern(s, ls, payload.get("concern_id"))
        was = concern.status
        step(s, concern, payload, user)
    broadcast.concern_changed(concern, was)
    return concern


def approve(s: Any, concern: Concern, payload: dict[str, Any], user: User) -> Concern:
    return service.approve_concern(s, concern, user)


def hide(s: Any, concern: Concern, payload: dict[str, Any], user: User) -> Concern:
    return service.hide_concern(s, concern, payload.get("reason"), user)


def restore(s: Any, concern: Concern, payload: dict[str, Any], user: User) -> Concern:
    return service.restore_concern(s, concern, user)


def resolve(s: Any, concern: Concern, payload: dict[str, Any], user: User) -> Concern:
    return service.resolve_concern(s, concern, payload.get("outcome"), user)


def pin(s: Any, concern: Concern, payload: dict[str, Any], user: User) -> Concern:
    return service.pin_concern(s, concern, payload.get("pinned"), user)


def edit(s: Any, concern: Concern, payload: dict[str, Any], user: User) -> Concern:
    max_chars = current_app.config["CONCERN_MAX_CHARS"]
    return service.edit_concern(s, concern, payload.get("text"), user, max_chars)


def set_redactions(s: Any, concern: Concern, payload: dict[str, Any], user: User) -> Concern:
    return service.set_redactions(s, concern, payload.get("spans"), user)


def merge(ls: ListeningSession, user: User, target_id: object, concern_ids: object) -> Merge:
    """Merge concerns into one; every changed concern is announced, the counts once."""
    with db.writing() as s:
        result = service.merge_concerns(s, ls, target_id, concern_ids, user)
    broadcast.concerns_changed([*result.sources, (result.target, result.target_was)])
    return result


def post_on_behalf(ls: ListeningSession, user: User, data: dict[str, Any]) -> tuple[Concern, bool]:
    """A concern a facilitator types in for someone without a phone (marked as such).

    As a phone's post: a resend gets the stored concern back; a closed session refuses
    before the text is read; the write lock is held only for the write.
    """
    stored = service.stored_post(db.session, ls, data.get("client_key"), None)
    if stored is not None:
        return stored, False
    service.check_open_to_staff(ls)
    text = read_text(data)
    with db.writing() as s:
        concern, created = service.post_concern(
            s,
            ls,
            client_key=data.get("client_key"),
            text=text,
            prompt_id=data.get("prompt_id"),
            on_behalf_of_room_by=user,
        )
    if created:
        broadcast.concern_changed(concern, None)
    return concern, created
