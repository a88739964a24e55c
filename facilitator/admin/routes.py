"""Administrator pages: accounts, roles, deactivation, reset links, initiatives, audit log."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import aliased

from facilitator.admin import bp
from facilitator.admin.forms import NO_AFFILIATION, InitiativeForm, NewAccountForm, RolesForm
from facilitator.errors import DomainError, Forbidden
from facilitator.extensions import db, socketio
from facilitator.labels import affiliation_labels, audit_labels, role_labels
from facilitator.live import get_live
from facilitator.models import AuditEvent, ListeningSession, User
from facilitator.services import accounts, initiatives


@bp.before_request
@login_required
def _require_admin() -> None:
    if not current_user.is_admin:
        raise Forbidden("admin_only", _("Only an administrator can open this page."))


def _me() -> User:
    return current_user._get_current_object()


def _disconnect(user: User) -> None:
    """Close the account's open consoles in this process (others check its nonce)."""
    for sid in get_live().presence.sids_of_user(user.id):
        socketio.server.disconnect(sid, namespace="/")


@bp.route("/accounts")
def accounts_list() -> str:
    users = db.session.scalars(select(User).order_by(User.username)).all()
    return render_template(
        "admin/accounts.html",
        users=users,
        role_labels=role_labels(),
        affiliation_labels=affiliation_labels(),
        no_safety_moderator=not any(u.is_safety_moderator and u.is_active for u in users),
    )


@bp.route("/accounts/new", methods=["GET", "POST"])
def account_new() -> Response | str:
    form = NewAccountForm()
    if form.validate_on_submit():
        try:
            with db.writing() as s:
                user = accounts.create_user(
                    s,
                    form.username.data,
                    form.password.data,
                    display_name=form.display_name.data or "",
                    roles=form.roles(),
                    by=_me(),
                )
        except DomainError as exc:
            form.username.errors = [*form.username.errors, exc.message]
        else:
            flash(_("Account %(name)s created.", name=user.username), "success")
            return redirect(url_for("admin.account_edit", user_id=user.id))
    return render_template("admin/account_new.html", form=form)


@bp.route("/accounts/<int:user_id>", methods=["GET", "POST"])
def account_edit(user_id: int) -> Response | str:
    user = accounts.get_user(db.session, user_id)
    form = RolesForm(obj=user) if request.method == "GET" else RolesForm()
    if request.method == "GET":
        form.affiliation.data = user.affiliation.value if user.affiliation else NO_AFFILIATION
    error = None
    if form.validate_on_submit():
        try:
            with db.writing() as s:
                accounts.set_roles(
                    s, user, form.roles(), _me(), display_name=form.display_name.data or ""
                )
        except DomainError as exc:
            error = exc.message
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("admin.account_edit", user_id=user.id))
    return _render_account(user, form, error=error)


def _render_account(
    user: User, form: RolesForm, *, error: str | None = None, reset_url: str | None = None
) -> str:
    s = db.session
    return render_template(
        "admin/account_edit.html",
        user=user,
        form=form,
        error=error,
        reset_url=reset_url,
        memberships=initiatives.member_of(s, user),
        events=_events(subject=user),
        labels=audit_labels(),
    )


@bp.route("/accounts/<int:user_id>/deactivate", methods=["POST"])
def account_deactivate(user_id: int) -> Response | str:
    user = accounts.get_user(db.session, user_id)
    try:
        with db.writing() as s:
            accounts.deactivate_user(s, user, _me())
    except DomainError as exc:
        flash(exc.message, "error")
    else:
        _disconnect(user)
        flash(
            _("%(name)s can no longer sign in, and was signed out everywhere.", name=user.username),
            "success",
        )
    return redirect(url_for("admin.account_edit", user_id=user.id))


@bp.route("/accounts/<int:user_id>/reactivate", methods=["POST"])
def account_reactivate(user_id: int) -> Response:
    user = accounts.get_user(db.session, user_id)
    with db.writing() as s:
        accounts.reactivate_user(s, user, _me())
    flash(_("%(name)s can sign in again.", name=user.username), "success")
    return redirect(url_for("admin.account_edit", user_id=user.id))


@bp.route("/accounts/<int:user_id>/reset", methods=["POST"])
def account_reset(user_id: int) -> str:
    """A one-time reset link, shown on this page once (it is not stored, only its hash)."""
    user = accounts.get_user(db.session, user_id)
    with db.writing() as s:
        token = accounts.create_password_reset(s, user, _me())
    form = RolesForm(obj=user)
    form.affiliation.data = user.affiliation.value if user.affiliation else NO_AFFILIATION
    return _render_account(
        user, form, reset_url=url_for("auth.reset_password", token=token, _external=True)
    )


