"""Concerns: post, "me too", withdraw, and the facilitator's moderation actions."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, selectinload

from facilitator.errors import Conflict, DomainError, Forbidden, NotFound
from facilitator.models import (
    PUBLIC_HIDE_REASONS,
    SAFETY_OUTCOMES,
    Concern,
    ConcernStatus,
    HideReason,
    ListeningSession,
    ModerationAction,
    ModerationMode,
    SessionStatus,
    Support,
    User,
    utcnow,
)
from facilitator.privacy import CLIENT_KEY_RE, Device, is_valid_token
from facilitator.services.ids import check_id, is_id
from facilitator.services.language import detect_language
from facilitator.services.text import clean_text
from safety import assess, find_spans


def get_concern(db: Session, ls: ListeningSession, concern_id: object) -> Concern:
    # Its merged concerns now, in this transaction: every change is broadcast with them
    # (``Concern.to_dict``), and loading them after the commit costs a transaction more.
    concern = db.get(Concern, check_id(concern_id), options=[selectinload(Concern.merged)])
    if concern is None or concern.session_id != ls.id:
        raise NotFound("concern_not_found", _("That concern does not exist in this session."))
    return concern


def check_open(ls: ListeningSession) -> None:
    """Raise ``Conflict`` unless the session takes posts from phones now."""
    if ls.status == SessionStatus.CLOSED:
        raise Conflict("session_closed", _("This session has ended and no longer takes posts."))
    if ls.status == SessionStatus.PAUSED:
        raise Conflict(
            "session_paused",
            _("The facilitator has paused new posts for a moment. Yours is kept and will be sent."),
        )
    if ls.status == SessionStatus.DRAFT:
        raise Conflict("session_not_open", _("This session has not started yet."))


def check_open_to_staff(ls: ListeningSession) -> None:
    """A pause stops phones, not staff: a facilitator may enter a concern while paused."""
    if ls.status == SessionStatus.CLOSED:
        raise Conflict(
            "session_closed",
            _(
                "This session is closed, so the concern was not added. Your text is still "
                "in the box: reopen the session to add it."
            ),
        )
    if ls.status == SessionStatus.DRAFT:
        raise Conflict(
            "session_not_open",
            _(
                "This session has not been opened yet, so the concern was not added. Your "
                "text is still in the box: open the session to add it."
            ),
        )


@dataclass(frozen=True)
class PostText:
    """A post's words, read: cleaned, their language, what to redact, what needs care.

    Reading is the CPU-heavy part of a post (the safety check runs a sentence model), so
    the live path reads before it takes the write lock, and off the event loop
    (:func:`read_post`); nothing in it depends on the database.
    """

    text: str
    language: str
    redactions: list[dict[str, Any]]
    safety_kinds: list[str]


def read_post(
    text: object,
    max_chars: int = 1000,
    ui_language: str | None = None,
    languages: tuple[str, ...] = ("en", "es"),
) -> PostText:
    """Clean and read a post's text; ``DomainError`` if it is empty or too long."""
    cleaned = clean_text(text, max_chars)
    return PostText(
        text=cleaned,
        language=detect_language(cleaned, languages, fallback=ui_language),
        redactions=[
            {"start": sp.start, "end": sp.end, "kind": sp.kind} for sp in find_spans(cleaned)
        ],
        safety_kinds=list(assess(cleaned).kinds),
    )


def check_client_key(client_key: object) -> str:
    if not isinstance(client_key, str) or not CLIENT_KEY_RE.match(client_key):
        raise DomainError("bad_payload", _("The post is missing its key. Please reload the page."))
    return client_key


def stored_post(
    db: Session, ls: ListeningSession, client_key: object, device: Device | None
) -> Concern | None:
    """The concern already stored under this client key, if any.

    The cheap first step of a post, before any reading or locking: a resend (the phone,
    or the console for a post on someone's behalf, ``device=None``, did not hear the
    ack) gets the stored concern back, whatever the session's state now.
    """
    key = check_client_key(client_key)
    if device is not None and not is_valid_token(device.token):
        raise Forbidden("not_allowed", _("Your device key is missing. Please reload the page."))
    existing = _find_by_key(db, ls, key)
    return None if existing is None else _same_author(ls, existing, device)


