"""Apply Alembic migrations from Python (run.py does this at start-up)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask

from facilitator import ROOT


def alembic_config(url: str) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(ROOT / "migrations"))
    # ConfigParser interpolation would choke on a '%' in a password.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_database(app: Flask) -> None:
    """Bring the database schema up to date (creating it on first run)."""
    from facilitator.extensions import db

    assert db.engine is not None
    with db.engine.begin() as connection:
        config = alembic_config(app.config["SQLALCHEMY_DATABASE_URI"])
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
