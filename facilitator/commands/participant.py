"""What a participant's phone does, from a socket event or a no-JavaScript form."""

from __future__ import annotations

from typing import Any

from facilitator.commands.reading import read_text
from facilitator.extensions import db
from facilitator.live import broadcast
from facilitator.models import Concern, ConcernStatus, ListeningSession
from facilitator.privacy import Device
from facilitator.ratelimit import hit_device_limit
from facilitator.services.concerns import (
    check_open,
    post_concern,
    stored_post,
    support_concern,
    withdraw_concern,
)


def submit_post(ls: ListeningSession, device: Device, data: dict[str, Any]) -> tuple[Concern, bool]:
    """Store a post (once per client key) and announce it if it is new.

    In order, so that the write lock is held only for the write: a resend gets its
    stored concern back; a closed or paused session refuses; the text is read; the
    device's rate limit counts the new post; then one short transaction stores it.
    """
    stored = stored_post(db.session, ls, data.get("client_key"), device)
    if stored is not None:
        return stored, False
    check_open(ls)
    text = read_text(data)
    hit_device_limit("post", device.rate_limit_key(ls))
    with db.writing() as s:
        s.add(ls)
        concern, created = post_concern(
            s,
            ls,
            client_key=data.get("client_key"),
            text=text,
            prompt_id=data.get("prompt_id"),
            device=device,
        )
    if created:
        broadcast.concern_changed(concern, None)
    return concern, created


def submit_support(ls: ListeningSession, device: Device, concern_id: object) -> Concern:
    """Count this device's "me too" (once per device; merges counted)."""
    hit_device_limit("support", device.rate_limit_key(ls))
    with db.writing() as s:
        s.add(ls)
        concern = support_concern(s, ls, concern_id, device)
    broadcast.support_changed(concern)
    return concern


def submit_withdraw(ls: ListeningSession, device: Device, concern_id: object) -> Concern:
    """Withdraw one of this device's own posts."""
    with db.writing() as s:
        s.add(ls)
        result = withdraw_concern(s, ls, concern_id, device)
    if result.was != ConcernStatus.WITHDRAWN:
        changes = [(result.concern, result.was)]
        if result.head is not None:
            changes.append((result.head, result.head_was))
        broadcast.concerns_changed(changes)
    return result.concern
