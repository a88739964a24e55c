"""Retention: a session's raw posts are deleted some days after its summary is approved.

What goes and what stays is written down in docs/privacy.md ("How long posts are
kept"); this module is the code that page describes. Like every service it only
flushes: ``facilitator.retention`` opens one transaction per session, logs the counts
and runs the check on a schedule inside the server (and as ``flask purge-posts``).

The rule:

- A session is *due* when it is closed, has no theme run queued or running, and its
  newest approval that is still current (a non-discarded run whose approved revision
  is its revision) is at least ``days`` old. A session whose summary was never
  approved is never purged: the issue's rule is "after approval", and a committee that
  has not approved anything still needs the posts to do so.
- Purging deletes every row that holds a post's text or points at a post: the posts
  (``concerns``: text, edit, language, redactions, safety flags, author hash), their
  "me too" rows (``supports``), the theme runs' members (``theme_members``), the
  moderation log's references to them (the rows stay, without a post id), the candidate
  quotes a facilitator did not choose and the runs' lists of flagged post ids.
- Before that, the counts the pages still show are frozen into
  ``ListeningSession.retained_counts`` (``concern_counts`` and ``moderation_summary``
  read them from then on) and ``raw_purged_at`` is set, in the same transaction.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from facilitator.errors import Conflict
from facilitator.models import (
    Concern,
    ListeningSession,
    ModerationAction,
    SessionStatus,
    Support,
    as_utc,
)
from facilitator.services.concerns import count_posts
from facilitator.theme_models import RunStatus, Theme, ThemeMember, ThemeRun

#: Log rows whose detail names another post by its id (merge target, a moved member):
#: the purge clears the detail with the reference.
_DETAIL_NAMES_A_POST = ("merge", "theme_concern_moved")


@dataclass(frozen=True)
class PurgeCounts:
    """How many rows one purge deleted or cleared (what the log line says)."""

    session_id: int
    posts: int
    me_too: int
    theme_members: int
    log_references: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def check_days(value: object) -> int:
    """``RETENTION_DAYS`` as a whole number of days, 0 or more, or a clear error.

    0 means: at the first check after the summary is approved (and the session closed).
    """
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit():
        raise ValueError(
            f"RETENTION_DAYS must be a whole number of days, 0 or more (it is {value!r})."
        )
    return int(text)


def approved_at(db: Session, ls: ListeningSession) -> datetime | None:
    """When the session's newest current approval was made, if it has one."""
    value = db.scalar(_approved_at_query().where(ThemeRun.session_id == ls.id))
    return as_utc(value) if value is not None else None


def _approved_at_query():  # type: ignore[no-untyped-def]
    return select(func.max(ThemeRun.approved_at).label("approved_at")).where(
        ThemeRun.discarded_at.is_(None),
        ThemeRun.approved_at.is_not(None),
        ThemeRun.approved_revision == ThemeRun.revision,
    )


def due_sessions(db: Session, now: datetime, days: int) -> list[ListeningSession]:
    """Sessions whose raw posts are due for deletion at ``now`` (oldest approval first)."""
    cutoff = now - timedelta(days=days)
    approved = (
        _approved_at_query()
        .add_columns(ThemeRun.session_id)
        .group_by(ThemeRun.session_id)
        .subquery()
    )
    running = select(ThemeRun.session_id).where(
        ThemeRun.status.in_([RunStatus.QUEUED, RunStatus.RUNNING])
    )
    first_column = approved.c.approved_at
    return list(
        db.scalars(
            select(ListeningSession)
            .join(approved, approved.c.session_id == ListeningSession.id)
            .where(
                ListeningSession.raw_purged_at.is_(None),
                ListeningSession.status == SessionStatus.CLOSED,
                first_column <= cutoff,
                ListeningSession.id.not_in(running),
            )
            .order_by(first_column, ListeningSession.id)
        )
    )


def planned_counts(db: Session, ls: ListeningSession) -> PurgeCounts:
    """What ``purge_session`` would delete now (for ``--dry-run``); changes nothing."""
    concern_ids = select(Concern.id).where(Concern.session_id == ls.id)
    return PurgeCounts(
        session_id=ls.id,
        posts=db.scalar(select(func.count()).select_from(concern_ids.subquery())) or 0,
        me_too=db.scalar(select(func.count(Support.id)).where(Support.concern_id.in_(concern_ids)))
        or 0,
        theme_members=db.scalar(
            select(func.count(ThemeMember.id)).where(ThemeMember.concern_id.in_(concern_ids))
        )
        or 0,
        log_references=db.scalar(
            select(func.count(ModerationAction.id)).where(
                ModerationAction.session_id == ls.id, ModerationAction.concern_id.is_not(None)
            )
        )
        or 0,
    )


