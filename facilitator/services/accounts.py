"""Facilitator accounts: Argon2id password hashes, first-admin setup, sign-in."""

from __future__ import annotations

import secrets

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
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
PASSWORD_MIN = 12
USERNAME_MAX = 80


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


def authenticate(db: Session, username: str, password: str) -> User | None:
    """Return the user if the password matches; None otherwise, in the same time either way."""
    user = db.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.is_active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
        db.flush()
    return user


def end_all_sessions(db: Session, user: User) -> None:
    """Log the user out on every device: the nonce in their login cookies stops matching."""
    user.session_nonce = secrets.token_hex(16)
    db.flush()
