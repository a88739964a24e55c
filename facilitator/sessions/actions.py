"""Session changes shared by the console's socket events and the HTTP forms."""

from __future__ import annotations

from facilitator.extensions import db
from facilitator.live import broadcast
from facilitator.live.events import session_payload
from facilitator.models import ListeningSession, User
from facilitator.services.sessions import set_current_prompt, transition_session


def apply_transition(ls: ListeningSession, action: object, user: User) -> ListeningSession:
    with db.writing() as s:
        transition_session(s, ls, action, user)
    broadcast.session_changed(ls, session_payload(ls))
    return ls


def apply_prompt(
    ls: ListeningSession,
    user: User,
    *,
    prompt_id: object = None,
    text: object = None,
    text_es: object = None,
) -> ListeningSession:
    with db.writing() as s:
        set_current_prompt(s, ls, user, prompt_id=prompt_id, text=text, text_es=text_es)
    broadcast.session_changed(ls, session_payload(ls))
    return ls
