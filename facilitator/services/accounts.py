"""Staff accounts: Argon2id password hashes, roles, first-admin setup, sign-in, resets.

Every change an administrator makes to an account is recorded as an ``AuditEvent``
(never a password or a reset token).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.errors import Conflict, DomainError, Forbidden, NotFound
from facilitator.models import Affiliation, AuditEvent, PasswordReset, User, as_utc, utcnow

# argon2-cffi's defaults are Argon2id with the RFC 9106 "low memory" profile.
_hasher = PasswordHasher()
# Verified against when the username is unknown, so both failures take the same time.
_started = time.perf_counter()
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
# How long a verification takes here (a moving average): an unknown username that is
# not verified (a spray is on) is answered after this long, like a known one.
_verify_seconds = time.perf_counter() - _started
PASSWORD_MIN = 12
PASSWORD_MAX = 1024
USERNAME_MAX = 80
DISPLAY_NAME_MAX = 120
RESET_VALID_FOR = timedelta(hours=24)


def has_any_user(db: Session) -> bool:
    return bool(db.scalar(select(func.count(User.id))))


def safety_moderators(db: Session) -> list[User]:
    """The active accounts that may read and decide on posts held for safety."""
    return list(
        db.scalars(
            select(User)
            .where(User.is_safety_moderator.is_(True), User.is_active_account.is_(True))
            .order_by(User.id)
        )
    )


def _check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN:
        raise DomainError(
            "password_too_short",
            _(
                "Use at least %(n)s characters; a few words strung together work well.",
                n=PASSWORD_MIN,
            ),
        )
    if len(password) > PASSWORD_MAX:
        raise DomainError("password_too_long", _("Use at most 1,024 characters."))


@dataclass(frozen=True)
class Roles:
    """The roles an account holds; a committee member speaks for an affiliation."""

    is_admin: bool = False
    is_facilitator: bool = True
    is_safety_moderator: bool = False
    is_committee_member: bool = False
    affiliation: Affiliation | None = None


def _check_roles(roles: Roles) -> None:
    if not (
        roles.is_admin
        or roles.is_facilitator
        or roles.is_safety_moderator
        or roles.is_committee_member
    ):
        raise DomainError("role_required", _("Give the account at least one role."))
    if roles.is_committee_member and roles.affiliation is None:
        raise DomainError(
            "affiliation_required",
            _("A committee member speaks for police, a community partner or the city: choose one."),
        )
    # docs/domain.md (T0): posts about self-harm, threats and abuse go to a victim-services
    # partner, never to the police who host the session.
    if roles.is_safety_moderator and roles.affiliation == Affiliation.POLICE:
        raise DomainError(
            "safety_moderator_not_police",
            _("A safety moderator is a victim-services partner, never police."),
        )


def audit(
    db: Session,
    actor: User | None,
    action: str,
    *,
    subject: User | None = None,
    initiative_id: int | None = None,
    detail: str = "",
) -> None:
    """Record an account or initiative change (``labels.audit_labels`` names the action)."""
    db.add(
        AuditEvent(
            actor_id=actor.id if actor else None,
            action=action,
            subject_user_id=subject.id if subject else None,
            initiative_id=initiative_id,
            detail=detail,
        )
    )


def _describe(roles: Roles) -> str:
    held = [
        name
        for name, on in (
            ("admin", roles.is_admin),
            ("facilitator", roles.is_facilitator),
            ("safety_moderator", roles.is_safety_moderator),
            ("committee_member", roles.is_committee_member),
        )
        if on
    ]
    if roles.affiliation is not None:
        held.append(f"affiliation={roles.affiliation.value}")
    return ", ".join(held)


def create_user(
    db: Session,
    username: str,
    password: str,
    *,
    display_name: str = "",
    is_admin: bool = False,
    is_safety_moderator: bool = False,
    roles: Roles | None = None,
    by: User | None = None,
) -> User:
    """Create an account. ``roles`` overrides the two flags (kept for the command line)."""
    if roles is None:
        roles = Roles(is_admin=is_admin, is_safety_moderator=is_safety_moderator)
    username = username.strip()
    if not username or len(username) > USERNAME_MAX:
        raise DomainError("bad_username", _("Choose a username of 1 to 80 characters."))
    if len(display_name) > DISPLAY_NAME_MAX:
        raise DomainError("bad_display_name", _("Use at most 120 characters for the name."))
    _check_password(password)
    _check_roles(roles)
    taken = db.scalar(select(User.id).where(func.lower(User.username) == username.lower()))
    if taken is not None:
        raise Conflict("username_taken", _("That username is already taken."))
    user = User(
        username=username,
        display_name=display_name.strip() or username,
        password_hash=_hasher.hash(password),
        is_admin=roles.is_admin,
        is_facilitator=roles.is_facilitator,
        is_safety_moderator=roles.is_safety_moderator,
        is_committee_member=roles.is_committee_member,
        affiliation=roles.affiliation,
        session_nonce=secrets.token_hex(16),
    )
    db.add(user)
    db.flush()
    audit(db, by, "account_created", subject=user, detail=_describe(roles))
    return user


def get_user(db: Session, user_id: object) -> User:
    if not isinstance(user_id, int) or isinstance(user_id, bool) or not 1 <= user_id < 2**31:
        raise NotFound("user_not_found", _("There is no such account."))
    user = db.get(User, user_id)
    if user is None:
        raise NotFound("user_not_found", _("There is no such account."))
    return user


def _active_admins(db: Session) -> int:
    return (
        db.scalar(
            select(func.count(User.id)).where(
                User.is_admin.is_(True), User.is_active_account.is_(True)
            )
        )
        or 0
    )


def set_roles(
    db: Session, user: User, roles: Roles, by: User, *, display_name: str | None = None
) -> User:
    """Change an account's roles (and display name); an admin cannot demote the last admin."""
    _check_roles(roles)
    if user.is_admin and not roles.is_admin and _active_admins(db) <= 1:
        raise Conflict(
            "last_admin", _("This is the only administrator. Make someone else one first.")
        )
    if display_name is not None:
        if len(display_name) > DISPLAY_NAME_MAX:
            raise DomainError("bad_display_name", _("Use at most 120 characters for the name."))
        user.display_name = display_name.strip() or user.username
    before = _describe(_roles_of(user))
    user.is_admin = roles.is_admin
    user.is_facilitator = roles.is_facilitator
    user.is_safety_moderator = roles.is_safety_moderator
    user.is_committee_member = roles.is_committee_member
    user.affiliation = roles.affiliation
    after = _describe(roles)
    if before != after:
        audit(db, by, "roles_changed", subject=user, detail=f"{before} -> {after}")
    db.flush()
    return user


