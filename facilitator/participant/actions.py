"""What a participant can do, shared by the socket handlers and the no-JavaScript forms.

Each function runs one write transaction, then broadcasts, so both paths keep the same
rules and nobody is told about anything that was not committed.
"""

from __future__ import annotations

from typing import Any

from flask import current_app

from facilitator.extensions import db
from facilitator.live import broadcast
from facilitator.live.events import counts_payload
from facilitator.models import Concern, ConcernStatus, ListeningSession
from facilitator.ratelimit import hit_device_limit
from facilitator.services.concerns import (
    Device,
    post_concern,
    support_concern,
    withdraw_concern,
)


def submit_post(ls: ListeningSession, device: Device, data: dict[str, Any]) -> tuple[Concern, bool]:
    """Store a post (once per client key) and announce it if it is new."""
    with db.writing() as s:
        s.add(ls)
        concern, created = post_concern(
            s,
            ls,
            client_key=data.get("client_key"),
            text=data.get("text"),
            prompt_id=data.get("prompt_id"),
            device=device,
            admit=lambda: hit_device_limit("post", device.supporter_hash(ls)),
            max_chars=current_app.config["CONCERN_MAX_CHARS"],
        )
    if created:
        broadcast.concern_changed(concern, None, counts_payload(ls))
    return concern, created


def submit_support(ls: ListeningSession, device: Device, concern_id: object) -> Concern:
    hit_device_limit("support", device.supporter_hash(ls))
    with db.writing() as s:
        s.add(ls)
        concern = support_concern(s, ls, concern_id, device)
    broadcast.support_changed(concern)
    return concern


def submit_withdraw(ls: ListeningSession, device: Device, concern_id: object) -> Concern:
    with db.writing() as s:
        s.add(ls)
        result = withdraw_concern(s, ls, concern_id, device)
    if result.was != ConcernStatus.WITHDRAWN:
        counts = counts_payload(ls)
        broadcast.concern_changed(result.concern, result.was, counts)
        if result.head is not None:
            broadcast.concern_changed(result.head, result.head_was, counts)
    return result.concern
