"""Facilitator accounts: Argon2id password hashes, first-admin setup, sign-in."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.errors import Conflict, DomainError
from facilitator.models import User

# argon2-cffi's defaults are Argon2id with the RFC 9106 "low memory" profile.
_hasher = PasswordHasher()
# Verified against when the username is unknown, so both failures take the same time.
_started = time.perf_counter()
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
# How long a verification takes here (a moving average): an unknown username that is
# not verified (a spray is on) is answered after this long, like a known one.
_verify_seconds = time.perf_counter() - _started
PASSWORD_MIN = 12
USERNAME_MAX = 80


def has_any_user(db: Session) -> bool:
    return bool(db.scalar(select(func.count(User.id))))


def _check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN:
        raise DomainError(
            "password_too_short",
            _(
                "Use at least %(n)s characters; a few words strung together work well.",
                n=PASSWORD_MIN,
            ),
        )
    if len(password) > 1024:
        raise DomainError("password_too_long", _("Use at most 1,024 characters."))


def create_user(
    db: Session,
    username: str,
    password: str,
    *,
    display_name: str = "",
    is_admin: bool = False,
    is_safety_moderator: bool = False,
) -> User:
    username = username.strip()
    if not username or len(username) > USERNAME_MAX:
        raise DomainError("bad_username", _("Choose a username of 1 to 80 characters."))
    _check_password(password)
    taken = db.scalar(select(User.id).where(func.lower(User.username) == username.lower()))
    if taken is not None:
        raise Conflict("username_taken", _("That username is already taken."))
    user = User(
        username=username,
        display_name=display_name.strip() or username,
        password_hash=_hasher.hash(password),
        is_admin=is_admin,
        is_safety_moderator=is_safety_moderator,
        session_nonce=secrets.token_hex(16),
    )
    db.add(user)
    db.flush()
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
