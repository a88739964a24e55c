"""Retention: raw posts are purged some days after the summary is approved, and only them.

Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL like the rest of the suite.
"""

from __future__ import annotations

import logging
import os
import threading
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import JSON, String, Text, select

from facilitator import create_app
from facilitator.db import Base
from facilitator.errors import Conflict
from facilitator.extensions import db
from facilitator.models import (
    ActionItem,
    Concern,
    ConcernStatus,
    HideReason,
    ListeningSession,
    ModerationAction,
    OwnerRole,
    ResponseType,
    Support,
    User,
    utcnow,
)
from facilitator.retention import purge_due_sessions
from facilitator.services import retention
from facilitator.services import themes as themes_service
from facilitator.services.concerns import concern_counts, moderation_summary
from facilitator.services.export import concerns_csv
from facilitator.services.sessions import transition_session
from facilitator.theme_models import Theme, ThemeMember, ThemeRun
from tests.conftest import make_session
from tests.themes_helpers import add_concern, stored_run

SENTINEL = "Zebracorn-7731"  # in every post, and nowhere else


def _user(s: Any) -> User:
    return s.scalar(select(User).where(User.username == "facilitator"))


def approved_session(app: Flask, admin: User, *, close: bool = True) -> dict[str, Any]:
    """A session with posts in every state, "me too"s, a log, an approved run and an item."""
    ls = make_session(app, by=admin)
    with app.app_context():
        shown = [
            add_concern(ls, f"{SENTINEL} shown post number {n}, call 605-555-0{n}42")
            for n in range(6)
        ]
        add_concern(ls, f"{SENTINEL} hidden", ConcernStatus.HIDDEN, hide_reason=HideReason.ABUSIVE)
        add_concern(ls, f"{SENTINEL} off topic", ConcernStatus.HIDDEN, hide_reason=HideReason.SPAM)
        add_concern(ls, f"{SENTINEL} waiting", ConcernStatus.HELD)
        add_concern(ls, f"{SENTINEL} for safety", ConcernStatus.HELD, safety_kinds=["self_harm"])
        add_concern(ls, f"{SENTINEL} withdrawn", ConcernStatus.WITHDRAWN)
        merged = add_concern(
            ls, f"{SENTINEL} duplicate", ConcernStatus.MERGED, merged_into_id=shown[0]
        )
        with db.writing() as s:
            s.get(Concern, shown[1]).display_text = f"{SENTINEL} edited by a facilitator"
            for n in range(3):
                s.add(Support(concern_id=shown[0], supporter_hash=f"{n:064d}"))
            s.add(Support(concern_id=merged, supporter_hash="f" * 64))
            s.get(Concern, shown[0]).support_count = 4
            s.add(ModerationAction(session_id=ls.id, concern_id=shown[2], action="approve"))
            s.add(
                ModerationAction(
                    session_id=ls.id, concern_id=merged, action="merge", detail=str(shown[0])
                )
            )
        run = stored_run(app, ls, admin, [shown[:4], shown[4:]])
        with db.writing() as s:
            run = s.get(ThemeRun, run.id)
            theme = run.themes[0]
            # A candidate quote as the analysis makes them: a post's redacted text.
            theme.quotes = [*theme.quotes, f"{SENTINEL} shown post number 3, call [phone]"]
            themes_service.set_quote(s, run, theme, "Quote 1a", _user(s))
            themes_service.approve_summary(s, run, run.revision, _user(s))
            session = s.get(ListeningSession, ls.id)
            if close:
                transition_session(s, session, "close", _user(s))
            item = ActionItem(
                initiative_id=session.initiative_id,
                title="Officers introduce themselves",
                summary="Residents asked that officers say who they are.",
                quote="Quote 1a",
                response_type=ResponseType.TRAIN,
                owner_role=OwnerRole.POLICE,
                themes=[theme],
            )
            s.add(item)
            s.flush()
            return {
                "ls": ls.id,
                "code": ls.code,
                "run": run.id,
                "theme": theme.id,
                "item": item.id,
                "approved_at": run.approved_at,
                "summary": run.approved_summary,
            }


def text_cells(s: Any) -> list[str]:
    """Every text and JSON value in every table of the database, as text."""
    found = []
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
        if not columns:
            continue
        for row in s.execute(select(*columns)):
            found.extend(str(value) for value in row if value is not None)
    return found


def _file_bytes(path: str) -> bytes:
    """A SQLite database file and its WAL, as bytes."""
    found = b""
    for name in (path, path + "-wal"):
        if os.path.exists(name):
            with open(name, "rb") as handle:
                found += handle.read()
    return found


