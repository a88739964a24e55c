"""Listening sessions: create, edit, open, pause, resume, close, prompts."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facilitator.errors import Conflict, DomainError, NotFound
from facilitator.labels import session_status_labels
from facilitator.models import (
    ListeningSession,
    ModerationAction,
    ModerationMode,
    Prompt,
    SessionStatus,
    User,
    utcnow,
)
from facilitator.privacy import is_join_code, new_join_code, normalise_code
from facilitator.services.ids import is_id
from facilitator.services.retention import check_posts_kept
from facilitator.services.text import clean_text

TITLE_MAX = 200
LONG_TEXT_MAX = 5000
PROMPT_MAX = 500
COMPLAINT_CHANNEL_MAX = 1000
# The whole prompts box of the session form (one prompt per line).
PROMPTS_FIELD_MAX = 20000


@dataclass(frozen=True)
class SessionDetails:
    """What a facilitator fills in when creating or editing a session."""

    title: str
    purpose: str
    ground_rules: str
    prompts: list[str]
    moderation_mode: ModerationMode = ModerationMode.APPROVE_FIRST
    # Spanish versions of ``prompts``, position for position; "" where there is none.
    # Empty: no prompt has one.
    prompts_es: list[str] = field(default_factory=list)
    # Where to make a formal complaint; "" for the generic advice.
    complaint_channel: str = ""
    # Spanish versions of the texts above; "" where there is none.
    title_es: str = ""
    purpose_es: str = ""
    ground_rules_es: str = ""
    complaint_channel_es: str = ""


def check_prompt_translations(prompts: list[str], prompts_es: list[str]) -> None:
    """Spanish prompts pair with prompts by position: refuse a count that does not match.

    A missing line would pair every later prompt with the wrong translation, so this
    refuses rather than guesses. Empty ``prompts_es``: no prompt has a Spanish version.
    """
    if prompts_es and len(prompts_es) != len(prompts):
        raise DomainError(
            "prompt_translations_mismatch",
            _(
                "Prompts: %(prompts)s. Spanish lines: %(lines)s. Write one Spanish line for "
                "each prompt, in the same order, or leave the Spanish box empty.",
                prompts=len(prompts),
                lines=len(prompts_es),
            ),
        )


def _clean_prompts(prompts: list[str], prompts_es: list[str]) -> tuple[list[str], list[str]]:
    check_prompt_translations(prompts, prompts_es)
    pairs = [
        (
            clean_text(p, PROMPT_MAX, field=_("prompt")),
            es.strip() and clean_text(es, PROMPT_MAX, field=_("prompt")),
        )
        for p, es in zip(prompts, prompts_es or [""] * len(prompts), strict=True)
        if p.strip()
    ]
    if not pairs:
        raise DomainError("prompt_required", _("Add at least one prompt for the room."))
    return [p for p, _es in pairs], [es for _p, es in pairs]


def _clean_details(details: SessionDetails) -> SessionDetails:
    prompts, prompts_es = _clean_prompts(details.prompts, details.prompts_es)
    return SessionDetails(
        title=clean_text(details.title, TITLE_MAX, field=_("title")),
        purpose=details.purpose.strip() and clean_text(details.purpose, LONG_TEXT_MAX),
        ground_rules=details.ground_rules.strip()
        and clean_text(details.ground_rules, LONG_TEXT_MAX),
        prompts=prompts,
        prompts_es=prompts_es,
        moderation_mode=ModerationMode(details.moderation_mode),
        complaint_channel=details.complaint_channel.strip()
        and clean_text(details.complaint_channel, COMPLAINT_CHANNEL_MAX),
        title_es=details.title_es.strip() and clean_text(details.title_es, TITLE_MAX),
        purpose_es=details.purpose_es.strip() and clean_text(details.purpose_es, LONG_TEXT_MAX),
        ground_rules_es=details.ground_rules_es.strip()
        and clean_text(details.ground_rules_es, LONG_TEXT_MAX),
        complaint_channel_es=details.complaint_channel_es.strip()
        and clean_text(details.complaint_channel_es, COMPLAINT_CHANNEL_MAX),
    )


def _set_texts(ls: ListeningSession, details: SessionDetails) -> None:
    """Every text a facilitator writes, with its Spanish version."""
    for name in ListeningSession.TRANSLATED:
        setattr(ls, name, getattr(details, name))
        setattr(ls, f"{name}_es", getattr(details, f"{name}_es"))


def create_session(
    db: Session, details: SessionDetails, created_by: User | None
) -> ListeningSession:
    """Create a draft session with a fresh, unguessable join code."""
    details = _clean_details(details)
    existing = set(db.scalars(select(ListeningSession.code)))
    code = new_join_code()
    while code in existing:  # 34 bits: a clash is rare, but check rather than hope
        code = new_join_code()
    ls = ListeningSession(
        moderation_mode=details.moderation_mode,
        code=code,
        status=SessionStatus.DRAFT,
        created_by_id=created_by.id if created_by else None,
    )
    _set_texts(ls, details)
    ls.prompts = [
        Prompt(text=t, text_es=es or None, position=i)
        for i, (t, es) in enumerate(zip(details.prompts, details.prompts_es, strict=True))
    ]
    db.add(ls)
    try:
        db.flush()
    except IntegrityError as exc:  # another process took the same code at the same moment
        raise Conflict("code_clash", _("Please try again.")) from exc
    ls.current_prompt = ls.prompts[0]
    db.flush()
    return ls


def update_session(db: Session, ls: ListeningSession, details: SessionDetails) -> ListeningSession:
    """Change a session's framing. Existing prompts keep their ids (posts refer to them)."""
    details = _clean_details(details)
    _set_texts(ls, details)
    ls.moderation_mode = details.moderation_mode
    by_text = {p.text: p for p in ls.prompts}
    for position, (text, text_es) in enumerate(
        zip(details.prompts, details.prompts_es, strict=True)
    ):
        prompt = by_text.get(text)
        if prompt is None:
            prompt = Prompt(text=text)
            ls.prompts.append(prompt)
        prompt.position = position
        prompt.text_es = text_es or None
    db.flush()
    if ls.current_prompt is None:
        ls.current_prompt = ls.prompts[0]
    db.flush()
    return ls


