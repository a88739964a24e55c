"""Themes: the adapter from concern rows to analysis input, runs, and every review edit.

Verb-named and flush-only like every service: the command layer
(:mod:`facilitator.commands.themes`) commits and then broadcasts. Every edit bumps the
run's revision (an approval is of one revision) and writes an audit entry in the
session's moderation log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, object_session

from analysis import MIN_PUBLIC_SUPPORTERS
from analysis import Concern as AnalysisConcern
from analysis.taxonomy import CATEGORIES
from facilitator.errors import Conflict, DomainError, NotFound
from facilitator.models import (
    Concern,
    ConcernStatus,
    ListeningSession,
    ModerationAction,
    Prompt,
    User,
    utcnow,
)
from facilitator.services.retention import check_posts_kept
from facilitator.theme_models import RunError, RunStatus, Theme, ThemeMember, ThemeRun

MAX_ID = 2**31 - 1
MAX_LABEL = 200
MAX_SUMMARY = 2000
CATEGORY_CODES = tuple(f"T{n}" for n in range(1, 10))
#: A running job whose heartbeat is older than this belongs to a worker that died.
STALE_AFTER = timedelta(seconds=60)


# --- The adapter: rows in, analysis input out --------------------------------------


@dataclass(frozen=True)
class AnalysisInput:
    """What the analysis gets, and what the app keeps beside it per concern."""

    concerns: list[AnalysisConcern]
    supporters: dict[int, int] = field(default_factory=dict)
    on_behalf: set[int] = field(default_factory=set)
    #: Every prompt of the session, in each language: their words never make a label.
    prompts: list[str] = field(default_factory=list)
    #: The session's titles and its initiative's: the words (the town's name among
    #: them, as in "Rapid City listening sessions") never make a label either.
    title: str = ""


def analysis_input(db: Session, ls: ListeningSession) -> AnalysisInput:
    """Exactly what the room agreed to show, as analysis input.

    - Shown concerns only: held (for review or for safety), hidden, withdrawn and
      merged-away concerns are never analysed.
    - Their displayed text: the facilitator's edit, else the post with its details
      redacted (``Concern.shown_text``), never the original.
    - A merged group once, as its head, with the union of its supporters
      (``support_count`` already counts each author and each distinct "me too" once).
    - Concerns entered on someone's behalf are included, and marked.
    - The prompt each concern answered; all prompts and the titles beside, so that no
      label repeats the question or names the town alone.
    """
    session_prompts = list(db.scalars(select(Prompt).where(Prompt.session_id == ls.id)))
    prompts = {p.id: p.text for p in session_prompts}
    rows = db.scalars(
        select(Concern)
        .where(Concern.session_id == ls.id, Concern.status == ConcernStatus.SHOWN)
        .order_by(Concern.id)
    )
    concerns: list[AnalysisConcern] = []
    supporters: dict[int, int] = {}
    on_behalf: set[int] = set()
    for c in rows:
        if c.held_for_safety:  # cannot be shown; kept as a second line of defence
            continue
        concerns.append(
            AnalysisConcern(
                id=c.id,
                text=c.shown_text,
                language=c.language,
                # "me too" taps by others (the author is never counted in them).
                support=c.support_count,
                prompt=prompts.get(c.prompt_id) if c.prompt_id else None,
            )
        )
        supporters[c.id] = c.support_count + 1  # the post itself, and its "me too"s
        if c.on_behalf:
            on_behalf.add(c.id)
    titles = [ls.title, ls.title_es]
    if ls.initiative is not None:
        titles += [ls.initiative.title, ls.initiative.title_es]
    return AnalysisInput(
        concerns,
        supporters,
        on_behalf,
        prompts=[t for p in session_prompts for t in (p.text, p.text_es) if t],
        title=" ".join(t for t in titles if t),
    )


# --- Runs -----------------------------------------------------------------------------


def _check_id(value: object, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_ID:
        raise DomainError("bad_payload", _("The %(what)s id must be a positive number.", what=what))
    return value


def _audit(db: Session, run: ThemeRun, by: User | None, action: str, detail: str = "") -> None:
    db.add(
        ModerationAction(
            session_id=run.session_id,
            concern_id=None,
            user_id=by.id if by else None,
            action=action[:32],
            detail=detail,
        )
    )


def active_run(db: Session, ls: ListeningSession) -> ThemeRun | None:
    return db.scalar(
        select(ThemeRun).where(
            ThemeRun.session_id == ls.id,
            ThemeRun.status.in_([RunStatus.QUEUED, RunStatus.RUNNING]),
        )
    )


def latest_run(db: Session, ls: ListeningSession) -> ThemeRun | None:
    """The newest run that is not discarded (any status)."""
    return db.scalar(
        select(ThemeRun)
        .where(ThemeRun.session_id == ls.id, ThemeRun.discarded_at.is_(None))
        .order_by(ThemeRun.number.desc())
        .limit(1)
    )


def latest_done_run(db: Session, ls: ListeningSession) -> ThemeRun | None:
    return db.scalar(
        select(ThemeRun)
        .where(
            ThemeRun.session_id == ls.id,
            ThemeRun.discarded_at.is_(None),
            ThemeRun.status == RunStatus.DONE,
        )
        .order_by(ThemeRun.number.desc())
        .limit(1)
    )


def session_runs(db: Session, ls: ListeningSession) -> list[ThemeRun]:
    return list(
        db.scalars(
            select(ThemeRun).where(ThemeRun.session_id == ls.id).order_by(ThemeRun.number.desc())
        )
    )


def get_run(db: Session, ls: ListeningSession, run_id: object) -> ThemeRun:
    run = db.get(ThemeRun, _check_id(run_id, "run"))
    if run is None or run.session_id != ls.id:
        raise NotFound("run_not_found", _("That theme run does not exist in this session."))
    return run


def request_run(
    db: Session, ls: ListeningSession, by: User | None, parameters: Mapping[str, Any] | None = None
) -> ThemeRun:
    """Queue a new run, unless one is already queued or running for this session."""
    check_posts_kept(ls)  # nothing left to analyse
    # PostgreSQL: two presses at once wait for each other here (SQLite serialises writes).
    db.execute(select(ListeningSession.id).where(ListeningSession.id == ls.id).with_for_update())
    if active_run(db, ls) is not None:
        raise Conflict(
            "run_in_progress", _("Themes are already being found for this session. Please wait.")
        )
    number = (
        db.scalar(select(func.max(ThemeRun.number)).where(ThemeRun.session_id == ls.id)) or 0
    ) + 1
    run = ThemeRun(
        session_id=ls.id,
        number=number,
        status=RunStatus.QUEUED,
        stage="queued",
        progress=0.0,
        parameters={"random_state": 0, "backend": "auto", **dict(parameters or {})},
        created_by_id=by.id if by else None,
        flagged_ids=[],
        carry_notes=[],
    )
    db.add(run)
    db.flush()
    _audit(db, run, by, "themes_requested", f"run {number}")
    return run


def cancel_run(db: Session, run: ThemeRun, by: User | None) -> ThemeRun:
    """Cancel a queued run at once; ask a running one to stop at its next report."""
    if not run.status.active:
        raise Conflict("run_not_active", _("This theme run is not running any more."))
    if run.status == RunStatus.QUEUED:
        run.status = RunStatus.CANCELLED
        run.finished_at = utcnow()
        run.stage = "cancelled"
    else:
        run.cancel_requested = True
    _audit(db, run, by, "themes_cancelled", f"run {run.number}")
    db.flush()
    return run


def claim_run(db: Session, run_id: int) -> bool:
    """Mark a queued run running (exactly one worker wins); False if it is not queued."""
    now = utcnow()
    claimed = db.execute(
        update(ThemeRun)
        .where(ThemeRun.id == run_id, ThemeRun.status == RunStatus.QUEUED)
        .values(status=RunStatus.RUNNING, stage="preparing", started_at=now, heartbeat_at=now)
    ).rowcount
    return claimed == 1


def fail_run(db: Session, run: ThemeRun, message: str, *, cancelled: bool = False) -> ThemeRun:
    run.status = RunStatus.CANCELLED if cancelled else RunStatus.FAILED
    run.stage = run.status.value
    run.error = "" if cancelled else message
    run.finished_at = utcnow()
    db.flush()
    return run


def fail_stale_runs(db: Session, *, running_too: bool = False) -> list[ThemeRun]:
    """Runs left "running" by a worker that died: failed, with a message.

    ``running_too``: every running run is stale (the only worker is just starting).
    """
    cutoff = utcnow() - STALE_AFTER
    query = select(ThemeRun).where(ThemeRun.status == RunStatus.RUNNING)
    stale = []
    for run in db.scalars(query):
        beat = run.heartbeat_at
        if beat is not None and beat.tzinfo is None:
            beat = beat.replace(tzinfo=cutoff.tzinfo)
        if running_too or beat is None or beat < cutoff:
            fail_run(db, run, RunError.WORKER_STOPPED.stored())
            stale.append(run)
    return stale


def discard_run(db: Session, run: ThemeRun, by: User | None) -> ThemeRun:
    if run.status.active:
        raise Conflict("run_active", _("Cancel the run before discarding it."))
    if run.discarded_at is None:
        run.discarded_at = utcnow()
        _audit(db, run, by, "themes_discarded", f"run {run.number}")
    db.flush()
    return run


# --- Storing a result -------------------------------------------------------------


def store_result(
    db: Session,
    run: ThemeRun,
    result: Mapping[str, Any],
    data: AnalysisInput,
    *,
    duration: float,
    model_version: str = "",
) -> ThemeRun:
    """Turn ``ThemeResult.to_dict()`` into rows, carry the previous run's edits over."""
    meta = result.get("meta", {})
    run.backend = str(meta.get("backend", ""))
    run.model_version = model_version
    run.n_concerns = len(data.concerns)
    run.duration_seconds = round(duration, 3)
    run.flagged_ids = [int(i) for i in result.get("flagged", [])]
    placed: set[int] = set()
    for position, raw in enumerate(result.get("themes", [])):
        theme = Theme(
            run=run,
            key=str(raw["id"]),
            position=position,
            label=str(raw["label"])[:MAX_LABEL],
            summary="",
            keywords=list(raw.get("keywords", [])),
            category=raw.get("category"),
            category_confidence=raw.get("category_confidence"),
            quotes=list(raw.get("quotes", [])),
            quote=(raw.get("quotes") or [""])[0],
            sentiment=dict(raw.get("sentiment") or {}),
            edited=[],
        )
        db.add(theme)
        for concern_id in raw.get("members", []):
            _add_member(db, run, theme, int(concern_id), data)
            placed.add(int(concern_id))
    for concern in data.concerns:
        if int(concern.id) not in placed and int(concern.id) not in run.flagged_ids:
            _add_member(db, run, None, int(concern.id), data)
    run.notice = _notice(data, result)
    run.status = RunStatus.DONE
    run.stage = "done"
    run.progress = 1.0
    run.finished_at = utcnow()
    db.flush()
    previous = db.scalar(
        select(ThemeRun)
        .where(
            ThemeRun.session_id == run.session_id,
            ThemeRun.status == RunStatus.DONE,
            ThemeRun.id != run.id,
            ThemeRun.discarded_at.is_(None),
        )
        .order_by(ThemeRun.number.desc())
        .limit(1)
    )
    if previous is not None:
        carry_over(db, previous, run)
    db.flush()
    return run


