"""First-run set-up, sign in (throttled, no user enumeration) and sign out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from facilitator.auth import bp
from facilitator.auth.forms import LoginForm, ResetForm, SetupForm
from facilitator.errors import DomainError
from facilitator.extensions import db, limiter, login_manager, socketio
from facilitator.live import get_live
from facilitator.models import User
from facilitator.offload import run_in_thread
from facilitator.ratelimit import spend_unknown_login_check
from facilitator.services.accounts import (
    Roles,
    authenticate,
    create_first_admin,
    create_user,
    end_all_sessions,
    find_password_reset,
    fresh_password_hash,
    has_any_user,
    set_password_hash,
    use_password_reset,
)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Load from "id:nonce"; a changed nonce (logout everywhere) invalidates old cookies."""
    raw_id, _sep, nonce = user_id.partition(":")
    if not raw_id.isdigit():
        return None
    user = db.session.get(User, int(raw_id))
    if user is None or user.session_nonce != nonce or not user.is_active:
        return None
    return user


def _login_key() -> str:
    # Throttle per account name, never per IP address (a venue shares one).
    return "login:" + (request.form.get("username") or "").strip().lower()[:80]


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/setup", methods=["GET", "POST"])
def setup() -> Response | str:
    if has_any_user(db.session):
        return redirect(url_for("auth.login"))
    form = SetupForm()
    if form.validate_on_submit():
        safety_name = (form.safety_username.data or "").strip()
        try:
            with db.writing() as s:
                user = create_first_admin(s, form.username.data, form.password.data)
                if safety_name:
                    create_user(
                        s,
                        safety_name,
                        form.safety_password.data or "",
                        roles=Roles(is_facilitator=False, is_safety_moderator=True),
                        by=user,
                    )
        except DomainError as exc:
            target = (
                form.safety_username if safety_name and exc.code != "setup_done" else form.username
            )
            target.errors = [*target.errors, exc.message]
        else:
            login_user(user)
            flash(_("Welcome. Your administrator account is ready."), "success")
            return redirect(url_for("sessions.index"))
    return render_template("auth/setup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
# Per username only: a limit across all names would let anyone lock every facilitator
# out; made-up names are instead stopped from costing CPU (spend_unknown_login_check).
@limiter.limit(_login_limit, key_func=_login_key, methods=["POST"])
def login() -> Response | str:
    if not has_any_user(db.session):
        return redirect(url_for("auth.setup"))
    if current_user.is_authenticated:
        return redirect(url_for("sessions.index"))
    form = LoginForm()
    if form.validate_on_submit():
        password = form.password.data
        user = authenticate(
            db.session,
            form.username.data,
            password,
            run_in_thread=run_in_thread,
            check_unknown=spend_unknown_login_check,
            pause=socketio.sleep,
        )
        if user is not None:
            rehashed = fresh_password_hash(user, password, run_in_thread=run_in_thread)
            if rehashed is not None:
                with db.writing() as s:
                    set_password_hash(s, user, rehashed)
            login_user(user)
            return redirect(_safe_next() or url_for("sessions.index"))
        # One message for unknown users and wrong passwords alike.
        flash(_("That username and password do not match."), "error")
    return render_template("auth/login.html", form=form)


def _safe_next() -> str | None:
    """The ``next`` page, only if it is a path on this site: never an open redirect."""
    target = request.args.get("next", "")
    # Browsers drop tabs and newlines inside URLs, so "/\t/evil.example" means
    # "//evil.example": refuse any control character or whitespace outright.
    if not target or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    # The login cookie is signed, not stored: changing the nonce it carries is what makes
    # a copied cookie useless afterwards (and signs this account out everywhere).
    user = current_user._get_current_object()
    with db.writing():
        end_all_sessions(db.session, user)
    logout_user()
    # Open consoles stop too (in this process at once; elsewhere at their next action,
    # which checks the nonce).
    for sid in get_live().presence.sids_of_user(user.id):
        socketio.server.disconnect(sid, namespace="/")
    flash(_("You are signed out."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> Response | str | tuple[str, int]:
    """Set a new password with the one-time link an administrator made."""
    try:
        reset = find_password_reset(db.session, token)
    except DomainError as exc:
        return render_template(
            "error.html", title=_("This link does not work"), message=exc.message
        ), exc.http_status
    user = db.session.get(User, reset.user_id)
    form = ResetForm()
    if form.validate_on_submit():
        try:
            with db.writing() as s:
                use_password_reset(s, token, form.password.data)
        except DomainError as exc:
            form.password.errors = [*form.password.errors, exc.message]
        else:
            logout_user()
            flash(_("Your password is changed. Please sign in."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, username=user.username if user else "")
