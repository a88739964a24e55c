"""Redacted spans and safety holds on concerns; safety moderators among users.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.add_column(sa.Column("redactions", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column("safety_kinds", sa.JSON(), nullable=False, server_default="[]")
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "is_safety_moderator", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    # The defaults only fill existing rows; the app always sets the values itself.
    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.alter_column("redactions", server_default=None)
        batch_op.alter_column("safety_kinds", server_default=None)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("is_safety_moderator", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("is_safety_moderator")
    with op.batch_alter_table("concerns", schema=None) as batch_op:
        batch_op.drop_column("safety_kinds")
        batch_op.drop_column("redactions")