def _add_member(
    db: Session, run: ThemeRun, theme: Theme | None, concern_id: int, data: AnalysisInput
) -> None:
    member = ThemeMember(
        run=run,
        theme=theme,
        concern_id=concern_id,
        supporters=data.supporters.get(concern_id, 1),
        on_behalf=concern_id in data.on_behalf,
        moved=False,
    )
    db.add(member)


def _notice(data: AnalysisInput, result: Mapping[str, Any]) -> str:
    if len(data.concerns) < 3:
        return _("Not enough concerns to find themes: at least 3 shown concerns are needed.")
    texts = {" ".join(c.text.lower().split()) for c in data.concerns}
    if len(texts) == 1:
        return _("All shown concerns say the same thing: there is one theme, not several.")
    if not result.get("themes"):
        return _("No themes were found: the concerns have too little in common.")
    return ""


# --- Carry-over -------------------------------------------------------------------


def _jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def carry_over(db: Session, old: ThemeRun, new: ThemeRun) -> None:
    """Carry the people's edits from ``old`` to ``new`` where the members still match.

    An edited theme is matched to the new theme sharing most members (Jaccard >= 0.5);
    its label, summary, category and quote are copied when they were set by hand. A
    concern a person moved goes to the matched theme of its destination. What could not
    be carried is listed in ``new.carry_notes``.
    """
    new_sets = {t.id: {m.concern_id for m in t.members} for t in new.themes}
    by_id = {t.id: t for t in new.themes}
    match: dict[int, Theme] = {}
    notes: list[dict[str, Any]] = []
    for theme in old.themes:
        members = {m.concern_id for m in theme.members}
        best = max(new_sets, key=lambda tid: _jaccard(members, new_sets[tid]), default=None)
        if best is not None and _jaccard(members, new_sets[best]) >= 0.5:
            match[theme.id] = by_id[best]
        if not theme.edited:
            continue
        target = match.get(theme.id)
        if target is None:
            notes.append(
                {
                    "theme": theme.label,
                    "what": _("No theme in this run has mostly the same concerns."),
                }
            )
            continue
        for name in theme.edited:
            if name == "quote" and theme.quote not in (target.quotes or []):
                # The quote is text: it still fits if the concern it came from is here.
                target.quotes = [*(target.quotes or []), theme.quote]
            setattr(target, name, getattr(theme, name))
        target.edited = sorted(set(target.edited or []) | set(theme.edited))
    new_members = {m.concern_id: m for m in new.members}
    for moved in (m for m in old.members if m.moved):
        member = new_members.get(moved.concern_id)
        if member is None:
            notes.append(
                {"theme": f"#{moved.concern_id}", "what": _("The concern is no longer shown.")}
            )
            continue
        if moved.theme_id is None:
            member.theme = None
        elif moved.theme_id in match:
            member.theme = match[moved.theme_id]
        else:
            notes.append(
                {
                    "theme": f"#{moved.concern_id}",
                    "what": _("The theme it was moved to has no match in this run."),
                }
            )
            continue
        member.moved = True
    new.carry_notes = notes