def post_concern(
    db: Session,
    ls: ListeningSession,
    *,
    client_key: object,
    text: PostText,
    prompt_id: object = None,
    device: Device | None = None,
    on_behalf_of_room_by: User | None = None,
) -> tuple[Concern, bool]:
    """Store a concern once per (session, client key); return it and whether it is new.

    A phone resends a post until it is acknowledged, so the same client key must return
    the stored concern rather than fail or store a second copy, even once the session
    has since been paused or closed. ``text`` comes already read (:func:`read_post`:
    cleaned, its language, redactions and safety kinds), so that the reading happens
    outside the transaction.
    """
    client_key = check_client_key(client_key)
    if device is None and on_behalf_of_room_by is None:
        raise Forbidden("not_allowed", _("Posting needs a participant device."))
    if device is not None and not is_valid_token(device.token):
        raise Forbidden("not_allowed", _("Your device key is missing. Please reload the page."))

    existing = _find_by_key(db, ls, client_key)
    if existing is not None:
        return _same_author(ls, existing, device), False

    if on_behalf_of_room_by is not None:
        check_open_to_staff(ls)
    else:
        check_open(ls)
    read = text
    prompt = ls.current_prompt
    if prompt_id is not None:
        check_id(prompt_id, "prompt")
        prompt = next((p for p in ls.prompts if p.id == prompt_id), None)
        if prompt is None:
            raise NotFound("prompt_not_found", _("That prompt is not part of this session."))

    on_behalf = on_behalf_of_room_by is not None
    safety_kinds = read.safety_kinds
    # A post that may need care is held whatever the mode, even one typed in by staff.
    # Otherwise staff's own entry needs no second approval (the console says so).
    shown = not safety_kinds and (
        on_behalf or ls.moderation_mode == ModerationMode.SHOW_IMMEDIATELY
    )
    concern = Concern(
        session_id=ls.id,
        prompt_id=prompt.id if prompt else None,
        client_key=client_key,
        author_hash=None if on_behalf else device.author_hash(ls, client_key),  # type: ignore[union-attr]
        text=read.text,
        language=read.language,
        redactions=list(read.redactions),
        safety_kinds=list(safety_kinds),
        status=ConcernStatus.SHOWN if shown else ConcernStatus.HELD,
        on_behalf=on_behalf,
        entered_by_id=on_behalf_of_room_by.id if on_behalf_of_room_by else None,
        support_count=0,
        merged=[],  # known: nothing is merged into a new post (saves a load per broadcast)
    )
    try:
        with db.begin_nested():
            db.add(concern)
    except IntegrityError:
        # The same post arrived twice at once (two server processes): keep the first.
        existing = _find_by_key(db, ls, client_key)
        if existing is None:
            raise
        return _same_author(ls, existing, device), False
    if on_behalf:
        _audit(db, concern, on_behalf_of_room_by, "post_on_behalf")
    return concern, True


def _find_by_key(db: Session, ls: ListeningSession, client_key: str) -> Concern | None:
    return db.scalar(
        select(Concern).where(Concern.session_id == ls.id, Concern.client_key == client_key)
    )


def _same_author(ls: ListeningSession, concern: Concern, device: Device | None) -> Concern:
    if device is not None and not device.wrote(ls, concern):
        # The key is stored, but not as this device's: the phone's cookie changed while
        # the post waited (cleared, or a quick exit in another tab). The post is safe.
        raise Conflict("key_taken", _("This post was already received. It will not be sent again."))
    return concern


def lock_groups(db: Session, ls: ListeningSession) -> None:
    """Serialise changes to this session's groups until the transaction ends.

    A merge and a withdrawal each change which concerns form a group, then recount it;
    two at once could each work from a stale picture. PostgreSQL locks the session's row
    (other sessions go on); SQLite needs nothing, its writes are serialised already.
    A "me too" does not take this lock (see ``support_concern``): the groups' changes
    take ``lock_concerns`` as well, and a "me too" waits only for the row of its group.
    """
    db.execute(select(ListeningSession.id).where(ListeningSession.id == ls.id).with_for_update())


