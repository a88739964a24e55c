"""Facilitator pages for themes: the run view, and the approved summary's exports."""

from __future__ import annotations

import json

from flask import Response, abort, render_template
from flask_login import current_user, login_required

from facilitator.extensions import db
from facilitator.labels import category_labels, run_error_message, run_errors, stage_labels
from facilitator.models import ListeningSession
from facilitator.services import themes as service
from facilitator.services.initiatives import moderated_session
from facilitator.services.retention import purged_message
from facilitator.services.theme_export import summary_csv
from facilitator.theme_models import ThemeRun
from facilitator.themes import bp


@bp.app_context_processor
def _theme_labels() -> dict[str, object]:
    return {
        "theme_stage_labels": stage_labels,
        "theme_run_errors": run_errors,
        "theme_run_error": run_error_message,
    }


@bp.before_request
@login_required
def _require_login() -> None:
    """Every page here is for signed-in facilitators."""


def _load(session_id: int) -> ListeningSession:
    """The session, if this account may run it (a member of its initiative, or an admin)."""
    return moderated_session(db.session, current_user, session_id)


def _run(ls: ListeningSession, run_id: int) -> ThemeRun:
    run = db.session.get(ThemeRun, run_id)
    if run is None or run.session_id != ls.id:
        abort(404)
    return run


@bp.route("/sessions/<int:session_id>/themes")
def index(session_id: int) -> str:
    """The latest run of a session (and the list of earlier ones)."""
    ls = _load(session_id)
    run = service.latest_run(db.session, ls)
    return _page(ls, run)


@bp.route("/sessions/<int:session_id>/themes/<int:run_id>")
def show(session_id: int, run_id: int) -> str:
    ls = _load(session_id)
    return _page(ls, _run(ls, run_id))


def _page(ls: ListeningSession, run: ThemeRun | None) -> str:
    s = db.session
    concerns = service.member_rows(s, run) if run else {}
    themes = service.themes_in_order(run) if run else []
    top = max((t.supporters for t in themes), default=0)
    return render_template(
        "themes/run.html",
        ls=ls,
        run=run,
        runs=service.session_runs(s, ls),
        themes=themes,
        top=top,
        other=[m for m in run.members if m.theme_id is None] if run else [],
        concerns=concerns,
        categories=category_labels(),
        displayed=service.displayed_run(s, ls),
        purged_message=purged_message(ls) if ls.raw_purged_at else "",
    )


def _approved(session_id: int, run_id: int) -> tuple[ListeningSession, ThemeRun, dict]:
    ls = _load(session_id)
    run = _run(ls, run_id)
    if not run.approved or run.approved_summary is None:
        abort(409, description="approve the summary first")
    return ls, run, run.approved_summary


@bp.route("/sessions/<int:session_id>/themes/<int:run_id>/summary.json")
def export_json(session_id: int, run_id: int) -> Response:
    """The approved summary in the stable JSON shape of ``python -m analysis themes``."""
    ls, run, summary = _approved(session_id, run_id)
    response = Response(
        json.dumps(summary, ensure_ascii=False, indent=2), mimetype="application/json"
    )
    response.headers["Content-Disposition"] = (
        f'attachment; filename="common-ground-{ls.code}-themes-{run.number}.json"'
    )
    return response


@bp.route("/sessions/<int:session_id>/themes/<int:run_id>/summary.csv")
def export_csv(session_id: int, run_id: int) -> Response:
    ls, run, summary = _approved(session_id, run_id)
    response = Response(summary_csv(summary, category_labels()), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="common-ground-{ls.code}-themes-{run.number}.csv"'
    )
    return response


@bp.route("/sessions/<int:session_id>/themes/<int:run_id>/print")
def printable(session_id: int, run_id: int) -> str:
    ls, run, summary = _approved(session_id, run_id)
    return render_template(
        "themes/print.html",
        ls=ls,
        run=run,
        summary=summary,
        public=service.fold_public(summary),
        categories=category_labels(),
    )
