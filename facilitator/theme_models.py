"""Theme runs and their themes: what one analysis of a session produced, and its review.

These models live in their own module rather than in ``facilitator/models.py``
(already past 400 lines and edited by several people at once). ``migrations/env.py``
imports this module so Alembic sees the tables.

A :class:`ThemeRun` is both the job row (status, stage, progress, error: any process
can read it) and the stored result (parameters, backend, themes). Quotes and the
approved summary are stored as redacted *text*, never as references to posts, so the
committee's work and the public report-back survive the purge of raw posts.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.db import Base
from facilitator.models import _iso, utcnow

if TYPE_CHECKING:
    from facilitator.models import ActionItem


class RunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def active(self) -> bool:
        return self in (RunStatus.QUEUED, RunStatus.RUNNING)


class RunError(enum.StrEnum):
    """Why a run failed: ``ThemeRun.error`` holds one of these, then ``:detail`` for some.

    Stored as a code, never as a sentence: the worker that writes it has no reader, and
    every console shows it in its own language (``labels.run_error_message``).
    """

    WORKER_STOPPED = "worker_stopped"
    INPUT = "input_error"  # detail: what the analysis could not read (its own words)
    FAILED = "analysis_failed"  # detail: the exception's class name

    def stored(self, detail: str = "") -> str:
        """The value for ``ThemeRun.error``."""
        return f"{self.value}:{detail}" if detail else self.value


#: The stages a run reports, in order (the progress bar names them).
STAGES = ("preparing", "embedding", "clustering", "labelling", "saving")


def _status_enum() -> Enum:
    return Enum(
        RunStatus,
        name="run_status",
        native_enum=False,
        validate_strings=True,
        length=32,
        values_callable=lambda e: [m.value for m in e],
    )


class ThemeRun(Base):
    """One analysis of one session: the job, its parameters and, when done, its themes."""

    __tablename__ = "theme_runs"
    __table_args__ = (UniqueConstraint("session_id", "number", name="uq_theme_run_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("listening_sessions.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... per session
    status: Mapped[RunStatus] = mapped_column(_status_enum(), default=RunStatus.QUEUED, index=True)
    stage: Mapped[str] = mapped_column(String(32), default="")
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    error: Mapped[str] = mapped_column(Text, default="")
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    # The worker touches it with every progress report; a running job whose heartbeat
    # stopped belongs to a worker that died (see services.themes.fail_stale_runs).
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    backend: Mapped[str] = mapped_column(String(64), default="")
    model_version: Mapped[str] = mapped_column(String(120), default="")
    n_concerns: Mapped[int] = mapped_column(Integer, default=0)
    duration_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    # A clear reason when the honest answer is "no themes" (0-2 concerns, all the same).
    notice: Mapped[str] = mapped_column(Text, default="")
    # Concern ids the analysis put in "other" and held back as safety flags.
    flagged_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # Edits of the previous run that could not be carried over: [{"theme", "what"}].
    carry_notes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Every edit bumps it; an approval is of one revision.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    approved_revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    # The approved summary, frozen as text (labels, summaries, redacted quotes, counts):
    # what the committee and the public report-back read.
    approved_summary: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    discarded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The projector shows this run's "What we heard" (one run per session at most).
    on_display: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    themes: Mapped[list[Theme]] = relationship(
        back_populates="run", order_by="Theme.position", cascade="all, delete-orphan"
    )
    members: Mapped[list[ThemeMember]] = relationship(
        back_populates="run", cascade="all, delete-orphan"
    )

    @property
    def approved(self) -> bool:
        """Approved, and nothing changed since."""
        return self.approved_revision is not None and self.approved_revision == self.revision

    def job_dict(self) -> dict[str, Any]:
        """The job's state, for the progress bar."""
        return {
            "run_id": self.id,
            "session_id": self.session_id,
            "number": self.number,
            "status": self.status.value,
            "stage": self.stage,
            "progress": round(self.progress, 3),
            "error": self.error,
            "cancel_requested": self.cancel_requested,
        }

    def to_dict(self) -> dict[str, Any]:
        data = self.job_dict()
        data.update(
            backend=self.backend,
            model_version=self.model_version,
            parameters=dict(self.parameters or {}),
            n_concerns=self.n_concerns,
            duration_seconds=self.duration_seconds,
            notice=self.notice,
            carry_notes=list(self.carry_notes or []),
            revision=self.revision,
            approved=self.approved,
            approved_revision=self.approved_revision,
            approved_at=_iso(self.approved_at),
            discarded=self.discarded_at is not None,
            on_display=self.on_display,
            created_at=_iso(self.created_at),
            finished_at=_iso(self.finished_at),
            themes=[t.to_dict() for t in self.themes],
            other=[m.concern_id for m in self.members if m.theme_id is None],
        )
        return data

    def __repr__(self) -> str:
        return f"<ThemeRun {self.id} #{self.number} of session {self.session_id} {self.status}>"