def lock_concerns(db: Session, ids: list[int]) -> None:
    """Lock these concerns' rows until the transaction ends, in id order (no deadlock).

    Taken, after ``lock_groups``, by whatever moves "me too"s or recounts a group, before
    it reads them: a "me too" in flight on one of these rows finishes first, and one
    that comes later sees the new group (see ``support_concern``).
    """
    db.execute(
        select(Concern.id)
        .where(Concern.id.in_(sorted(set(ids))))
        .order_by(Concern.id)
        .with_for_update()
    )


def primary_of(db: Session, concern: Concern) -> Concern:
    """The concern a merged one now counts towards (itself if not merged).

    Merging always points every member straight at the target, so one hop is enough.
    """
    if concern.merged_into_id is None:
        return concern
    return db.get(Concern, concern.merged_into_id) or concern


def _group_ids(concern: Concern) -> list[int]:
    return [concern.id, *(c.id for c in concern.merged)]


@dataclass(frozen=True)
class Tally:
    """A shown concern's "me too" count just after one was added: what the screens are told."""

    id: int
    session_id: int
    support_count: int


def support_concern(db: Session, ls: ListeningSession, concern_id: object, device: Device) -> Tally:
    """Record one "me too" from this device; return the count of the concern that takes it.

    The busiest write of a session (a room taps far more than it posts), so it is written
    in SQL statements on the rows' columns rather than through loaded objects, and it
    locks only its group's head row, for as few statements as it can: on PostgreSQL
    each statement waits for the event loop to come round, and a lock held across those
    waits queued every tap of the room behind the slowest one (measured: 25 of 30 pool
    connections waiting on the session's row at 1,000 phones).

    The increment comes first, in one statement that finds the group's head and takes
    its row lock. PostgreSQL re-checks the conditions on the newest row, so a head that
    was merged away, hidden or withdrawn meanwhile takes nothing, and the tap starts
    again from the group's new head (or is told why it cannot count). Merges
    and withdrawals lock the rows they change (``lock_concerns``), so once the lock is
    ours the group cannot change, and the checks that follow read it as it now is.
    """
    if not is_valid_token(device.token):
        raise Forbidden("not_allowed", _("Your device key is missing. Please reload the page."))
    if ls.status == SessionStatus.CLOSED:
        raise Conflict("session_closed", _("This session has ended."))
    wanted = check_id(concern_id)
    for _attempt in range(3):
        counted = _add_tap(db, ls, wanted)
        if counted is not None:
            head, count = counted
            break
        _group_head(db, ls, wanted)  # raises the reason; if there is none, it changed: again
    else:  # changed under us three times running: say so rather than loop on
        raise Conflict("concern_changed", _("That concern just changed. Please try again."))
    mine = device.supporter_hash(ls)
    group = db.execute(
        select(
            Concern.id,
            Concern.author_hash,
            Concern.client_key,
            select(Support.id)
            .where(Support.concern_id == Concern.id, Support.supporter_hash == mine)
            .exists()
            .label("tapped"),
        ).where((Concern.id == head) | (Concern.merged_into_id == head))
    ).all()
    # Raising rolls the increment back with the transaction (``Database.writing``).
    if any(device.wrote(ls, c) for c in group):
        raise Conflict("own_concern", _("This is your own post; it already counts you."))
    if any(c.tapped for c in group):
        raise Conflict("already_supported", _('You already said "me too" to this concern.'))
    try:
        db.execute(insert(Support).values(concern_id=head, supporter_hash=mine))
    except IntegrityError as exc:  # the unique constraint: a second tap raced past the check
        raise Conflict(
            "already_supported", _('You already said "me too" to this concern.')
        ) from exc
    return Tally(head, ls.id, count)


