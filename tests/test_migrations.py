"""Alembic migrations build exactly the schema the models describe, and undo cleanly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import inspect

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
