"""Command-line tasks.

flask --app facilitator create-admin
flask --app facilitator create-user [--safety-moderator]
flask --app facilitator upgrade-db
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
