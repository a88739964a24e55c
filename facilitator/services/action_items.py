"""Action items ("You said / We did"): the committee's rules, written once.

- A declined item states its public reason.
- A jointly owned item needs a police member and a community member to accept it, and
  both to confirm it is done; each side's sign-off is recorded.
- Status moves only along the allowed transitions (never done straight from proposed),
  and every change records who, when and why: the item's timeline, public once the
  item is.
- An item past its due date and not done (or declined) is overdue.
- Nothing is public until a committee member publishes it.
- Quotes are stored redacted, as text: nothing here points at a resident's post.
- An item answers approved themes only, and is published only while they all still are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from analysis.actions import counts_phrase
from analysis.taxonomy import OWNERS, RESPONSE_TYPES
from facilitator.errors import Conflict, DomainError, Forbidden, NotFound
from facilitator.labels import item_status_labels
from facilitator.models import (
    ActionItem,
    Affiliation,
    Initiative,
    ItemStatus,
    ListeningSession,
    Milestone,
    OwnerRole,
    ResponseType,
    SignOff,
    StatusChange,
    User,
    utcnow,
)
from facilitator.services.export import unsafe_cell
from facilitator.services.initiatives import is_member, members
from facilitator.services.text import clean_text
from facilitator.services.theme_links import ApprovedTheme, is_approved
from facilitator.theme_models import Theme
from safety import redact

TITLE_MAX = 200
TEXT_MAX = 5000
QUOTE_MAX = 1000
WHY_MAX = 2000

#: Where each status may go next. "done" needs the work to have been accepted first.
TRANSITIONS: dict[ItemStatus, frozenset[ItemStatus]] = {
    ItemStatus.PROPOSED: frozenset({ItemStatus.ACCEPTED, ItemStatus.DECLINED}),
    ItemStatus.ACCEPTED: frozenset({ItemStatus.IN_PROGRESS, ItemStatus.DONE, ItemStatus.DECLINED}),
    ItemStatus.IN_PROGRESS: frozenset({ItemStatus.DONE, ItemStatus.DECLINED}),
    ItemStatus.DONE: frozenset({ItemStatus.IN_PROGRESS}),  # reopened: it was not done after all
    ItemStatus.DECLINED: frozenset({ItemStatus.PROPOSED}),  # reconsidered
}
#: Steps a jointly owned item takes only with both a police and a community sign-off.
JOINT_STEPS = frozenset({ItemStatus.ACCEPTED, ItemStatus.DONE})
JOINT_SIDES = (Affiliation.POLICE, Affiliation.COMMUNITY)


@dataclass(frozen=True)
class ItemDetails:
    """What a committee member writes about an item (Spanish versions optional)."""

    title: str
    response_type: object
    owner_role: object
    summary: str = ""
    quote: str = ""
    lead_id: int | None = None
    due_on: date | None = None
    title_es: str = ""
    summary_es: str = ""
    we_did: str = ""
    we_did_es: str = ""
    #: The approved themes it answers; None leaves an item's themes as they are.
    theme_ids: Sequence[int] | None = None


def draft_from_themes(themes: Sequence[ApprovedTheme]) -> ItemDetails:
    """The analysis's draft "You said" for one or more approved themes, to edit.

    Title and owner follow the most supported theme (its category's usual owner and
    response, from the analysis taxonomy); the summary gives every theme's counts and
    summary; the quote is the first redacted quote there is.
    """
    if not themes:
        return ItemDetails(title="", response_type="acknowledge", owner_role="joint")
    lead = max(themes, key=lambda t: (t.supporters, -t.id))
    lines = []
    for theme in sorted(themes, key=lambda t: (-t.supporters, t.id)):
        said = f"{theme.session.title}: {counts_phrase(theme.size, theme.support)}"
        said += f" about {theme.label}."
        lines.append(f"{said} {theme.summary}".strip())
    owner = OWNERS.get(lead.category, "joint")
    return ItemDetails(
        title=lead.label[:TITLE_MAX],
        response_type=RESPONSE_TYPES.get(lead.category, "acknowledge").replace(" ", "_"),
        owner_role="community" if owner == "community partner" else owner,
        summary="\n".join(lines)[:TEXT_MAX],
        quote=next((t.quote for t in themes if t.quote), "")[:QUOTE_MAX],
        theme_ids=tuple(t.id for t in themes),
    )


def check_committee_member(db: Session, initiative: Initiative | int, user: User) -> None:
    """Refuse anyone but a committee member of this initiative (or an administrator)."""
    if user.is_admin:
        return
    if not user.is_committee_member or not is_member(db, initiative, user):
        raise Forbidden(
            "not_on_committee",
            _("Only committee members of this initiative can do that."),
        )


def _optional(value: str, limit: int, field: str) -> str:
    return value.strip() and clean_text(value, limit, field=field)


def _choice(enum: type, value: object, code: str, message: str) -> object:
    try:
        return enum(value)
    except ValueError:
        raise DomainError(code, message) from None


def _apply(db: Session, item: ActionItem, details: ItemDetails) -> None:
    item.title = clean_text(details.title, TITLE_MAX, field=_("title"))
    item.title_es = _optional(details.title_es, TITLE_MAX, _("title"))
    item.summary = _optional(details.summary, TEXT_MAX, _("summary"))
    item.summary_es = _optional(details.summary_es, TEXT_MAX, _("summary"))
    # At most one quote, and only as redacted text: a name or number never goes public.
    quote = _optional(details.quote, QUOTE_MAX, _("quote"))
    item.quote = redact(quote).text if quote else ""
    item.we_did = _optional(details.we_did, TEXT_MAX, _("“we did” text"))
    item.we_did_es = _optional(details.we_did_es, TEXT_MAX, _("“we did” text"))
    item.response_type = _choice(
        ResponseType,
        details.response_type,
        "bad_response_type",
        _(
            "Choose how the committee responds: acknowledge, explain, change policy, train, "
            "resource, refer or decline."
        ),
    )
    item.owner_role = _choice(
        OwnerRole,
        details.owner_role,
        "bad_owner",
        _("Choose who owns the item: police, a community partner, or both jointly."),
    )
    if details.lead_id is not None:
        lead = db.get(User, details.lead_id) if isinstance(details.lead_id, int) else None
        if lead is None or not lead.is_active or not is_member(db, item.initiative_id, lead):
            raise DomainError(
                "bad_lead", _("The lead must be an active member of this initiative.")
            )
    item.lead_id = details.lead_id
    item.due_on = details.due_on
    if details.theme_ids is not None:
        item.themes = _approved_themes(db, item.initiative_id, details.theme_ids)


def _approved_themes(db: Session, initiative_id: int, theme_ids: Sequence[int]) -> list[Theme]:
    """The themes, each checked to be an approved theme of one of the initiative's sessions."""
    chosen: list[Theme] = []
    for theme_id in dict.fromkeys(theme_ids):
        theme = db.get(Theme, theme_id) if isinstance(theme_id, int) and theme_id < 2**31 else None
        if (
            theme is None
            or not is_approved(theme)
            or db.get(ListeningSession, theme.run.session_id).initiative_id != initiative_id
        ):
            raise DomainError(
                "theme_not_approved",
                _("An action item answers approved themes of this initiative's sessions only."),
            )
        chosen.append(theme)
    return chosen