def get_session(db: Session, session_id: object) -> ListeningSession:
    if not isinstance(session_id, int) or isinstance(session_id, bool):
        raise DomainError("bad_payload", _("The session id must be a number."))
    if not is_id(session_id):
        raise NotFound("session_not_found", _("There is no such listening session."))
    ls = db.get(ListeningSession, session_id)
    if ls is None:
        raise NotFound("session_not_found", _("There is no such listening session."))
    return ls


def find_session_by_code(db: Session, raw_code: object) -> ListeningSession:
    """Look a session up by the code a participant typed or scanned."""
    if not isinstance(raw_code, str):
        raise DomainError("bad_payload", _("The join code must be text."))
    code = normalise_code(raw_code)
    ls = (
        db.scalar(select(ListeningSession).where(ListeningSession.code == code))
        if is_join_code(code)
        else None  # no query for what cannot be a code (a lone surrogate cannot even be sent)
    )
    if ls is None:
        raise NotFound(
            "session_not_found",
            _(
                "No session has the code %(code)s. Check the code on the screen.",
                code=raw_code[:20],
            ),
        )
    return ls


_TRANSITIONS: dict[str, tuple[set[SessionStatus], SessionStatus]] = {
    "open": ({SessionStatus.DRAFT, SessionStatus.CLOSED}, SessionStatus.OPEN),
    "pause": ({SessionStatus.OPEN}, SessionStatus.PAUSED),
    "resume": ({SessionStatus.PAUSED}, SessionStatus.OPEN),
    "close": (
        {SessionStatus.DRAFT, SessionStatus.OPEN, SessionStatus.PAUSED},
        SessionStatus.CLOSED,
    ),
    # A session closed too early (or by mistake) opens again; the console confirms first.
    "reopen": ({SessionStatus.CLOSED}, SessionStatus.OPEN),
}


def transition_session(
    db: Session, ls: ListeningSession, action: object, by: User | None
) -> ListeningSession:
    """Open, pause intake, resume or close a session."""
    if not isinstance(action, str) or action not in _TRANSITIONS:
        raise DomainError(
            "bad_action", _("Unknown action. Use open, pause, resume, close or reopen.")
        )
    allowed_from, target = _TRANSITIONS[str(action)]
    if target != SessionStatus.CLOSED:
        check_posts_kept(ls)  # new posts would join a session whose posts are gone
    if ls.status not in allowed_from:
        raise Conflict(
            "bad_transition",
            _(
                "That cannot be done now: the session is %(status)s.",
                status=session_status_labels()[ls.status.value].lower(),
            ),
        )
    ls.status = target
    now = utcnow()
    if target == SessionStatus.OPEN and ls.opened_at is None:
        ls.opened_at = now
    if target == SessionStatus.CLOSED:
        ls.closed_at = now
    if action == "reopen":
        ls.closed_at = None
    db.add(ModerationAction(session_id=ls.id, user_id=by.id if by else None, action=str(action)))
    db.flush()
    return ls


def set_current_prompt(
    db: Session,
    ls: ListeningSession,
    by: User | None,
    *,
    prompt_id: object = None,
    text: object = None,
    text_es: object = None,
) -> ListeningSession:
    """Make an existing prompt current, or add a new one and make it current.

    A new prompt may come with its Spanish version (``text_es``; empty means none). An
    existing prompt typed again keeps its Spanish version unless a new one is given.
    """
    if text is not None:
        # One line each: the session form pairs prompts with their Spanish by line.
        cleaned = " ".join(clean_text(text, PROMPT_MAX, field=_("prompt")).split())
        spanish = None
        if text_es is not None and not (isinstance(text_es, str) and not text_es.strip()):
            spanish = " ".join(clean_text(text_es, PROMPT_MAX, field=_("Spanish prompt")).split())
        prompt = next((p for p in ls.prompts if p.text == cleaned), None)
        if prompt is None:
            prompt = Prompt(text=cleaned, text_es=spanish, position=len(ls.prompts))
            ls.prompts.append(prompt)
            db.flush()
        elif spanish:
            prompt.text_es = spanish
    else:
        if not is_id(prompt_id):
            raise DomainError("bad_payload", _("Choose a prompt or type a new one."))
        prompt = next((p for p in ls.prompts if p.id == prompt_id), None)
        if prompt is None:
            raise NotFound("prompt_not_found", _("That prompt is not part of this session."))
    ls.current_prompt = prompt
    db.add(
        ModerationAction(
            session_id=ls.id,
            user_id=by.id if by else None,
            action="set_prompt",
            detail=str(prompt.id),
        )
    )
    db.flush()
    return ls
