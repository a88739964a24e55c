"""The public report-back: what residents may see of an initiative, and their answers.

Only published action items appear, with their public fields and timeline, and "What we
heard": a session's approved theme summary under the one folding rule
(``services.themes.fold_public``). Nothing here reads a resident's post. Answers to "did
this answer your concern?" are counted once per device per item, under a hash keyed for
that item alone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
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
from facilitator.services.theme_links import approved_runs
from facilitator.services.themes import fold_public
from facilitator.theme_models import Theme


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
    """When anything residents can see last changed: an item, a session's end, or the
    approval of a session's themes."""
    times = [
        db.scalar(
            select(func.max(ActionItem.updated_at)).where(
                ActionItem.initiative_id == initiative.id, ActionItem.published_at.is_not(None)
            )
        ),
        *(ls.closed_at for ls in reported_sessions(initiative)),
        *(run.approved_at for run in approved_runs(db, initiative).values()),
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


@dataclass(frozen=True)
class PublicTheme:
    """A theme as residents read it: label, summary and quote as approved (redacted
    text), the committee's Spanish versions, and the published items that answer it."""

    label: str
    summary: str
    quote: str
    size: int
    supporters: int
    label_es: str = ""
    summary_es: str = ""
    items: tuple[ActionItem, ...] = ()

    @property
    def support(self) -> int:
        return self.supporters - self.size


@dataclass(frozen=True)
class Heard:
    """ "What we heard" of one session: the themes shown, and what was folded."""

    session: ListeningSession
    approved_at: datetime | None
    themes: list[PublicTheme] = field(default_factory=list)
    other_size: int = 0
    other_supporters: int = 0


def heard(
    db: Session, initiative: Initiative, sessions: list[ListeningSession], items: list[ActionItem]
) -> dict[int, Heard]:
    """Each given session's public "What we heard", by session id (absent: not approved).

    Themes with fewer than five supporters are folded into "other concerns", flagged
    concerns never appear, and only published items are named as answers.
    """
    runs = approved_runs(db, initiative)
    wanted = {ls.id for ls in sessions} & set(runs)
    if not wanted:
        return {}
    rows = {
        (t.run_id, t.key): t
        for t in db.scalars(select(Theme).where(Theme.run_id.in_([runs[i].id for i in wanted])))
    }
    answering: dict[int, list[ActionItem]] = defaultdict(list)
    for item in items:
        if item.published_at is not None:
            for theme in item.themes:
                answering[theme.id].append(item)
    out = {}
    for ls in sessions:
        if ls.id not in wanted:
            continue
        run = runs[ls.id]
        public = fold_public(run.approved_summary or {})
        shown = []
        for data in public["themes"]:
            row = rows.get((run.id, data["id"]))
            shown.append(
                PublicTheme(
                    label=data.get("label", ""),
                    summary=data.get("summary", ""),
                    quote=data.get("quote", ""),
                    size=int(data.get("size", 0)),
                    supporters=int(data.get("supporters", 0)),
                    label_es=row.label_es if row else "",
                    summary_es=row.summary_es if row else "",
                    items=tuple(answering.get(row.id, ())) if row else (),
                )
            )
        out[ls.id] = Heard(
            session=ls,
            approved_at=run.approved_at,
            themes=shown,
            other_size=public["other"]["size"],
            other_supporters=public["other"]["supporters"],
        )
    return out
