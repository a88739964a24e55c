"""First real use: Spanish versions of a session's texts; "me too" counts taps only.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

``concerns.support_count`` used to count the authors of a concern (and of those merged
into it) plus the "me too" taps; it now counts the taps by others only, each device
once per group. The upgrade recounts from the ``supports`` rows; the downgrade adds the
authors back.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TRANSLATED = (
    ("title_es", sa.String(200)),
    ("purpose_es", sa.Text()),
    ("ground_rules_es", sa.Text()),
    ("complaint_channel_es", sa.Text()),
)

# Distinct tapping devices on a concern and on the live members merged into it.
_TAPS = """
    SELECT COUNT(DISTINCT s.supporter_hash) FROM supports s
    JOIN concerns m ON s.concern_id = m.id
    WHERE m.id = concerns.id
       OR (m.merged_into_id = concerns.id AND m.status <> 'withdrawn')
"""
# Authors as the old count had them: the concern unless withdrawn, plus its live members.
_AUTHORS = """
    (CASE WHEN concerns.status = 'withdrawn' THEN 0 ELSE 1 END)
    + (SELECT COUNT(*) FROM concerns m
       WHERE m.merged_into_id = concerns.id AND m.status <> 'withdrawn')
"""


def upgrade() -> None:
    with op.batch_alter_table("listening_sessions", schema=None) as batch_op:
        for name, type_ in _TRANSLATED:
            batch_op.add_column(sa.Column(name, type_, nullable=False, server_default=""))
    op.execute(f"UPDATE concerns SET support_count = ({_TAPS})")  # noqa: S608 - constant SQL


def downgrade() -> None:
    op.execute(
        "UPDATE concerns SET support_count ="  # noqa: S608 - constant SQL, no input
        f" (CASE WHEN ({_AUTHORS}) < 1 THEN 1 ELSE ({_AUTHORS}) END) + ({_TAPS})"
    )
    # Plain DROP COLUMN (SQLite 3.35+, PostgreSQL), not a batch copy of the table: on
    # SQLite the copy drops the old table, and with foreign keys on that would delete
    # every session's concerns through ON DELETE CASCADE.
    for name, _type in reversed(_TRANSLATED):
        op.execute(f"ALTER TABLE listening_sessions DROP COLUMN {name}")
