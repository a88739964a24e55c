"""Themes linked across sessions, action items linked to themes, and the retention purge.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("listening_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("raw_purged_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("retained_counts", sa.JSON(), nullable=True))
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("centroid", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("label_es", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("summary_es", sa.Text(), server_default="", nullable=False))

    # The retention purge deletes a session's posts: find their rows by index.
    with op.batch_alter_table("theme_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_theme_members_concern_id"), ["concern_id"], unique=False
        )
    with op.batch_alter_table("moderation_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_moderation_actions_concern_id"), ["concern_id"], unique=False
        )

    op.create_table(
        "action_item_themes",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["action_items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["theme_id"], ["themes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("item_id", "theme_id"),
    )
    op.create_table(
        "theme_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("theme_a_id", sa.Integer(), nullable=False),
        sa.Column("theme_b_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "suggested",
                "confirmed",
                "rejected",
                name="link_status",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("theme_a_id < theme_b_id", name="ck_theme_link_order"),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["theme_a_id"], ["themes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["theme_b_id"], ["themes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("theme_a_id", "theme_b_id", name="uq_theme_link"),
    )
    with op.batch_alter_table("theme_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_theme_links_initiative_id"), ["initiative_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_theme_links_theme_b_id"), ["theme_b_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("theme_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_links_theme_b_id"))
        batch_op.drop_index(batch_op.f("ix_theme_links_initiative_id"))
    op.drop_table("theme_links")
    with op.batch_alter_table("moderation_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_moderation_actions_concern_id"))
    with op.batch_alter_table("theme_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_members_concern_id"))
    op.drop_table("action_item_themes")
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.drop_column("summary_es")
        batch_op.drop_column("label_es")
        batch_op.drop_column("centroid")
    with op.batch_alter_table("listening_sessions", schema=None) as batch_op:
        batch_op.drop_column("retained_counts")
        batch_op.drop_column("raw_purged_at")
