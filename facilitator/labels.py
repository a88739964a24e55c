"""Words shown to people for the codes stored in the database."""

from __future__ import annotations

from flask_babel import gettext as _

from facilitator.models import (
    Affiliation,
    ConcernStatus,
    HideReason,
    ItemStatus,
    ModerationAction,
    OwnerRole,
    ResponseType,
    SessionStatus,
)
from facilitator.theme_models import RunError


def hide_reasons() -> dict[str, str]:
    """The public reasons to hide a post (shown to its author and counted for the room)."""
    return {
        HideReason.OFF_TOPIC.value: _("Off topic for this session"),
        HideReason.PERSONAL_INFORMATION.value: _("Contains personal information"),
        HideReason.ABUSIVE.value: _("Abusive or hateful"),
        HideReason.DUPLICATE.value: _("Already said by someone else"),
        HideReason.SPAM.value: _("Spam or advertising"),
        HideReason.OTHER.value: _("Other reason"),
    }


def safety_outcomes() -> dict[str, str]:
    """The safety moderator's private outcomes (told to staff only)."""
    return {
        HideReason.RESOLVED_PRIVATELY.value: _("Resolved privately"),
        HideReason.REFERRED_TO_SUPPORT.value: _("Referred to support"),
    }


def status_labels() -> dict[str, str]:
    return {
        "sending": _("Sending…"),
        ConcernStatus.HELD.value: _("Received: waiting for review"),
        ConcernStatus.SHOWN.value: _("Shown to the room"),
        ConcernStatus.HIDDEN.value: _("Not shown"),
        ConcernStatus.WITHDRAWN.value: _("Withdrawn by you"),
        ConcernStatus.MERGED.value: _("Shown together with a similar concern"),
        ConcernStatus.RESOLVED.value: _("Read by the safety moderator; not shown to the room"),
    }


def role_labels() -> dict[str, str]:
    return {
        "admin": _("Administrator"),
        "facilitator": _("Facilitator"),
        "safety_moderator": _("Safety moderator"),
        "committee_member": _("Committee member"),
    }


def affiliation_labels() -> dict[str, str]:
    return {
        Affiliation.POLICE.value: _("Police"),
        Affiliation.COMMUNITY.value: _("Community partner"),
        Affiliation.CITY.value: _("City"),
    }


def audit_labels() -> dict[str, str]:
    """What each account or initiative change is called in the audit log."""
    return {
        "account_created": _("Account created"),
        "roles_changed": _("Roles changed"),
        "account_deactivated": _("Account deactivated"),
        "account_reactivated": _("Account reactivated"),
        "password_reset_link": _("Password reset link made"),
        "password_reset_used": _("Password reset with a link"),
        "initiative_created": _("Initiative created"),
        "initiative_changed": _("Initiative changed"),
        "member_added": _("Member added"),
        "member_removed": _("Member removed"),
        "session_assigned": _("Session added to the initiative"),
    }


def item_status_labels() -> dict[str, str]:
    return {
        ItemStatus.PROPOSED.value: _("Proposed"),
        ItemStatus.ACCEPTED.value: _("Accepted"),
        ItemStatus.IN_PROGRESS.value: _("In progress"),
        ItemStatus.DONE.value: _("Done"),
        ItemStatus.DECLINED.value: _("Declined"),
    }


def response_type_labels() -> dict[str, str]:
    return {
        ResponseType.ACKNOWLEDGE.value: _("Acknowledge"),
        ResponseType.EXPLAIN.value: _("Explain"),
        ResponseType.CHANGE_POLICY.value: _("Change a policy"),
        ResponseType.TRAIN.value: _("Train"),
        ResponseType.RESOURCE.value: _("Provide a resource"),
        ResponseType.REFER.value: _("Refer"),
        ResponseType.DECLINE.value: _("Decline, with the reason"),
    }


def owner_labels() -> dict[str, str]:
    return {
        OwnerRole.POLICE.value: _("Police"),
        OwnerRole.COMMUNITY.value: _("Community partner"),
        OwnerRole.JOINT.value: _("Police and community, jointly"),
    }


