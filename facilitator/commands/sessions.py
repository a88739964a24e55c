"""What a facilitator does to a session itself: its details, lifecycle and prompt."""

from __future__ import annotations

from datetime import date

from facilitator.extensions import db
from facilitator.live import broadcast
from facilitator.models import ListeningSession, User
from facilitator.services import resources as resources_service
from facilitator.services import sessions as service
from facilitator.services.sessions import SessionDetails


def create(details: SessionDetails, user: User) -> ListeningSession:
    """A new session, in draft: nobody is connected to it yet, so nothing to announce."""
    with db.writing() as s:
        return service.create_session(s, details, user)


def update(ls: ListeningSession, details: SessionDetails) -> ListeningSession:
    """New title, framing or prompts: phones, displays and consoles show them at once."""
    with db.writing() as s:
        service.update_session(s, ls, details)
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
