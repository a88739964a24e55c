"""The theme job's lifecycle: queued, running with progress, done, failed, cancelled;
on both paths (the embedded worker process, and RQ on this machine's Redis)."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from redis import Redis
from rq import Queue

import analysis
from facilitator import ROOT
from facilitator.extensions import db
from facilitator.models import ListeningSession, utcnow
from facilitator.services import themes as service
from facilitator.theme_models import RunError, RunStatus, ThemeRun
from facilitator.themes import jobs
from tests.conftest import events, staff_socket
from tests.themes_helpers import add_concern

REDIS_URL = "redis://127.0.0.1:6379/13"
TEXTS = [
    "The streetlights on our block are out",
    "Dark streets at night, lights broken",
    "Fix the broken street lights please",
    "Police took an hour to come when we called",
    "Slow response times when calling for help",
    "Nobody came for an hour after the call",
]


def _queue(app: Flask, ls: ListeningSession, admin: Any) -> int:
    with app.app_context(), db.writing() as s:
        return service.request_run(s, s.get(ListeningSession, ls.id), admin).id


class FakeResult:
    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def to_dict(self) -> dict[str, Any]:
        return {
            "themes": [
                {
                    "id": "theme-1",
                    "label": "Lights",
                    "keywords": ["lights"],
                    "members": self.ids[:3],
                    "quotes": ["Fix the broken street lights please"],
                    "category": "T4",
                    "category_confidence": 0.4,
                    "sentiment": {},
                },
            ],
            "other": self.ids[3:],
            "flagged": [],
            "meta": {"backend": "lexical"},
        }


def test_done_with_progress_reported_to_consoles(app: Flask, ls, admin, staff) -> None:
    ids = [add_concern(ls, t) for t in TEXTS]
    console = staff_socket(app, staff, ls.id)
    events(console)
    run_id = _queue(app, ls, admin)
    seen: list[str] = []

    def find(concerns, **kwargs):
        with db.writing() as s:
            seen.append(s.get(ThemeRun, run_id).status.value)
        return FakeResult([c.id for c in concerns])

    with app.app_context():
        run = jobs.execute(run_id, find=find)
        assert run.status == RunStatus.DONE and seen == ["running"]
        assert run.duration_seconds is not None and run.model_version
        assert [m.concern_id for m in run.themes[0].members] == ids[:3]
    stages = [e["stage"] for e in events(console, "theme_job")]
    assert stages[0] == "preparing" and "labelling" in stages and stages[-1] == "done"


def test_a_post_released_by_the_safety_moderator_is_not_screened_again(
    app: Flask, ls, admin
) -> None:
    ids = [add_concern(ls, t) for t in TEXTS]
    released = add_concern(ls, "I keep thinking about ending my life", safety_kinds=["self_harm"])
    run_id = _queue(app, ls, admin)

    def find(concerns, **kwargs):
        return analysis.find_themes(concerns, **{**kwargs, "backend": "lexical"})

    with app.app_context():
        run = jobs.execute(run_id, find=find)
        assert run.status == RunStatus.DONE, run.error
        assert run.flagged_ids == []
        analysed = {m.concern_id for m in run.members}  # in a theme or in "other"
        assert analysed == {*ids, released}


def test_failure_is_a_clear_message(app: Flask, ls, admin) -> None:
    add_concern(ls, "One")
    run_id = _queue(app, ls, admin)

    def find(concerns, **kwargs):
        raise RuntimeError("boom")

    with app.app_context():
        run = jobs.execute(run_id, find=find)
    assert run.status == RunStatus.FAILED and run.error == "analysis_failed:RuntimeError"


def test_failure_messages_are_shown_in_the_readers_language(app: Flask, ls, admin, staff) -> None:
    add_concern(ls, "One")
    run_id = _queue(app, ls, admin)

    def find(concerns, **kwargs):
        raise ValueError("no text in row 3")

    with app.app_context():
        run = jobs.execute(run_id, find=find)
    # Stored as a code with its detail: the worker has no reader's language.
    assert run.error == "input_error:no text in row 3"
    page = f"/facilitator/sessions/{ls.id}/themes/{run_id}"
    english = staff.get(page).get_data(as_text=True)
    assert "The analysis could not read the concerns: no text in row 3" in english
    staff.set_cookie("cg_lang", "es")
    spanish = staff.get(page).get_data(as_text=True)
    assert "El análisis no pudo leer las inquietudes: no text in row 3" in spanish
    # The live progress bar gets the same words in its page data (themes.js).
    data = re.search(r'<script type="application/json" id="t-i18n">(.*?)</script>', spanish)
    errors = json.loads(html.unescape(data.group(1)))["run_errors"]
    assert errors[RunError.FAILED] == "El análisis falló (%(detail)s). Inténtelo de nuevo."
    assert errors[RunError.WORKER_STOPPED].startswith("El proceso de análisis se detuvo")


def test_cancel_while_running_stops_at_the_next_report(app: Flask, ls, admin) -> None:
    add_concern(ls, "One")
    run_id = _queue(app, ls, admin)

    def find(concerns, **kwargs):
        with db.writing() as s:
            service.cancel_run(s, s.get(ThemeRun, run_id), admin)
        return FakeResult([c.id for c in concerns])

    with app.app_context():
        run = jobs.execute(run_id, find=find)
    assert run.status == RunStatus.CANCELLED and run.error == ""


def test_a_dead_workers_run_is_marked_failed(app: Flask, ls, admin) -> None:
    run_id = _queue(app, ls, admin)
    with app.app_context(), db.writing() as s:
        service.claim_run(s, run_id)
        run = s.get(ThemeRun, run_id)
        s.refresh(run)
        run.heartbeat_at = utcnow() - timedelta(minutes=5)
    with app.app_context(), db.writing() as s:
        assert [r.id for r in service.fail_stale_runs(s)] == [run_id]
    with app.app_context():
        run = db.session.get(ThemeRun, run_id)
        assert run.status == RunStatus.FAILED and run.error == RunError.WORKER_STOPPED


def _worker_env(app: Flask, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        INSTANCE_PATH=app.instance_path,
        SECRET_KEY="testing-secret-key-not-for-production",
        HF_HUB_OFFLINE="1",
        **extra,
    )
    return env


def _run_worker(app: Flask, **extra: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "facilitator.worker", "--once"],
        cwd=ROOT,
        env=_worker_env(app, **extra),
        check=True,
        timeout=240,
        capture_output=True,
    )


def test_the_embedded_worker_process_runs_queued_runs(app: Flask, ls, admin) -> None:
    for text in TEXTS:
        add_concern(ls, text)
    run_id = _queue(app, ls, admin)
    _run_worker(app)
    with app.app_context():
        run = db.session.get(ThemeRun, run_id)
        db.session.refresh(run)
        assert run.status == RunStatus.DONE, run.error
        assert run.n_concerns == 6 and run.backend


def test_rq_path_on_redis(app: Flask, ls, admin) -> None:
    redis = Redis.from_url(REDIS_URL)
    try:
        redis.ping()
    except Exception:  # pragma: no cover - CI has Redis
        pytest.skip("no Redis on this machine")
    redis.flushdb()
    for text in TEXTS:
        add_concern(ls, text)
    app.config["JOBS_REDIS_URL"] = REDIS_URL
    run_id = _queue(app, ls, admin)
    jobs.enqueue(app, run_id)
    assert Queue(jobs.QUEUE_NAME, connection=redis).count == 1
    _run_worker(app, JOBS_REDIS_URL=REDIS_URL)
    with app.app_context():
        run = db.session.get(ThemeRun, run_id)
        db.session.refresh(run)
        assert run.status == RunStatus.DONE, run.error
    redis.flushdb()


def test_rq_progress_reaches_listeners_in_other_processes(app: Flask, ls, admin) -> None:
    """An RQ worker process announces every stage on the Socket.IO message queue, which
    every server process listens to: here this test process is the listener."""
    url = "redis://127.0.0.1:6379/11"  # a database of its own; pub/sub ignores it, so
    channel = f"cg-test-progress-{uuid.uuid4().hex}"  # the channel is this test's own
    redis = Redis.from_url(url)
    try:
        redis.ping()
    except Exception:  # pragma: no cover - CI has Redis
        pytest.skip("no Redis on this machine")
    for text in TEXTS:
        add_concern(ls, text)
    app.config["JOBS_REDIS_URL"] = url
    run_id = _queue(app, ls, admin)
    Queue(jobs.QUEUE_NAME, connection=redis).empty()
    jobs.enqueue(app, run_id)
    listener = redis.pubsub(ignore_subscribe_messages=True)
    listener.subscribe(channel)
    try:
        _run_worker(app, JOBS_REDIS_URL=url, SOCKETIO_MESSAGE_QUEUE=url, SOCKETIO_CHANNEL=channel)
        heard = []
        quiet_until = time.monotonic() + 3.0  # what was published is buffered: read it all
        while time.monotonic() < quiet_until:
            message = listener.get_message(timeout=0.5)
            if message is not None:
                heard.append(json.loads(message["data"]))
                quiet_until = time.monotonic() + 1.0
    finally:
        listener.close()
        Queue(jobs.QUEUE_NAME, connection=redis).empty()
    jobs_heard = [m["data"][0] for m in heard if m.get("event") == "theme_job"]
    assert jobs_heard and all(j["run_id"] == run_id for j in jobs_heard)
    stages = [j["stage"] for j in jobs_heard]
    assert stages[0] in ("running", "preparing") and stages[-1] == "done"
    assert {"embedding", "clustering", "labelling"} <= set(stages)
    progress = [j["progress"] for j in jobs_heard]
    assert progress == sorted(progress) and progress[-1] == 1.0


def test_a_restarted_embedded_worker_fails_what_its_predecessor_left_running(
    app: Flask, ls, admin
) -> None:
    """A worker killed mid-job (kill -9, power cut) leaves "running"; the next one says so."""
    run_id = _queue(app, ls, admin)
    with app.app_context(), db.writing() as s:
        service.claim_run(s, run_id)  # as the dead worker did; its heartbeat is fresh
    _run_worker(app)
    with app.app_context():
        run = db.session.get(ThemeRun, run_id)
        db.session.refresh(run)
        assert run.status == RunStatus.FAILED and run.error == RunError.WORKER_STOPPED