def session_status_labels() -> dict[str, str]:
    """A session's status, as the session list and the console name it."""
    return {
        SessionStatus.DRAFT.value: _("Not started"),
        SessionStatus.OPEN.value: _("Open"),
        SessionStatus.PAUSED.value: _("Paused"),
        SessionStatus.CLOSED.value: _("Closed"),
    }


def display_status_messages() -> dict[str, str]:
    """The projector's banner for each session status (none while open)."""
    return {
        SessionStatus.DRAFT.value: _("Starting soon"),
        SessionStatus.PAUSED.value: _("Posting is paused"),
        SessionStatus.CLOSED.value: _("This session has ended. Thank you."),
    }


def log_actions() -> dict[str, str]:
    """What each code in the moderation log means, in plain words."""
    return {
        "approve": _("Approved"),
        "hide": _("Hidden"),
        "restore": _("Restored for review"),
        "resolve": _("Resolved by the safety moderator"),
        "pin": _("Pinned"),
        "unpin": _("Unpinned"),
        "edit": _("Text edited"),
        "redact": _("Hidden parts changed"),
        "merge": _("Merged"),
        "post_on_behalf": _("Entered for someone"),
        "set_prompt": _("Question changed"),
        "open": _("Session opened"),
        "pause": _("Posting paused"),
        "resume": _("Posting resumed"),
        "close": _("Session closed"),
        "reopen": _("Session reopened"),
    }


def log_detail(action: ModerationAction, prompts: dict[int, str]) -> str:
    """The detail column of one log row in words (never a post's text)."""
    detail = action.detail or ""
    if action.action == "hide":
        return hide_reasons().get(detail, detail)
    if action.action == "resolve":
        return safety_outcomes().get(detail, detail)
    if action.action == "merge" and detail.isdigit():
        return _("Into #%(id)s", id=detail)
    if action.action == "redact" and detail.isdigit():
        return _("%(n)s parts hidden", n=detail)
    if action.action == "set_prompt" and detail.isdigit():
        return prompts.get(int(detail), "")
    return detail


def category_labels() -> dict[str, str]:
    """The theme categories (docs/domain.md), as shown to residents."""
    return {
        "T1": _("Acknowledging harm and rebuilding trust"),
        "T2": _("Accountability, policy and oversight"),
        "T3": _("Information, transparency and technology"),
        "T4": _("Community safety, prevention and partnership"),
        "T5": _("Training, hiring and culture"),
        "T6": _("Officer wellness and safety"),
        "T7": _("Support for people and families harmed"),
        "T8": _("Having a voice and seeing follow-through"),
        "T9": _("Equity, language and access"),
    }


def run_errors() -> dict[str, str]:
    """Why a theme run failed, by ``RunError`` code; ``%(detail)s`` is the stored detail."""
    return {
        RunError.WORKER_STOPPED.value: _(
            "The analysis worker stopped before finishing. Please try again."
        ),
        RunError.INPUT.value: _(
            "The analysis could not read the concerns: %(detail)s", detail="%(detail)s"
        ),
        RunError.FAILED.value: _(
            "The analysis failed (%(detail)s). Please try again.", detail="%(detail)s"
        ),
    }


def run_error_message(error: str) -> str:
    """A run's stored ``error`` in the reader's language.

    ``themes.js`` does the same with ``run_errors()`` for the live progress bar. A run
    stored before the codes has its English sentence, shown as it is.
    """
    code, _sep, detail = (error or "").partition(":")
    template = run_errors().get(code)
    return template.replace("%(detail)s", detail) if template else error


def stage_labels() -> dict[str, str]:
    """The stages of a theme run, as the progress bar names them."""
    return {
        "queued": _("Waiting to start"),
        "preparing": _("Preparing"),
        "embedding": _("Embedding"),
        "clustering": _("Clustering"),
        "labelling": _("Labelling"),
        "saving": _("Saving"),
        "done": _("Done"),
        "failed": _("Failed"),
        "cancelled": _("Cancelled"),
    }
