"""What a facilitator does to a session itself: its details, lifecycle and prompt."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from facilitator.extensions import db
from facilitator.live import broadcast
from facilitator.models import Initiative, ListeningSession, User
from facilitator.services import initiatives
from facilitator.services import resources as resources_service
from facilitator.services import sessions as service
from facilitator.services.initiatives import InitiativeDetails
from facilitator.services.sessions import SessionDetails


def _initiative(
    s: Session, user: User, initiative_id: int | None, new_title: str, session_title: str
) -> Initiative:
    """The chosen initiative, or a new one (named after the session if not named)."""
    if initiative_id:
        return initiatives.get_initiative(s, initiative_id)
    title = new_title.strip() or session_title
    return initiatives.create_initiative(s, InitiativeDetails(title=title), user)


def create(
    details: SessionDetails, user: User, *, initiative_id: int | None, new_initiative: str = ""
) -> ListeningSession:
    """A new session, in draft, in an initiative (a new one when ``initiative_id`` is None).

    Nobody is connected to it yet, so there is nothing to announce.
    """
    with db.writing() as s:
        initiative = _initiative(s, user, initiative_id, new_initiative, details.title)
        ls = service.create_session(s, details, user)
        initiatives.assign_session(s, ls, initiative, user)
    return ls


def update(
    ls: ListeningSession,
    details: SessionDetails,
    user: User,
    *,
    initiative_id: int | None,
    new_initiative: str = "",
) -> ListeningSession:
    """New title, framing, prompts or initiative: every screen shows them at once."""
    with db.writing() as s:
        service.update_session(s, ls, details)
        initiative = _initiative(s, user, initiative_id, new_initiative, ls.title)
        initiatives.assign_session(s, ls, initiative, user)
    broadcast.session_changed(ls)
    return ls


def transition(ls: ListeningSession, action: object, user: User) -> ListeningSession:
    """Open, pause, resume or close the session."""
    with db.writing() as s:
        service.transition_session(s, ls, action, user)
    broadcast.session_changed(ls)
    return ls


def set_prompt(
    ls: ListeningSession,
    user: User,
    *,
    prompt_id: object = None,
    text: object = None,
    text_es: object = None,
) -> ListeningSession:
    """Switch to another prompt, or add one live."""
    with db.writing() as s:
        service.set_current_prompt(s, ls, user, prompt_id=prompt_id, text=text, text_es=text_es)
    broadcast.session_changed(ls)
    return ls


def set_resources(ls: ListeningSession, text: str, today: date) -> None:
    """Replace the session's local support resources (phones read them on page load)."""
    with db.writing() as s:
        resources_service.set_support_resources(s, ls, text, today)
