"""The command-line tasks create accounts without any default password."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import User


def test_create_user_as_safety_moderator(app: Flask) -> None:
    db.drop_all()  # the command migrates the schema itself, as on a real first run
    runner = app.test_cli_runner()
    password = "a long and private passphrase"
    result = runner.invoke(
        args=["create-user", "--username", "advocate", "--safety-moderator"],
        input=f"{password}\n{password}\n",
    )
    assert result.exit_code == 0, result.output
    assert "safety moderator 'advocate'" in result.output
    user = db.session.scalar(select(User).where(User.username == "advocate"))
    assert user.is_safety_moderator and not user.is_admin


def test_create_admin_refuses_a_short_password(app: Flask) -> None:
    db.drop_all()
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--username", "boss"], input="short\nshort\n"
    )
    assert result.exit_code != 0 and "12" in result.output