def purge_session(db: Session, ls: ListeningSession, now: datetime) -> PurgeCounts | None:
    """Delete the session's raw posts, keeping the counts; None if it was already purged.

    Safe to run in several processes at once: the session row is claimed with a
    conditional UPDATE (``raw_purged_at`` still empty), which one transaction wins; on
    PostgreSQL the others wait for its commit and then find the row taken.
    """
    if ls.raw_purged_at is not None:
        return None
    counts = count_posts(db, ls)  # the live counts, before anything goes
    claimed = db.execute(
        update(ListeningSession)
        .where(ListeningSession.id == ls.id, ListeningSession.raw_purged_at.is_(None))
        .values(raw_purged_at=now, retained_counts=counts)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.expire(ls, ["raw_purged_at", "retained_counts"])
        return None
    if db.get_bind().dialect.name == "sqlite":
        # Deleted rows are overwritten with zeros instead of left in free pages of the
        # file (this connection keeps the setting; it only costs a little more I/O).
        db.execute(text("PRAGMA secure_delete=ON"))
    concern_ids = select(Concern.id).where(Concern.session_id == ls.id).scalar_subquery()
    log_references = db.execute(
        update(ModerationAction)
        .where(ModerationAction.session_id == ls.id, ModerationAction.concern_id.is_not(None))
        .values(concern_id=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.execute(
        update(ModerationAction)
        .where(
            ModerationAction.session_id == ls.id,
            ModerationAction.action.in_(_DETAIL_NAMES_A_POST),
        )
        .values(detail="")
        .execution_options(synchronize_session=False)
    )
    me_too = db.execute(
        delete(Support)
        .where(Support.concern_id.in_(concern_ids))
        .execution_options(synchronize_session=False)
    ).rowcount
    members = db.execute(
        delete(ThemeMember)
        .where(ThemeMember.concern_id.in_(concern_ids))
        .execution_options(synchronize_session=False)
    ).rowcount
    # Merged posts point at their head; clear that first so no row waits on another.
    db.execute(
        update(Concern)
        .where(Concern.session_id == ls.id, Concern.merged_into_id.is_not(None))
        .values(merged_into_id=None)
        .execution_options(synchronize_session=False)
    )
    posts = db.execute(
        delete(Concern)
        .where(Concern.session_id == ls.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    _keep_only_chosen_quotes(db, ls)
    db.flush()
    db.expire_all()  # loaded concerns, members and runs are stale now
    return PurgeCounts(ls.id, posts, me_too, members, log_references)


def _keep_only_chosen_quotes(db: Session, ls: ListeningSession) -> None:
    """Themes keep their chosen (redacted) quote; other candidates were posts' text.

    The runs' flagged post ids go too (they pointed at posts), and the projector leaves
    "What we heard": its counts came from the members (the approved summary keeps them).
    """
    runs = list(db.scalars(select(ThemeRun).where(ThemeRun.session_id == ls.id)))
    for run in runs:
        run.flagged_ids = []
        run.on_display = False
    if runs:
        themes = db.scalars(select(Theme).where(Theme.run_id.in_([r.id for r in runs])))
        for theme in themes:
            theme.quotes = [theme.quote] if theme.quote else []


def purged_message(ls: ListeningSession) -> str:
    """What to tell someone who asks for something that needs the purged posts."""
    assert ls.raw_purged_at is not None
    return _(
        "The posts of this session were deleted on %(date)s, as the retention rule says. "
        "The approved summary, its quotes, the counts and the action items remain; "
        "anything that needs the posts themselves can no longer be done.",
        date=format_date(as_utc(ls.raw_purged_at), format="long"),
    )


def check_posts_kept(ls: ListeningSession) -> None:
    """Refuse what needs the raw posts (find themes, edit or approve a run, reopen)."""
    if ls.raw_purged_at is not None:
        raise Conflict("posts_purged", purged_message(ls))
