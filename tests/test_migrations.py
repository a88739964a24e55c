"""Alembic migrations build exactly the schema the models describe, and undo cleanly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import inspect, text

from facilitator.db import Base
from facilitator.extensions import db
from facilitator.migrate import alembic_config, upgrade_database


def test_upgrade_matches_models_and_downgrade_empties(app: Flask) -> None:
    db.drop_all()
    upgrade_database(app)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    upgrade_database(app)  # a second run is a no-op
    with db.engine.begin() as conn:
        config = alembic_config(app.config["SQLALCHEMY_DATABASE_URI"])
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}


def test_sessions_from_before_0006_get_an_empty_complaint_channel(app: Flask) -> None:
    db.drop_all()
    config = alembic_config(app.config["SQLALCHEMY_DATABASE_URI"])
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO listening_sessions (title, purpose, ground_rules, code, status,"
                " moderation_mode, created_at) VALUES ('Old', '', '', 'ABCDEFG', 'draft',"
                " 'approve_first', CURRENT_TIMESTAMP)"
            )
        )
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0006")
    with db.engine.connect() as conn:
        channel = conn.execute(text("SELECT complaint_channel FROM listening_sessions")).scalar()
    assert channel == ""
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
    columns = {c["name"] for c in inspect(db.engine).get_columns("listening_sessions")}
    assert "complaint_channel" not in columns and "title" in columns
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