def create_item(
    db: Session, initiative: Initiative, details: ItemDetails, by: User, today: date
) -> ActionItem:
    """A proposed item; its timeline starts with who proposed it."""
    check_committee_member(db, initiative, by)
    if details.due_on is not None and details.due_on < today:
        raise DomainError("due_in_past", _("The due date is in the past. Choose a later date."))
    item = ActionItem(initiative_id=initiative.id, status=ItemStatus.PROPOSED, created_by_id=by.id)
    _apply(db, item, details)
    db.add(item)
    db.flush()
    db.add(
        StatusChange(item_id=item.id, from_status=None, to_status=ItemStatus.PROPOSED, by_id=by.id)
    )
    db.flush()
    return item


def update_item(db: Session, item: ActionItem, details: ItemDetails, by: User) -> ActionItem:
    check_committee_member(db, item.initiative_id, by)
    _apply(db, item, details)
    db.flush()
    return item


def get_item(db: Session, initiative: Initiative, item_id: object) -> ActionItem:
    item = (
        db.get(ActionItem, item_id)
        if isinstance(item_id, int) and not isinstance(item_id, bool) and 1 <= item_id < 2**31
        else None
    )
    if item is None or item.initiative_id != initiative.id:
        raise NotFound("item_not_found", _("There is no such action item in this initiative."))
    return item


