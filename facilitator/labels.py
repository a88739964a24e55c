"""Words shown to people for the codes stored in the database."""

from __future__ import annotations

from flask_babel import gettext as _

from facilitator.models import Affiliation, ConcernStatus, HideReason


def hide_reasons() -> dict[str, str]:
    return {
        HideReason.OFF_TOPIC.value: _("Off topic for this session"),
        HideReason.PERSONAL_INFORMATION.value: _("Contains personal information"),
        HideReason.ABUSIVE.value: _("Abusive or hateful"),
        HideReason.DUPLICATE.value: _("Already said by someone else"),
        HideReason.SPAM.value: _("Spam or advertising"),
        HideReason.OTHER.value: _("Other reason"),
    }


def status_labels() -> dict[str, str]:
    return {
        "sending": _("Sending…"),
        ConcernStatus.HELD.value: _("Received: waiting for review"),
        ConcernStatus.SHOWN.value: _("Shown to the room"),
        ConcernStatus.HIDDEN.value: _("Not shown"),
        ConcernStatus.WITHDRAWN.value: _("Withdrawn by you"),
        ConcernStatus.MERGED.value: _("Shown together with a similar concern"),
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
