"""Initiatives: a committee's group of listening sessions, and who may see them.

Facilitators and committee members see only the sessions of the initiatives they belong
to; administrators see all. Every change is recorded in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.errors import Conflict, Forbidden, NotFound
from facilitator.models import Initiative, InitiativeMember, ListeningSession, User
from facilitator.services.accounts import audit
from facilitator.services.sessions import get_session
from facilitator.services.text import clean_text

INITIATIVE_TITLE_MAX = 200
INITIATIVE_DESCRIPTION_MAX = 5000


@dataclass(frozen=True)
class InitiativeDetails:
    """What an administrator writes about an initiative, in English and Spanish."""

    title: str
    title_es: str = ""
    description: str = ""
    description_es: str = ""


def _clean(details: InitiativeDetails) -> InitiativeDetails:
    def optional(value: str, limit: int) -> str:
        return value.strip() and clean_text(value, limit)

    return InitiativeDetails(
        title=clean_text(details.title, INITIATIVE_TITLE_MAX, field=_("title")),
        title_es=optional(details.title_es, INITIATIVE_TITLE_MAX),
        description=optional(details.description, INITIATIVE_DESCRIPTION_MAX),
        description_es=optional(details.description_es, INITIATIVE_DESCRIPTION_MAX),
    )


def create_initiative(db: Session, details: InitiativeDetails, by: User) -> Initiative:
    """A new initiative; its creator is its first member."""
    clean = _clean(details)
    initiative = Initiative(
        title=clean.title,
        title_es=clean.title_es,
        description=clean.description,
        description_es=clean.description_es,
        created_by_id=by.id,
    )
    db.add(initiative)
    db.flush()
    db.add(InitiativeMember(initiative_id=initiative.id, user_id=by.id))
    audit(db, by, "initiative_created", initiative_id=initiative.id, detail=clean.title)
    db.flush()
    return initiative


def update_initiative(
    db: Session, initiative: Initiative, details: InitiativeDetails, by: User
) -> Initiative:
    clean = _clean(details)
    initiative.title = clean.title
    initiative.title_es = clean.title_es
    initiative.description = clean.description
    initiative.description_es = clean.description_es
    audit(db, by, "initiative_changed", initiative_id=initiative.id, detail=clean.title)
    db.flush()
    return initiative


def get_initiative(db: Session, initiative_id: object) -> Initiative:
    initiative = (
        db.get(Initiative, initiative_id)
        if isinstance(initiative_id, int)
        and not isinstance(initiative_id, bool)
        and 1 <= initiative_id < 2**31
        else None
    )
    if initiative is None:
        raise NotFound("initiative_not_found", _("There is no such initiative."))
    return initiative


def is_member(db: Session, initiative: Initiative | int, user: User) -> bool:
    """Whether ``user`` belongs to the initiative (given as a row or its id)."""
    initiative_id = initiative if isinstance(initiative, int) else initiative.id
    return (
        db.scalar(
            select(InitiativeMember.id).where(
                InitiativeMember.initiative_id == initiative_id,
                InitiativeMember.user_id == user.id,
            )
        )
        is not None
    )


def add_member(db: Session, initiative: Initiative, user: User, by: User) -> None:
    if is_member(db, initiative, user):
        raise Conflict("already_member", _("%(name)s is already a member.", name=user.username))
    db.add(InitiativeMember(initiative_id=initiative.id, user_id=user.id))
    audit(db, by, "member_added", subject=user, initiative_id=initiative.id)
    db.flush()


def remove_member(db: Session, initiative: Initiative, user: User, by: User) -> None:
    member = db.scalar(
        select(InitiativeMember).where(
            InitiativeMember.initiative_id == initiative.id, InitiativeMember.user_id == user.id
        )
    )
    if member is None:
        raise NotFound("not_member", _("%(name)s is not a member.", name=user.username))
    db.delete(member)
    audit(db, by, "member_removed", subject=user, initiative_id=initiative.id)
    db.flush()


def members(db: Session, initiative: Initiative) -> list[User]:
    return list(
        db.scalars(
            select(User)
            .join(InitiativeMember, InitiativeMember.user_id == User.id)
            .where(InitiativeMember.initiative_id == initiative.id)
            .order_by(User.username)
        )
    )


def member_of(db: Session, user: User) -> list[Initiative]:
    """The initiatives an account belongs to, newest first."""
    return list(
        db.scalars(
            select(Initiative)
            .join(InitiativeMember, InitiativeMember.initiative_id == Initiative.id)
            .where(InitiativeMember.user_id == user.id)
            .order_by(Initiative.id.desc())
        )
    )


def initiatives_for(db: Session, user: User) -> list[Initiative]:
    """The initiatives an account sees: all for an administrator, else its own."""
    if not user.is_admin:
        return member_of(db, user)
    return list(db.scalars(select(Initiative).order_by(Initiative.id.desc())))


def visible_sessions(db: Session, user: User) -> list[ListeningSession]:
    """The sessions an account may open, newest first."""
    query = select(ListeningSession).order_by(ListeningSession.id.desc())
    if not user.is_admin:
        query = query.join(
            InitiativeMember, InitiativeMember.initiative_id == ListeningSession.initiative_id
        ).where(InitiativeMember.user_id == user.id)
    return list(db.scalars(query))


def can_see_session(db: Session, user: User, ls: ListeningSession) -> bool:
    if user.is_admin:
        return True
    # Only administrators see a session that belongs to no initiative.
    return ls.initiative_id is not None and is_member(db, ls.initiative_id, user)


def check_can_moderate(db: Session, user: User, ls: ListeningSession) -> None:
    """Refuse an account that may not run this session's console."""
    if not user.can_moderate:
        raise Forbidden(
            "not_a_facilitator",
            _("Your account does not run sessions. Ask an administrator for the facilitator role."),
        )
    if not can_see_session(db, user, ls):
        raise Forbidden(
            "not_a_member",
            _("This session belongs to an initiative you are not a member of."),
        )


def moderated_session(db: Session, user: User, session_id: int) -> ListeningSession:
    """The session ``user`` may run: not found, or refused if not a member (or admin)."""
    ls = get_session(db, session_id)
    check_can_moderate(db, user, ls)
    return ls


def assign_session(
    db: Session, ls: ListeningSession, initiative: Initiative, by: User
) -> ListeningSession:
    """Put a session in an initiative (at creation or later); ``by`` must belong to it."""
    if not by.is_admin and not is_member(db, initiative, by):
        raise Forbidden(
            "not_a_member", _("You can only add sessions to initiatives you are a member of.")
        )
    if ls.initiative_id != initiative.id:
        ls.initiative_id = initiative.id
        audit(db, by, "session_assigned", initiative_id=initiative.id, detail=f"session {ls.id}")
        db.flush()
    return ls