@dataclass(frozen=True)
class StatusResult:
    """What a status request did: the item, and whether it still waits for the other side."""

    item: ActionItem
    changed: bool
    waiting_for: Affiliation | None = None


def change_status(
    db: Session,
    item: ActionItem,
    to: object,
    by: User,
    *,
    why: object = "",
    progress: object = None,
) -> StatusResult:
    """Move an item to ``to``, recording who and why; joint steps need both sides.

    Declining needs a public reason (``why``). For a joint item, accepting and confirming
    "done" take a sign-off from a police member and one from a community member: the
    first is recorded and the status changes with the second.
    """
    check_committee_member(db, item.initiative_id, by)
    target = _choice(ItemStatus, to, "bad_status", _("That is not a status an item can have."))
    if target not in TRANSITIONS[item.status]:
        raise Conflict(
            "bad_transition",
            _(
                "An item cannot go from “%(from)s” to “%(to)s”.",
                **{"from": _status_word(item.status), "to": _status_word(target)},
            ),
        )
    reason = why.strip() if isinstance(why, str) else ""
    if len(reason) > WHY_MAX:
        raise DomainError("why_too_long", _("Keep the reason under 2,000 characters."))
    if target == ItemStatus.DECLINED and not reason:
        raise DomainError(
            "decline_needs_reason",
            _("Say publicly why the item is declined: residents will read it."),
        )
    new_progress = _progress(progress, item.progress)
    if item.owner_role == OwnerRole.JOINT and target in JOINT_STEPS:
        waiting = _sign_off(db, item, target, by)
        if waiting is not None:
            return StatusResult(item, changed=False, waiting_for=waiting)
    was = item.status
    item.status = target
    if target == ItemStatus.DONE:
        new_progress = 100
    if target == ItemStatus.DECLINED:
        item.decline_reason = reason
    item.progress = new_progress
    db.add(
        StatusChange(
            item_id=item.id,
            from_status=was,
            to_status=target,
            progress=new_progress,
            why=reason,
            by_id=by.id,
        )
    )
    # A step that is taken again later (reopened, reconsidered) needs new sign-offs.
    for sign_off in list(item.sign_offs):
        if sign_off.step == target:
            db.delete(sign_off)
    db.flush()
    return StatusResult(item, changed=True)


def _sign_off(db: Session, item: ActionItem, step: ItemStatus, by: User) -> Affiliation | None:
    """Record ``by``'s sign-off; return the side still missing (None: both have signed)."""
    if by.affiliation not in JOINT_SIDES:
        raise Forbidden(
            "sign_off_side",
            _("A jointly owned item is signed off by a police member and a community member."),
        )
    signed = {s.affiliation for s in item.sign_offs if s.step == step}
    if by.affiliation in signed:
        raise Conflict(
            "already_signed",
            _("Your side has already signed off; the other side's sign-off is still needed."),
        )
    db.add(SignOff(item_id=item.id, step=step, user_id=by.id, affiliation=by.affiliation))
    db.flush()
    db.refresh(item, ["sign_offs"])
    missing = [side for side in JOINT_SIDES if side not in signed | {by.affiliation}]
    return missing[0] if missing else None


def _progress(value: object, current: int) -> int:
    if value is None or value == "":
        return current
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        raise DomainError("bad_progress", _("Progress is a percentage from 0 to 100."))
    return value


def update_progress(db: Session, item: ActionItem, progress: object, by: User, why: object) -> None:
    """A progress update without a status change: it goes on the timeline too."""
    check_committee_member(db, item.initiative_id, by)
    if item.status not in (ItemStatus.ACCEPTED, ItemStatus.IN_PROGRESS):
        raise Conflict(
            "not_under_way", _("Only an accepted item or one in progress has progress to report.")
        )
    item.progress = _progress(progress, item.progress)
    reason = why.strip() if isinstance(why, str) else ""
    db.add(
        StatusChange(
            item_id=item.id,
            from_status=item.status,
            to_status=item.status,
            progress=item.progress,
            why=reason[:WHY_MAX],
            by_id=by.id,
        )
    )
    db.flush()


def add_milestone(
    db: Session, item: ActionItem, title: str, due_on: date, by: User, title_es: str = ""
) -> Milestone:
    check_committee_member(db, item.initiative_id, by)
    milestone = Milestone(
        item_id=item.id,
        title=clean_text(title, TITLE_MAX, field=_("milestone")),
        title_es=_optional(title_es, TITLE_MAX, _("milestone")),
        due_on=due_on,
    )
    db.add(milestone)
    db.flush()
    return milestone


