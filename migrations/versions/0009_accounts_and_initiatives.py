"""Roles for accounts, initiatives that group sessions, an audit log, password resets.

Existing data stays usable: every existing account keeps the facilitator role, and if
there are sessions they are put in one initiative, "Listening sessions", whose members
are all existing accounts, so everybody still sees what they saw before.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EXISTING_INITIATIVE = "Listening sessions"


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_facilitator", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column(
                "is_committee_member", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(
            sa.Column(
                "affiliation",
                sa.Enum(
                    "police", "community", "city", name="affiliation", native_enum=False, length=32
                ),
                nullable=True,
            )
        )
    op.create_table(
        "initiatives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("title_es", sa.String(length=200), nullable=False, server_default=""),
        sa.Column("description", sa.Text(), nullable=False, server_default=""),
        sa.Column("description_es", sa.Text(), nullable=False, server_default=""),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "initiative_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("initiative_id", "user_id"),
    )
    op.create_index("ix_initiative_members_initiative_id", "initiative_members", ["initiative_id"])
    op.create_index("ix_initiative_members_user_id", "initiative_members", ["user_id"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject_user_id", sa.Integer(), nullable=True),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["subject_user_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "password_resets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_password_resets_user_id", "password_resets", ["user_id"])
    with op.batch_alter_table("listening_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("initiative_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_listening_sessions_initiative_id", ["initiative_id"])
        batch_op.create_foreign_key(
            "fk_listening_sessions_initiative_id",
            "initiatives",
            ["initiative_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _existing_sessions_into_one_initiative()


def _existing_sessions_into_one_initiative() -> None:
    bind = op.get_bind()
    if not bind.execute(sa.text("SELECT COUNT(*) FROM listening_sessions")).scalar():
        return
    bind.execute(
        sa.text(
            "INSERT INTO initiatives (title, title_es, description, description_es, created_at)"
            " VALUES (:title, 'Sesiones de escucha', '', '', CURRENT_TIMESTAMP)"
        ),
        {"title": EXISTING_INITIATIVE},
    )
    initiative_id = bind.execute(sa.text("SELECT MAX(id) FROM initiatives")).scalar()
    bind.execute(sa.text("UPDATE listening_sessions SET initiative_id = :i"), {"i": initiative_id})
    bind.execute(
        sa.text(
            "INSERT INTO initiative_members (initiative_id, user_id, added_at)"
            " SELECT :i, id, CURRENT_TIMESTAMP FROM users"
        ),
        {"i": initiative_id},
    )


def downgrade() -> None:
    with op.batch_alter_table("listening_sessions", schema=None) as batch_op:
        batch_op.drop_constraint("fk_listening_sessions_initiative_id", type_="foreignkey")
        batch_op.drop_index("ix_listening_sessions_initiative_id")
        batch_op.drop_column("initiative_id")
    op.drop_index("ix_password_resets_user_id", table_name="password_resets")
    op.drop_table("password_resets")
    op.drop_table("audit_events")
    op.drop_index("ix_initiative_members_user_id", table_name="initiative_members")
    op.drop_index("ix_initiative_members_initiative_id", table_name="initiative_members")
    op.drop_table("initiative_members")
    op.drop_table("initiatives")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("affiliation")
        batch_op.drop_column("is_committee_member")
        batch_op.drop_column("is_facilitator")