# --- Edits ------------------------------------------------------------------------


def _check_editable(run: ThemeRun) -> None:
    # An edit or an approval needs the members, which went with the purged posts.
    session = object_session(run)
    ls = session.get(ListeningSession, run.session_id) if session is not None else None
    if ls is not None:
        check_posts_kept(ls)
    if run.discarded_at is not None:
        raise Conflict("run_discarded", _("This theme run was discarded; open the current one."))
    if run.status != RunStatus.DONE:
        raise Conflict("run_not_done", _("This theme run has no themes to edit."))


def get_theme(db: Session, run: ThemeRun, theme_id: object) -> Theme:
    theme = db.get(Theme, _check_id(theme_id, "theme"))
    if theme is None or theme.run_id != run.id:
        raise NotFound("theme_not_found", _("That theme does not exist in this run."))
    return theme


def _edited(db: Session, run: ThemeRun, by: User | None, action: str, detail: str) -> None:
    run.revision += 1
    _audit(db, run, by, action, detail)
    db.flush()


def _mark(theme: Theme, name: str) -> None:
    theme.edited = sorted({*(theme.edited or []), name})


def _clean(value: object, limit: int, what: str, *, required: bool) -> str:
    if not isinstance(value, str):
        raise DomainError("bad_payload", _("The %(what)s must be text.", what=what))
    text = " ".join(value.split()) if what == "label" else value.strip()
    if required and not text:
        raise DomainError("empty_label", _("A theme needs a name."))
    if len(text) > limit:
        raise DomainError("too_long", _("Please keep it under %(limit)d characters.", limit=limit))
    return text


