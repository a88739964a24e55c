"""Socket.IO events for a session's themes. Facilitators only: others get ``not_allowed``.

Every event answers with an ack ``{"ok": true, ...}`` or ``{"ok": false, "error"}``; the
change itself reaches every console on the session as ``theme_job``, ``theme_run`` or
``display_mode`` (docs/protocol.md).
"""

from __future__ import annotations

from typing import Any

from flask import current_app

from facilitator.commands import themes as commands
from facilitator.extensions import db, socketio
from facilitator.live.caller import expect_dict, facilitator_caller
from facilitator.live.payloads import display_payload, theme_run_payload
from facilitator.services import themes as service
from facilitator.themes import jobs


@socketio.on("find_themes")
def on_find_themes(data: Any = None) -> dict[str, Any]:
    ls, user = facilitator_caller()
    run = commands.find_themes(ls, user)
    return {"ok": True, "job": run.job_dict()}


@socketio.on("cancel_themes")
def on_cancel_themes(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    ls, user = facilitator_caller()
    run = commands.cancel(ls, user, payload.get("run_id"))
    return {"ok": True, "job": run.job_dict()}


@socketio.on("theme_run")
def on_theme_run(data: Any = None) -> dict[str, Any]:
    """The run to draw: ``run_id``, or the session's latest."""
    payload = expect_dict(data)
    ls, _user = facilitator_caller()
    run_id = payload.get("run_id")
    run = service.get_run(db.session, ls, run_id) if run_id else service.latest_run(db.session, ls)
    if (
        run is not None
        and run.status.active
        and not current_app.config.get("SOCKETIO_MESSAGE_QUEUE")
    ):
        # A console back after a server restart: this process watches the row again.
        commands.watch(run, enqueue=False)
    return {"ok": True, "run": theme_run_payload(run) if run else None}


@socketio.on("edit_theme")
def on_edit_theme(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    ls, user = facilitator_caller()
    run = commands.edit(ls, user, payload)
    return {"ok": True, "revision": run.revision}


@socketio.on("propose_split")
def on_propose_split(data: Any = None) -> dict[str, Any]:
    """The app's proposal for splitting a theme: ``{"groups": [[ids], [ids], ...]}``."""
    payload = expect_dict(data)
    ls, _user = facilitator_caller()
    run = service.get_run(db.session, ls, payload.get("run_id"))
    theme = service.get_theme(db.session, run, payload.get("theme_id"))
    concerns = service.member_rows(db.session, run)
    texts = {
        m.concern_id: concerns[m.concern_id].shown_text
        for m in theme.members
        if m.concern_id in concerns
    }
    return {"ok": True, "groups": jobs.propose_split(texts)}


@socketio.on("approve_themes")
def on_approve_themes(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    ls, user = facilitator_caller()
    run = commands.approve(ls, user, payload.get("run_id"), payload.get("revision"))
    return {"ok": True, "revision": run.revision, "approved": run.approved}


@socketio.on("discard_themes")
def on_discard_themes(data: Any = None) -> dict[str, Any]:
    payload = expect_dict(data)
    ls, user = facilitator_caller()
    commands.discard(ls, user, payload.get("run_id"))
    return {"ok": True}


@socketio.on("display_themes")
def on_display_themes(data: Any = None) -> dict[str, Any]:
    """Switch the projector: ``run_id`` shows its themes, ``null`` the live concerns."""
    payload = expect_dict(data)
    ls, user = facilitator_caller()
    commands.show_on_display(ls, user, payload.get("run_id"))
    return {"ok": True, "display": display_payload(ls)}
