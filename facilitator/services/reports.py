"""The public report-back: what residents may see of an initiative, and their answers.

Only published action items appear, with their public fields and timeline; nothing here
reads a resident's post. Answers to "did this answer your concern?" are counted once per
device per item, under a hash keyed for that item alone.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facilitator.errors import DomainError, NotFound
from facilitator.models import (
    ActionItem,
    FeedbackAnswer,
    Initiative,
    ItemFeedback,
    ListeningSession,
    SessionStatus,
)
from facilitator.privacy import Device
from facilitator.services.action_items import items_of


def public_initiative(db: Session, initiative_id: object) -> Initiative:
    """An initiative whose report-back residents may open (it has a closed session or
    a published item); anything else is "not found", as if it did not exist."""
    initiative = (
        db.get(Initiative, initiative_id)
        if isinstance(initiative_id, int) and 1 <= initiative_id < 2**31
        else None
    )
    if initiative is None or not (
        reported_sessions(initiative) or items_of(db, initiative, public_only=True)
    ):
        raise NotFound("report_not_found", _("There is no report-back at this address."))
    return initiative


def reported_sessions(initiative: Initiative) -> list[ListeningSession]:
    """The initiative's sessions that have ended, whose report-backs are public."""
    return [ls for ls in initiative.sessions if ls.status == SessionStatus.CLOSED]


def public_item(db: Session, initiative: Initiative, item_id: object) -> ActionItem:
    item = db.get(ActionItem, item_id) if isinstance(item_id, int) and item_id < 2**31 else None
    if item is None or item.initiative_id != initiative.id or item.published_at is None:
        raise NotFound("item_not_found", _("There is no such published action item."))
    return item


def last_updated(db: Session, initiative: Initiative) -> datetime | None:
    """When anything residents can see last changed (an item or a session's end)."""
    times = [
        db.scalar(
            select(func.max(ActionItem.updated_at)).where(
                ActionItem.initiative_id == initiative.id, ActionItem.published_at.is_not(None)
            )
        ),
        *(ls.closed_at for ls in reported_sessions(initiative)),
    ]
    present = [t for t in times if t is not None]
    return max(present) if present else None


def answer_feedback(db: Session, item: ActionItem, device: Device, answer: object) -> bool:
    """Record this device's answer; False if it had already answered this item."""
    try:
        choice = FeedbackAnswer(answer)
    except ValueError:
        raise DomainError("bad_answer", _("Choose yes, partly or no.")) from None
    key = device.feedback_hash(item.id)
    if db.scalar(
        select(ItemFeedback.id).where(
            ItemFeedback.item_id == item.id, ItemFeedback.device_hash == key
        )
    ):
        return False
    try:
        with db.begin_nested():
            db.add(ItemFeedback(item_id=item.id, device_hash=key, answer=choice))
    except IntegrityError:  # the same phone, twice at once
        return False
    return True


def answered_ids(db: Session, items: list[ActionItem], device: Device | None) -> set[int]:
    """The items this device has answered, in one query."""
    if device is None or not items:
        return set()
    keys = [device.feedback_hash(item.id) for item in items]
    return set(db.scalars(select(ItemFeedback.item_id).where(ItemFeedback.device_hash.in_(keys))))


def feedback_tallies(db: Session, item: ActionItem) -> dict[str, int]:
    """Answers by kind, for the committee (every kind present, zero or not)."""
    counts = Counter(
        dict(
            db.execute(
                select(ItemFeedback.answer, func.count())
                .where(ItemFeedback.item_id == item.id)
                .group_by(ItemFeedback.answer)
            ).all()
        )
    )
    return {a.value: counts.get(a, 0) for a in FeedbackAnswer}