def _add_tap(db: Session, ls: ListeningSession, concern_id: int) -> tuple[int, int] | None:
    """Add one to the count of this concern's group head, if it is shown: (head, count).

    One statement: the head is found (merging points straight at it), locked and counted.
    None if nothing was counted: no such concern, not shown, or it changed meanwhile.
    """
    via = aliased(Concern)
    head = (
        select(func.coalesce(via.merged_into_id, via.id))
        .where(via.id == concern_id, via.session_id == ls.id)
        .scalar_subquery()
    )
    row = db.execute(
        update(Concern)
        .where(
            Concern.id == head,
            Concern.session_id == ls.id,
            Concern.status == ConcernStatus.SHOWN,
            Concern.merged_into_id.is_(None),
        )
        .values(support_count=Concern.support_count + 1)
        .returning(Concern.id, Concern.support_count)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    return None if row is None else (row.id, row.support_count)


def _group_head(db: Session, ls: ListeningSession, concern_id: int) -> int:
    """The id of the shown group head that a "me too" on this concern counts towards."""
    row = _group_row(db, ls, concern_id)
    if row is not None and row.merged_into_id is not None:
        row = _group_row(db, ls, row.merged_into_id)  # merging points straight at the head
    if row is None:
        raise NotFound("concern_not_found", _("That concern does not exist in this session."))
    if row.status != ConcernStatus.SHOWN:
        raise Conflict(
            "concern_not_shown", _('That concern is not on screen, so it cannot take a "me too".')
        )
    return row.id


def _group_row(db: Session, ls: ListeningSession, concern_id: int) -> Any:
    """The columns of one concern of this session that find its group head, or None."""
    return db.execute(
        select(Concern.id, Concern.status, Concern.merged_into_id).where(
            Concern.id == concern_id, Concern.session_id == ls.id
        )
    ).one_or_none()


@dataclass(frozen=True)
class Withdrawal:
    """A withdrawn concern, and the group head it changed (its status before, if it had one)."""

    concern: Concern
    was: ConcernStatus
    head: Concern | None = None
    head_was: ConcernStatus | None = None


def withdraw_concern(
    db: Session, ls: ListeningSession, concern_id: object, device: Device
) -> Withdrawal:
    """The author takes their post back. It leaves every screen; the row stays, withdrawn.

    If it was merged, its group keeps its "me too"s. If others were merged into
    it, the oldest of them takes its place, held for review if the group was on screen
    (its text may never have been approved), so their voices are not lost. "Me too"s
    stay with the group either way.
    """
    lock_groups(db, ls)
    concern = get_concern(db, ls, concern_id)
    db.refresh(concern)
    if not device.wrote(ls, concern):
        raise Forbidden("not_yours", _("Only the phone that posted a concern can withdraw it."))
    if concern.status == ConcernStatus.WITHDRAWN:
        return Withdrawal(concern, ConcernStatus.WITHDRAWN)
    primary = primary_of(db, concern)
    lock_concerns(db, [concern.id, primary.id])  # taps in flight on the group finish first
    members = list(concern.merged)
    was_status, was_reason = concern.status, concern.hide_reason
    concern.status = ConcernStatus.WITHDRAWN
    concern.pinned = False
    result = Withdrawal(concern, was_status)
    if primary is not concern:
        concern.merged_into_id = None
        _move_supports(db, concern, primary)
        db.flush()
        db.expire(primary, ["merged"])
        _recount(db, primary)
        result = Withdrawal(concern, was_status, primary, primary.status)
    elif members:
        heir, rest = members[0], members[1:]
        heir.merged_into_id = None
        heir.status = ConcernStatus.HELD if was_status == ConcernStatus.SHOWN else was_status
        heir.hide_reason = was_reason
        heir.pinned = False
        for member in rest:
            member.merged_into_id = heir.id
        _move_supports(db, concern, heir)
        db.flush()
        db.expire(heir, ["merged"])
        _recount(db, heir)
        result = Withdrawal(concern, was_status, heir, ConcernStatus.MERGED)
    db.flush()
    return result


def _move_supports(db: Session, source: Concern, target: Concern) -> None:
    """Hand ``source``'s "me too"s to ``target``, each device once.

    A device that tapped two posts before they were merged has a row on each; the one
    on ``source`` goes, as ``target`` already counts that device.
    """
    on_target = select(Support.supporter_hash).where(Support.concern_id == target.id)
    db.execute(
        delete(Support).where(
            Support.concern_id == source.id, Support.supporter_hash.in_(on_target)
        )
    )
    db.execute(update(Support).where(Support.concern_id == source.id).values(concern_id=target.id))


def _recount(db: Session, primary: Concern) -> None:
    """A group's "me too" taps by others: each distinct tapping device once.

    Authors are not counted (see ``Concern.support_count``): one definition for every
    screen, the export and the analysis input.
    """
    members = [m for m in primary.merged if m.status != ConcernStatus.WITHDRAWN]
    taps = db.scalar(
        select(func.count(func.distinct(Support.supporter_hash))).where(
            Support.concern_id.in_([primary.id, *(m.id for m in members)])
        )
    )
    primary.support_count = taps or 0


def _audit(db: Session, concern: Concern, by: User | None, action: str, detail: str = "") -> None:
    db.add(
        ModerationAction(
            session_id=concern.session_id,
            concern_id=concern.id,
            user_id=by.id if by else None,
            action=action,
            detail=detail,
        )
    )


def _check_live(concern: Concern) -> None:
    if concern.status == ConcernStatus.WITHDRAWN:
        raise Conflict("concern_withdrawn", _("The author withdrew this concern."))
    if concern.status == ConcernStatus.MERGED:
        raise Conflict(
            "concern_merged", _("This concern was merged into #%(id)s.", id=concern.merged_into_id)
        )


def _check_moderation(concern: Concern, by: User | None) -> None:
    """Live, and not a safety hold unless ``by`` is a safety moderator."""
    _check_live(concern)
    if concern.safety_only and (by is None or not by.is_safety_moderator):
        raise Forbidden(
            "safety_only",
            _("This post is held for the safety moderator; only they can act on it."),
        )


def set_redactions(db: Session, concern: Concern, spans: object, by: User) -> Concern:
    """Replace the spans hidden from view (a facilitator keeps, drops or adds some)."""
    _check_moderation(concern, by)
    if not isinstance(spans, list) or len(spans) > 200:
        raise DomainError("bad_payload", _("Send the list of parts to hide."))
    cleaned: list[dict[str, Any]] = []
    for item in spans:
        start, end, kind = (
            item.get(k) if isinstance(item, dict) else None for k in ("start", "end", "kind")
        )
        if not (
            isinstance(start, int)
            and isinstance(end, int)
            and not isinstance(start, bool)
            and 0 <= start < end <= len(concern.text)
            and isinstance(kind, str)
            and re.fullmatch(r"[a-z_]{1,20}", kind)
        ):
            raise DomainError(
                "bad_span",
                _("Each part to hide needs a start and end inside the text, and a kind."),
            )
        cleaned.append({"start": start, "end": end, "kind": kind})
    cleaned.sort(key=lambda r: (r["start"], r["end"]))
    if any(a["end"] > b["start"] for a, b in itertools.pairwise(cleaned)):
        raise DomainError("bad_span", _("Parts to hide must not overlap."))
    concern.redactions = cleaned
    _audit(db, concern, by, "redact", str(len(cleaned)))
    db.flush()
    return concern


def approve_concern(db: Session, concern: Concern, by: User | None) -> Concern:
    _check_moderation(concern, by)
    concern.status = ConcernStatus.SHOWN
    concern.hide_reason = None
    concern.moderated_at = utcnow()
    _audit(db, concern, by, "approve")
    db.flush()
    return concern


def hide_concern(db: Session, concern: Concern, reason: object, by: User) -> Concern:
    """Take a post off the screens for a reason the facilitator chose (no default).

    The reason is shown to the author and counted in the room's moderation note, so
    only the public reasons are accepted; a safety moderator's private outcomes go
    through ``resolve_concern``.
    """
    _check_moderation(concern, by)
    try:
        hide_reason = HideReason(reason)
    except ValueError:
        hide_reason = None
    if hide_reason not in PUBLIC_HIDE_REASONS:
        raise DomainError(
            "bad_reason",
            _(
                "Choose a reason from the list: %(reasons)s.",
                reasons=", ".join(r.value for r in PUBLIC_HIDE_REASONS),
            ),
        )
    concern.status = ConcernStatus.HIDDEN
    concern.hide_reason = hide_reason
    concern.pinned = False
    concern.moderated_at = utcnow()
    _audit(db, concern, by, "hide", hide_reason.value)
    db.flush()
    return concern


def restore_concern(db: Session, concern: Concern, by: User) -> Concern:
    """Undo a hide or a private resolution: the post waits for review again."""
    _check_moderation(concern, by)
    if concern.status not in (ConcernStatus.HIDDEN, ConcernStatus.RESOLVED):
        raise Conflict("concern_not_hidden", _("Only a hidden post can be restored."))
    if concern.status == ConcernStatus.RESOLVED and not by.is_safety_moderator:
        raise Forbidden(
            "safety_only",
            _("This post was resolved by the safety moderator; only they can restore it."),
        )
    concern.status = ConcernStatus.HELD
    concern.hide_reason = None
    concern.moderated_at = utcnow()
    _audit(db, concern, by, "restore")
    db.flush()
    return concern


def resolve_concern(db: Session, concern: Concern, outcome: object, by: User) -> Concern:
    """A safety moderator's private decision on a post held for safety.

    Never shown, never counted under a public hide reason; the author's phone says only
    that it was read. The log records the outcome, never the text.
    """
    _check_moderation(concern, by)
    if not concern.safety_hold or not by.is_safety_moderator:
        raise Forbidden(
            "safety_only", _("Only the safety moderator can resolve a post held for safety.")
        )
    try:
        resolution = HideReason(outcome)
    except ValueError:
        resolution = None
    if resolution not in SAFETY_OUTCOMES:
        raise DomainError(
            "bad_outcome",
            _(
                "Choose an outcome: %(outcomes)s.",
                outcomes=", ".join(r.value for r in SAFETY_OUTCOMES),
            ),
        )
    concern.status = ConcernStatus.RESOLVED
    concern.hide_reason = resolution
    concern.pinned = False
    concern.moderated_at = utcnow()
    _audit(db, concern, by, "resolve", resolution.value)
    db.flush()
    return concern


def pin_concern(db: Session, concern: Concern, pinned: object, by: User) -> Concern:
    _check_moderation(concern, by)
    if not isinstance(pinned, bool):
        raise DomainError("bad_payload", _("Say whether to pin (true) or unpin (false)."))
    if pinned and concern.status != ConcernStatus.SHOWN:
        raise Conflict("concern_not_shown", _("Approve a concern before pinning it."))
    concern.pinned = pinned
    _audit(db, concern, by, "pin" if pinned else "unpin")
    db.flush()
    return concern


def edit_concern(
    db: Session, concern: Concern, text: object, by: User, max_chars: int = 1000
) -> Concern:
    """Change the text people see. The original stays, unchanged, for the record."""
    _check_moderation(concern, by)
    cleaned = clean_text(text, max_chars)
    concern.display_text = None if cleaned == concern.text else cleaned
    _audit(db, concern, by, "edit")
    db.flush()
    return concern


@dataclass(frozen=True)
class Merge:
    """A merge's target and the concerns merged into it, with their statuses before."""

    target: Concern
    target_was: ConcernStatus
    sources: list[tuple[Concern, ConcernStatus]]


def merge_concerns(
    db: Session, ls: ListeningSession, target_id: object, concern_ids: object, by: User
) -> Merge:
    """Merge duplicates into ``target``; it keeps the union of their supporters.

    The merged concerns stay in the database, marked merged and pointing at the target,
    so the record shows what each person wrote.
    """
    lock_groups(db, ls)
    target = get_concern(db, ls, target_id)
    db.refresh(target)
    _check_live(target)
    if not isinstance(concern_ids, list) or not concern_ids:
        raise DomainError("bad_payload", _("Choose at least one concern to merge into the target."))
    ids = [check_id(i) for i in concern_ids]
    if target.id in ids or len(set(ids)) != len(ids):
        raise DomainError("bad_payload", _("List each concern once, and not the target itself."))
    sources = [get_concern(db, ls, i) for i in ids]
    lock_concerns(db, [target.id, *ids])  # taps in flight on these heads finish first
    for concern in [target, *sources]:
        _check_moderation(concern, by)
        if concern.status in (ConcernStatus.HIDDEN, ConcernStatus.RESOLVED):
            # A hidden post must not come back to a screen through its group.
            raise Conflict(
                "concern_hidden",
                _("Concern #%(id)s is hidden; approve it first or leave it out.", id=concern.id),
            )
    before = [(source, source.status) for source in sources]
    target_was = target.status
    for source in sources:
        for member in list(source.merged):  # a previous merge's members follow
            member.merged_into_id = target.id
        source.merged_into_id = target.id
        source.status = ConcernStatus.MERGED
        source.pinned = False
        source.moderated_at = utcnow()
        _audit(db, source, by, "merge", str(target.id))
    db.flush()
    db.expire(target, ["merged"])
    for source in sources:
        db.expire(source, ["merged"])
    _recount(db, target)
    db.flush()
    return Merge(target, target_was, before)


def shown_concerns(db: Session, ls: ListeningSession) -> list[Concern]:
    """What the room sees: shown concerns in the room's order.

    Pinned first, then most "me too", then newest: the same order as ``cg.roomOrder`` in
    static/js/common.js, so a page drawn without JavaScript matches the live one.
    """
    return list(
        db.scalars(
            select(Concern)
            .where(Concern.session_id == ls.id, Concern.status == ConcernStatus.SHOWN)
            .order_by(Concern.pinned.desc(), Concern.support_count.desc(), Concern.id.desc())
        )
    )


def all_concerns(db: Session, ls: ListeningSession) -> list[Concern]:
    return list(db.scalars(select(Concern).where(Concern.session_id == ls.id).order_by(Concern.id)))


def _status_counts(db: Session, ls: ListeningSession) -> tuple[Counter[str], dict[str, int]]:
    """Posts by status, and hidden posts by public reason: one grouped query."""
    rows = db.execute(
        select(Concern.status, Concern.hide_reason, func.count())
        .where(Concern.session_id == ls.id)
        .group_by(Concern.status, Concern.hide_reason)
    ).all()
    by_status: Counter[str] = Counter()
    hidden_reasons: Counter[str] = Counter()
    for status, reason, n in rows:
        by_status[status.value] += n
        if status == ConcernStatus.HIDDEN and reason is not None:
            hidden_reasons[reason.value] += n
    return by_status, dict(sorted(hidden_reasons.items()))


def _safety_held(db: Session, ls: ListeningSession) -> int:
    return sum(
        1
        for kinds in db.scalars(
            select(Concern.safety_kinds).where(
                Concern.session_id == ls.id, Concern.status == ConcernStatus.HELD
            )
        )
        if kinds
    )


def concern_counts(db: Session, ls: ListeningSession) -> dict[str, Any]:
    """The facilitators' counts (see ``count_posts``); frozen ones once posts are purged."""
    if ls.raw_purged_at is not None:
        return _retained(ls)
    return count_posts(db, ls)


def _retained(ls: ListeningSession) -> dict[str, Any]:
    """The counts frozen when the session's raw posts were purged (services/retention.py)."""
    frozen = dict(ls.retained_counts or {})
    counts: dict[str, Any] = {key: int(frozen.get(key, 0)) for key in _COUNT_KEYS}
    counts["hidden_reasons"] = dict(frozen.get("hidden_reasons") or {})
    return counts


_COUNT_KEYS = (
    "posted",
    "held",
    "safety_held",
    "shown",
    "hidden",
    "resolved",
    "withdrawn",
    "merged",
    "me_too",
)


def count_posts(db: Session, ls: ListeningSession) -> dict[str, Any]:
    """The facilitators' counts from the posts themselves. One definition each:

    - ``posted``: every post received, withdrawn ones included (it never goes down);
    - ``held``: waiting for review by any facilitator (the "Waiting" filter);
    - ``safety_held``: waiting for the safety moderator (not in ``held``);
    - ``shown``, ``hidden`` (for a public reason), ``resolved`` (privately, by the
      safety moderator), ``withdrawn``, ``merged``: posts in that state now;
    - ``me_too``: "me too" taps by others (authors are never counted);
    - ``hidden_reasons``: ``hidden`` by reason.
    """
    by_status, hidden_reasons = _status_counts(db, ls)
    taps = db.scalar(
        select(func.count(Support.id))
        .join(Concern, Support.concern_id == Concern.id)
        .where(Concern.session_id == ls.id)
    )
    safety_held = _safety_held(db, ls)
    return {
        "posted": sum(by_status.values()),
        "held": by_status["held"] - safety_held,
        "safety_held": safety_held,
        "shown": by_status["shown"],
        "hidden": by_status["hidden"],
        "resolved": by_status["resolved"],
        "withdrawn": by_status["withdrawn"],
        "merged": by_status["merged"],
        "me_too": taps or 0,
        "hidden_reasons": hidden_reasons,
    }


def moderation_summary(db: Session, ls: ListeningSession) -> dict[str, Any]:
    """What the room is told about moderation: how many posts wait or were hidden, and why.

    Published so a held post is never silently dropped (docs/domain.md); it holds counts only.
    ``held`` is every post waiting, for a facilitator or the safety moderator (the room is
    not told which); the safety moderator's private outcomes are not counted at all.
    Every participant's connect asks for it, so it costs one query, not ``concern_counts``.
    Once the raw posts are purged, it is the counts frozen then (``concern_counts`` too).
    """
    if ls.raw_purged_at is not None:  # the same numbers, frozen when posts were purged
        frozen = _retained(ls)
        return {
            "held": frozen["held"] + frozen["safety_held"],
            "hidden": frozen["hidden"],
            "hidden_reasons": frozen["hidden_reasons"],
        }
    by_status, hidden_reasons = _status_counts(db, ls)
    return {
        "held": by_status["held"],
        "hidden": by_status["hidden"],
        "hidden_reasons": hidden_reasons,
    }


def my_concerns(
    db: Session, ls: ListeningSession, device: Device, claimed: list[dict[str, Any]] | None = None
) -> list[Concern]:
    """The posts this device wrote in this session.

    With ``claimed`` (the ids and keys the phone remembers) only those are checked;
    without it (a page load with JavaScript off) every post in the session is tested
    against the device's token, which costs one HMAC per post.
    """
    if claimed is not None:
        found = []
        for item in claimed[:200]:
            if not isinstance(item, dict) or not is_id(item.get("id")):
                continue
            concern = db.get(Concern, item["id"])
            if concern is not None and concern.session_id == ls.id and device.wrote(ls, concern):
                found.append(concern)
        return found
    candidates = db.scalars(
        select(Concern)
        .where(Concern.session_id == ls.id, Concern.author_hash.is_not(None))
        .order_by(Concern.id)
    )
    return [c for c in candidates if device.wrote(ls, c)]


def supported_ids(db: Session, ls: ListeningSession, device: Device) -> set[int]:
    """Ids of shown concerns this device said "me too" to (counting merges)."""
    rows = db.execute(
        select(Concern.id, Concern.merged_into_id)
        .join(Support, Support.concern_id == Concern.id)
        .where(Concern.session_id == ls.id, Support.supporter_hash == device.supporter_hash(ls))
    ).all()
    return {merged_into or cid for cid, merged_into in rows}