def rename_theme(
    db: Session, run: ThemeRun, theme: Theme, by: User, *, label: object, summary: object = None
) -> Theme:
    """A new name and, optionally, its one-paragraph summary."""
    _check_editable(run)
    theme.label = _clean(label, MAX_LABEL, "label", required=True)
    _mark(theme, "label")
    if summary is not None:
        theme.summary = _clean(summary, MAX_SUMMARY, "summary", required=False)
        _mark(theme, "summary")
    _edited(db, run, by, "theme_renamed", f"{theme.key}: {theme.label}")
    return theme


def move_concern(
    db: Session, run: ThemeRun, concern_id: object, theme_id: object, by: User
) -> ThemeMember:
    """Move a concern to another theme, or to "other" (``theme_id`` None)."""
    _check_editable(run)
    cid = _check_id(concern_id, "concern")
    member = db.scalar(
        select(ThemeMember).where(ThemeMember.run_id == run.id, ThemeMember.concern_id == cid)
    )
    if member is None:
        raise NotFound("concern_not_in_run", _("That concern is not part of this theme run."))
    concern = db.get(Concern, cid)
    if concern is None or concern.status != ConcernStatus.SHOWN:
        raise Conflict(
            "concern_not_shown",
            _("That concern is no longer shown (withdrawn, hidden or merged); it cannot be moved."),
        )
    target = None if theme_id is None else get_theme(db, run, theme_id)
    member.theme = target
    member.moved = True
    _edited(db, run, by, "theme_concern_moved", f"#{cid} -> {target.key if target else 'other'}")
    return member


