"""First-run set-up, sign in (throttled, no user enumeration) and sign out."""

from __future__ import annotations

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from facilitator.auth import bp
from facilitator.auth.forms import LoginForm, SetupForm
from facilitator.errors import DomainError
from facilitator.extensions import db, limiter, login_manager
from facilitator.models import User
from facilitator.services.accounts import (
    authenticate,
    create_first_admin,
    end_all_sessions,
    has_any_user,
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
        try:
            with db.writing() as s:
                user = create_first_admin(s, form.username.data, form.password.data)
        except DomainError as exc:
            form.username.errors = [*form.username.errors, exc.message]
        else:
            login_user(user)
            flash(_("Welcome. Your administrator account is ready."), "success")
            return redirect(url_for("sessions.index"))
    return render_template("auth/setup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, key_func=_login_key, methods=["POST"])
@limiter.limit("300/minute", key_func=lambda: "login:all", methods=["POST"])
def login() -> Response | str:
    if not has_any_user(db.session):
        return redirect(url_for("auth.setup"))
    if current_user.is_authenticated:
        return redirect(url_for("sessions.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.username.data, form.password.data)
        db.session.commit()  # a password rehash, if argon2's parameters changed
        if user is not None:
            login_user(user)
            return redirect(_safe_next() or url_for("sessions.index"))
        # One message for unknown users and wrong passwords alike.
        flash(_("That username and password do not match."), "error")
    return render_template("auth/login.html", form=form)


def _safe_next() -> str | None:
    target = request.args.get("next", "")
    # Only local paths: never an open redirect to another site.
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    # The login cookie is signed, not stored: changing the nonce it carries is what makes
    # a copied cookie useless afterwards (and signs this account out everywhere).
    with db.writing():
        end_all_sessions(db.session, current_user._get_current_object())
    logout_user()
    flash(_("You are signed out."), "success")
    return redirect(url_for("auth.login"))
