"""Facilitator pages: session list, create, edit, console, poster, open/pause/close."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from facilitator.commands import sessions as commands
from facilitator.errors import DomainError, Forbidden
from facilitator.extensions import db
from facilitator.labels import (
    hide_reasons,
    log_actions,
    log_detail,
    safety_outcomes,
    session_status_labels,
)
from facilitator.models import ListeningSession, ModerationAction, Prompt, User
from facilitator.services.accounts import safety_moderators
from facilitator.services.concerns import concern_counts
from facilitator.services.export import concerns_csv
from facilitator.services.initiatives import (
    can_see_session,
    initiatives_for,
    moderated_session,
    visible_sessions,
)
from facilitator.services.resources import STALE_AFTER_DAYS, as_lines, support_resources
from facilitator.services.retention import purged_message
from facilitator.services.sessions import SessionDetails
from facilitator.sessions import bp
from facilitator.sessions.forms import NEW_INITIATIVE, NO_TRANSLATION, SessionForm
from facilitator.urls import display_url, join_url


@bp.before_request
@login_required
def _require_login() -> None:
    """Every page here is for signed-in facilitators."""


def _load(session_id: int) -> ListeningSession:
    """The session, if this account may run it (a member of its initiative, or an admin)."""
    return moderated_session(db.session, current_user, session_id)


def _form(obj: ListeningSession | None = None) -> SessionForm:
    form = SessionForm(obj=obj) if obj is not None else SessionForm()
    form.set_initiatives([(i.id, i.title) for i in initiatives_for(db.session, current_user)])
    return form


def _initiative_choice(form: SessionForm) -> dict[str, object]:
    chosen = form.initiative.data
    return {
        "initiative_id": None if chosen == NEW_INITIATIVE else chosen,
        "new_initiative": form.new_initiative.data or "",
    }


def _details(form: SessionForm) -> SessionDetails:
    return SessionDetails(
        title=form.title.data or "",
        purpose=form.purpose.data or "",
        ground_rules=form.ground_rules.data or "",
        complaint_channel=form.complaint_channel.data or "",
        title_es=form.title_es.data or "",
        purpose_es=form.purpose_es.data or "",
        ground_rules_es=form.ground_rules_es.data or "",
        complaint_channel_es=form.complaint_channel_es.data or "",
        prompts=form.prompt_lines(),
        prompts_es=form.prompt_es_lines(),
        moderation_mode=form.moderation_mode.data,
    )


@bp.route("/")
def index() -> str:
    sessions = visible_sessions(db.session, current_user)
    return render_template(
        "sessions/index.html", sessions=sessions, status_labels=session_status_labels()
    )


@bp.route("/sessions/new", methods=["GET", "POST"])
def create() -> Response | str:
    if not current_user.can_moderate:
        raise Forbidden(
            "not_a_facilitator",
            _("Your account does not run sessions. Ask an administrator for the facilitator role."),
        )
    form = _form()
    if form.validate_on_submit():
        try:
            ls = commands.create(
                _details(form), current_user._get_current_object(), **_initiative_choice(form)
            )
        except DomainError as exc:
            form.prompts.errors = [*form.prompts.errors, exc.message]
        else:
            flash(_("Session created. Open it when the room is ready."), "success")
            return redirect(url_for("sessions.console", session_id=ls.id))
    return render_template("sessions/edit.html", form=form, ls=None)


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
def edit(session_id: int) -> Response | str:
    ls = _load(session_id)
    form = _form(ls if request.method == "GET" else None)
    if request.method == "GET":
        form.initiative.data = ls.initiative_id or NEW_INITIATIVE
        form.prompts.data = "\n".join(p.text for p in ls.prompts)
        if any(p.text_es for p in ls.prompts):
            form.prompts_es.data = "\n".join(p.text_es or NO_TRANSLATION for p in ls.prompts)
        form.moderation_mode.data = ls.moderation_mode.value
    if form.validate_on_submit():
        try:
            commands.update(
                ls, _details(form), current_user._get_current_object(), **_initiative_choice(form)
            )
        except DomainError as exc:
            form.prompts.errors = [*form.prompts.errors, exc.message]
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("sessions.console", session_id=ls.id))
    return render_template("sessions/edit.html", form=form, ls=ls)


@bp.route("/sessions/<int:session_id>")
def console(session_id: int) -> str:
    ls = _load(session_id)
    return render_template(
        "sessions/console.html",
        ls=ls,
        prompts=ls.prompts,
        hide_reasons=hide_reasons(),
        safety_outcomes=safety_outcomes(),
        session_labels=session_status_labels(),
        # Who may read posts held for safety: the console names them (or says nobody).
        safety_moderators=[
            u.display_name or u.username
            for u in safety_moderators(db.session)
            if can_see_session(db.session, u, ls)
        ],
        is_safety_moderator=current_user.is_safety_moderator,
        join_url=join_url(ls.code),
        display_url=display_url(ls.code),
        poster_url=url_for("sessions.poster", session_id=ls.id),
        purged_message=purged_message(ls) if ls.raw_purged_at else "",
    )


@bp.route("/sessions/<int:session_id>/log")
def log(session_id: int) -> str:
    """Session summary and the moderation audit log: who did what, when and why."""
    ls = _load(session_id)
    s = db.session
    actions = s.execute(
        select(ModerationAction, User.username)
        .outerjoin(User, ModerationAction.user_id == User.id)
        .where(ModerationAction.session_id == ls.id)
        .order_by(ModerationAction.id)
    ).all()
    prompts = {p.id: p.text for p in s.scalars(select(Prompt).where(Prompt.session_id == ls.id))}
    words = log_actions()
    return render_template(
        "sessions/log.html",
        ls=ls,
        counts=concern_counts(s, ls),
        rows=[
            (
                action,
                username,
                words.get(action.action, action.action),
                log_detail(action, prompts),
            )
            for action, username in actions
        ],
        hide_reasons=hide_reasons(),
    )


@bp.route("/sessions/<int:session_id>/resources", methods=["GET", "POST"])
def resources(session_id: int) -> Response | str:
    """Local support resources shown to participants, with when each was last checked."""
    ls = _load(session_id)
    today = datetime.now(UTC).date()
    text = request.form.get("resources", "") if request.method == "POST" else None
    error = None
    if text is not None:
        try:
            commands.set_resources(ls, text, today)
        except DomainError as exc:
            error = exc.message
        else:
            flash(_("Saved. Participants see these under “Help and safety”."), "success")
            return redirect(url_for("sessions.resources", session_id=ls.id))
    current = support_resources(db.session, ls)
    return render_template(
        "sessions/resources.html",
        ls=ls,
        resources=current,
        text=as_lines(current) if text is None else text,
        error=error,
        today=today,
        stale_after=STALE_AFTER_DAYS,
    )


@bp.route("/sessions/<int:session_id>/export.csv")
def export(session_id: int) -> Response:
    """The session's concerns as CSV (redacted text, formula-safe cells)."""
    ls = _load(session_id)
    try:
        body = concerns_csv(db.session, ls)
    except DomainError as exc:  # the posts were purged: say so, not an empty file
        flash(exc.message, "error")
        return redirect(url_for("sessions.console", session_id=ls.id))
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="common-ground-{ls.code}-concerns.csv"'
    )
    return response


@bp.route("/sessions/<int:session_id>/poster")
def poster(session_id: int) -> str:
    ls = _load(session_id)
    return render_template(
        "sessions/poster.html",
        ls=ls,
        join_url=join_url(ls.code),
        qr_url=url_for("participant.qr_svg", code=ls.code),
    )


@bp.route("/sessions/<int:session_id>/status", methods=["POST"])
def transition(session_id: int) -> Response:
    ls = _load(session_id)
    try:
        commands.transition(ls, request.form.get("action"), current_user._get_current_object())
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("sessions.console", session_id=ls.id))