class Theme(Base):
    """A theme of a run, as found and then as reviewed by the facilitators."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("theme_runs.id", ondelete="CASCADE"), index=True)
    # A split's sub-themes point at the theme they came from.
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("themes.id", ondelete="SET NULL"), nullable=True
    )
    key: Mapped[str] = mapped_column(String(40))  # "theme-1" as the analysis named it
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    category: Mapped[str | None] = mapped_column(String(8), nullable=True)
    category_confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    # Candidate quotes (redacted text) and the chosen one, as text.
    quotes: Mapped[list[str]] = mapped_column(JSON, default=list)
    quote: Mapped[str] = mapped_column(Text, default="")
    sentiment: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Which fields a person set ("label", "summary", "category", "quote"): carried over.
    edited: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The unit-length mean embedding of its members' texts, stored when the run is
    # approved: what cross-session link suggestions compare (no post text needed later).
    centroid: Mapped[list[float] | None] = mapped_column(JSON, nullable=True)
    # Spanish versions of the public label and summary, written by the committee.
    label_es: Mapped[str] = mapped_column(String(200), default="", server_default="")
    summary_es: Mapped[str] = mapped_column(Text, default="", server_default="")

    run: Mapped[ThemeRun] = relationship(back_populates="themes")
    members: Mapped[list[ThemeMember]] = relationship(
        back_populates="theme", order_by="ThemeMember.concern_id"
    )
    action_items: Mapped[list[ActionItem]] = relationship(
        secondary="action_item_themes", back_populates="themes"
    )

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def supporters(self) -> int:
        return sum(m.supporters for m in self.members)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "parent_id": self.parent_id,
            "label": self.label,
            "summary": self.summary,
            "keywords": list(self.keywords or []),
            "category": self.category,
            "category_confidence": self.category_confidence,
            "quotes": list(self.quotes or []),
            "quote": self.quote,
            "sentiment": dict(self.sentiment or {}),
            "edited": list(self.edited or []),
            "size": self.size,
            "supporters": self.supporters,
            "members": [m.concern_id for m in self.members],
        }

    def __repr__(self) -> str:
        return f"<Theme {self.id} {self.label!r} of run {self.run_id}>"


class ThemeMember(Base):
    """One concern in one run: its theme (None: "other") and its supporters at the time.

    Deleted with the concern when raw posts are purged; the approved summary keeps the
    counts and quotes as text.
    """

    __tablename__ = "theme_members"
    __table_args__ = (UniqueConstraint("run_id", "concern_id", name="uq_theme_member"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("theme_runs.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("themes.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # Indexed: the retention purge deletes members by their concern.
    concern_id: Mapped[int] = mapped_column(
        ForeignKey("concerns.id", ondelete="CASCADE"), index=True
    )
    supporters: Mapped[int] = mapped_column(Integer, default=1)
    on_behalf: Mapped[bool] = mapped_column(Boolean, default=False)
    # A person moved it here: carried over to the next run.
    moved: Mapped[bool] = mapped_column(Boolean, default=False)

    run: Mapped[ThemeRun] = relationship(back_populates="members")
    theme: Mapped[Theme | None] = relationship(back_populates="members")

    def __repr__(self) -> str:
        return f"<ThemeMember concern {self.concern_id} in theme {self.theme_id}>"


#: Which approved themes an action item answers (several, across sessions).
action_item_themes = Table(
    "action_item_themes",
    Base.metadata,
    Column("item_id", ForeignKey("action_items.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)


class LinkStatus(enum.StrEnum):
    SUGGESTED = "suggested"  # the app's proposal, by the similarity of the members
    CONFIRMED = "confirmed"  # a committee member agreed: the same thing in both sessions
    REJECTED = "rejected"  # a member disagreed: never suggested again


class ThemeLink(Base):
    """Two approved themes of different sessions of one initiative that are about the
    same thing. The pair is stored once, lower theme id first; linked topics are the
    connected groups of confirmed links."""

    __tablename__ = "theme_links"
    __table_args__ = (
        UniqueConstraint("theme_a_id", "theme_b_id", name="uq_theme_link"),
        CheckConstraint("theme_a_id < theme_b_id", name="ck_theme_link_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True
    )
    theme_a_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"))
    theme_b_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    status: Mapped[LinkStatus] = mapped_column(
        Enum(
            LinkStatus,
            name="link_status",
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=LinkStatus.SUGGESTED,
    )
    similarity: Mapped[float | None] = mapped_column(Float, nullable=True)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    theme_a: Mapped[Theme] = relationship(foreign_keys=[theme_a_id])
    theme_b: Mapped[Theme] = relationship(foreign_keys=[theme_b_id])

    def __repr__(self) -> str:
        return f"<ThemeLink {self.theme_a_id}-{self.theme_b_id} {self.status.value}>"