def test_a_session_is_due_days_after_its_approval(app: Flask, admin: User) -> None:
    made = approved_session(app, admin)
    approved = made["approved_at"]
    with app.app_context():
        s = db.session
        assert retention.due_sessions(s, approved + timedelta(days=89), 90) == []
        assert [ls.id for ls in retention.due_sessions(s, approved + timedelta(days=90), 90)] == [
            made["ls"]
        ]
        assert [ls.id for ls in retention.due_sessions(s, approved + timedelta(days=8), 7)] == [
            made["ls"]
        ]
        assert [ls.id for ls in retention.due_sessions(s, approved, 0)] == [made["ls"]]


def test_no_approval_an_open_session_or_a_running_job_means_not_due(
    app: Flask, admin: User
) -> None:
    never = make_session(app, by=admin, status=None)
    approved_session(app, admin, close=False)  # still open
    busy = approved_session(app, admin)
    with app.app_context():
        with db.writing() as s:
            transition_session(s, s.get(ListeningSession, never.id), "close", _user(s))
            s.add(ThemeRun(session_id=busy["ls"], number=9, parameters={}))  # queued
        later = utcnow() + timedelta(days=400)
        assert retention.due_sessions(db.session, later, 90) == []
        assert purge_due_sessions(later, 90) == []


def test_an_edit_after_approval_postpones_the_purge(app: Flask, admin: User) -> None:
    made = approved_session(app, admin)
    with app.app_context(), db.writing() as s:
        run = s.get(ThemeRun, made["run"])
        themes_service.rename_theme(s, run, s.get(Theme, made["theme"]), _user(s), label="New")
    with app.app_context():
        assert retention.due_sessions(db.session, utcnow() + timedelta(days=400), 90) == []


def test_purge_deletes_every_trace_of_the_posts_and_keeps_the_counts(
    app: Flask, admin: User, caplog: pytest.LogCaptureFixture
) -> None:
    made = approved_session(app, admin)
    browser = app.test_client()
    with app.app_context():
        ls = db.session.get(ListeningSession, made["ls"])
        before = concern_counts(db.session, ls), moderation_summary(db.session, ls)
        db.session.rollback()
        assert any(SENTINEL in cell for cell in text_cells(db.session))
        if db.engine.dialect.name == "sqlite":
            assert SENTINEL.encode() in _file_bytes(db.engine.url.database)
    page_before = browser.get(f"/j/{made['code']}").get_data(as_text=True)
    assert "2 waiting for review" in page_before

    now = made["approved_at"] + timedelta(days=91)
    with app.app_context(), caplog.at_level(logging.INFO, logger="facilitator.retention"):
        purged = purge_due_sessions(now, 90)
    assert [p.as_dict() for p in purged] == [
        {
            "session_id": made["ls"],
            "posts": 12,
            "me_too": 4,
            "theme_members": 6,
            "log_references": 2,
        }
    ]
    # The log line: the session id and counts, no text.
    lines = [r.getMessage() for r in caplog.records if r.name == "facilitator.retention"]
    assert lines == [
        f"retention: session {made['ls']} purged: 12 posts, 4 me-too rows, 6 theme members, "
        "2 moderation log references cleared"
    ]

    with app.app_context():
        s = db.session
        assert not any(SENTINEL in cell for cell in text_cells(s))
        assert s.scalars(select(Concern)).all() == []
        assert s.scalars(select(Support)).all() == []
        assert s.scalars(select(ThemeMember)).all() == []
        assert all(a.concern_id is None for a in s.scalars(select(ModerationAction)))
        merge_row = s.scalar(select(ModerationAction).where(ModerationAction.action == "merge"))
        assert merge_row.detail == ""
        ls = s.get(ListeningSession, made["ls"])
        assert ls.raw_purged_at is not None
        # Every reader of the counts gets the same numbers as before, from the frozen ones.
        assert (concern_counts(s, ls), moderation_summary(s, ls)) == before
        # What stays: the approved summary as it was, the themes, quotes and the item.
        run = s.get(ThemeRun, made["run"])
        assert run.approved_summary == made["summary"]
        assert themes_service.fold_public(run.approved_summary)["themes"]
        theme = s.get(Theme, made["theme"])
        assert theme.label == "Theme 1" and theme.quote == "Quote 1a"
        assert theme.quotes == ["Quote 1a"]  # unchosen candidates were posts' text
        item = s.get(ActionItem, made["item"])
        assert item.quote == "Quote 1a" and [t.id for t in item.themes] == [theme.id]
        path = db.engine.url.database if db.engine.dialect.name == "sqlite" else None
    if path:  # SQLite: not even in free pages of the file or in its WAL
        assert _file_bytes(path).count(SENTINEL.encode()) == 0
    page_after = browser.get(f"/j/{made['code']}").get_data(as_text=True)
    assert page_after.count("2 waiting for review") == page_before.count("2 waiting for review")
    note = page_before.split('id="report-moderation"')[1].split("</p>")[0]
    assert note == page_after.split('id="report-moderation"')[1].split("</p>")[0]