def _roles_of(user: User) -> Roles:
    return Roles(
        is_admin=user.is_admin,
        is_facilitator=user.is_facilitator,
        is_safety_moderator=user.is_safety_moderator,
        is_committee_member=user.is_committee_member,
        affiliation=user.affiliation,
    )


def deactivate_user(db: Session, user: User, by: User) -> User:
    """Stop an account from signing in, and sign it out everywhere at once."""
    if user.id == by.id:
        raise Forbidden("cannot_deactivate_self", _("You cannot deactivate your own account."))
    if user.is_admin and user.is_active_account and _active_admins(db) <= 1:
        raise Conflict(
            "last_admin", _("This is the only administrator. Make someone else one first.")
        )
    if user.is_active_account:
        user.is_active_account = False
        end_all_sessions(db, user)
        audit(db, by, "account_deactivated", subject=user)
    return user


def reactivate_user(db: Session, user: User, by: User) -> User:
    if not user.is_active_account:
        user.is_active_account = True
        db.flush()
        audit(db, by, "account_reactivated", subject=user)
    return user


def _token_hash(token: str) -> str:
    # The token is 256 random bits: a plain hash is enough (nothing to brute-force).
    return hashlib.sha256(token.encode()).hexdigest()


def create_password_reset(db: Session, user: User, by: User) -> str:
    """A one-time reset token for ``user``, valid for a day; earlier unused ones end."""
    now = utcnow()
    for old in db.scalars(
        select(PasswordReset).where(
            PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None)
        )
    ):
        old.used_at = now
    token = secrets.token_urlsafe(32)
    db.add(
        PasswordReset(
            user_id=user.id,
            token_hash=_token_hash(token),
            created_by_id=by.id,
            expires_at=now + RESET_VALID_FOR,
        )
    )
    audit(db, by, "password_reset_link", subject=user)
    db.flush()
    return token


