"""What a facilitator does with a session's themes: find them, review, approve, project.

Each command is one write transaction, then its broadcasts (see the package docstring).
"""

from __future__ import annotations

from typing import Any

from flask import current_app

from facilitator.commands.links import index_after_approval
from facilitator.extensions import db
from facilitator.live import broadcast, jobwatch
from facilitator.models import ListeningSession, User
from facilitator.services import themes as service
from facilitator.theme_models import ThemeRun
from facilitator.themes import jobs


def find_themes(ls: ListeningSession, user: User) -> ThemeRun:
    """Queue a run (refused while one is queued or running) and hand it to the worker."""
    with db.writing() as s:
        run = service.request_run(s, ls, user)
    watch(run)
    broadcast.theme_job(run)
    return run


def watch(run: ThemeRun, *, enqueue: bool = True) -> None:
    """Hand a queued run to RQ (if used), and see that its progress reaches the consoles.

    With a Socket.IO message queue the worker emits through it to every process; without
    one (the embedded worker, or RQ jobs with no queue) this process reads the job row.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if enqueue and jobs.jobs_redis_url(app) is not None and run.status.value == "queued":
        jobs.enqueue(app, run.id)
    if not app.config.get("SOCKETIO_MESSAGE_QUEUE") and run.status.active:
        jobwatch.watch(app, run.id)


def cancel(ls: ListeningSession, user: User, run_id: object) -> ThemeRun:
    with db.writing() as s:
        run = service.cancel_run(s, service.get_run(s, ls, run_id), user)
    broadcast.theme_job(run)
    return run


def discard(ls: ListeningSession, user: User, run_id: object) -> ThemeRun:
    with db.writing() as s:
        run = service.discard_run(s, service.get_run(s, ls, run_id), user)
        was_displayed = run.on_display
        if was_displayed:
            service.set_display(s, ls, None, user)
    broadcast.theme_run_changed(run)
    if was_displayed:
        broadcast.display_changed(ls)
    return run


def edit(ls: ListeningSession, user: User, payload: dict[str, Any]) -> ThemeRun:
    """One review edit, named by ``payload["action"]``; every console redraws the run."""
    action = payload.get("action")
    with db.writing() as s:
        run = service.get_run(s, ls, payload.get("run_id"))
        if action == "rename":
            theme = service.get_theme(s, run, payload.get("theme_id"))
            service.rename_theme(
                s, run, theme, user, label=payload.get("label"), summary=payload.get("summary")
            )
        elif action == "move":
            service.move_concern(s, run, payload.get("concern_id"), payload.get("theme_id"), user)
        elif action == "merge":
            target = service.get_theme(s, run, payload.get("theme_id"))
            source = service.get_theme(s, run, payload.get("other_id"))
            service.merge_themes(s, run, target, source, user)
        elif action == "split":
            theme = service.get_theme(s, run, payload.get("theme_id"))
            service.split_theme(s, run, theme, payload.get("groups"), user)
        elif action == "category":
            theme = service.get_theme(s, run, payload.get("theme_id"))
            service.set_category(s, run, theme, payload.get("category"), user)
        elif action == "quote":
            theme = service.get_theme(s, run, payload.get("theme_id"))
            service.set_quote(s, run, theme, payload.get("quote"), user)
        else:
            raise service.DomainError("bad_action", service.unknown_action_message())
        displayed = run.on_display
    broadcast.theme_run_changed(run)
    if displayed:
        broadcast.display_changed(ls)
    return run


def approve(ls: ListeningSession, user: User, run_id: object, revision: object) -> ThemeRun:
    with db.writing() as s:
        run = service.approve_summary(s, service.get_run(s, ls, run_id), revision, user)
    broadcast.theme_run_changed(run)
    index_after_approval(ls)  # the committee's link suggestions
    return run


def show_on_display(ls: ListeningSession, user: User, run_id: object) -> ThemeRun | None:
    """Switch the projector to a run's "What we heard" (``run_id`` None: live concerns)."""
    with db.writing() as s:
        run = None if run_id is None else service.get_run(s, ls, run_id)
        service.set_display(s, ls, run, user)
    broadcast.display_changed(ls)
    return run