def test_a_second_purge_changes_nothing(app: Flask, admin: User) -> None:
    made = approved_session(app, admin)
    now = made["approved_at"] + timedelta(days=91)
    with app.app_context():
        assert len(purge_due_sessions(now, 90)) == 1
        ls = db.session.get(ListeningSession, made["ls"])
        state = ls.raw_purged_at, dict(ls.retained_counts)
        db.session.rollback()
        assert purge_due_sessions(now + timedelta(days=5), 90) == []
        with db.writing() as s:
            ls = s.get(ListeningSession, made["ls"])
            assert retention.purge_session(s, ls, now + timedelta(days=9)) is None
        ls = db.session.get(ListeningSession, made["ls"])
        assert (ls.raw_purged_at, ls.retained_counts) == state


def test_two_purges_at_once_delete_once(app: Flask, admin: User) -> None:
    """Two processes' checks racing (threads with their own sessions here): one wins."""
    made = approved_session(app, admin)
    now = made["approved_at"] + timedelta(days=91)
    results: list[Any] = []
    start = threading.Barrier(2)

    def check() -> None:
        with app.app_context():
            start.wait()
            results.append(purge_due_sessions(now, 90))

    threads = [threading.Thread(target=check) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(len(r) for r in results) == [0, 1]
    with app.app_context():
        ls = db.session.get(ListeningSession, made["ls"])
        assert ls.retained_counts["posted"] == 12


def test_what_needs_the_posts_is_refused_after_the_purge(app: Flask, admin: User, staff) -> None:
    made = approved_session(app, admin)
    with app.app_context():
        purge_due_sessions(made["approved_at"] + timedelta(days=91), 90)
        with db.writing() as s:
            ls = s.get(ListeningSession, made["ls"])
            run = s.get(ThemeRun, made["run"])
            for attempt in (
                lambda: themes_service.request_run(s, ls, _user(s)),
                lambda: themes_service.rename_theme(
                    s, run, s.get(Theme, made["theme"]), _user(s), label="x"
                ),
                lambda: themes_service.approve_summary(s, run, run.revision, _user(s)),
                lambda: transition_session(s, ls, "reopen", _user(s)),
                lambda: concerns_csv(s, ls),
            ):
                with pytest.raises(Conflict) as refused:
                    attempt()
                assert refused.value.code == "posts_purged"
                assert "were deleted on" in refused.value.message
    # The export says so instead of giving an empty file; the console says so too.
    response = staff.get(f"/facilitator/sessions/{made['ls']}/export.csv", follow_redirects=True)
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "were deleted on" in page
    assert 'id="t-find" hidden' in page  # no "Find themes" on a purged session's console
    log_page = staff.get(f"/facilitator/sessions/{made['ls']}/log")
    assert log_page.status_code == 200
    themes_page = staff.get(f"/facilitator/sessions/{made['ls']}/themes").get_data(as_text=True)
    assert "were deleted on" in themes_page and "Open the approved summary" in themes_page
    # The approved summary's own exports still work.
    summary = staff.get(f"/facilitator/sessions/{made['ls']}/themes/{made['run']}/summary.json")
    assert summary.status_code == 200 and summary.json["themes"]


def test_the_purge_message_is_translated(app: Flask, admin: User, staff) -> None:
    made = approved_session(app, admin)
    with app.app_context():
        purge_due_sessions(made["approved_at"] + timedelta(days=91), 90)
    staff.set_cookie("cg_lang", "es")
    page = staff.get(f"/facilitator/sessions/{made['ls']}?lang=es", follow_redirects=True)
    page = page.get_data(as_text=True)
    assert "se borraron el" in page


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", ""])
def test_a_bad_retention_setting_stops_start_up_with_a_reason(value: str) -> None:
    with pytest.raises(ValueError, match="RETENTION_DAYS must be a whole number"):
        create_app({"RETENTION_DAYS": value})


def test_a_bad_check_interval_stops_start_up_with_a_reason() -> None:
    with pytest.raises(ValueError, match="RETENTION_CHECK_SECONDS"):
        create_app({"RETENTION_CHECK_SECONDS": "0"})
    assert create_app({"RETENTION_DAYS": "0"}).config["RETENTION_DAYS"] == 0


def test_the_command_dry_run_then_purge(app: Flask, admin: User) -> None:
    made = approved_session(app, admin)
    with app.app_context(), db.writing() as s:  # approved 100 days ago
        run = s.get(ThemeRun, made["run"])
        run.approved_at = utcnow() - timedelta(days=100)
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["purge-posts", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"Session {made['ls']} (summary approved" in dry.output
    assert "would delete 12 posts, 4 me-too rows, 6 theme members" in dry.output
    assert SENTINEL not in dry.output
    with app.app_context():
        assert db.session.scalar(select(Concern.id)) is not None  # nothing changed
    assert "0 session(s) purged" in runner.invoke(args=["purge-posts", "--days", "101"]).output
    done = runner.invoke(args=["purge-posts"])
    assert done.exit_code == 0, done.output
    assert f"Session {made['ls']}: deleted 12 posts" in done.output
    assert "1 session(s) purged (90 days after approval)." in done.output
    assert "0 session(s) purged" in runner.invoke(args=["purge-posts"]).output
    with app.app_context():
        assert db.session.scalar(select(Concern.id)) is None


def test_the_schedule_checks_at_once_and_then_every_interval(app: Flask, admin: User) -> None:
    from facilitator.retention import start_schedule

    made = approved_session(app, admin)
    app.config["RETENTION_DAYS"] = 0
    sleeps: list[float] = []

    class Stop(Exception):
        pass

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        raise Stop

    tasks: list[Any] = []
    start_schedule(app, spawn=tasks.append, sleep=sleep)
    with pytest.raises(Stop):
        tasks[0]()
    assert sleeps == [3600.0]
    with app.app_context():
        assert db.session.get(ListeningSession, made["ls"]).raw_purged_at is not None


@pytest.mark.server
def test_the_running_server_purges_on_its_schedule_and_the_report_back_still_works(
    tmp_path: Any,
) -> None:
    """run.py's periodic check (every second here) purges a session approved while it
    runs; the join link's report-back shows the same counts afterwards."""
    import time

    import requests

    from facilitator.db import make_engine
    from tests.conftest import database_url, reset_database
    from tests.server_harness import Server

    url = database_url(tmp_path)
    reset_database(url)
    srv = Server(
        instance=tmp_path / "instance",
        database_url=url,
        extra_env={"RETENTION_DAYS": "0", "RETENTION_CHECK_SECONDS": "1"},
    )
    srv.instance.mkdir()
    srv.prepare()
    srv.start()
    try:
        app = srv.app()
        with app.app_context():
            ls = db.session.get(ListeningSession, srv.session_id)
            ids = [add_concern(ls, f"{SENTINEL} post {n}") for n in range(5)]
            add_concern(ls, f"{SENTINEL} hidden", ConcernStatus.HIDDEN, hide_reason=HideReason.SPAM)
            user = db.session.scalar(select(User))
            run = stored_run(app, ls, user, [ids])
            with db.writing() as s:
                run = s.get(ThemeRun, run.id)
                themes_service.approve_summary(s, run, run.revision, _user(s))
                transition_session(s, s.get(ListeningSession, srv.session_id), "close", _user(s))
            db.session.remove()
        db.engine.dispose()
        before = requests.get(f"{srv.url}/j/{srv.code}", timeout=5)
        assert before.status_code == 200 and "1 not shown" in before.text

        engine = make_engine(url)
        deadline = time.monotonic() + 20
        purged_at = None
        while purged_at is None and time.monotonic() < deadline:
            with engine.connect() as conn:
                purged_at = conn.scalar(
                    select(ListeningSession.raw_purged_at).where(
                        ListeningSession.id == srv.session_id
                    )
                )
            time.sleep(0.2)
        with engine.connect() as conn:
            left = conn.scalar(select(Concern.id))
        engine.dispose()
        assert purged_at is not None, srv.log()
        assert left is None

        after = requests.get(f"{srv.url}/j/{srv.code}", timeout=5)
        assert after.status_code == 200
        note = 'id="report-moderation"'
        assert (
            after.text.split(note)[1].split("</p>")[0]
            == before.text.split(note)[1].split("</p>")[0]
        )
    finally:
        srv.stop()
    log = srv.log()
    assert f"retention: session {srv.session_id} purged: 6 posts" in log
    assert SENTINEL not in log