@bp.route("/initiatives")
def initiatives_list() -> str:
    return render_template(
        "admin/initiatives.html", initiatives=initiatives.initiatives_for(db.session, _me())
    )


@bp.route("/initiatives/new", methods=["GET", "POST"])
def initiative_new() -> Response | str:
    form = InitiativeForm()
    if form.validate_on_submit():
        try:
            with db.writing() as s:
                initiative = initiatives.create_initiative(s, form.details(), _me())
        except DomainError as exc:
            form.title.errors = [*form.title.errors, exc.message]
        else:
            flash(_("Initiative created."), "success")
            return redirect(url_for("admin.initiative_edit", initiative_id=initiative.id))
    return render_template("admin/initiative_edit.html", form=form, initiative=None)


@bp.route("/initiatives/<int:initiative_id>", methods=["GET", "POST"])
def initiative_edit(initiative_id: int) -> Response | str:
    s = db.session
    initiative = initiatives.get_initiative(s, initiative_id)
    form = InitiativeForm(obj=initiative) if request.method == "GET" else InitiativeForm()
    if form.validate_on_submit():
        try:
            with db.writing() as w:
                initiatives.update_initiative(w, initiative, form.details(), _me())
        except DomainError as exc:
            form.title.errors = [*form.title.errors, exc.message]
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("admin.initiative_edit", initiative_id=initiative.id))
    current = initiatives.members(s, initiative)
    member_ids = {u.id for u in current}
    others = [u for u in s.scalars(select(User).order_by(User.username)) if u.id not in member_ids]
    unassigned = s.scalars(
        select(ListeningSession)
        .where(
            (ListeningSession.initiative_id != initiative.id)
            | ListeningSession.initiative_id.is_(None)
        )
        .order_by(ListeningSession.id.desc())
    ).all()
    return render_template(
        "admin/initiative_edit.html",
        form=form,
        initiative=initiative,
        members=current,
        others=others,
        other_sessions=unassigned,
        role_labels=role_labels(),
        affiliation_labels=affiliation_labels(),
        events=_events(initiative_id=initiative.id),
        labels=audit_labels(),
    )


@bp.route("/initiatives/<int:initiative_id>/members", methods=["POST"])
def initiative_members(initiative_id: int) -> Response:
    """Add (``add=<user id>``) or remove (``remove=<user id>``) a member."""
    s = db.session
    initiative = initiatives.get_initiative(s, initiative_id)
    try:
        with db.writing() as w:
            if request.form.get("add"):
                user = accounts.get_user(w, request.form.get("add", type=int))
                initiatives.add_member(w, initiative, user, _me())
                message = _("%(name)s is now a member.", name=user.username)
            else:
                user = accounts.get_user(w, request.form.get("remove", type=int))
                initiatives.remove_member(w, initiative, user, _me())
                message = _("%(name)s is no longer a member.", name=user.username)
    except DomainError as exc:
        flash(exc.message, "error")
    else:
        flash(message, "success")
    return redirect(url_for("admin.initiative_edit", initiative_id=initiative.id))


@bp.route("/initiatives/<int:initiative_id>/sessions", methods=["POST"])
def initiative_sessions(initiative_id: int) -> Response:
    """Add an existing session to this initiative."""
    s = db.session
    initiative = initiatives.get_initiative(s, initiative_id)
    ls = s.get(ListeningSession, request.form.get("session_id", type=int) or 0)
    if ls is None:
        flash(_("Choose a session to add."), "error")
    else:
        with db.writing() as w:
            initiatives.assign_session(w, ls, initiative, _me())
        flash(_("Session added to the initiative."), "success")
    return redirect(url_for("admin.initiative_edit", initiative_id=initiative.id))


def _events(
    *, subject: User | None = None, initiative_id: int | None = None
) -> list[tuple[AuditEvent, str | None, str | None]]:
    """The newest audit events (500 at most): with who did it and to whom."""
    actor, target = aliased(User), aliased(User)
    query = (
        select(AuditEvent, actor.username, target.username)
        .outerjoin(actor, AuditEvent.actor_id == actor.id)
        .outerjoin(target, AuditEvent.subject_user_id == target.id)
        .order_by(AuditEvent.id.desc())
        .limit(500)
    )
    if subject is not None:
        query = query.where(AuditEvent.subject_user_id == subject.id)
    if initiative_id is not None:
        query = query.where(AuditEvent.initiative_id == initiative_id)
    return [(event, by, to) for event, by, to in db.session.execute(query).all()]


@bp.route("/audit")
def audit_log() -> str:
    return render_template("admin/audit.html", events=_events(), labels=audit_labels())