def complete_milestone(
    db: Session, item: ActionItem, milestone_id: object, by: User, today: date
) -> Milestone:
    """Record that a milestone was reached today (its date is public with the item)."""
    check_committee_member(db, item.initiative_id, by)
    milestone = next((m for m in item.milestones if m.id == milestone_id), None)
    if milestone is None:
        raise NotFound("milestone_not_found", _("This item has no such milestone."))
    if milestone.done_on is not None:
        raise Conflict("milestone_done", _("This milestone is already marked done."))
    milestone.done_on = today
    db.flush()
    return milestone


def publish_item(db: Session, item: ActionItem, by: User, today: date) -> ActionItem:
    """Make an item public on the report-back; a joint item must be accepted first."""
    check_committee_member(db, item.initiative_id, by)
    if item.owner_role == OwnerRole.JOINT and item.status == ItemStatus.PROPOSED:
        raise Conflict(
            "joint_not_accepted",
            _("A joint item is public only once a police and a community member have accepted it."),
        )
    if any(not is_approved(theme) for theme in item.themes):
        raise Conflict(
            "themes_not_approved",
            _(
                "A theme this item answers is no longer approved (its summary was edited or "
                "discarded). Approve the session's themes again, or remove the theme."
            ),
        )
    if item.published_at is None:
        item.published_at = utcnow()
    item.reported_back_on = today
    db.flush()
    return item


def unpublish_item(db: Session, item: ActionItem, by: User) -> ActionItem:
    check_committee_member(db, item.initiative_id, by)
    item.published_at = None
    db.flush()
    return item


def items_of(db: Session, initiative: Initiative, *, public_only: bool = False) -> list[ActionItem]:
    """The initiative's items, oldest first, with their milestones, timeline and sign-offs
    loaded in three queries (pages show all of them)."""
    query = (
        select(ActionItem)
        .where(ActionItem.initiative_id == initiative.id)
        .options(
            selectinload(ActionItem.milestones),
            selectinload(ActionItem.changes),
            selectinload(ActionItem.sign_offs),
            selectinload(ActionItem.lead),
            # Which themes it answers, not their texts (JSON columns are costly to load).
            selectinload(ActionItem.themes).load_only(Theme.id, Theme.run_id, Theme.label),
        )
    )
    if public_only:
        query = query.where(ActionItem.published_at.is_not(None))
    return list(db.scalars(query.order_by(ActionItem.id)))


@dataclass(frozen=True)
class Waiting:
    """An item whose next step is waiting on someone, and on whom."""

    item: ActionItem
    reason: str  # "accept", "sign_off", "overdue", "publish"
    side: Affiliation | None = None


def waiting_queue(db: Session, initiative: Initiative, today: date) -> list[Waiting]:
    """Items whose next step waits: acceptance, the other side's sign-off, an overdue
    update, or publishing."""
    queue = []
    for item in items_of(db, initiative):
        if item.is_overdue(today):
            queue.append(Waiting(item, "overdue"))
            continue
        pending = {s.affiliation for s in item.sign_offs}
        if pending and item.owner_role == OwnerRole.JOINT:
            side = next(s for s in JOINT_SIDES if s not in pending)
            queue.append(Waiting(item, "sign_off", side))
        elif item.status == ItemStatus.PROPOSED:
            queue.append(Waiting(item, "accept"))
        elif item.published_at is None and item.status != ItemStatus.DECLINED:
            queue.append(Waiting(item, "publish"))
    return queue


def _status_word(status: ItemStatus) -> str:
    return item_status_labels()[status.value]


ITEM_COLUMNS = [
    "id",
    "title",
    "title_es",
    "you_said",
    "you_said_es",
    "quote",
    "response_type",
    "owner",
    "lead",
    "due_on",
    "status",
    "progress",
    "overdue",
    "we_did",
    "we_did_es",
    "decline_reason",
    "published",
    "reported_back_on",
]