def merge_themes(db: Session, run: ThemeRun, target: Theme, source: Theme, by: User) -> Theme:
    """Fold ``source`` into ``target``: its members join, its quotes become candidates."""
    _check_editable(run)
    if target.id == source.id:
        raise DomainError("same_theme", _("Choose two different themes to merge."))
    for member in list(source.members):
        member.theme = target
    target.quotes = [
        *(target.quotes or []),
        *(q for q in source.quotes or [] if q not in target.quotes),
    ]
    target.keywords = list(dict.fromkeys([*(target.keywords or []), *(source.keywords or [])]))[:8]
    for child in run.themes:
        if child.parent_id == source.id:
            child.parent_id = target.id
    db.flush()
    run.themes.remove(source)
    db.delete(source)
    _edited(db, run, by, "themes_merged", f"{source.key} -> {target.key}")
    return target


def split_theme(db: Session, run: ThemeRun, theme: Theme, groups: object, by: User) -> list[Theme]:
    """Split ``theme``: each group of concern ids (but the first) becomes a sub-theme.

    ``groups`` is a list of lists of concern ids, usually the app's proposal
    (:func:`propose_split`) as the facilitator adjusted it.
    """
    _check_editable(run)
    current = {m.concern_id: m for m in theme.members}
    if (
        not isinstance(groups, list)
        or len(groups) < 2
        or not all(isinstance(g, list) and g for g in groups)
    ):
        raise DomainError("bad_split", _("A split needs two or more groups of concerns."))
    ids = [i for g in groups for i in g]
    if len(set(ids)) != len(ids) or not set(ids) <= set(current):
        raise DomainError("bad_split", _("Each concern of the theme can be in one group only."))
    created = []
    for number, group in enumerate(groups[1:], start=1):
        child = Theme(
            run=run,
            parent_id=theme.id,
            key=f"{theme.key}.{number}",
            position=theme.position,
            label=f"{theme.label} ({number + 1})",
            summary="",
            keywords=list(theme.keywords or []),
            category=theme.category,
            category_confidence=theme.category_confidence,
            quotes=[],
            quote="",
            sentiment={},
            edited=[],
        )
        db.add(child)
        for concern_id in group:
            current[concern_id].theme = child
        created.append(child)
    db.flush()
    _edited(db, run, by, "theme_split", f"{theme.key} into {len(groups)}")
    return created


def set_category(db: Session, run: ThemeRun, theme: Theme, category: object, by: User) -> Theme:
    """Set the primary category (T1-T9) or clear it (None)."""
    _check_editable(run)
    if category is not None and category not in CATEGORY_CODES:
        raise DomainError("bad_category", _("Choose one of the categories T1 to T9, or none."))
    theme.category = category  # type: ignore[assignment]
    theme.category_confidence = None
    _mark(theme, "category")
    _edited(db, run, by, "theme_category", f"{theme.key}: {category or '-'}")
    return theme


def set_quote(db: Session, run: ThemeRun, theme: Theme, quote: object, by: User) -> Theme:
    """Choose the theme's quote among its candidates (redacted text), or none ("")."""
    _check_editable(run)
    if quote != "" and quote not in (theme.quotes or []):
        raise DomainError("bad_quote", _("Choose one of the theme's quotes."))
    theme.quote = str(quote)
    _mark(theme, "quote")
    _edited(db, run, by, "theme_quote", theme.key)
    return theme


def approve_summary(db: Session, run: ThemeRun, revision: object, by: User) -> ThemeRun:
    """Approve the run as it is at ``revision``; the summary is frozen as text."""
    _check_editable(run)
    if revision != run.revision:
        raise Conflict(
            "summary_out_of_date",
            _("The themes changed since you looked at them. Review the changes, then approve."),
        )
    run.approved_revision = run.revision
    run.approved_at = utcnow()
    run.approved_by_id = by.id
    run.approved_summary = summary_dict(run, approver=by.display_name or by.username)
    _audit(db, run, by, "themes_approved", f"run {run.number}, revision {run.revision}")
    db.flush()
    return run


# --- Summaries and the public folding rule -------------------------------------------


