"""Command-line tasks.

flask --app facilitator create-admin
flask --app facilitator upgrade-db
"""

from __future__ import annotations

import click
from flask import Flask


def init_app(app: Flask) -> None:
    @app.cli.command("create-admin")
    @click.option("--username", prompt=True)
    @click.password_option()
    def create_admin(username: str, password: str) -> None:
        """Create an administrator account (the first one, or another)."""
        from facilitator.errors import DomainError
        from facilitator.extensions import db
        from facilitator.migrate import upgrade_database
        from facilitator.services.accounts import create_user

        upgrade_database(app)
        try:
            with db.writing() as s:
                user = create_user(s, username, password, is_admin=True)
        except DomainError as exc:
            raise click.ClickException(exc.message) from exc
        click.echo(f"Created administrator {user.username!r}.")

    @app.cli.command("upgrade-db")
    def upgrade_db() -> None:
        """Create or migrate the database schema."""
        from facilitator.migrate import upgrade_database

        upgrade_database(app)
        click.echo("Database is up to date.")