def item_row(item: ActionItem, today: date) -> dict[str, object]:
    """One item as plain values: the CSV row and the JSON object use the same fields."""
    return {
        "id": item.id,
        "title": item.title,
        "title_es": item.title_es,
        "you_said": item.summary,
        "you_said_es": item.summary_es,
        "quote": item.quote,
        "response_type": item.response_type.value,
        "owner": item.owner_role.value,
        "lead": item.lead.display_name if item.lead else "",
        "due_on": item.due_on.isoformat() if item.due_on else "",
        "status": item.status.value,
        "progress": item.progress,
        "overdue": item.is_overdue(today),
        "we_did": item.we_did,
        "we_did_es": item.we_did_es,
        "decline_reason": item.decline_reason,
        "published": item.published_at is not None,
        "reported_back_on": item.reported_back_on.isoformat() if item.reported_back_on else "",
    }


def timeline(item: ActionItem) -> list[dict[str, object]]:
    """Status changes, oldest first, as the public page and the JSON export show them."""
    return [
        {
            "at": change.at.isoformat(timespec="minutes"),
            "from": change.from_status.value if change.from_status else None,
            "to": change.to_status.value,
            "progress": change.progress,
            "why": change.why,
        }
        for change in item.changes
    ]


#: Columns an import needs; the others of ``ITEM_COLUMNS`` are read when present.
IMPORT_REQUIRED = ("title", "response_type", "owner")
IMPORT_MAX_ROWS = 500
#: What an import reads: the editable record. Status, progress, sign-offs and the
#: timeline are the committee's decisions, taken in the app, so they are not imported.
IMPORTED = (
    "title",
    "title_es",
    "you_said",
    "you_said_es",
    "quote",
    "response_type",
    "owner",
    "lead",
    "due_on",
    "we_did",
    "we_did_es",
)


def import_items(
    db: Session, initiative: Initiative, text: str, by: User, today: date
) -> list[ActionItem]:
    """Propose one item per row of a CSV in the export's columns (our own export reads
    back as it was written). Every row is checked; if any is wrong, nothing is created
    and the error names each wrong row (the caller's transaction rolls back)."""
    check_committee_member(db, initiative, by)
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    columns = set(reader.fieldnames or [])
    missing = [c for c in IMPORT_REQUIRED if c not in columns]
    if missing:
        raise DomainError(
            "import_columns",
            _(
                "The file has no column %(columns)s. Use the columns of the action items "
                "export (title, response_type, owner, and optionally the others).",
                columns=", ".join(missing),
            ),
        )
    leads = {}
    for member in members(db, initiative):
        if member.is_active:
            leads[member.username.casefold()] = member
            leads[member.display_name.casefold()] = member
    created: list[ActionItem] = []
    problems: list[str] = []
    for number, row in enumerate(reader, start=2):  # line 1 is the header
        if number - 1 > IMPORT_MAX_ROWS:
            raise DomainError(
                "import_too_long",
                _("A file can hold at most %(n)s action items.", n=IMPORT_MAX_ROWS),
            )
        cell = {c: unsafe_cell((row.get(c) or "").strip()) for c in IMPORTED}
        if not any(cell.values()):
            continue  # a blank line
        try:
            lead = None
            if cell["lead"]:
                lead = leads.get(cell["lead"].casefold())
                if lead is None:
                    raise DomainError(
                        "bad_lead",
                        _("The lead must be an active member of this initiative."),
                    )
            try:
                due = date.fromisoformat(cell["due_on"]) if cell["due_on"] else None
            except ValueError:
                raise DomainError(
                    "bad_date", _("Write the due date as YYYY-MM-DD, for example 2027-06-30.")
                ) from None
            details = ItemDetails(
                title=cell["title"],
                title_es=cell["title_es"],
                summary=cell["you_said"],
                summary_es=cell["you_said_es"],
                quote=cell["quote"],
                response_type=cell["response_type"],
                owner_role=cell["owner"],
                lead_id=lead.id if lead else None,
                due_on=due,
                we_did=cell["we_did"],
                we_did_es=cell["we_did_es"],
            )
            with db.begin_nested():
                created.append(create_item(db, initiative, details, by, today))
        except DomainError as exc:
            problems.append(_("Line %(line)s: %(problem)s", line=number, problem=exc.message))
    if problems:
        shown = problems[:10]
        if len(problems) > 10:
            shown.append(_("… and %(n)s more lines with problems.", n=len(problems) - 10))
        raise DomainError(
            "import_rows",
            _("Nothing was imported. Correct these lines and try again:") + " " + " ".join(shown),
        )
    if not created:
        raise DomainError("import_empty", _("The file holds no action items."))
    return created