def summary_dict(run: ThemeRun, approver: str = "") -> dict[str, Any]:
    """The run as text only (no post ids needed to read it): what approval freezes.

    Extends the stable shape of ``python -m analysis themes --format json``: the same
    keys, plus ``summary``, ``quote`` and ``meta.approved_*``.
    """
    themes = []
    for theme in run.themes:
        themes.append(
            {
                "id": theme.key,
                "label": theme.label,
                "summary": theme.summary,
                "keywords": list(theme.keywords or []),
                "members": [m.concern_id for m in theme.members],
                "size": theme.size,
                "support": theme.supporters - theme.size,
                "supporters": theme.supporters,
                "quotes": [theme.quote] if theme.quote else [],
                "quote": theme.quote,
                "category": theme.category,
                # The analysis's own (English) name, as in its JSON; pages translate codes.
                "category_label": CATEGORIES.get(theme.category or "", ""),
                "category_confidence": theme.category_confidence,
                "sentiment": dict(theme.sentiment or {}),
                "parent": next((p.key for p in run.themes if p.id == theme.parent_id), None),
            }
        )
    themes.sort(key=lambda t: (-t["supporters"], t["id"]))
    other = [m for m in run.members if m.theme_id is None]
    return {
        "themes": themes,
        "other": [m.concern_id for m in other],
        "other_supporters": sum(m.supporters for m in other),
        # Kept for the shape of `python -m analysis themes`: action items are the
        # committee's to write from approved themes (the committee workspace).
        "action_items": [],
        "flagged": list(run.flagged_ids or []),
        "meta": {
            "backend": run.backend,
            "model_version": run.model_version,
            "n_concerns": run.n_concerns,
            "n_themes": len(themes),
            "random_state": (run.parameters or {}).get("random_state"),
            "public": False,
            "run": run.number,
            "revision": run.revision,
            "approved_by": approver,
            "approved_at": run.approved_at.isoformat() if run.approved_at else None,
            "duration_seconds": run.duration_seconds,
        },
    }


def fold_public(
    summary: Mapping[str, Any], min_supporters: int = MIN_PUBLIC_SUPPORTERS
) -> dict[str, Any]:
    """The public form of a summary: the one folding rule for every public output.

    Themes with fewer than ``min_supporters`` supporters (docs/domain.md) go into
    "other concerns"; no concern ids and no flagged list leave the building.
    """
    shown: list[dict[str, Any]] = []
    other_supporters = int(summary.get("other_supporters", 0))
    other_count = len(summary.get("other", []))
    for theme in summary.get("themes", []):
        if theme["supporters"] >= min_supporters:
            shown.append(
                {
                    key: theme[key]
                    for key in ("id", "label", "summary", "size", "supporters", "quote", "category")
                    if key in theme
                }
            )
        else:
            other_supporters += theme["supporters"]
            other_count += theme["size"]
    return {
        "themes": shown,
        "other": {"size": other_count, "supporters": other_supporters},
        "meta": {**dict(summary.get("meta", {})), "public": True},
    }


def member_rows(db: Session, run: ThemeRun) -> dict[int, Concern]:
    """The concerns of a run's members, by id (for the facilitator view)."""
    ids = [m.concern_id for m in run.members]
    if not ids:
        return {}
    return {c.id: c for c in db.scalars(select(Concern).where(Concern.id.in_(ids)))}


def themes_in_order(run: ThemeRun) -> Sequence[Theme]:
    return sorted(run.themes, key=lambda t: (-t.supporters, t.position, t.id))


def ids(values: Iterable[Any]) -> list[int]:
    return [int(v) for v in values]


def displayed_run(db: Session, ls: ListeningSession) -> ThemeRun | None:
    """The run the projector shows as "What we heard", if any."""
    return db.scalar(
        select(ThemeRun).where(
            ThemeRun.session_id == ls.id,
            ThemeRun.on_display.is_(True),
            ThemeRun.discarded_at.is_(None),
            ThemeRun.status == RunStatus.DONE,
        )
    )


def set_display(
    db: Session, ls: ListeningSession, run: ThemeRun | None, by: User
) -> ThemeRun | None:
    """Show ``run``'s themes on the projector, or the live concerns again (None)."""
    if run is not None:
        _check_editable(run)
    db.execute(update(ThemeRun).where(ThemeRun.session_id == ls.id).values(on_display=False))
    if run is not None:
        run.on_display = True
    db.add(
        ModerationAction(
            session_id=ls.id,
            user_id=by.id,
            action="display_themes" if run else "display_concerns",
            detail=f"run {run.number}" if run else "",
        )
    )
    db.flush()
    if run is not None:
        db.refresh(run)
    return run


def unknown_action_message() -> str:
    return _("Unknown theme edit: use rename, move, merge, split, category or quote.")
