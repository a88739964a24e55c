"""Command-line tasks.

flask --app facilitator create-admin
flask --app facilitator create-user [--safety-moderator]
flask --app facilitator upgrade-db
flask --app facilitator purge-posts [--dry-run] [--days N]
"""

from __future__ import annotations

import click
from flask import Flask


def init_app(app: Flask) -> None:
    def _create(username: str, password: str, **roles: bool) -> str:
        from facilitator.errors import DomainError
        from facilitator.extensions import db
        from facilitator.migrate import upgrade_database
        from facilitator.services.accounts import create_user

        upgrade_database(app)
        try:
            with db.writing() as s:
                return create_user(s, username, password, **roles).username
        except DomainError as exc:
            raise click.ClickException(exc.message) from exc

    @app.cli.command("create-admin")
    @click.option("--username", prompt=True)
    @click.password_option()
    def create_admin(username: str, password: str) -> None:
        """Create an administrator account (the first one, or another)."""
        click.echo(f"Created administrator {_create(username, password, is_admin=True)!r}.")

    @app.cli.command("create-user")
    @click.option("--username", prompt=True)
    @click.password_option()
    @click.option(
        "--safety-moderator",
        is_flag=True,
        help="Sees and decides on posts held for safety (for a victim-services partner).",
    )
    def create_facilitator(username: str, password: str, safety_moderator: bool) -> None:
        """Create a facilitator account, optionally a safety moderator."""
        name = _create(username, password, is_safety_moderator=safety_moderator)
        role = "safety moderator" if safety_moderator else "facilitator"
        click.echo(f"Created {role} {name!r}.")

    @app.cli.command("upgrade-db")
    def upgrade_db() -> None:
        """Create or migrate the database schema."""
        from facilitator.migrate import upgrade_database

        upgrade_database(app)
        click.echo("Database is up to date.")

    @app.cli.command("purge-posts")
    @click.option("--dry-run", is_flag=True, help="Print what would be purged; change nothing.")
    @click.option(
        "--days",
        type=click.IntRange(min=0),
        default=None,
        help="Days after approval (default: RETENTION_DAYS).",
    )
    def purge_posts(dry_run: bool, days: int | None) -> None:
        """Delete the raw posts of sessions approved long enough ago (docs/privacy.md).

        The server does this by itself every RETENTION_CHECK_SECONDS; this runs it now.
        Prints counts only, never a post's text.
        """
        from facilitator import retention
        from facilitator.models import utcnow

        days = app.config["RETENTION_DAYS"] if days is None else days
        now = utcnow()
        if dry_run:
            planned = retention.due(now, days)
            for item in planned:
                c = item.counts
                approved = item.approved_at.date().isoformat() if item.approved_at else "?"
                click.echo(
                    f"Session {c.session_id} (summary approved {approved}): would delete "
                    f"{c.posts} posts, {c.me_too} me-too rows, {c.theme_members} theme "
                    f"members, and clear {c.log_references} moderation log references."
                )
            click.echo(f"{len(planned)} session(s) due ({days} days after approval); dry run.")
            return
        purged = retention.purge_due_sessions(now, days)
        for c in purged:
            click.echo(
                f"Session {c.session_id}: deleted {c.posts} posts, {c.me_too} me-too rows, "
                f"{c.theme_members} theme members; cleared {c.log_references} log references."
            )
        click.echo(f"{len(purged)} session(s) purged ({days} days after approval).")
