"""Theme runs (the analysis job and its stored result), themes and their members.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
# The brief asked for "0006"; 0009 (accounts) already sits on 0006 in this branch, and
# two heads would stop `upgrade head`. The lead re-chains 0007/0008/0009 at merge.
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RUN_STATUS = sa.Enum(
    "queued",
    "running",
    "done",
    "failed",
    "cancelled",
    name="run_status",
    native_enum=False,
    length=32,
)


def upgrade() -> None:
    op.create_table(
        "theme_runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("listening_sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", RUN_STATUS, nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("backend", sa.String(64), nullable=False),
        sa.Column("model_version", sa.String(120), nullable=False),
        sa.Column("n_concerns", sa.Integer(), nullable=False),
        sa.Column("duration_seconds", sa.Float(), nullable=True),
        sa.Column("notice", sa.Text(), nullable=False),
        sa.Column("flagged_ids", sa.JSON(), nullable=False),
        sa.Column("carry_notes", sa.JSON(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("approved_revision", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "approved_by_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("approved_summary", sa.JSON(), nullable=True),
        sa.Column("discarded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("on_display", sa.Boolean(), nullable=False),
        sa.Column(
            "created_by_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("session_id", "number", name="uq_theme_run_number"),
    )
    op.create_index("ix_theme_runs_session_id", "theme_runs", ["session_id"])
    op.create_index("ix_theme_runs_status", "theme_runs", ["status"])
    op.create_table(
        "themes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "run_id",
            sa.Integer(),
            sa.ForeignKey("theme_runs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "parent_id",
            sa.Integer(),
            sa.ForeignKey("themes.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("category", sa.String(8), nullable=True),
        sa.Column("category_confidence", sa.Float(), nullable=True),
        sa.Column("quotes", sa.JSON(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("sentiment", sa.JSON(), nullable=False),
        sa.Column("edited", sa.JSON(), nullable=False),
    )
    op.create_index("ix_themes_run_id", "themes", ["run_id"])
    op.create_table(
        "theme_members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "run_id",
            sa.Integer(),
            sa.ForeignKey("theme_runs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "theme_id", sa.Integer(), sa.ForeignKey("themes.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column(
            "concern_id",
            sa.Integer(),
            sa.ForeignKey("concerns.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("supporters", sa.Integer(), nullable=False),
        sa.Column("on_behalf", sa.Boolean(), nullable=False),
        sa.Column("moved", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("run_id", "concern_id", name="uq_theme_member"),
    )
    op.create_index("ix_theme_members_run_id", "theme_members", ["run_id"])
    op.create_index("ix_theme_members_theme_id", "theme_members", ["theme_id"])


def downgrade() -> None:
    op.drop_table("theme_members")
    op.drop_table("themes")
    op.drop_table("theme_runs")