def find_password_reset(db: Session, token: object) -> PasswordReset:
    """The unused, unexpired reset for ``token``."""
    reset = (
        db.scalar(select(PasswordReset).where(PasswordReset.token_hash == _token_hash(token)))
        if isinstance(token, str) and 20 <= len(token) <= 100
        else None
    )
    if reset is None or reset.used_at is not None or as_utc(reset.expires_at) < utcnow():
        raise NotFound(
            "reset_link_invalid",
            _("This link has expired or was already used. Ask an administrator for a new one."),
        )
    return reset


def use_password_reset(db: Session, token: object, password: str) -> User:
    """Set a new password with a reset token; the account is signed out everywhere."""
    reset = find_password_reset(db, token)
    _check_password(password)
    user = db.get(User, reset.user_id)
    assert user is not None  # the reset row goes with its account (ON DELETE CASCADE)
    user.password_hash = _hasher.hash(password)
    reset.used_at = utcnow()
    end_all_sessions(db, user)
    audit(db, user, "password_reset_used", subject=user)
    return user


def create_first_admin(db: Session, username: str, password: str) -> User:
    """Create the first account. Refused once any account exists: there is no default."""
    if has_any_user(db):
        raise Conflict("setup_done", _("Set-up is already complete. Please sign in."))
    return create_user(db, username, password, is_admin=True)


def _call(fn: Callable[..., Any], *args: Any) -> Any:
    return fn(*args)


def password_matches(password_hash: str, password: str) -> bool:
    """Argon2 verification: tens of milliseconds of CPU, so callers run it off the loop."""
    global _verify_seconds
    started = time.perf_counter()
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    finally:
        _verify_seconds = 0.8 * _verify_seconds + 0.2 * (time.perf_counter() - started)


def authenticate(
    db: Session,
    username: str,
    password: str,
    *,
    run_in_thread: Callable[..., Any] = _call,
    check_unknown: Callable[[], bool] = lambda: True,
    pause: Callable[[float], Any] = time.sleep,
) -> User | None:
    """Return the user if the password matches; None otherwise, in the same time either way.

    Only reads: the caller stores a fresher hash (:func:`fresh_password_hash`) in a write
    transaction of its own, so no database lock is held while Argon2 runs.
    ``run_in_thread(fn, *args)`` runs the verification off the event loop. For a username
    that does not exist, ``check_unknown()`` says whether to spend a verification against
    a dummy hash; when it says no (a spray of made-up names is on), the answer comes after
    ``pause`` for as long as a verification takes, so it still looks like any failure.
    """
    user = db.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    if user is None and not check_unknown():
        pause(_verify_seconds)
        return None
    matched = run_in_thread(password_matches, user.password_hash if user else _DUMMY_HASH, password)
    if not matched or user is None or not user.is_active:
        return None
    return user


def fresh_password_hash(
    user: User, password: str, *, run_in_thread: Callable[..., Any] = _call
) -> str | None:
    """A new hash of ``password`` if the user's was made with older parameters, else None."""
    if not _hasher.check_needs_rehash(user.password_hash):
        return None
    return run_in_thread(_hasher.hash, password)


def set_password_hash(db: Session, user: User, password_hash: str) -> None:
    user.password_hash = password_hash
    db.flush()


def end_all_sessions(db: Session, user: User) -> None:
    """Log the user out on every device: the nonce in their login cookies stops matching."""
    user.session_nonce = secrets.token_hex(16)
    db.flush()
