"""Action items ("You said / We did"): milestones, a status timeline, joint sign-offs.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "action_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("title_es", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("summary_es", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column(
            "response_type",
            sa.Enum(
                "acknowledge",
                "explain",
                "change_policy",
                "train",
                "resource",
                "refer",
                "decline",
                name="response_type",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "owner_role",
            sa.Enum(
                "police", "community", "joint", name="owner_role", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("lead_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "accepted",
                "in_progress",
                "done",
                "declined",
                name="item_status",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("we_did", sa.Text(), nullable=False),
        sa.Column("we_did_es", sa.Text(), nullable=False),
        sa.Column("decline_reason", sa.Text(), nullable=False),
        sa.Column("decline_reason_es", sa.Text(), nullable=False),
        sa.Column("reported_back_on", sa.Date(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["lead_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_items_initiative_id"), ["initiative_id"], unique=False
        )

    op.create_table(
        "action_item_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "proposed",
                "accepted",
                "in_progress",
                "done",
                "declined",
                name="item_status",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "proposed",
                "accepted",
                "in_progress",
                "done",
                "declined",
                name="item_status",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["by_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["item_id"], ["action_items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action_item_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_item_changes_item_id"), ["item_id"], unique=False
        )

    op.create_table(
        "action_item_milestones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("title_es", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["item_id"], ["action_items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action_item_milestones", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_item_milestones_item_id"), ["item_id"], unique=False
        )

    op.create_table(
        "action_item_sign_offs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column(
            "step",
            sa.Enum(
                "proposed",
                "accepted",
                "in_progress",
                "done",
                "declined",
                name="item_status",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column(
            "affiliation",
            sa.Enum(
                "police", "community", "city", name="affiliation", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["action_items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id", "step", "user_id"),
    )
    with op.batch_alter_table("action_item_sign_offs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_item_sign_offs_item_id"), ["item_id"], unique=False
        )

    op.create_table(
        "action_item_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("device_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "answer",
            sa.Enum("yes", "partly", "no", name="feedback_answer", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["action_items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id", "device_hash"),
    )
    with op.batch_alter_table("action_item_feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_item_feedback_item_id"), ["item_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("action_item_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_item_feedback_item_id"))
    op.drop_table("action_item_feedback")
    with op.batch_alter_table("action_item_sign_offs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_item_sign_offs_item_id"))

    op.drop_table("action_item_sign_offs")
    with op.batch_alter_table("action_item_milestones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_item_milestones_item_id"))

    op.drop_table("action_item_milestones")
    with op.batch_alter_table("action_item_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_item_changes_item_id"))

    op.drop_table("action_item_changes")
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_items_initiative_id"))

    op.drop_table("action_items")
