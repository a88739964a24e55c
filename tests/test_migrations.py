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


def test_0007_recounts_me_too_as_taps_by_others_and_back(app: Flask) -> None:
    """Existing counts (authors plus taps) become taps only, each device once per group."""
    db.drop_all()
    config = alembic_config(app.config["SQLALCHEMY_DATABASE_URI"])
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0006")
    concern = (
        "INSERT INTO concerns (id, session_id, client_key, text, status, pinned, on_behalf,"
        " support_count, merged_into_id, created_at, updated_at, redactions, safety_kinds)"
        " VALUES (:id, 1, :key, 'x', :status, false, false, :n, :into, CURRENT_TIMESTAMP,"
        " CURRENT_TIMESTAMP, '[]', '[]')"
    )
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO listening_sessions (id, title, purpose, ground_rules, code, status,"
                " moderation_mode, created_at) VALUES (1, 'Old', '', '', 'ABCDEFG', 'open',"
                " 'approve_first', CURRENT_TIMESTAMP)"
            )
        )
        # 1 heads a group with 2 (merged) and 3 (merged, then withdrawn): the old count
        # was its 2 live authors + 2 distinct devices. 4 stands alone, nobody tapped.
        for row in (
            {"id": 1, "key": "k1", "status": "shown", "n": 4, "into": None},
            {"id": 2, "key": "k2", "status": "merged", "n": 2, "into": 1},
            {"id": 3, "key": "k3", "status": "withdrawn", "n": 1, "into": None},
            {"id": 4, "key": "k4", "status": "shown", "n": 1, "into": None},
        ):
            conn.execute(text(concern), row)
        for concern_id, device in ((1, "a"), (2, "a"), (2, "b")):
            conn.execute(
                text(
                    "INSERT INTO supports (concern_id, supporter_hash, created_at)"
                    " VALUES (:c, :d, CURRENT_TIMESTAMP)"
                ),
                {"c": concern_id, "d": device},
            )
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0007")
    with db.engine.connect() as conn:
        counts = dict(conn.execute(text("SELECT id, support_count FROM concerns")).all())
        title_es = conn.execute(text("SELECT title_es FROM listening_sessions")).scalar()
    assert counts[1] == 2 and counts[4] == 0 and title_es == ""
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
    with db.engine.connect() as conn:
        counts = dict(conn.execute(text("SELECT id, support_count FROM concerns")).all())
    assert counts[1] == 4 and counts[4] == 1
    columns = {c["name"] for c in inspect(db.engine).get_columns("listening_sessions")}
    assert "title_es" not in columns
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")


def test_existing_sessions_stay_usable_after_initiatives_arrive(app: Flask) -> None:
    """0009: every existing account keeps running every existing session."""
    db.drop_all()
    config = alembic_config(app.config["SQLALCHEMY_DATABASE_URI"])
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0006")
    with db.engine.begin() as conn:
        for name in ("ana", "ben"):
            conn.execute(
                text(
                    "INSERT INTO users (username, display_name, password_hash, is_admin,"
                    " is_safety_moderator, is_active_account, session_nonce, created_at)"
                    " VALUES (:n, :n, 'x', false, false, true, :n, CURRENT_TIMESTAMP)"
                ),
                {"n": name},
            )
        conn.execute(
            text(
                "INSERT INTO listening_sessions (title, purpose, ground_rules, code, status,"
                " moderation_mode, created_at, complaint_channel) VALUES ('Old', '', '',"
                " 'ABCDEFG', 'closed', 'approve_first', CURRENT_TIMESTAMP, '')"
            )
        )
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0009")
    with db.engine.connect() as conn:
        initiative = conn.execute(text("SELECT id, title FROM initiatives")).one()
        assert initiative.title == "Listening sessions"
        assert conn.execute(text("SELECT initiative_id FROM listening_sessions")).scalar() == (
            initiative.id
        )
        members = conn.execute(text("SELECT COUNT(*) FROM initiative_members")).scalar()
        assert members == 2
        roles = conn.execute(text("SELECT is_facilitator, is_committee_member FROM users")).all()
        assert [tuple(r) for r in roles] == [(True, False), (True, False)]
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
    assert "initiatives" not in inspect(db.engine).get_table_names()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
