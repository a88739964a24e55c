"""Where to make a formal complaint, per session.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("listening_sessions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("complaint_channel", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("listening_sessions", schema=None) as batch_op:
        batch_op.drop_column("complaint_channel")
